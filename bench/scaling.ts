// Part 4, scaling: one lookup of the sample API's large customer at several sizes (10,000 / 50,000 / 200,000
// events), each measured the way the other parts measure it: the fetch with the real client and its default
// settings, the heap the result holds, the first and last paint in the webview and a filter keystroke. What is
// compared is the cost per event: a flat one means nothing grows faster than the lookup.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../sample-api/server';
import { clientDefaults, createCapillaryClient, md5Hex, type LookupResult } from '../src/capillary';
import type { ExtensionToWebview } from '../src/shared/messages';
import { REPO_ROOT } from '../test/runner/codeServer';
import { rowsMessage } from '../test/webview/fixtures';
import { mainThreadMs, measureFilter, pageErrors, WebviewHarness, withTrace } from '../test/webview/harness';
import type { MemoryProbeResult } from './memoryProbe';
import { SampleApiProcess } from './sampleApiProcess';

// `performance` is the global one, not imported from node:perf_hooks: the page callbacks below use the page's own.

export interface ScalingSizes {
  /** Events of the lookup, smallest first: the ratios compare the last with the first. */
  events: number[];
  /** Timed fetches and freshly opened panels per size; the fastest counts. */
  repeats: number;
}

/** Each measure of one size; times in ms, the heap in bytes. */
export interface ScalingMeasures {
  fetchMs: number;
  /** CPU time (user + system) of the client's process in the fastest fetch; the sample API runs in another. */
  fetchCpuMs: number;
  heapBytes: number;
  /** From the first message's delivery to the frame painted after it, in a freshly opened panel. */
  firstPaintMs: number;
  firstPaintMainThreadMs: number;
  /** From the first message's delivery to the frame painted after the last one. */
  lastPaintMs: number;
  lastPaintMainThreadMs: number;
  /** Worst keystroke of FILTER_KEYSTROKES (to the painted frame), in the panel where it was lowest. */
  filterWorstMs: number;
  filterWorstMainThreadMs: number;
}

export type ScalingMeasure = keyof ScalingMeasures;

export interface ScalingPoint extends ScalingMeasures {
  events: number;
  /**
   * How long the client's main thread waited for a CPU in the fastest fetch (Linux schedstat; absent elsewhere):
   * what the fetch's wall time holds beyond the work when other processes load the machine.
   */
  fetchRunQueueMs?: number;
  /** Messages posted to the webview for the lookup. */
  messages: number;
  /** Each measure ÷ events. */
  perEvent: ScalingMeasures;
}

export interface ScalingResults {
  sizes: ScalingSizes;
  points: ScalingPoint[];
  /** Per-event cost at the largest size ÷ per-event cost at the smallest, per measure. */
  ratios: ScalingMeasures;
}

// Typed one after another, as the rendering part does; `r` matches nearly every event (the widest repaint),
// `return` only the RETURN_BILL ones (about 8 %), and clearing shows every row again.
const FILTER_KEYSTROKES = ['r', 're', 'ret', 'retu', 'return', ''];

/** Messages of rows after the first page's (the panel posts one per page; a few stand for them, so that the bench stays short). */
const LATER_ROW_MESSAGES = 20;

/**
 * What the extension posts for a lookup while it is fetched, in order: the first page's rows (first paint), the rest
 * as rows in LATER_ROW_MESSAGES messages, then the end of the fetch without rows (last paint).
 */
export function lookupMessages(result: LookupResult): ExtensionToWebview[] {
  const { userId, targetRuleId } = SAMPLE_LOOKUPS.large;
  const lookup = { userId, targetRuleId, profileName: 'bench', host: '127.0.0.1' };
  const events = result.events;
  const firstPage = Math.min(events.length, clientDefaults.pageSize);
  const chunk = Math.max(1, Math.ceil((events.length - firstPage) / LATER_ROW_MESSAGES));
  const info = { lookup, warnings: [] };
  const messages = [rowsMessage(events.slice(0, firstPage), 0, { ...info, pagesFetched: 1 })];
  for (let start = firstPage; start < events.length; start += chunk) {
    messages.push(rowsMessage(events.slice(start, start + chunk), start, { ...info, pagesFetched: Math.ceil((start + chunk) / clientDefaults.pageSize) }));
  }
  messages.push(rowsMessage([], events.length, { ...info, pagesFetched: result.pagesFetched, total: result.total, warnings: result.warnings, complete: true }, { phase: 'done' }));
  return messages;
}

