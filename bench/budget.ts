// Part 1, fetching: the request budget (issue 22). Requests for a 50,000-event lookup at the default page size;
// requests, refusals and time for a 60-page lookup behind a rate limit of 8 requests a second (429 without
// Retry-After); requests per refresh of an unchanged 60-page lookup, as a watch sends them (the events from the
// held result's last page, and the target progress with the period calendar kept).
import { performance } from 'node:perf_hooks';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../sample-api/server';
import { clientDefaults, createCapillaryClient, md5Hex, type ClientOptions, type TargetPeriod } from '../src/capillary';
import { SampleApiProcess } from './sampleApiProcess';

export interface BudgetResults {
  largeLookup: { events: number; pageSize: number; requests: number };
  rateLimited: { events: number; pages: number; limitPerSecond: number; requests: number; refusals: number; ms: number };
  unchangedRefresh: { pages: number; requestsPerRefresh: number; refreshes: number };
}

const RATE_LIMIT_PER_SECOND = 8;
const PAGES = 60;
const REFRESHES = 5;

function client(api: SampleApiProcess, options: Partial<ClientOptions> = {}) {
  return createCapillaryClient({
    baseUrl: api.url,
    auth: { kind: 'basic', username: SAMPLE_CREDENTIALS.basic.username, passwordMd5: md5Hex(SAMPLE_CREDENTIALS.basic.password) },
    ...options,
  });
}

/** `largeEvents`: the events of the large lookup (50,000 at full size); `events`: those of the 60-page one. */
export async function benchBudget(largeEvents: number, events: number): Promise<BudgetResults> {
  const large = await SampleApiProcess.start(largeEvents);
  let largeLookup: BudgetResults['largeLookup'];
  try {
    const plain = client(large);
    try {
      await large.resetStats();
      const result = await plain.fetchTrackedTargetEvents({ ...SAMPLE_LOOKUPS.large });
      largeLookup = { events: result.events.length, pageSize: clientDefaults.pageSize, requests: (await large.stats()).eventsRequests };
    } finally {
      plain.dispose();
    }
  } finally {
    await large.stop();
  }

  const api = await SampleApiProcess.start(events);
  const pageSize = Math.ceil(events / PAGES);
  try {
    let unchangedRefresh: BudgetResults['unchangedRefresh'];
    const watching = client(api, { pageSize });
    try {
      const calendars = new Map<string, readonly TargetPeriod[]>();
      const lookup = { ...SAMPLE_LOOKUPS.large };
      const progress = () => watching.getTargetProgress(lookup, { calendars }).catch(() => undefined);
      let [held] = await Promise.all([watching.fetchTrackedTargetEvents(lookup), progress()]);
      await api.resetStats();
      for (let refresh = 0; refresh < REFRESHES; refresh++) {
        [held] = await Promise.all([watching.fetchTrackedTargetEvents(lookup, { held }), progress()]);
      }
      const stats = await api.stats();
      unchangedRefresh = { pages: Math.ceil(events / pageSize), requestsPerRefresh: stats.requests / REFRESHES, refreshes: REFRESHES };
    } finally {
      watching.dispose();
    }
    await api.setFaults({ rateLimitPerSecond: RATE_LIMIT_PER_SECOND });
    await api.resetStats();
    const limited = client(api, { pageSize });
    let rateLimited: BudgetResults['rateLimited'];
    try {
      const start = performance.now();
      const result = await limited.fetchTrackedTargetEvents({ ...SAMPLE_LOOKUPS.large });
      const ms = performance.now() - start;
      const stats = await api.stats();
      rateLimited = { events: result.events.length, pages: Math.ceil(events / pageSize), limitPerSecond: RATE_LIMIT_PER_SECOND, requests: stats.requests, refusals: stats.rateLimited, ms };
    } finally {
      limited.dispose();
    }

    return { largeLookup, rateLimited, unchangedRefresh };
  } finally {
    await api.stop();
  }
}
