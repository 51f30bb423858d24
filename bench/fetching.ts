// Part 1, fetching: one lookup of many pages from the sample API with a fixed per-request latency, timed at
// concurrency 1 (the baseline), the default 4 and 8, with offset read as a page index and as a row offset.
import { performance } from 'node:perf_hooks';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../sample-api/server';
import { clientDefaults, createCapillaryClient, md5Hex } from '../src/api';
import { SampleApiThread } from './sampleApiWorker';

export interface FetchSizes {
  events: number;
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
  /** Time the client's event loop was busy (not waiting) during the fastest repeat: its CPU work. */
  clientBusyMs: number;
  /** Highest number of requests the server had in flight at once, over every repeat. */
  maxInFlight: number;
  events: number;
}

export interface FetchResults {
  sizes: FetchSizes;
  runs: FetchRun[];
  /** Time at concurrency 1 ÷ time at the given concurrency, per offset mode. */
  speedups: Record<'page' | 'row', Record<string, number>>;
  /** Row-offset time ÷ page-offset time at the default concurrency: the cost of detecting row offsets. */
  rowOffsetCost: number;
}

export const CONCURRENCIES = [1, clientDefaults.concurrency, 8] as const;

async function timeLookup(
  api: SampleApiThread,
  concurrency: number,
  pageSize: number,
): Promise<{ ms: number; busyMs: number; events: number }> {
  const client = createCapillaryClient({
    baseUrl: api.url,
    auth: { kind: 'basic', username: SAMPLE_CREDENTIALS.basic.username, passwordMd5: md5Hex(SAMPLE_CREDENTIALS.basic.password) },
    pageSize,
    concurrency,
  });
  try {
    const loopBefore = performance.eventLoopUtilization();
    const start = performance.now();
    const result = await client.fetchTrackedTargetEvents({ ...SAMPLE_LOOKUPS.large });
    const ms = performance.now() - start;
    return { ms, busyMs: performance.eventLoopUtilization(loopBefore).active, events: result.events.length };
  } finally {
    client.dispose();
  }
}

export async function benchFetching(sizes: FetchSizes): Promise<FetchResults> {
  const api = await SampleApiThread.start(sizes.events);
  const runs: FetchRun[] = [];
  try {
    // Warm-up without latency: JIT and the server's per-lookup buffers, so the first timed run is not penalised.
    await timeLookup(api, 8, sizes.pageSize);
    for (const offsetMode of ['page', 'row'] as const) {
      for (const concurrency of CONCURRENCIES) {
        await api.setFaults({ latencyMs: sizes.latencyMs, offsetMode });
        const allMs: number[] = [];
        let clientBusyMs = 0;
        let maxInFlight = 0;
        let requests = 0;
        let events = 0;
        for (let repeat = 0; repeat < sizes.repeats; repeat++) {
          await api.resetStats();
          const timed = await timeLookup(api, concurrency, sizes.pageSize);
          const stats = await api.stats();
          if (timed.ms < Math.min(...allMs)) clientBusyMs = timed.busyMs;
          allMs.push(timed.ms);
          maxInFlight = Math.max(maxInFlight, stats.maxInFlight);
          requests = stats.requests;
          events = timed.events;
          if (events !== sizes.events) {
            throw new Error(`The lookup returned ${events} events instead of ${sizes.events} (offset ${offsetMode}, concurrency ${concurrency}).`);
          }
        }
        runs.push({ offsetMode, concurrency, ms: Math.min(...allMs), allMs, requests, clientBusyMs, maxInFlight, events });
      }
    }
  } finally {
    await api.stop();
  }
  const speedups = { page: {}, row: {} } as FetchResults['speedups'];
  for (const mode of ['page', 'row'] as const) {
    const baseline = runs.find((run) => run.offsetMode === mode && run.concurrency === 1)!.ms;
    for (const run of runs.filter((candidate) => candidate.offsetMode === mode)) speedups[mode][run.concurrency] = baseline / run.ms;
  }
  const at = (mode: 'page' | 'row') => runs.find((run) => run.offsetMode === mode && run.concurrency === clientDefaults.concurrency)!.ms;
  return { sizes, runs, speedups, rowOffsetCost: at('row') / at('page') };
}
