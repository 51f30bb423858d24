// `npm run bench`: fetching, rendering, footprint and scaling figures with their baselines, each part in one run.
// Prints a table and writes the figures as JSON (bench/results.json, or a temporary file for --smoke and --only,
// unless --out is given).
//
// Usage: node out/bench/index.js [--smoke] [--out=FILE] [--no-extension-host] [--only=PART,...]
//   --smoke              small sizes, a few seconds, no browser-hosted VS Code: proves the bench still works
//   --no-extension-host  skip activate() and the extension-host heap (they start code-server)
//   --only=PART,...      run only these parts (fetching, rendering, footprint, scaling)
// Exits non-zero only when the bench itself breaks; missed targets are reported, not failed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../test/runner/codeServer';
import { benchFetching, type FetchResults, type FetchSizes } from './fetching';
import { PROGRESSIVE_SHAPE, type ExtensionHostRun } from './extensionHostRun';
import { benchFootprint, type FootprintResults, type FootprintSizes } from './footprint';
import { benchRendering, type RenderResults, type RenderSizes } from './rendering';
import { benchScaling, type ScalingMeasure, type ScalingResults, type ScalingSizes } from './scaling';

export interface BenchResults {
  smoke: boolean;
  startedAt: string;
  machine: { cpus: number; loadAverage: number[]; node: string };
  /** Absent when --only left the part out. */
  fetching?: FetchResults;
  rendering?: RenderResults;
  footprint?: FootprintResults;
  scaling?: ScalingResults;
  figures: Figure[];
}

const PARTS = ['fetching', 'rendering', 'footprint', 'scaling'] as const;
type Part = (typeof PARTS)[number];

export interface Figure {
  part: Part;
  name: string;
  value: number;
  unit: string;
  /** e.g. "≥ 6" or "≤ 150"; absent for context figures without a target. */
  target?: string;
  met?: boolean;
}

const FULL: { fetch: FetchSizes; render: RenderSizes; footprint: FootprintSizes; scaling: ScalingSizes } = {
  fetch: { events: 20_000, pageSize: 100, latencyMs: 25, repeats: 5, budgetLargeEvents: 50_000, budgetEvents: 6_000 },
  render: { periods: 100, eventsPerPeriod: 500, dataGridRows: 5_000 },
  footprint: { heapEvents: 50_000, extensionHost: true },
  scaling: { events: [10_000, 50_000, 200_000], repeats: 3 },
};

const SMOKE: typeof FULL = {
  fetch: { events: 1_000, pageSize: 100, latencyMs: 5, repeats: 1, budgetLargeEvents: 2_000, budgetEvents: 600 },
  render: { periods: 10, eventsPerPeriod: 100, dataGridRows: 100 },
  footprint: { heapEvents: 2_000, extensionHost: false },
  scaling: { events: [500, 1_000, 2_000], repeats: 1 },
};

function atLeast(value: number, bound: number): Pick<Figure, 'target' | 'met'> {
  return { target: `≥ ${bound}`, met: value >= bound };
}

function atMost(value: number, bound: number): Pick<Figure, 'target' | 'met'> {
  return { target: `≤ ${bound}`, met: value <= bound };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
}

type AddFigure = (part: Part, name: string, value: number, unit: string, target?: Pick<Figure, 'target' | 'met'>) => void;

function figures(parts: Pick<BenchResults, Part>): Figure[] {
  const list: Figure[] = [];
  const add: AddFigure = (part, name, value, unit, target) => list.push({ part, name, value, unit, ...target });
  if (parts.fetching) fetchingFigures(add, parts.fetching);
  if (parts.rendering) renderingFigures(add, parts.rendering);
  if (parts.footprint) footprintFigures(add, parts.footprint);
  if (parts.scaling) scalingFigures(add, parts.scaling);
  return list;
}

