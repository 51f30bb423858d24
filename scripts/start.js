#!/usr/bin/env node
// `npm start`: the product on this machine in one command. Builds the extension, starts the embedded sample
// Capillary API, starts the browser-hosted VS Code (code-server) with the extension installed and a
// "Sample (local)" connection profile, and prints the URL to open. Ctrl+C stops everything it started.
// The profile's credentials are set through the extension's own "Capillary: Set Credentials" command by a
// helper extension that only npm start installs (scripts/start-credentials/): the product knows nothing of the sample.
//
//   CAPILLARY_START_PORT  port of the VS Code workbench (default 8080)
//   SAMPLE_API_PORT       port of the sample API (default 8123)
//
//   npm start -- --add-events-every SECONDS   the sample API adds an event to user 564332013, rule 1986 that often,
//                                             so that a watched lookup has something to pick up
//   npm start -- --rate-limit N               the sample API answers at most N requests a second, then HTTP 429
//                                             (no Retry-After): lookups pause and say "waiting for Capillary's rate limit"
//   SAMPLE_API_FAIL_TARGET_GROUPS  e.g. 403: the sample API's targetGroups fails with that status, so that the
//                         table shows "target progress unavailable" beside the events
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PROFILE_NAME = 'Sample (local)';

function step(title, argv) {
  console.log(`${title}...`);
  const result = spawnSync(argv[0], argv.slice(1), { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`${title} failed (exit code ${result.status}); run '${argv.slice(1).join(' ')}' to see why.`);
  }
}

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, got ${JSON.stringify(raw)}.`);
  }
  return Number(raw);
}

function assertPortFree(port, envName) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () =>
      reject(new Error(`Port ${port} on 127.0.0.1 is in use. Stop what uses it or choose another with ${envName}=PORT.`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * Installs (a copy of) scripts/start-credentials/, which runs `capillary.setCredentials` with these arguments when
 * the workbench has started; the sample API's credentials are public test values.
 */
function installCredentialsHelper(extensionsDir, credentialArgs) {
  const source = path.join(REPO_ROOT, 'scripts', 'start-credentials');
  const helper = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${helper.publisher}.${helper.name}-${helper.version}`);
  fs.mkdirSync(target);
  for (const file of ['package.json', 'extension.js']) fs.copyFileSync(path.join(source, file), path.join(target, file));
  fs.writeFileSync(path.join(target, 'credentials.json'), JSON.stringify(credentialArgs, null, 2));
}

/** The whole number from 1 after `flag` (`--add-events-every N`, `--rate-limit N`), or undefined without the flag. */
function countFlag(argv, flag) {
  const at = argv.indexOf(flag);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (!/^\d+$/.test(value ?? '') || Number(value) < 1) throw new Error(`${flag} needs a whole number from 1, got ${JSON.stringify(value)}.`);
  return Number(value);
}

