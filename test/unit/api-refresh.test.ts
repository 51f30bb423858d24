// Refreshing a held result: the last page is asked for again and, when it still starts with the same event, only
// the pages after it; an event inserted or removed earlier in the list makes it fetch every page.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { makeEvents, withClient } from './api-support';

let api: SampleApi;
/** 6,000 events: 60 full pages of 100. */
const full = { userId: '31395', targetRuleId: '4270' };
/** 5,950 events: 59 full pages and a short one. */
const short = { userId: '31396', targetRuleId: '4270' };
const fullEvents = makeEvents(full.userId, full.targetRuleId, 6000, 3);
const shortEvents = makeEvents(short.userId, short.targetRuleId, 5950, 3, 700_000_000n);
const pageSize = 100;

before(async () => {
  api = await startSampleApi({ largeUserEvents: 10 });
});

after(async () => {
  await api.stop();
});

beforeEach(() => {
  api.reset();
  api.addLookup(full.userId, full.targetRuleId, fullEvents);
  api.addLookup(short.userId, short.targetRuleId, shortEvents);
});

const ids = (events: ReadonlyArray<{ eventLogId: string }>): string[] => events.map((event) => event.eventLogId);

describe('refreshing a held result', () => {
  it('unchanged, with a full last page: that page and the empty page after it (2 requests)', async () => {
    await withClient(api, { pageSize }, async (client) => {
      const held = await client.fetchTrackedTargetEvents(full);
      api.resetStats();
      const fresh = await client.fetchTrackedTargetEvents(full, { held });
      assert.equal(api.stats().eventsRequests, 2);
      assert.equal(fresh.fetchedPages, 'from-last-page');
      assert.deepEqual(ids(fresh.events), ids(fullEvents));
      assert.deepEqual(fresh.rawPages.slice(0, 59), held.rawPages.slice(0, 59));
    });
  });

  it('unchanged, with a short last page: one request', async () => {
    await withClient(api, { pageSize }, async (client) => {
      const held = await client.fetchTrackedTargetEvents(short);
      api.resetStats();
      const events: string[] = [];
      const fresh = await client.fetchTrackedTargetEvents(short, { held, onEvents: (arrived) => events.push(...ids(arrived)) });
      assert.equal(api.stats().eventsRequests, 1);
      assert.deepEqual(ids(fresh.events), ids(shortEvents));
      assert.deepEqual(events, ids(shortEvents), 'the events passed on are the whole list, in order');
    });
  });

  it('events added at the end: the last page and the pages after it', async () => {
    await withClient(api, { pageSize }, async (client) => {
      const held = await client.fetchTrackedTargetEvents(full);
      const added = api.addEvents(full.userId, full.targetRuleId, 150);
      api.resetStats();
      const fresh = await client.fetchTrackedTargetEvents(full, { held });
      assert.equal(fresh.fetchedPages, 'from-last-page');
      assert.deepEqual(ids(fresh.events), [...ids(fullEvents), ...ids(added)]);
      assert.ok(api.stats().eventsRequests <= 4, `${api.stats().eventsRequests} requests`);
    });
  });

  for (const change of ['inserted', 'removed'] as const) {
    it(`an event ${change} in the middle of the list: every page is fetched and the change is in the result`, async () => {
      await withClient(api, { pageSize }, async (client) => {
        const held = await client.fetchTrackedTargetEvents(full);
        const changed = [...fullEvents];
        if (change === 'inserted') changed.splice(3000, 0, { ...fullEvents[2999], eventLogId: '900000000001', uniqueId: '990000001' });
        else changed.splice(3000, 1);
        api.addLookup(full.userId, full.targetRuleId, changed);
        api.resetStats();
        const fresh = await client.fetchTrackedTargetEvents(full, { held });
        assert.equal(fresh.fetchedPages, 'all-pages');
        assert.deepEqual(ids(fresh.events), ids(changed));
      });
    });
  }

  it('row offsets and a silent cap: the refresh pages the way the held result was paged', async () => {
    api.setFaults({ offsetMode: 'row', silentPageCap: 500 });
    await withClient(api, {}, async (client) => {
      const held = await client.fetchTrackedTargetEvents(short);
      api.resetStats();
      const fresh = await client.fetchTrackedTargetEvents(short, { held });
      assert.equal(api.stats().eventsRequests, 1);
      assert.deepEqual(ids(fresh.events), ids(shortEvents));
      assert.ok(fresh.warnings.some((warning) => /capped the page size at 500/.test(warning)));
    });
  });
});