function fetchingFigures(add: AddFigure, fetching: FetchResults): void {
  const { events, pageSize, latencyMs } = fetching.sizes;
  for (const run of fetching.runs) {
    const mode = run.offsetMode === 'page' ? 'offset = page' : 'offset = row';
    add('fetching', `${mode}, concurrency ${run.concurrency}: time`, run.ms, 'ms');
    add('fetching', `${mode}, concurrency ${run.concurrency}: client CPU per request`, run.clientCpuMs / run.requests, 'ms');
    add('fetching', `${mode}, concurrency ${run.concurrency}: max in flight`, run.maxInFlight, 'requests', atMost(run.maxInFlight, run.concurrency));
  }
  const bound = (mode: 'page' | 'row', concurrency: number) =>
    fetching.runs.find((run) => run.offsetMode === mode && run.concurrency === concurrency)!.latencyBoundMs;
  for (const mode of ['page', 'row'] as const) {
    for (const [concurrency, target] of [[4, 3.85], [8, 7]] as const) {
      const speedup = fetching.speedups[mode][concurrency];
      add('fetching', `offset = ${mode}: c${concurrency} speed-up over c1`, speedup, '×', mode === 'page' ? atLeast(speedup, target) : undefined);
      add('fetching', `offset = ${mode}: c${concurrency} speed-up if only latency counted`, bound(mode, 1) / bound(mode, concurrency), '×');
    }
  }
  for (const [concurrency, cost] of Object.entries(fetching.rowOffsetCost)) {
    add('fetching', `row-offset time ÷ page-offset time, c${concurrency} (${events} events, ${pageSize}/page, ${latencyMs} ms latency)`, cost, '×', atMost(cost, 1.05));
  }
  const { largeLookup, rateLimited, unchangedRefresh } = fetching.budget;
  add('fetching', `${largeLookup.events} events at the default page size (${largeLookup.pageSize}): requests`, largeLookup.requests, 'requests', atMost(largeLookup.requests, Math.ceil(largeLookup.events / largeLookup.pageSize) + 1));
  const behind = `${rateLimited.events} events in ${rateLimited.pages} pages behind ${rateLimited.limitPerSecond} requests a second (429 without Retry-After)`;
  add('fetching', `${behind}: time`, rateLimited.ms, 'ms');
  add('fetching', `${behind}: requests`, rateLimited.requests, 'requests');
  add('fetching', `${behind}: responses 429`, rateLimited.refusals, 'responses', atMost(rateLimited.refusals, 30));
  add('fetching', `refresh of an unchanged ${unchangedRefresh.pages}-page lookup (events and target progress): requests each`, unchangedRefresh.requestsPerRefresh, 'requests', atMost(unchangedRefresh.requestsPerRefresh, 3));
}

function renderingFigures(add: AddFigure, rendering: RenderResults): void {
  const n = rendering.sizes.events.toLocaleString('en-US');
  add('rendering', `${n} events: data message → painted (wall)`, rendering.paintedMs, 'ms', atMost(rendering.paintedMs, 150));
  add('rendering', `${n} events: data message → painted (main-thread CPU)`, rendering.paintedMainThreadMs, 'ms', atMost(rendering.paintedMainThreadMs, 150));
  const { progressive } = rendering;
  add('rendering', `${n} events as ${progressive.pages} pages of rows: first page → painted (wall)`, progressive.firstPaintedMs, 'ms');
  add('rendering', `${n} events as ${progressive.pages} pages of rows: first page → last painted (wall)`, progressive.paintedMs, 'ms');
  add('rendering', `${n} events as ${progressive.pages} pages of rows (main-thread CPU)`, progressive.mainThreadMs, 'ms');
  add('rendering', 'rows page by page ÷ all at once (main-thread CPU)', rendering.progressiveCpuRatio, '×', atMost(rendering.progressiveCpuRatio, 1.3));
  add('rendering', `${n} events fetched again unchanged (watch refresh): no rows posted → painted (wall)`, rendering.unchangedRefresh.paintedMs, 'ms');
  add('rendering', `${n} events fetched again unchanged (watch refresh) → painted (main-thread CPU)`, rendering.unchangedRefresh.mainThreadMs, 'ms', atMost(rendering.unchangedRefresh.mainThreadMs, 50));
  add('rendering', `${n} events: refresh in the same panel → painted (wall, best of 2)`, Math.min(...rendering.repaintMs), 'ms');
  add('rendering', `${n} events: refresh → painted (main-thread CPU, best of 2)`, Math.min(...rendering.repaintMainThreadMs), 'ms');
  add('rendering', 'most row elements in the DOM', rendering.maxRowElements, 'rows', atMost(rendering.maxRowElements, 300));
  add('rendering', 'filter keystroke, worst of 6 (wall)', rendering.filterWorstMs, 'ms', atMost(rendering.filterWorstMs, 50));
  add('rendering', 'filter keystroke, worst of 6 (main-thread CPU)', rendering.filterWorstMainThreadMs, 'ms', atMost(rendering.filterWorstMainThreadMs, 50));
  add('rendering', 'sort by targetValue, first', rendering.sortMs, 'ms');
  add('rendering', 'sort by targetValue, reversed', rendering.sortAgainMs, 'ms');
  add('rendering', 'jump to the last row', rendering.scrollToLastMs, 'ms');
  add('rendering', `vscode-data-grid, ${rendering.dataGrid.rows.toLocaleString('en-US')} rows → painted`, rendering.dataGrid.paintedMs, 'ms');
  add('rendering', 'per row: data grid ÷ ours (wall)', rendering.perRowSpeedup, '×', atLeast(rendering.perRowSpeedup, 50));
}

