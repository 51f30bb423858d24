// Runs the mocha suite of test/vscode inside the extension host of a real VS Code (code-server, driven by
// headless Chromium), the way @vscode/test-electron does with desktop VS Code. Relays the tests' output to
// stdout and exits with their exit code.
//
// Usage: node out/test/runner/runExtensionTests.js
//   CAPILLARY_TEST_TIMEOUT_SECONDS  overall time limit (default 300)
//   CAPILLARY_TEST_VERBOSE=1        also print code-server's and the workbench's own log lines
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { Cleanup, delay, launchBrowser, makeTempDir, REPO_ROOT, startCodeServer, workbenchUrl } from './codeServer';

const TESTS_MODULE = path.join(REPO_ROOT, 'out', 'test', 'vscode', 'index.js');
const TIMEOUT_SECONDS = Number(process.env.CAPILLARY_TEST_TIMEOUT_SECONDS ?? 300);
const VERBOSE = process.env.CAPILLARY_TEST_VERBOSE === '1';

/**
 * The workbench's own start-up chatter and the extension gallery lookups that fail offline: they say nothing
 * about the tests. Everything else (the tests' console output, real errors) is relayed.
 */
const WORKBENCH_NOISE = [
  /^Resolving connection token /,
  /^Resolved connection token /,
  /^Creating a socket /,
  /^Updating additional builtin extensions cache$/,
  /^\[Service Worker\] /,
  /^ChatSessionStore: /,
  /^Creation of workbench contribution '.*' took \d+ms\.$/,
  /ENOTFOUND open-vsx\.org|ENOTFOUND marketplace|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/,
];
/** test/vscode/index.ts's closing line; printed last, after the runner's own closing message. */
const SUMMARY_LINE = /^\d+ passed, \d+ failed$/;
let testsSummary: string | undefined;

async function main(): Promise<number> {
  if (!fs.existsSync(TESTS_MODULE)) {
    throw new Error(`${TESTS_MODULE} does not exist: run 'npm run compile-tests' first.`);
  }
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
    throw new Error(`dist/extension.js does not exist: run 'npm run build' first.`);
  }

  const cleanup = new Cleanup();
  cleanup.exitOnSignals();
  try {
    return await runWithinTimeLimit(cleanup);
  } finally {
    await cleanup.run();
  }
}

async function runWithinTimeLimit(cleanup: Cleanup): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeLimit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `The extension tests did not finish within ${TIMEOUT_SECONDS} s (a hang in a test or in VS Code). ` +
              'Raise CAPILLARY_TEST_TIMEOUT_SECONDS if the machine is just slow; CAPILLARY_TEST_VERBOSE=1 shows more.',
          ),
        ),
      TIMEOUT_SECONDS * 1000,
    );
  });
  try {
    return await Promise.race([runTests(cleanup), timeLimit]);
  } finally {
    clearTimeout(timer);
  }
}

async function runTests(cleanup: Cleanup): Promise<number> {
  const started = Date.now();
  const workspaceFolder = makeTempDir(cleanup, 'capillary-workspace-');
  const server = await startCodeServer(
    {
      workspaceFolder,
      userDataDir: makeTempDir(cleanup, 'capillary-user-data-'),
      extensionsDir: makeTempDir(cleanup, 'capillary-extensions-'),
      onOutput: VERBOSE ? (line) => console.log(`[code-server] ${line}`) : undefined,
    },
    cleanup,
  );
  console.log(`code-server answered on ${server.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const { browser, context } = await launchBrowser(cleanup);
  const browserClosed = new Promise<never>((_, reject) =>
    browser.once('disconnected', () => reject(new Error('Chromium closed or crashed before the tests finished.'))),
  );
  browserClosed.catch(() => undefined);

  let reportExit: (code: number) => void = () => undefined;
  const testsExited = new Promise<number>((resolve) => (reportExit = resolve));
  await context.exposeFunction('codeAutomationLog', (type: string, args: unknown) => relayLog(type, args));
  await context.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

  const page = await context.newPage();
  const pageCrashed = new Promise<never>((_, reject) =>
    page.once('crash', () => reject(new Error('The workbench page crashed in Chromium before the tests finished.'))),
  );
  pageCrashed.catch(() => undefined);
  if (VERBOSE) page.on('console', (message) => console.log(`[workbench console] ${message.text()}`));
  await page.goto(
    workbenchUrl(server, { folder: workspaceFolder, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: TESTS_MODULE }),
  );

  const code = await Promise.race([testsExited, browserClosed, pageCrashed, server.exited]);
  // The extension host flushes its last console lines just before it reports the exit.
  await delay(200);
  console.log(`Extension tests finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (testsSummary) console.log(testsSummary);
  return code;
}

/** Relays one log call of the workbench or extension host (console arguments, printf-style formats included). */
function relayLog(type: string, args: unknown): void {
  const values = Array.isArray(args) ? args : [args];
  const text = util.format(...values);
  if (!VERBOSE && WORKBENCH_NOISE.some((pattern) => pattern.test(text))) return;
  if (SUMMARY_LINE.test(text)) {
    testsSummary = text;
    return;
  }
  (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(text + '\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Extension tests could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