/** How long this thread has waited for a CPU so far, from Linux's schedstat; undefined elsewhere. */
function runQueueMs(): number | undefined {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return undefined;
  }
}

interface TimedFetch {
  ms: number;
  cpuMs: number;
  runQueueMs?: number;
}

async function timedFetch(url: string): Promise<TimedFetch & { result: LookupResult }> {
  // No pageSize or concurrency: the client's defaults, which are the extension's settings' defaults.
  const client = createCapillaryClient({
    baseUrl: url,
    auth: { kind: 'basic', username: SAMPLE_CREDENTIALS.basic.username, passwordMd5: md5Hex(SAMPLE_CREDENTIALS.basic.password) },
  });
  try {
    const waitedBefore = runQueueMs();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const result = await client.fetchTrackedTargetEvents({ ...SAMPLE_LOOKUPS.large });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    const waitedAfter = runQueueMs();
    const waited = waitedBefore !== undefined && waitedAfter !== undefined ? waitedAfter - waitedBefore : undefined;
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, runQueueMs: waited, result };
  } finally {
    client.dispose();
  }
}

/** The heap the result holds, from the footprint part's probe: its own `node --expose-gc` process. */
async function heapHeld(url: string): Promise<MemoryProbeResult> {
  const probe = path.join(REPO_ROOT, 'out', 'bench', 'memoryProbe.js');
  const { userId, targetRuleId } = SAMPLE_LOOKUPS.large;
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', probe, url, userId, targetRuleId], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as MemoryProbeResult;
}

/**
 * Delivers the staged messages one after another, each as a window message event (as postMessage does) once
 * the frame after the previous one was painted, and returns, per message, the wall time from the first
 * delivery to the frame painted after it and the main-thread CPU time over the same span (from a Chrome
 * trace, as the harness's measure functions do, with a mark per message rather than one).
 */
async function paintSequence(page: Page): Promise<Array<{ ms: number; mainThreadMs: number }>> {
  // Cloned outside the timed span, as the rendering part does: the span starts where the webview's handler does.
  await page.evaluate(() => {
    const w = window as unknown as { __stagedMessages: unknown[]; __deliveries: unknown[] };
    w.__deliveries = structuredClone(w.__stagedMessages);
  });
  const { value: wallMs, events } = await withTrace(page, () =>
    page.evaluate(async () => {
      const deliveries = (window as unknown as { __deliveries: unknown[] }).__deliveries;
      const painted: number[] = [];
      performance.mark('sequence-start');
      const start = performance.now();
      for (const data of deliveries) {
        window.dispatchEvent(new MessageEvent('message', { data }));
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        painted.push(performance.now() - start);
        performance.mark('sequence-painted');
      }
      return painted;
    }),
  );
  const start = events.find((event) => event.name === 'sequence-start');
  const marks = events.filter((event) => event.name === 'sequence-painted').sort((a, b) => a.ts - b.ts);
  if (!start || marks.length !== wallMs.length) throw new Error(`The trace has ${marks.length} paint marks for ${wallMs.length} messages.`);
  return marks.map((mark, index) => ({ ms: wallMs[index], mainThreadMs: mainThreadMs(events, start, mark) }));
}

type PanelMeasures = Pick<ScalingMeasures, 'firstPaintMs' | 'firstPaintMainThreadMs' | 'lastPaintMs' | 'lastPaintMainThreadMs' | 'filterWorstMs' | 'filterWorstMainThreadMs'>;