function footprintFigures(add: AddFigure, footprint: FootprintResults): void {
  add('footprint', 'dist/extension.js (production)', footprint.extensionJsBytes / 1024, 'KB', atMost(footprint.extensionJsBytes / 1024, 150));
  add('footprint', 'dist/webview.js (production)', footprint.webviewJsBytes / 1024, 'KB');
  const host = footprint.extensionHost;
  if (host) {
    add('footprint', 'activate() call in code-server (wall)', host.activateCallMs ?? NaN, 'ms', atMost(host.activateCallMs ?? NaN, 25));
    add('footprint', 'activate() call in code-server (CPU)', host.activateCallCpuMs ?? NaN, 'ms', atMost(host.activateCallCpuMs ?? NaN, 25));
    if (host.activateCallRunQueueMs !== undefined) add('footprint', 'activate() call: waiting for a CPU (Linux run queue)', host.activateCallRunQueueMs, 'ms');
    add('footprint', 'loading dist/extension.js in code-server (wall)', host.moduleLoadMs ?? NaN, 'ms');
    add('footprint', 'loading dist/extension.js in code-server (CPU)', host.moduleLoadCpuMs ?? NaN, 'ms');
    add('footprint', 'await extension.activate() in code-server (all of it)', host.activateMs, 'ms');
    add('footprint', 'file/network calls while activating', host.activationIo.length + host.apiRequestsDuringActivation, 'calls', atMost(host.activationIo.length + host.apiRequestsDuringActivation, 0));
    firstRowsFigures(add, host);
  }
  const heapEvents = footprint.sizes.heapEvents.toLocaleString('en-US');
  add('footprint', `lookup JSON (${heapEvents} events, as sent)`, footprint.lookupJsonBytes / 1024 / 1024, 'MB');
  add('footprint', 'heap held, plain Node (same client code)', footprint.node.growthBytes / 1024 / 1024, 'MB');
  add('footprint', 'heap held ÷ JSON, plain Node', footprint.node.ratio, '×', atMost(footprint.node.ratio, 2));
  if (host?.heap && host.heapRatio !== undefined) {
    add('footprint', 'heap held, extension host', host.heap.growthBytes / 1024 / 1024, 'MB');
    add('footprint', 'heap held ÷ JSON, extension host', host.heapRatio, '×', atMost(host.heapRatio, 2));
  }
  if (host?.rawJsonOpens?.length) {
    const opens = host.rawJsonOpens;
    const what = `Open raw JSON (${heapEvents} events, ${(opens[0].chars / 1e6).toFixed(1)} M chars)`;
    const painted = median(host.rawJsonPaintedMs ?? []);
    add('footprint', `${what} → editor's first frame, browser (median of ${opens.length})`, painted, 'ms', atMost(painted, 1000));
    add('footprint', `${what} → editor visible to the extension host (median)`, median(opens.map((open) => open.visibleMs)), 'ms');
    add('footprint', `${what}: extension host CPU until then (median)`, median(opens.map((open) => open.cpuMs)), 'ms');
  }
}

