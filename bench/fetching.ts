// Part 1, fetching: one lookup of many pages from the sample API with a fixed per-request latency, timed at
// concurrency 1 (the baseline), the default 4 and 8, with offset read as a page index and as a row offset.
import { performance } from 'node:perf_hooks';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../sample-api/server';
import { clientDefaults, createCapillaryClient, md5Hex } from '../src/capillary';
import { benchBudget, type BudgetResults } from './budget';
import { SampleApiProcess } from './sampleApiProcess';

export interface FetchSizes {
  events: number;
  /** Events of the large lookup whose requests at the default page size are counted. */
  budgetLargeEvents: number;
  /** Events of the 60-page lookup behind the rate limit and refreshed unchanged. */
  budgetEvents: number;
  pageSize: number;
  latencyMs: number;
  /** Timed runs per setting; the fastest counts (the others absorb noise from the rest of the machine). */
  repeats: number;
}

export interface FetchRun {
  offsetMode: 'page' | 'row';
  concurrency: number;
  /** Fastest of the repeats. */
  ms: number;
  allMs: number[];
  requests: number;
  /** CPU time (user + system) of the client's process during the fastest repeat; the server runs in another. */
  clientCpuMs: number;
  /**
   * The time if only latency counted: the round trips that must wait for each other × latency. Page 0 goes alone,
   * then pages 1 to the last and the empty page after it (which confirms the end) in rounds of `concurrency`; with
   * row offsets, the first round (page 1 asked for with a page index) is one more.
   */
  latencyBoundMs: number;
  /** Highest number of requests the server had in flight at once, over every repeat. */
  maxInFlight: number;
  events: number;
}

export interface FetchResults {
  sizes: FetchSizes;
  runs: FetchRun[];
  /** Time at concurrency 1 ÷ time at the given concurrency, per offset mode. */
  speedups: Record<'page' | 'row', Record<string, number>>;
  /** Row-offset time ÷ page-offset time, per concurrency: the cost of detecting row offsets. */
  rowOffsetCost: Record<string, number>;
  /** The request budget: requests of a large lookup, behind a rate limit, and per refresh of an unchanged one. */
  budget: BudgetResults;
}

export const CONCURRENCIES = [1, clientDefaults.concurrency, 8] as const;

async function timeLookup(
  api: SampleApiProcess,
  concurrency: number,
  pageSize: number,
): Promise<{ ms: number; cpuMs: number; events: number }> {
  const client = createCapillaryClient({
    baseUrl: api.url,
    auth: { kind: 'basic', username: SAMPLE_CREDENTIALS.basic.username, passwordMd5: md5Hex(SAMPLE_CREDENTIALS.basic.password) },
    pageSize,
    concurrency,
  });
  try {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const result = await client.fetchTrackedTargetEvents({ ...SAMPLE_LOOKUPS.large });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, events: result.events.length };
  } finally {
    client.dispose();
  }
}

export async function benchFetching(sizes: FetchSizes): Promise<FetchResults> {
  const api = await SampleApiProcess.start(sizes.events);
  const runs: FetchRun[] = [];
  try {
    // Warm-up without latency: JIT and the server's per-lookup buffers, so the first timed run is not penalised.
    await timeLookup(api, 8, sizes.pageSize);
    // Repeats are interleaved (every setting once, then again), so a burst of load elsewhere on the machine
    // slows one repeat of every setting rather than every repeat of one.
    const settings = (['page', 'row'] as const).flatMap((offsetMode) => CONCURRENCIES.map((concurrency) => ({ offsetMode, concurrency })));
    const timings = settings.map(() => ({ allMs: [] as number[], cpuMs: [] as number[], maxInFlight: 0, requests: 0 }));
    for (let repeat = 0; repeat < sizes.repeats; repeat++) {
      for (const [index, { offsetMode, concurrency }] of settings.entries()) {
        await api.setFaults({ latencyMs: sizes.latencyMs, offsetMode });
        await api.resetStats();
        const timed = await timeLookup(api, concurrency, sizes.pageSize);
        const stats = await api.stats();
        if (timed.events !== sizes.events) {
          throw new Error(`The lookup returned ${timed.events} events instead of ${sizes.events} (offset ${offsetMode}, concurrency ${concurrency}).`);
        }
        const timing = timings[index];
        timing.allMs.push(timed.ms);
        timing.cpuMs.push(timed.cpuMs);
        timing.maxInFlight = Math.max(timing.maxInFlight, stats.maxInFlight);
        timing.requests = stats.requests;
      }
    }
    const pages = Math.ceil(sizes.events / sizes.pageSize);
    for (const [index, { offsetMode, concurrency }] of settings.entries()) {
      const { allMs, cpuMs, maxInFlight, requests } = timings[index];
      const fastest = allMs.indexOf(Math.min(...allMs));
      const roundTrips = 1 + (offsetMode === 'row' ? 1 : 0) + Math.ceil(pages / concurrency);
      const latencyBoundMs = roundTrips * sizes.latencyMs;
      runs.push({ offsetMode, concurrency, ms: allMs[fastest], allMs, requests, clientCpuMs: cpuMs[fastest], latencyBoundMs, maxInFlight, events: sizes.events });
    }
  } finally {
    await api.stop();
  }
  const speedups = { page: {}, row: {} } as FetchResults['speedups'];
  for (const mode of ['page', 'row'] as const) {
    const baseline = runs.find((run) => run.offsetMode === mode && run.concurrency === 1)!.ms;
    for (const run of runs.filter((candidate) => candidate.offsetMode === mode)) speedups[mode][run.concurrency] = baseline / run.ms;
  }
  const at = (mode: 'page' | 'row', concurrency: number) => runs.find((run) => run.offsetMode === mode && run.concurrency === concurrency)!.ms;
  const rowOffsetCost = Object.fromEntries(CONCURRENCIES.map((concurrency) => [concurrency, at('row', concurrency) / at('page', concurrency)]));
  const budget = await benchBudget(sizes.budgetLargeEvents, sizes.budgetEvents);
  return { sizes, runs, speedups, rowOffsetCost, budget };
}
