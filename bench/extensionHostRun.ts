// Part 3 in the browser-hosted VS Code: starts code-server with the extension under development and
// bench/extensionHost as its extension-tests module (the payload mechanism of the extension-host test
// runner), plus a sample API on 127.0.0.1 for the held-lookup heap figure, and reads back the result line.
import * as path from 'node:path';
import { SAMPLE_LOOKUPS, startSampleApi } from '../sample-api/server';
import { Cleanup, launchBrowser, makeTempDir, REPO_ROOT, startCodeServer, workbenchUrl } from '../test/runner/codeServer';
import { BENCH_PROFILE, HEAP_EVENTS_ENV, RAW_JSON_NAME_PREFIX, RESULT_PREFIX, type ExtensionHostResults } from './extensionHost/protocol';

const MODULE = path.join(REPO_ROOT, 'out', 'bench', 'extensionHost', 'index.js');

export interface ExtensionHostRun extends ExtensionHostResults {
  /** Requests the sample API received while the extension activated (it must make none). */
  apiRequestsDuringActivation: number;
  /** Per raw JSON opening: from the command to the browser's first frame with the document's text in its editor. */
  rawJsonPaintedMs?: number[];
}

/** The page's record of when each raw JSON editor first showed text (Date.now()). */
type ShownRecord = { capillaryRawJsonShown?: number[] };

/** In the workbench page: notes the first frame of each showing of a raw JSON editor with its text drawn. */
function watchRawJsonEditor(namePrefix: string): void {
  const shown: number[] = ((globalThis as ShownRecord).capillaryRawJsonShown = []);
  let showing = false;
  const check = () => {
    const tab = document.querySelector(`.tab.active[aria-label*="${namePrefix}"]`);
    const line = tab && document.querySelector('.editor-instance .monaco-editor .view-lines .view-line');
    // A hidden editor keeps its DOM: only drawn text counts.
    const now = Boolean(line?.textContent) && (line?.getClientRects().length ?? 0) > 0;
    if (now && !showing) shown.push(Date.now());
    showing = now;
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** `extensionDir`: the extension folder to load (the shipped files of a production build). */
export async function benchExtensionHost(heapEvents: number, extensionDir: string, timeoutMs = 240_000): Promise<ExtensionHostRun> {
  const cleanup = new Cleanup();
  try {
    const api = await startSampleApi({ largeUserEvents: Math.max(heapEvents, 1) });
    cleanup.add(() => api.stop());
    const workspaceFolder = makeTempDir(cleanup, 'capillary-bench-workspace-');
    const server = await startCodeServer(
      {
        workspaceFolder,
        userDataDir: makeTempDir(cleanup, 'capillary-bench-user-data-'),
        extensionsDir: makeTempDir(cleanup, 'capillary-bench-extensions-'),
        // A profile exists from the start, so an activation that reached for the network would show in the API's log.
        userSettings: {
          'capillary.profiles': [{ name: BENCH_PROFILE, baseUrl: api.url, authType: 'basic' }],
          'capillary.activeProfile': BENCH_PROFILE,
        },
        env: { [HEAP_EVENTS_ENV]: String(heapEvents) },
      },
      cleanup,
    );
    const { browser, context } = await launchBrowser(cleanup);
    let resultLine: string | undefined;
    let apiRequestsDuringActivation = -1;
    const lines: string[] = [];
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await context.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
      lines.push(text);
      if (lines.length > 30) lines.shift();
      if (text.startsWith(RESULT_PREFIX)) resultLine = text.slice(RESULT_PREFIX.length);
    });
    await context.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    const page = await context.newPage();
    await page.addInitScript(watchRawJsonEditor, RAW_JSON_NAME_PREFIX);
    await page.goto(workbenchUrl(server, { folder: workspaceFolder, extensionDevelopmentPath: extensionDir, extensionTestsPath: MODULE }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The extension-host bench did not finish within ${timeoutMs / 1000} s.`)), timeoutMs);
    });
    const browserClosed = new Promise<never>((_, reject) => browser.once('disconnected', () => reject(new Error('Chromium closed during the extension-host bench.'))));
    try {
      const code = await Promise.race([exited, timeout, browserClosed, server.exited]);
      if (code !== 0 || !resultLine) {
        throw new Error(`The extension-host bench module failed (exit code ${code}). Its last output:\n${lines.join('\n')}`);
      }
    } finally {
      clearTimeout(timer);
    }
    const results = JSON.parse(resultLine) as ExtensionHostResults;
    const shown = await page.evaluate(() => (globalThis as ShownRecord).capillaryRawJsonShown ?? []);
    const rawJsonPaintedMs = results.rawJsonOpens?.map((open) => (shown.find((time) => time >= open.startedAt) ?? NaN) - open.startedAt);
    // Every request the API saw before the lookup was started by the bench, i.e. during activation.
    apiRequestsDuringActivation = api.requests.filter((request) => !request.path.includes(`/users/${SAMPLE_LOOKUPS.large.userId}/`)).length;
    return { ...results, apiRequestsDuringActivation, rawJsonPaintedMs };
  } finally {
    await cleanup.run();
  }
}