/** The scaling part's measures, each of which must cost about the same per event at every size (≤ 1.25×). */
const SCALING_MEASURES: Array<{ measure: ScalingMeasure; name: string; unit: 'ms' | 'MB' }> = [
  { measure: 'fetchMs', name: 'fetch (wall)', unit: 'ms' },
  { measure: 'fetchCpuMs', name: 'fetch (client CPU)', unit: 'ms' },
  { measure: 'heapBytes', name: 'heap held', unit: 'MB' },
  { measure: 'firstPaintMs', name: 'first paint (wall)', unit: 'ms' },
  { measure: 'firstPaintMainThreadMs', name: 'first paint (main-thread CPU)', unit: 'ms' },
  { measure: 'lastPaintMs', name: 'last paint (wall)', unit: 'ms' },
  { measure: 'lastPaintMainThreadMs', name: 'last paint (main-thread CPU)', unit: 'ms' },
  { measure: 'filterWorstMs', name: 'filter keystroke, worst of 6 (wall)', unit: 'ms' },
  { measure: 'filterWorstMainThreadMs', name: 'filter keystroke, worst of 6 (main-thread CPU)', unit: 'ms' },
];

/** The lookup run from the command in code-server, its table watched in the browser: first rows and bytes posted. */
function firstRowsFigures(add: AddFigure, host: ExtensionHostRun): void {
  const { progressive, progressivePaints: paints } = host;
  if (!progressive || !paints) return;
  const shape = `${progressive.pages} pages × ${PROGRESSIVE_SHAPE.latencyMs} ms, 4 in flight, code-server`;
  const first = paints.firstRowsEpochMs - progressive.commandEpochMs;
  const whole = paints.lastPaintEpochMs - progressive.commandEpochMs;
  add('rendering', `${shape}: command → first rows painted`, first, 'ms');
  add('rendering', `${shape}: command → whole result painted`, whole, 'ms');
  add('rendering', `${shape}: first rows ÷ whole`, first / whole, '×', atMost(first / whole, 0.25));
  add('rendering', `${shape}: ${progressive.rowsMessages} of ${progressive.stateMessages} state messages carried rows`, progressive.rowsMessages, 'messages');
  add('rendering', `${shape}: bytes posted to the webview ÷ the pages' JSON`, progressive.postedBytes / progressive.jsonBytes, '×', atMost(progressive.postedBytes / progressive.jsonBytes, 1.5));
}

function scalingFigures(add: AddFigure, scaling: ScalingResults): void {
  const count = (events: number) => events.toLocaleString('en-US');
  const smallest = count(scaling.points[0].events);
  const largest = count(scaling.points[scaling.points.length - 1].events);
  for (const { measure, name, unit } of SCALING_MEASURES) {
    const scale = unit === 'MB' ? 1 / 1024 / 1024 : 1;
    for (const point of scaling.points) add('scaling', `${count(point.events)} events: ${name}`, point[measure] * scale, unit);
    const ratio = scaling.ratios[measure];
    add('scaling', `${name} per event, ${largest} ÷ ${smallest}`, ratio, '×', atMost(ratio, 1.25));
  }
  // Context for the fetch's wall time: the part of it spent waiting while other processes held the CPUs.
  for (const point of scaling.points) {
    if (point.fetchRunQueueMs !== undefined) add('scaling', `${count(point.events)} events: fetch, waiting for a CPU (Linux run queue)`, point.fetchRunQueueMs, 'ms');
  }
}

/** Every figure must be a finite, non-negative number, else the bench (not the product) is broken. */
function checkSane(list: Figure[], fetching: FetchResults | undefined): void {
  const broken = list.filter((figure) => !Number.isFinite(figure.value) || figure.value < 0);
  if (broken.length > 0) throw new Error(`The bench produced unusable figures: ${broken.map((figure) => `${figure.name} = ${figure.value}`).join('; ')}`);
  for (const run of fetching?.runs ?? []) {
    if (run.maxInFlight < 1 || run.requests < 1) throw new Error(`The sample API saw no requests for concurrency ${run.concurrency}.`);
  }
}

