// The shape of a lookup's requests against the sample API: page 0 alone, then one concurrent wave that also tells
// how the server reads `offset`, and no empty page after a `total` that the full pages match.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { makeEvents, withClient } from './api-support';

let api: SampleApi;
const lookup = { userId: '31339', targetRuleId: '4244' };
const pageSize = 5;

before(async () => {
  api = await startSampleApi({ largeUserEvents: 10 });
  api.addLookup(lookup.userId, lookup.targetRuleId, makeEvents(lookup.userId, lookup.targetRuleId, 40, 2));
});

after(async () => {
  await api.stop();
});

beforeEach(() => {
  api.resetFaults();
  api.resetStats();
  api.clearRequests();
});

const offsets = (): number[] => api.requests.map((request) => Number(new URL(request.path, 'http://x').searchParams.get('offset')));

describe('paging at the latency limit', () => {
  it('fetches page 1 in the first wave with the pages after it', async () => {
    api.setFaults({ latencyMs: 30 });
    const result = await withClient(api, { pageSize, concurrency: 8 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 40);
    assert.equal(api.stats().maxInFlight, 7, 'pages 1 to 7 at once');
  });

  it('asks for no page after the full pages that a total of records matches', async () => {
    const result = await withClient(api, { pageSize, concurrency: 3 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 40);
    assert.deepEqual(offsets().sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(result.pagesFetched, 8);
  });

  it('still asks for the next page when the total counts pages', async () => {
    api.setFaults({ totalMode: 'pages' });
    const result = await withClient(api, { pageSize, concurrency: 3 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 40);
    assert.ok(offsets().includes(8), 'the page after the last full one was asked for');
  });

  it('row offsets: the first wave starts no more pages than it has workers, and is fetched again with row offsets', async () => {
    api.setFaults({ offsetMode: 'row', latencyMs: 10 });
    const result = await withClient(api, { pageSize, concurrency: 4 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 40);
    assert.ok(result.warnings.some((warning) => /row offset/.test(warning)));
    const asked = offsets();
    assert.deepEqual(asked.slice(0, 5).sort((a, b) => a - b), [0, 1, 2, 3, 4], 'page 0, then the first wave with page offsets');
    assert.deepEqual(asked.slice(5).sort((a, b) => a - b), [5, 10, 15, 20, 25, 30, 35], 'then row offsets only, no empty page');
  });
});
