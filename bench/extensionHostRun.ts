// Part 3 in the browser-hosted VS Code: starts code-server with the extension under development and
// bench/extensionHost as its extension-tests module (the payload mechanism of the extension-host test
// runner), plus a sample API on 127.0.0.1 for the held-lookup heap figure, and reads back the result line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSampleApi } from '../sample-api/server';
import { Cleanup, launchBrowser, makeTempDir, REPO_ROOT, startCodeServer, workbenchUrl } from '../test/runner/codeServer';
import {
  BENCH_PROFILE,
  HEAP_EVENTS_ENV,
  PROGRESSIVE_API_ENV,
  PROGRESSIVE_SEEN_ENV,
  PROGRESSIVE_START_PREFIX,
  RAW_JSON_NAME_PREFIX,
  RESULT_PREFIX,
  type ExtensionHostResults,
} from './extensionHost/protocol';

const MODULE = path.join(REPO_ROOT, 'out', 'bench', 'extensionHost', 'index.js');

/** The first-rows lookup: 60 pages of 100 events, each answered after 150 ms, 4 in flight (the client's default). */
export const PROGRESSIVE_SHAPE = { events: 6_000, latencyMs: 150 } as const;

export interface ExtensionHostRun extends ExtensionHostResults {
  /** Requests the sample API received while the extension activated (it must make none). */
  apiRequestsDuringActivation: number;
  /** Epoch milliseconds at which the table's frame with the first rows, and with the whole result, was painted. */
  progressivePaints?: { firstRowsEpochMs: number; lastPaintEpochMs: number };
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

interface TablePaints {
  firstRowsEpochMs?: number;
  lastPaintEpochMs?: number;
}

/**
 * In every webview content frame (VS Code's `fake.html`, which the webview host fills with document.write: the
 * window and this observer stay), from before the table's script runs: records when the frame after the first event
 * row, and the frame after the complete result (`summary`'s count, no loading banner), were painted. Installed
 * before the workbench loads, so that no row can come before it watches.
 */
function recordTablePaints(summary: string): void {
  if (!location.pathname.endsWith('/fake.html')) return;
  const paints: TablePaints = ((window as unknown as { __paints: TablePaints }).__paints = {});
  const painted = (key: keyof TablePaints) => requestAnimationFrame(() => setTimeout(() => (paints[key] ??= performance.timeOrigin + performance.now())));
  new MutationObserver(() => {
    if (paints.firstRowsEpochMs === undefined && document.querySelector('.event-row')) painted('firstRowsEpochMs');
    const done = document.querySelector('.summary')?.textContent?.startsWith(summary) && !document.querySelector('.banner.loading');
    if (done) painted('lastPaintEpochMs');
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Waits for the events table's frame to have recorded both paints (see recordTablePaints). */
async function watchTablePaints(page: Page, timeoutMs = 60_000): Promise<Required<TablePaints>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const paints = await frame
        .evaluate(() => (document.getElementById('app') ? ((window as unknown as { __paints?: TablePaints }).__paints ?? null) : undefined))
        .catch(() => undefined);
      if (paints === null) throw new Error('The bench\'s paint recorder was not in the table\'s frame: the first-rows time is unknown.');
      if (paints?.firstRowsEpochMs !== undefined && paints.lastPaintEpochMs !== undefined) {
        return { firstRowsEpochMs: paints.firstRowsEpochMs, lastPaintEpochMs: paints.lastPaintEpochMs };
      }
    }
    if (Date.now() > deadline) throw new Error('The bench did not see the events table paint the whole first-rows lookup.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `extensionDir`: the extension folder to load (the shipped files of a production build). */
export async function benchExtensionHost(heapEvents: number, extensionDir: string, timeoutMs = 240_000): Promise<ExtensionHostRun> {
  const cleanup = new Cleanup();
  try {
    const api = await startSampleApi({ largeUserEvents: Math.max(heapEvents, 1) });
    cleanup.add(() => api.stop());
    const slowApi = await startSampleApi({ largeUserEvents: PROGRESSIVE_SHAPE.events, latencyMs: PROGRESSIVE_SHAPE.latencyMs });
    cleanup.add(() => slowApi.stop());
    const seenFile = path.join(makeTempDir(cleanup, 'capillary-bench-progressive-'), 'seen');
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
        env: { [HEAP_EVENTS_ENV]: String(heapEvents), [PROGRESSIVE_API_ENV]: slowApi.url, [PROGRESSIVE_SEEN_ENV]: seenFile },
      },
      cleanup,
    );
    const { browser, context } = await launchBrowser(cleanup);
    let resultLine: string | undefined;
    let paintsWatch: Promise<{ firstRowsEpochMs: number; lastPaintEpochMs: number }> | undefined;
    // Functions exposed on the context reach this page too: it loads the workbench only after them.
    const page = await context.newPage();
    await page.addInitScript(watchRawJsonEditor, RAW_JSON_NAME_PREFIX);
    await page.addInitScript(recordTablePaints, `${PROGRESSIVE_SHAPE.events.toLocaleString('en-US')} events`);
    let apiRequestsDuringActivation = -1;
    const lines: string[] = [];
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await context.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
      lines.push(text);
      if (lines.length > 30) lines.shift();
      if (text.startsWith(RESULT_PREFIX)) resultLine = text.slice(RESULT_PREFIX.length);
      if (text.startsWith(PROGRESSIVE_START_PREFIX)) {
        paintsWatch = watchTablePaints(page);
        // The module waits for this file either way; a failed watch is reported when its result is read.
        const seen = () => fs.writeFileSync(seenFile, '');
        paintsWatch.then(seen, seen);
      }
    });
    await context.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
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
    const progressivePaints = paintsWatch ? await paintsWatch : undefined;
    const shown = await page.evaluate(() => (globalThis as ShownRecord).capillaryRawJsonShown ?? []);
    const rawJsonPaintedMs = results.rawJsonOpens?.map((open) => (shown.find((time) => time >= open.startedAt) ?? NaN) - open.startedAt);
    // Every request the API saw until activation had ended came from it (the bench's own come after).
    apiRequestsDuringActivation = api.requests.filter((request) => request.receivedAt <= results.activatedEpochMs).length;
    return { ...results, apiRequestsDuringActivation, progressivePaints, rawJsonPaintedMs };
  } finally {
    await cleanup.run();
  }
}
