// The shape of a lookup's requests against the sample API: page 0 alone, then one concurrent wave that also tells
// how the server reads `offset` and ends with the page after the last full one (which confirms the end), in a free
// slot of its last round. A `total` alone never ends a lookup.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { makeEvents, withClient } from './api-support';

let api: SampleApi;
const lookup = { userId: '31339', targetRuleId: '4244' };
const pageSize = 5;
/** 200 events: at 10 a page, a total of pages (20) reads as exactly two full pages of records. */
const pagesLookup = { userId: '31340', targetRuleId: '4244' };
/** 20,000 events: 200 full pages of 100. */
const longLookup = { userId: '31341', targetRuleId: '4244' };

before(async () => {
  api = await startSampleApi({ largeUserEvents: 10 });
  api.addLookup(lookup.userId, lookup.targetRuleId, makeEvents(lookup.userId, lookup.targetRuleId, 40, 2));
  api.addLookup(pagesLookup.userId, pagesLookup.targetRuleId, makeEvents(pagesLookup.userId, pagesLookup.targetRuleId, 200, 3));
  api.addLookup(longLookup.userId, longLookup.targetRuleId, makeEvents(longLookup.userId, longLookup.targetRuleId, 20_000, 5));
});

after(async () => {
  await api.stop();
});

beforeEach(() => api.reset());

const offsets = (): number[] => api.requests.map((request) => Number(new URL(request.path, 'http://x').searchParams.get('offset')));

describe('paging at the latency limit', () => {
  it('fetches page 1 in the first wave with the pages after it', async () => {
    // Long enough that the wave's requests overlap on a busy machine too: what counts is that they are all sent at once.
    api.setFaults({ latencyMs: 400 });
    const result = await withClient(api, { pageSize, concurrency: 8 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 40);
    assert.equal(api.stats().maxInFlight, 8, 'pages 1 to 7 at once, and page 8 (empty) in the free slot');
  });

  it('asks for the page after the full pages that a total of records matches, in the same wave', async () => {
    const result = await withClient(api, { pageSize, concurrency: 3 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 40);
    assert.deepEqual(offsets().sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(result.pagesFetched, 9);
  });

  for (const concurrency of [1, 4, 8]) {
    it(`concurrency ${concurrency}: a total of pages that reads as exactly two full pages of records misses no event`, async () => {
      // 200 events at 10 a page: total 20 (pages), which read as records is matched by pages 0 and 1.
      api.setFaults({ totalMode: 'pages' });
      const result = await withClient(api, { pageSize: 10, concurrency }, (client) => client.fetchTrackedTargetEvents(pagesLookup));
      assert.equal(result.total, 20);
      assert.equal(result.events.length, 200, 'every event, not the first two pages');
      assert.equal(new Set(result.events.map((event) => event.eventLogId)).size, 200);
      assert.deepEqual(result.warnings, []);
      const asked = offsets();
      assert.ok(asked.includes(20), 'the page after the last full one was asked for');
      assert.ok(!asked.some((offset) => offset > 20 + concurrency), `no page far past the end: ${asked.join(', ')}`);
    });
  }

  for (const concurrency of [4, 8]) {
    it(`concurrency ${concurrency}: 200 full pages take 201 requests, page 200 in the last round with the last full pages`, async () => {
      // A round lasts at least the latency: long enough that requests sent together are seen together by the
      // server, also while other test files keep the CPUs busy.
      api.setFaults({ latencyMs: 100 });
      // The pages fetched when page 200 was first seen asked for (progress comes after each page).
      let fetchedWhenAsked: number | undefined;
      const result = await withClient(api, { pageSize: 100, concurrency }, (client) =>
        client.fetchTrackedTargetEvents(longLookup, {
          onFetchProgress: ({ pagesFetched }) => {
            if (fetchedWhenAsked === undefined && offsets().includes(200)) fetchedWhenAsked = pagesFetched;
          },
        }),
      );
      assert.equal(result.events.length, 20_000);
      assert.equal(result.pagesFetched, 201);
      assert.deepEqual(
        offsets().sort((a, b) => a - b),
        Array.from({ length: 201 }, (_, index) => index),
        'pages 0 to 199 and page 200, each once',
      );
      // A round of its own would ask for page 200 only once the 200 full pages were in (201 fetched at its report).
      assert.ok(fetchedWhenAsked !== undefined && fetchedWhenAsked <= 200, `page 200 asked for with ${fetchedWhenAsked} pages in`);
      assert.equal(api.stats().maxInFlight, concurrency);
    });
  }

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
    assert.deepEqual(asked.slice(5).sort((a, b) => a - b), [5, 10, 15, 20, 25, 30, 35, 40], 'then row offsets only, up to the empty page');
  });
});