/** One freshly opened panel: the messages to the last paint, then the keystrokes. */
async function measurePanel(harness: WebviewHarness, messagesJson: string, events: number): Promise<PanelMeasures> {
  const page = await harness.open({ width: 1280, height: 900 });
  try {
    // As one JSON string: Playwright serialises an object argument value by value, minutes for 200,000 events.
    await page.evaluate((json) => {
      (window as unknown as { __stagedMessages: unknown }).__stagedMessages = JSON.parse(json);
    }, messagesJson);
    const paints = await paintSequence(page);
    const rowCount = Number(await page.getAttribute('[role="treegrid"]', 'aria-rowcount'));
    if (rowCount < events) throw new Error(`The table says aria-rowcount=${rowCount} for ${events} events.`);
    // A person types a moment after the table appears; the search index is built in idle time meanwhile, at a
    // cost per event, so the wait grows with the lookup (2 s at 200,000).
    await page.waitForTimeout(Math.max(500, events / 100));
    const keystrokes = [];
    for (const text of FILTER_KEYSTROKES) keystrokes.push(await measureFilter(page, text));
    const errors = pageErrors(page);
    if (errors.length > 0) throw new Error(`The table webview failed: ${errors.join('; ')}`);
    const first = paints[0];
    const last = paints[paints.length - 1];
    return {
      firstPaintMs: first.ms,
      firstPaintMainThreadMs: first.mainThreadMs,
      lastPaintMs: last.ms,
      lastPaintMainThreadMs: last.mainThreadMs,
      filterWorstMs: Math.max(...keystrokes.map((keystroke) => keystroke.paintedMs)),
      filterWorstMainThreadMs: Math.max(...keystrokes.map((keystroke) => keystroke.mainThreadMs)),
    };
  } finally {
    await page.close();
  }
}

/** The lowest of each measure over the runs (each measure's own fastest run). */
function lowest<T extends object>(runs: T[]): T {
  const keys = Object.keys(runs[0]) as Array<keyof T>;
  return Object.fromEntries(keys.map((key) => [key, Math.min(...runs.map((run) => run[key] as number))])) as T;
}

function perEvent(measures: ScalingMeasures, events: number): ScalingMeasures {
  return Object.fromEntries(Object.entries(measures).map(([key, value]) => [key, (value as number) / events])) as unknown as ScalingMeasures;
}

async function measureSize(harness: WebviewHarness, events: number, repeats: number, progress: (text: string) => void): Promise<ScalingPoint> {
  // How long each stage took, so that a slow run shows where its minutes went.
  let stageStart = performance.now();
  const stage = (name: string) => {
    progress(`  ${events} events: ${name} in ${((performance.now() - stageStart) / 1000).toFixed(1)} s`);
    stageStart = performance.now();
  };
  const api = await SampleApiProcess.start(events);
  stage('sample API started');
  let result: LookupResult | undefined;
  let fetch: TimedFetch;
  let heap: MemoryProbeResult;
  try {
    // Warm-up: JIT and the server's per-lookup buffers, so the first timed run is not penalised.
    await timedFetch(api.url);
    const fetches = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      const timed = await timedFetch(api.url);
      if (timed.result.events.length !== events) throw new Error(`The lookup returned ${timed.result.events.length} events instead of ${events}.`);
      fetches.push({ ms: timed.ms, cpuMs: timed.cpuMs, runQueueMs: timed.runQueueMs });
      // Only the last result is kept: one held during the next fetch would make its GC work grow with the size.
      if (repeat === repeats - 1) result = timed.result;
    }
    fetch = fetches.reduce((fastest, run) => (run.ms < fastest.ms ? run : fastest));
    stage(`fetched ${repeats + 1} times`);
    heap = await heapHeld(api.url);
    stage('heap measured');
    if (heap.events !== events) throw new Error(`The memory probe held ${heap.events} events instead of ${events}.`);
  } finally {
    await api.stop();
  }

  const messages = lookupMessages(result!);
  const messagesJson = JSON.stringify(messages);
  const panels = [];
  for (let repeat = 0; repeat < repeats; repeat++) panels.push(await measurePanel(harness, messagesJson, events));
  stage(`painted and filtered in ${repeats} panels`);
  const measures: ScalingMeasures = { fetchMs: fetch.ms, fetchCpuMs: fetch.cpuMs, heapBytes: heap.growthBytes, ...lowest(panels) };
  return { events, messages: messages.length, fetchRunQueueMs: fetch.runQueueMs, ...measures, perEvent: perEvent(measures, events) };
}

export async function benchScaling(sizes: ScalingSizes, progress: (text: string) => void = () => undefined): Promise<ScalingResults> {
  const harness = new WebviewHarness();
  await harness.start();
  const points: ScalingPoint[] = [];
  try {
    for (const events of sizes.events) points.push(await measureSize(harness, events, sizes.repeats, progress));
  } finally {
    await harness.stop();
  }
  const smallest = points[0].perEvent;
  const largest = points[points.length - 1].perEvent;
  const ratios = Object.fromEntries(Object.keys(smallest).map((key) => [key, largest[key as ScalingMeasure] / smallest[key as ScalingMeasure]])) as unknown as ScalingMeasures;
  return { sizes, points, ratios };
}
