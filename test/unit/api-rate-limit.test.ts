// The request scheduler against the sample API's rate limit (at most N requests answered a second, then 429):
// lookups complete with every event, refusals stay few, every client of one scheduler pauses together, a
// Retry-After is honoured, and a pace set in advance lives within the limit without a single refusal.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { RequestScheduler, type FetchProgress } from '../../src/capillary';
import { makeEvents, sampleClient, withClient } from './api-support';

let api: SampleApi;
/** 6,000 events: 60 pages of 100. */
const lookup = { userId: '31390', targetRuleId: '4260' };
const other = { userId: '31391', targetRuleId: '4260' };

before(async () => {
  api = await startSampleApi({ largeUserEvents: 10 });
  api.addLookup(lookup.userId, lookup.targetRuleId, makeEvents(lookup.userId, lookup.targetRuleId, 6000, 3));
  api.addLookup(other.userId, other.targetRuleId, makeEvents(other.userId, other.targetRuleId, 2000, 2, 600_000_000n));
});

after(async () => {
  await api.stop();
});

beforeEach(() => api.reset());

/** The times (ms from the first) at which the sample API answered 429, from its recorded requests and stats. */
function answeredPerSecond(): number {
  const times = api.requests.map((request) => request.receivedAt);
  let most = 0;
  for (const [index, time] of times.entries()) most = Math.max(most, times.slice(index).filter((later) => later < time + 1000).length);
  return most;
}

describe('the rate limit of an API key', () => {
  it('a 6,000-event lookup in pages of 100 behind 8 requests a second: every event, at most 30 refusals', { timeout: 60_000 }, async () => {
    api.setFaults({ rateLimitPerSecond: 8 });
    const progress: FetchProgress[] = [];
    const result = await withClient(api, { pageSize: 100, retries: 0 }, (client) =>
      client.fetchTrackedTargetEvents(lookup, { onFetchProgress: (update) => progress.push(update) }),
    );
    assert.equal(result.events.length, 6000);
    assert.equal(new Set(result.events.map((event) => event.eventLogId)).size, 6000);
    const refusals = api.stats().rateLimited;
    assert.ok(refusals >= 1, 'the limit was reached');
    assert.ok(refusals <= 30, `${refusals} responses 429`);
    assert.ok(progress.some((update) => update.rateLimitedUntil !== undefined), 'the progress said it waited for the rate limit');
    assert.equal(progress.at(-1)?.rateLimitedUntil, undefined, 'and no longer once the pages came');
  });

  it('a 6,000-event lookup at the default page size behind 8 requests a second completes', async () => {
    api.setFaults({ rateLimitPerSecond: 8 });
    const result = await withClient(api, { retries: 0 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 6000);
  });

  it('two lookups of one profile share its scheduler: they pause together and stay within the limit once it is learnt', { timeout: 60_000 }, async () => {
    api.setFaults({ rateLimitPerSecond: 8 });
    const scheduler = new RequestScheduler({ maxConcurrency: 4 });
    try {
      const pauses: number[] = [];
      scheduler.onPause((until) => {
        if (until !== undefined) pauses.push(until);
      });
      const client = sampleClient(api, { pageSize: 100, scheduler, retries: 0 });
      const otherClient = sampleClient(api, { pageSize: 100, scheduler, retries: 0 });
      const [first, second] = await Promise.all([client.fetchTrackedTargetEvents(other), otherClient.fetchTrackedTargetEvents(other)]).finally(() => {
        client.dispose();
        otherClient.dispose();
      });
      assert.equal(first.events.length, 2000);
      assert.equal(second.events.length, 2000);
      assert.ok(pauses.length >= 1, 'the profile paused');
      const refusals = api.stats().rateLimited;
      assert.ok(refusals <= 30, `${refusals} responses 429 for 42 pages of two lookups`);
      assert.ok(api.stats().maxInFlight <= 4, `${api.stats().maxInFlight} in flight: one window for the profile`);
    } finally {
      scheduler.dispose();
    }
  });

  it('a Retry-After is honoured: no request of the profile starts before it ends', { timeout: 30_000 }, async () => {
    api.setFaults({ rateLimitPerSecond: 3, rateLimitRetryAfter: true });
    const records: Array<{ status: number | 'error'; startedAt: number; endedAt: number }> = [];
    const result = await withClient(
      api,
      { pageSize: 1000, retries: 0, onRequest: (record) => records.push({ status: record.status, startedAt: Date.now() - record.durationMs, endedAt: Date.now() }) },
      (client) => client.fetchTrackedTargetEvents(lookup),
    );
    assert.equal(result.events.length, 6000);
    const refused = records.filter((record) => record.status === 429);
    assert.ok(refused.length >= 1, 'the limit was reached');
    for (const refusal of refused) {
      // This server's Retry-After is a whole second at least; requests already in flight may end after it.
      const tooEarly = records.filter((record) => record.startedAt > refusal.endedAt + 5 && record.startedAt < refusal.endedAt + 950);
      assert.deepEqual(tooEarly, [], 'nothing started during the pause');
    }
  });

  it('requestsPerMinute paces the requests within the limit: not one refusal', { timeout: 30_000 }, async () => {
    api.setFaults({ rateLimitPerSecond: 8 });
    const result = await withClient(api, { pageSize: 250, requestsPerMinute: 420, retries: 0 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 6000);
    assert.equal(api.stats().rateLimited, 0);
    assert.ok(answeredPerSecond() <= 8, `${answeredPerSecond()} requests in one second`);
  });
});
