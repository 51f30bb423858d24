// Serves the built table webview from 127.0.0.1 in a page with the extension's CSP and a recording stub of
// acquireVsCodeApi, and drives it in headless Chromium.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { ExtensionToWebview } from '../../src/shared/messages';
import { TABLE_STYLESHEETS } from '../../src/table/stylesheets';
import { CHROMIUM_ARGS, findChromium } from '../runner/codeServer';
import { themeBodyClass, type ThemeName, themeVariables } from './themes';

export const repoRoot = path.resolve(__dirname, '../../..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

const assets: Record<string, { file: string; type: string }> = {
  '/dist/webview.js': { file: 'dist/webview.js', type: 'text/javascript' },
  ...Object.fromEntries(TABLE_STYLESHEETS.map((file) => [`/media/${file}`, { file: `media/${file}`, type: 'text/css' }])),
};

export interface PageOptions {
  theme?: ThemeName;
  /** false serves the page without any CSP, to prove the app itself never turns data into markup. */
  csp?: boolean;
  width?: number;
  height?: number;
  /** What the webview's getState returns before its first setState, as after a reload of the panel. */
  initialState?: unknown;
}

/**
 * Runs before the bundle: records posted messages and persisted state, any CSP violation, and any element
 * that could run script or load something, so a test can see whether data ever became markup.
 */
function stubScript(theme: ThemeName, initialState: unknown): string {
  return `
(() => {
  const record = (value) => JSON.parse(JSON.stringify(value));
  window.__posted = [];
  window.__states = [];
  window.__xssExecuted = false;
  window.__cspViolations = [];
  window.__dangerousElements = [];
  let acquired = false;
  let state = ${JSON.stringify(initialState ?? null)} ?? undefined;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => { window.__posted.push(record(message)); },
      setState: (value) => { state = record(value); window.__states.push(record(value)); },
      getState: () => state,
    });
  };
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
  });
  const dangerous = new Set(['IMG', 'SVG', 'SCRIPT', 'IFRAME', 'A', 'OBJECT', 'EMBED', 'LINK', 'STYLE', 'svg']);
  const inspect = (node) => {
    if (node.nodeType !== 1) return;
    if (dangerous.has(node.tagName) && !node.hasAttribute('data-harness')) window.__dangerousElements.push(node.outerHTML.slice(0, 200));
    for (const child of node.querySelectorAll('*')) inspect(child);
  };
  new MutationObserver((records) => {
    // The toolkit briefly adds an empty <style> to <head> to probe :focus-visible; data only ever goes into #app.
    for (const record of records) if (record.target !== document.head) for (const node of record.addedNodes) inspect(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
  const root = document.documentElement;
  for (const [name, value] of ${JSON.stringify(themeVariables(theme))}) root.style.setProperty(name, value);
})();`;
}

function pageHtml(origin: string, options: PageOptions): string {
  const nonce = crypto.randomBytes(16).toString('base64');
  const theme = options.theme ?? 'dark';
  const csp = [
    "default-src 'none'",
    `style-src ${origin}`,
    `font-src ${origin}`,
    `img-src ${origin} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const cspMeta = options.csp === false ? '' : `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
${cspMeta}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<script nonce="${nonce}" data-harness>${stubScript(theme, options.initialState)}</script>
${TABLE_STYLESHEETS.map((file) => `<link rel="stylesheet" href="${origin}/media/${file}" data-harness>`).join('\n')}
<title>Capillary events</title>
</head>
<body class="${themeBodyClass(theme)}" data-vscode-theme-kind="${themeBodyClass(theme)}">
<div id="app"></div>
<script nonce="${nonce}" src="${origin}/dist/webview.js" data-harness></script>
</body>
</html>`;
}

export class WebviewHarness {
  private server?: http.Server;
  private browser?: Browser;
  private origin = '';
  private readonly pageOptions = new Map<string, PageOptions>();
  private pageCount = 0;

  async start(): Promise<void> {
    if (!fs.existsSync(path.join(repoRoot, 'dist/webview.js'))) {
      throw new Error('dist/webview.js is missing: run `node esbuild.js` before the webview tests.');
    }
    this.server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', this.origin);
      const asset = assets[url.pathname];
      if (asset) {
        response.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-store' });
        response.end(fs.readFileSync(path.join(repoRoot, asset.file)));
        return;
      }
      const options = this.pageOptions.get(url.pathname);
      if (options) {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(pageHtml(this.origin, options));
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  }

  /** Opens the webview in a fresh page and waits for its ready handshake. */
  async open(options: PageOptions = {}): Promise<Page> {
    const pagePath = `/table-${++this.pageCount}.html`;
    this.pageOptions.set(pagePath, options);
    const page = await this.browser!.newPage({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    });
    // Only the harness's own server may be reached.
    await page.route('**/*', (route) =>
      route.request().url().startsWith(this.origin) ? route.continue() : route.abort(),
    );
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    errorsByPage.set(page, errors);
    await page.goto(`${this.origin}${pagePath}`);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    return page;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const errorsByPage = new WeakMap<Page, string[]>();

/** Uncaught exceptions in the page since it opened. */
export function pageErrors(page: Page): string[] {
  return errorsByPage.get(page) ?? [];
}

/** Delivers a message the way the extension's postMessage does (a window message event). */
export async function send(page: Page, message: ExtensionToWebview): Promise<void> {
  await page.evaluate((data) => window.postMessage(data, '*'), message as unknown as Record<string, unknown>);
}

/**
 * CSP violations other than the toolkit's one startup probe: FAST appends an empty <style> to test
 * :focus-visible support, which `style-src` without 'unsafe-inline' refuses (FAST then falls back to :focus).
 */
export async function unexpectedCspViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  const probe = violations.findIndex((violation) => violation === 'style-src-elem inline');
  return violations.filter((_, index) => index !== probe);
}

export async function posted(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
}

export async function savedStates(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __states: unknown[] }).__states);
}

export interface Timing {
  /** Synchronous handling of the message. */
  handledMs: number;
  /** Until the frame after the message was painted. */
  paintedMs: number;
}

/** Puts a message into the page once, so that timing runs do not include moving it over the DevTools protocol. */
export async function stageMessage(page: Page, message: ExtensionToWebview): Promise<void> {
  await page.evaluate((data) => {
    (window as unknown as { __staged: unknown }).__staged = data;
  }, message as unknown as Record<string, unknown>);
}

/**
 * Clones the staged message (as postMessage would) into a second slot, outside any timed span.
 */
async function cloneStaged(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __staged: unknown; __delivery: unknown };
    w.__delivery = structuredClone(w.__staged);
  });
}

/**
 * Times the staged message from its delivery to the painted frame: the handler runs synchronously, then a
 * requestAnimationFrame callback and a task after it mark the frame as rendered.
 */
export async function timeStagedMessage(page: Page): Promise<Timing> {
  await cloneStaged(page);
  return page.evaluate(async () => {
    const data = (window as unknown as { __delivery: unknown }).__delivery;
    const start = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data }));
    const handled = performance.now();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { handledMs: handled - start, paintedMs: performance.now() - start };
  });
}

/** Types into the filter field in one synchronous input event and times it to the painted frame. */
export async function timeFilter(page: Page, text: string): Promise<Timing> {
  return page.evaluate(async (value) => {
    const field = document.querySelector('vscode-text-field') as HTMLElement & { value: string };
    const start = performance.now();
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const handled = performance.now();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { handledMs: handled - start, paintedMs: performance.now() - start };
  }, text);
}

export interface Measured extends Timing {
  /**
   * CPU time the renderer's main thread spent between delivery and the painted frame (script, style,
   * layout, paint), from a Chrome trace. Unlike wall time it does not grow while other processes hold the CPU.
   */
  mainThreadMs: number;
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
}

/** Runs `run` under a Chrome trace of the page (timeline and user-timing marks); returns its value and the trace. */
export async function withTrace<T>(page: Page, run: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  const value = await run();
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  return { value, events };
}

/** CPU time of the tasks on the start mark's thread that overlap the span from `start` to `end`. */
export function mainThreadMs(events: readonly TraceEvent[], start: TraceEvent, end: TraceEvent): number {
  const mainThreadUs = events
    .filter((event) => event.name === 'RunTask' && event.ph === 'X' && event.pid === start.pid && event.tid === start.tid)
    .filter((event) => event.ts <= end.ts && event.ts + (event.dur ?? 0) >= start.ts)
    .reduce((sum, event) => sum + (event.tdur ?? event.dur ?? 0), 0);
  return mainThreadUs / 1000;
}

async function traced(page: Page, run: () => Promise<Timing>): Promise<Measured> {
  const { value: timing, events } = await withTrace(page, run);
  const start = events.find((event) => event.name === 'measure-start');
  const end = events.find((event) => event.name === 'measure-end');
  if (!start || !end) throw new Error('The trace lacks the measure-start/measure-end marks.');
  return { ...timing, mainThreadMs: mainThreadMs(events, start, end) };
}

/** timeStagedMessage, traced. */
export async function measureStagedMessage(page: Page): Promise<Measured> {
  await cloneStaged(page);
  return traced(page, () =>
    page.evaluate(async () => {
      const data = (window as unknown as { __delivery: unknown }).__delivery;
      performance.mark('measure-start');
      const start = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data }));
      const handled = performance.now();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const painted = performance.now();
      performance.mark('measure-end');
      return { handledMs: handled - start, paintedMs: painted - start };
    }),
  );
}

/** timeFilter, traced. */
export async function measureFilter(page: Page, text: string): Promise<Measured> {
  return traced(page, () =>
    page.evaluate(async (value) => {
      const field = document.querySelector('vscode-text-field') as HTMLElement & { value: string };
      performance.mark('measure-start');
      const start = performance.now();
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      const handled = performance.now();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const painted = performance.now();
      performance.mark('measure-end');
      return { handledMs: handled - start, paintedMs: painted - start };
    }, text),
  );
}

/** Timings of a sequence of messages delivered as a fetch's pages arrive. */
export interface MeasuredSequence {
  /** From the first delivery to the frame painted after it. */
  firstPaintedMs: number;
  /** From the first delivery to the frame painted after the last. */
  paintedMs: number;
  /**
   * CPU of the renderer's main thread from the first delivery until `settleMs` after the last frame (so that work
   * left for idle time, such as the search index, counts), from a Chrome trace.
   */
  mainThreadMs: number;
}

/**
 * Delivers the staged messages (an array) one every `intervalMs` (and never before the frame after the one before
 * was painted), as a fetch's pages would arrive.
 */
export async function measureStagedSequence(page: Page, intervalMs: number, settleMs: number): Promise<MeasuredSequence> {
  await cloneStaged(page);
  const { value, events } = await withTrace(page, () =>
    page.evaluate(
      async ({ interval, settle }) => {
        const messages = (window as unknown as { __delivery: unknown[] }).__delivery;
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        performance.mark('measure-start');
        const start = performance.now();
        let first = 0;
        for (const [index, data] of messages.entries()) {
          const due = start + index * interval - performance.now();
          if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
          window.dispatchEvent(new MessageEvent('message', { data }));
          await frame();
          first ||= performance.now() - start;
        }
        const painted = performance.now() - start;
        await new Promise((resolve) => setTimeout(resolve, settle));
        performance.mark('measure-end');
        return { first, painted };
      },
      { interval: intervalMs, settle: settleMs },
    ),
  );
  const start = events.find((event) => event.name === 'measure-start');
  const end = events.find((event) => event.name === 'measure-end');
  if (!start || !end) throw new Error('The trace lacks the measure-start/measure-end marks.');
  return { firstPaintedMs: value.first, paintedMs: value.painted, mainThreadMs: mainThreadMs(events, start, end) };
}

export function ensureScreenshotDir(): string {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return screenshotDir;
}

/** The text of every element matching `selector`, in the order of their rows on screen (aria-rowindex). */
export async function cellTexts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) =>
    elements
      .map((element) => ({ row: Number(element.closest('[aria-rowindex]')?.getAttribute('aria-rowindex')), text: element.textContent ?? '' }))
      .sort((a, b) => a.row - b.row)
      .map(({ text }) => text),
  );
}