function formatValue(figure: Figure): string {
  const digits = figure.unit === '×' ? 2 : figure.unit === 'ms' ? (figure.value < 100 ? 1 : 0) : figure.unit === 'KB' || figure.unit === 'MB' ? 1 : 0;
  return `${figure.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${figure.unit}`;
}

export function table(list: Figure[]): string {
  const rows = list.map((figure) => [figure.part, figure.name, formatValue(figure), figure.target ?? '', figure.met === undefined ? '' : figure.met ? 'met' : 'MISSED']);
  const header = ['part', 'figure', 'value', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  return [line(header), `|${widths.map((width, column) => (column === 2 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => !/^--(smoke|no-extension-host|out=.+|only=.+)$/.test(arg));
  if (unknown.length > 0) throw new Error(`Unknown argument ${unknown.join(' ')}. Use --smoke, --no-extension-host, --out=FILE, --only=PART,...`);
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const unknownParts = only?.filter((part) => !(PARTS as readonly string[]).includes(part)) ?? [];
  if (unknownParts.length > 0) throw new Error(`Unknown part ${unknownParts.join(', ')}. Parts: ${PARTS.join(', ')}.`);
  const runs = (part: Part) => !only || only.includes(part);
  const smoke = args.includes('--smoke');
  const sizes = smoke ? SMOKE : FULL;
  const footprintSizes = { ...sizes.footprint, extensionHost: sizes.footprint.extensionHost && !args.includes('--no-extension-host') };
  // A smoke run or a run of some parts never replaces the full run's figures.
  const defaultOut = smoke || only ? path.join(os.tmpdir(), `capillary-bench-${smoke ? 'smoke' : 'parts'}.json`) : path.join(REPO_ROOT, 'bench', 'results.json');
  const out = args.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ?? defaultOut;
  const startedAt = new Date().toISOString();
  const loadAverage = os.loadavg();

  const progress = (text: string) => process.stderr.write(`${text}\n`);
  const parts: Pick<BenchResults, Part> = {};
  if (runs('fetching')) {
    progress(`fetching: ${sizes.fetch.events} events, ${sizes.fetch.pageSize} a page, ${sizes.fetch.latencyMs} ms latency...`);
    parts.fetching = await benchFetching(sizes.fetch);
  }
  if (runs('rendering')) {
    progress(`rendering: ${sizes.render.periods * sizes.render.eventsPerPeriod} events in ${sizes.render.periods} periods; data grid ${sizes.render.dataGridRows} rows...`);
    parts.rendering = await benchRendering(sizes.render);
  }
  if (runs('footprint')) {
    progress(`footprint: production build, ${sizes.footprint.heapEvents} events held${footprintSizes.extensionHost ? ', code-server' : ''}...`);
    parts.footprint = await benchFootprint(footprintSizes);
  }
  if (runs('scaling')) {
    progress(`scaling: ${sizes.scaling.events.join(' / ')} events, fetched, held, painted and filtered, best of ${sizes.scaling.repeats}...`);
    parts.scaling = await benchScaling(sizes.scaling, progress);
  }

  // Smoke sizes are far below the targets' sizes: the targets are shown, not judged.
  const list = figures(parts).map((figure) => (smoke ? { ...figure, met: undefined } : figure));
  checkSane(list, parts.fetching);
  const results: BenchResults = {
    smoke,
    startedAt,
    machine: { cpus: os.cpus().length, loadAverage, node: process.version },
    ...parts,
    figures: list,
  };
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(table(list));
  const missed = list.filter((figure) => figure.met === false).length;
  const verdict = smoke ? 'Smoke run: every figure was produced (targets are not judged at these sizes)' : `${list.filter((figure) => figure.met !== undefined).length - missed} targets met, ${missed} missed`;
  console.log(`\n${verdict}; load average at start ${loadAverage.map((value) => value.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs. Figures: ${out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`The bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
