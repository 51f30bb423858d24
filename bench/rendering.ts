// Part 2, rendering: dist/webview.js in headless Chromium (the webview tests' harness: the panel's CSP and a
// stub acquireVsCodeApi), given the same `data` message the extension posts; baseline in the same browser:
// the toolkit's vscode-data-grid, bundled on the fly with esbuild, given a slice of the same rows.
import * as esbuild from 'esbuild';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { TrackedTargetEvent } from '../src/capillary/types';
import { eventLabel } from '../src/shared/display';
import { dataMessage, generatedGroups, loadingMessage, lookup, rowsMessage, tableData } from '../test/webview/fixtures';
import { measureFilter, measureStagedMessage, measureStagedSequence, pageErrors, repoRoot, stageMessage, WebviewHarness, type MeasuredSequence } from '../test/webview/harness';

export interface RenderSizes {
  periods: number;
  eventsPerPeriod: number;
  /** Rows given to the toolkit's data grid (it renders every row, so it gets a tenth). */
  dataGridRows: number;
}

export interface RenderResults {
  sizes: RenderSizes & { events: number };
  /** From the data message to the frame after it was painted, in a freshly opened panel (wall time). */
  paintedMs: number;
  /**
   * CPU time of the page's main thread over the same span (script, style, layout, paint), from a Chrome
   * trace: unlike wall time it does not grow while other processes hold the CPU.
   */
  paintedMainThreadMs: number;
  /** Synchronous part of the first paint (the message handler). */
  handlerMs: number;
  /**
   * The same lookup arriving as PROGRESSIVE_PAGES pages PAGE_INTERVAL_MILLIS apart, posted as rows page by page
   * (`progressive`) and as progress over the loading screen then every row at once (`oneShot`, whose rows are on
   * screen at its `paintedMs`); `progressiveCpuRatio` is the first's main-thread CPU ÷ the second's.
   */
  progressive: MeasuredSequence & { pages: number };
  oneShot: MeasuredSequence;
  progressiveCpuRatio: number;
  /** A refetch with the same events (a watch's refresh): the `rows` message without rows that the panel posts. */
  unchangedRefresh: { paintedMs: number; mainThreadMs: number };
  /** The same lookup posted again to the same panel (a refresh), twice: wall and main-thread times. */
  repaintMs: number[];
  repaintMainThreadMs: number[];
  /** Most row elements in the DOM at any moment (every DOM change is watched). */
  maxRowElements: number;
  /** Keystrokes typed one after another (t, tx, txn, txn-1, txn-12, cleared), each to the painted frame. */
  filterKeystrokesMs: number[];
  filterKeystrokesMainThreadMs: number[];
  filterWorstMs: number;
  filterWorstMainThreadMs: number;
  /** The first sort by targetValue (computes the order) and the second (reverses it). */
  sortMs: number;
  sortAgainMs: number;
  /** Jump from the top to the end of the table, to the painted frame with the last row in it. */
  scrollToLastMs: number;
  dataGrid: { rows: number; paintedMs: number; rowElements: number };
  /** Milliseconds per row: the data grid's ÷ ours. */
  perRowSpeedup: number;
}

/** The progressive paint gets the events as 60 pages arriving 37.5 ms apart (150 ms each, 4 in flight). */
const PROGRESSIVE_PAGES = 60;
const PAGE_INTERVAL_MILLIS = 37.5;
/** After the last paint, idle work (the search index) still runs: both ways are measured until it is done. */
const SETTLE_MILLIS = 1500;

/** A frame rendered after the work: the same marker the harness's timings use. */
const AFTER_PAINT = 'new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))';

async function watchRowPeak(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __rowPeak: number };
    w.__rowPeak = document.querySelectorAll('[role="row"]').length;
    new MutationObserver(() => {
      w.__rowPeak = Math.max(w.__rowPeak, document.querySelectorAll('[role="row"]').length);
    }).observe(document.getElementById('app')!, { childList: true, subtree: true });
  });
}

async function timeInPage(page: Page, action: string): Promise<number> {
  return page.evaluate(`(async () => {
    const start = performance.now();
    ${action};
    await ${AFTER_PAINT};
    return performance.now() - start;
  })()`);
}

// The baseline page's script: registers only the data grid, and times rowsData until every row is in the DOM
// with its cells filled, plus the frame after.
const DATA_GRID_ENTRY = `
import { provideVSCodeDesignSystem, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow } from '@vscode/webview-ui-toolkit';
provideVSCodeDesignSystem().register(vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell());
window.__renderGrid = async (rows) => {
  const grid = document.createElement('vscode-data-grid');
  grid.setAttribute('aria-label', 'Tracked target events');
  document.getElementById('app').replaceChildren(grid);
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const lastText = Object.values(rows[rows.length - 1]).join('');
  const start = performance.now();
  grid.rowsData = rows;
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const rowElements = grid.querySelectorAll('vscode-data-grid-row');
    if (rowElements.length > rows.length && rowElements[rowElements.length - 1].textContent.replace(/\\s/g, '') === lastText.replace(/\\s/g, '')) break;
    if (performance.now() - start > 120000) throw new Error('vscode-data-grid did not render its rows within 2 minutes');
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { paintedMs: performance.now() - start, rowElements: grid.querySelectorAll('vscode-data-grid-row').length };
};
`;