async function main() {
  const everySeconds = countFlag(process.argv.slice(2), '--add-events-every');
  const rateLimitPerSecond = countFlag(process.argv.slice(2), '--rate-limit');
  const workbenchPort = portFromEnv('CAPILLARY_START_PORT', 8080);
  const samplePort = portFromEnv('SAMPLE_API_PORT', 8123);
  await assertPortFree(workbenchPort, 'CAPILLARY_START_PORT');
  await assertPortFree(samplePort, 'SAMPLE_API_PORT');

  step('Building the extension', [process.execPath, 'esbuild.js']);
  // Compiles the sample API and the code-server helpers to out/ (type errors elsewhere do not stop the emit).
  spawnSync(process.execPath, [TSC, '-p', 'tsconfig.test.json'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const { Cleanup, codeServerInstallDir, findCodeServer, makeTempDir, startCodeServer } = require('../out/test/runner/codeServer');
  const { startSampleApi, SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, PROGRESS_LOOKUPS } = require('../out/sample-api/server');
  const failTargetGroups = process.env.SAMPLE_API_FAIL_TARGET_GROUPS;
  step('Installing code-server if needed (once, about two minutes; cached after)', ['bash', path.join(REPO_ROOT, 'scripts', 'install-code-server.sh')]);
  findCodeServer();
  // The install records whether it has ripgrep (see install-code-server.sh); without it only text search is missing.
  const installed = fs.readFileSync(path.join(codeServerInstallDir(), '.install-complete'), 'utf8');
  if (installed.includes('ripgrep=no')) {
    console.log("No ripgrep on this machine: VS Code's text search (Find in Files) is unavailable; 'apt-get install -y ripgrep' adds it at the next npm start.");
  }

  const cleanup = new Cleanup();
  cleanup.exitOnSignals();
  try {
    const sampleApi = await startSampleApi({ port: samplePort });
    cleanup.add(() => sampleApi.stop());
    if (failTargetGroups) sampleApi.setFaults({ targetGroupsFailStatus: Number(failTargetGroups) });
    if (rateLimitPerSecond !== undefined) sampleApi.setFaults({ rateLimitPerSecond });
    console.log(`Sample Capillary API listening on ${sampleApi.url}`);
    if (rateLimitPerSecond !== undefined) console.log(`It answers at most ${rateLimitPerSecond} requests a second, then HTTP 429.`);
    if (everySeconds !== undefined) {
      const { userId, targetRuleId } = SAMPLE_LOOKUPS.docExample;
      sampleApi.startAddingEvents({ userId, targetRuleId, everySeconds });
      console.log(`It adds an event to user ${userId}, rule ${targetRuleId} every ${everySeconds} s.`);
    }

    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const extensionsDir = makeTempDir(cleanup, 'capillary-start-extensions-');
    // Installed as a user extension by linking the repository itself, so a rebuild shows after a reload.
    fs.symlinkSync(REPO_ROOT, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`));
    installCredentialsHelper(extensionsDir, { profile: PROFILE_NAME, ...SAMPLE_CREDENTIALS.basic });
    const workspaceFolder = makeTempDir(cleanup, 'capillary-start-workspace-');

    console.log('Starting VS Code (code-server)...');
    const server = await startCodeServer(
      {
        workspaceFolder,
        userDataDir: makeTempDir(cleanup, 'capillary-start-user-data-'),
        extensionsDir,
        port: workbenchPort,
        userSettings: {
          'capillary.profiles': [{ name: PROFILE_NAME, baseUrl: sampleApi.url, authType: 'basic' }],
          'capillary.activeProfile': PROFILE_NAME,
          'workbench.startupEditor': 'none',
        },
      },
      cleanup,
    );
    const url = `${server.url}?folder=${encodeURIComponent(workspaceFolder)}`;
    const example = SAMPLE_LOOKUPS.docExample;
    console.log('');
    console.log(`Open VS Code in your browser: ${url}`);
    console.log(`Try "Capillary: Look Up Tracked Target Events" (F1) with userId ${example.userId} and targetRuleId ${example.targetRuleId}.`);
    console.log('Target progress cases (userId / targetRuleId):');
    console.log(`  every period matches:              ${example.userId} / ${example.targetRuleId}`);
    console.log(`  event processed after period end:  ${PROGRESS_LOOKUPS.lateProcessed.userId} / ${PROGRESS_LOOKUPS.lateProcessed.targetRuleId}`);
    console.log(`  a return (negative value):         ${PROGRESS_LOOKUPS.withReturn.userId} / ${PROGRESS_LOOKUPS.withReturn.targetRuleId}`);
    console.log(`  event before enrolment:            ${PROGRESS_LOOKUPS.beforeEnrolment.userId} / ${PROGRESS_LOOKUPS.beforeEnrolment.targetRuleId}`);
    console.log(`  streak target:                     ${SAMPLE_LOOKUPS.behavioural.userId} / ${SAMPLE_LOOKUPS.behavioural.targetRuleId}`);
    console.log(`  a month without events:            ${PROGRESS_LOOKUPS.quietPeriod.userId} / ${PROGRESS_LOOKUPS.quietPeriod.targetRuleId}`);
    if (failTargetGroups) console.log(`  targetGroups answers HTTP ${failTargetGroups} (SAMPLE_API_FAIL_TARGET_GROUPS): progress shows as unavailable`);
    console.log('Ctrl+C stops VS Code and the sample API.');
    await server.exited;
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

main().catch((error) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