async function bundleDataGridPage(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capillary-bench-grid-'));
  try {
    const outfile = path.join(dir, 'data-grid.js');
    await esbuild.build({
      stdin: { contents: DATA_GRID_ENTRY, resolveDir: repoRoot, loader: 'js', sourcefile: 'bench-data-grid.js' },
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      outfile,
      logLevel: 'silent',
    });
    return fs.readFileSync(outfile, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The columns the table shows, as the strings it shows. */
function gridRow(event: TrackedTargetEvent): Record<string, string> {
  return {
    eventLogId: event.eventLogId,
    event: eventLabel(event),
    uniqueId: event.uniqueId,
    eventDate: event.eventDate,
    eventProcessedDate: event.eventProcessedDate,
    targetValue: event.targetValue,
  };
}

/**
 * Opens the baseline in a page of the harness's browser and origin: its own HTML and script are answered by a
 * route on that page. Its CSP allows inline styles, which the grid's templates set (the panel's CSP does not).
 */
async function timeDataGrid(harness: WebviewHarness, rows: Array<Record<string, string>>): Promise<{ paintedMs: number; rowElements: number }> {
  const script = await bundleDataGridPage();
  const page = await harness.open();
  const origin = new URL(page.url()).origin;
  const nonce = crypto.randomBytes(16).toString('base64');
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${origin}; script-src 'nonce-${nonce}'">
<title>vscode-data-grid baseline</title></head><body><div id="app"></div>
<script nonce="${nonce}" src="${origin}/bench/data-grid.js"></script></body></html>`;
  await page.route(`${origin}/bench/**`, (route) => {
    const isScript = route.request().url().endsWith('.js');
    return route.fulfill({ status: 200, contentType: isScript ? 'text/javascript' : 'text/html', body: isScript ? script : html });
  });
  await page.goto(`${origin}/bench/data-grid.html`);
  await page.waitForFunction(() => typeof (window as unknown as { __renderGrid?: unknown }).__renderGrid === 'function');
  const result = await page.evaluate(
    (data) => (window as unknown as { __renderGrid(rows: unknown): Promise<{ paintedMs: number; rowElements: number }> }).__renderGrid(data),
    rows,
  );
  const errors = pageErrors(page);
  await page.close();
  if (errors.length > 0) throw new Error(`The data grid page failed: ${errors.join('; ')}`);
  return result;
}

/**
 * The same lookup as its panel posts it while PROGRESSIVE_PAGES pages arrive one every PAGE_INTERVAL_MILLIS, with
 * progress each time: as rows page by page, and as progress over the loading screen and then every row at once
 * (what a table shows without progressive rows). Both in a fresh panel, with the CPU until idle work is done.
 */
async function measureProgressive(harness: WebviewHarness, events: TrackedTargetEvent[]): Promise<{ progressive: MeasuredSequence & { pages: number }; oneShot: MeasuredSequence }> {
  const pageSize = Math.ceil(events.length / PROGRESSIVE_PAGES);
  const rows = [];
  const loading = [];
  for (let start = 0, pages = 1; start < events.length; start += pageSize, pages++) {
    const fetchProgress = { pagesFetched: pages, pagesExpected: PROGRESSIVE_PAGES, eventsFetched: Math.min(events.length, start + pageSize) };
    rows.push(rowsMessage(events.slice(start, start + pageSize), start, { pagesFetched: pages }, { phase: 'loading', fetchProgress }));
    loading.push(loadingMessage(lookup, fetchProgress));
  }
  const end = { pagesFetched: rows.length, complete: true };
  rows.push(rowsMessage([], events.length, end, { phase: 'done' }));
  loading.push(rowsMessage(events, 0, end, { phase: 'done' }));
  const measure = async (sequence: unknown[], interval: number): Promise<MeasuredSequence> => {
    const page = await harness.open({ width: 1280, height: 900 });
    await page.evaluate((data) => {
      (window as unknown as { __staged: unknown }).__staged = data;
    }, sequence as Array<Record<string, unknown>>);
    const measured = await measureStagedSequence(page, interval, SETTLE_MILLIS);
    const rowCount = await page.getAttribute('[role="treegrid"]', 'aria-rowcount');
    const errors = pageErrors(page);
    await page.close();
    if (errors.length > 0) throw new Error(`The table webview failed: ${errors.join('; ')}`);
    if (Number(rowCount) <= events.length) throw new Error(`The table says aria-rowcount=${rowCount}, fewer rows than ${events.length} events.`);
    return measured;
  };
  const oneShot = await measure(loading, PAGE_INTERVAL_MILLIS);
  const progressive = await measure(rows, PAGE_INTERVAL_MILLIS);
  return { progressive: { ...progressive, pages: rows.length - 1 }, oneShot };
}

export async function benchRendering(sizes: RenderSizes): Promise<RenderResults> {
  const groups = generatedGroups(sizes.periods, sizes.eventsPerPeriod);
  const data = tableData(groups);
  const eventCount = data.eventCount;
  const harness = new WebviewHarness();
  await harness.start();
  try {
    const page = await harness.open({ width: 1280, height: 900 });
    await watchRowPeak(page);
    await stageMessage(page, dataMessage(data));
    const first = await measureStagedMessage(page);
    // Each repaint is the whole result again as a new generation of rows (the same message twice would be a gap).
    const repaints = [];
    for (let repaint = 0; repaint < 2; repaint++) {
      await stageMessage(page, dataMessage(data));
      repaints.push(await measureStagedMessage(page));
    }
    await stageMessage(page, rowsMessage([], eventCount, { complete: true, fetchedAt: new Date().toISOString() }, { phase: 'done' }));
    const unchangedRefresh = await measureStagedMessage(page);
    const rowCount = await page.getAttribute('[role="treegrid"]', 'aria-rowcount');
    if (rowCount !== String(eventCount + groups.length + 1)) {
      throw new Error(`The table says aria-rowcount=${rowCount}, expected ${eventCount + groups.length + 1}.`);
    }

    // A person types a moment after the table appears; the search index is built in the background meanwhile.
    await page.waitForTimeout(500);
    const keystrokes = [];
    for (const text of ['t', 'tx', 'txn', 'txn-1', 'txn-12', '']) keystrokes.push(await measureFilter(page, text));
    const filterKeystrokesMs = keystrokes.map((keystroke) => keystroke.paintedMs);
    const filterKeystrokesMainThreadMs = keystrokes.map((keystroke) => keystroke.mainThreadMs);

    const sortMs = await timeInPage(page, "document.querySelector('.col-targetValue .sort-button').click()");
    const sortAgainMs = await timeInPage(page, "document.querySelector('.col-targetValue .sort-button').click()");

    await page.evaluate(() => {
      (document.querySelector('.grid') as HTMLElement).scrollTop = 0;
    });
    await page.waitForTimeout(100);
    const scrollToLastMs = await timeInPage(page, "const grid = document.querySelector('.grid'); grid.scrollTop = grid.scrollHeight");
    const lastRendered = await page.$$eval('[role="row"][aria-rowindex]', (rows) =>
      Math.max(...rows.map((row) => Number(row.getAttribute('aria-rowindex')))),
    );
    if (lastRendered !== eventCount + groups.length + 1) {
      throw new Error(`After scrolling to the end the last row rendered is ${lastRendered}, expected ${eventCount + groups.length + 1}.`);
    }
    const maxRowElements = await page.evaluate(() => (window as unknown as { __rowPeak: number }).__rowPeak);
    const errors = pageErrors(page);
    if (errors.length > 0) throw new Error(`The table webview failed: ${errors.join('; ')}`);
    await page.close();

    const { progressive, oneShot } = await measureProgressive(harness, groups.flatMap((group) => group.events));

    const gridRows = groups.flatMap((group) => group.events).slice(0, sizes.dataGridRows).map(gridRow);
    const dataGrid = { rows: gridRows.length, ...(await timeDataGrid(harness, gridRows)) };
    return {
      sizes: { ...sizes, events: eventCount },
      paintedMs: first.paintedMs,
      paintedMainThreadMs: first.mainThreadMs,
      handlerMs: first.handledMs,
      progressive,
      oneShot,
      progressiveCpuRatio: progressive.mainThreadMs / oneShot.mainThreadMs,
      unchangedRefresh: { paintedMs: unchangedRefresh.paintedMs, mainThreadMs: unchangedRefresh.mainThreadMs },
      repaintMs: repaints.map((repaint) => repaint.paintedMs),
      repaintMainThreadMs: repaints.map((repaint) => repaint.mainThreadMs),
      maxRowElements,
      filterKeystrokesMs,
      filterKeystrokesMainThreadMs,
      filterWorstMs: Math.max(...filterKeystrokesMs),
      filterWorstMainThreadMs: Math.max(...filterKeystrokesMainThreadMs),
      sortMs,
      sortAgainMs,
      scrollToLastMs,
      dataGrid,
      perRowSpeedup: dataGrid.paintedMs / dataGrid.rows / (first.paintedMs / eventCount),
    };
  } finally {
    await harness.stop();
  }
}
