// A server that caps `limit` silently (fewer events than asked, the asked limit echoed): the lookup goes on with
// pages of the size received and gets every event, under every reading of `offset` (page index or rows) and of
// `total` (records or pages), in at most four requests more than the capped pages need (with row offsets, the first round
// of pages asked for as page indexes is the price of finding out). A short page that `total`
// agrees with still ends the lookup at once.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { clientDefaults } from '../../src/capillary';
import { makeEvents, withClient } from './api-support';

let api: SampleApi;
/** 5,000 events. */
const lookup = { userId: '31377', targetRuleId: '4250' };
/** 37 events: one short page at the default page size. */
const small = { userId: '31378', targetRuleId: '4250' };

before(async () => {
  api = await startSampleApi({ largeUserEvents: 10 });
  api.addLookup(lookup.userId, lookup.targetRuleId, makeEvents(lookup.userId, lookup.targetRuleId, 5000, 4));
  api.addLookup(small.userId, small.targetRuleId, makeEvents(small.userId, small.targetRuleId, 37, 2));
});

after(async () => {
  await api.stop();
});

beforeEach(() => api.reset());

describe('a server that caps the page size silently', () => {
  for (const cap of [50, 500]) {
    for (const offsetMode of ['page', 'row'] as const) {
      for (const totalMode of ['records', 'pages'] as const) {
        it(`cap ${cap}, offset as ${offsetMode}, total in ${totalMode}: every one of 5,000 events`, async () => {
          api.setFaults({ silentPageCap: cap, offsetMode, totalMode });
          const result = await withClient(api, {}, (client) => client.fetchTrackedTargetEvents(lookup));
          assert.equal(result.events.length, 5000);
          assert.equal(new Set(result.events.map((event) => event.eventLogId)).size, 5000);
          assert.deepEqual(
            result.events.map((event) => event.eventLogId),
            makeEvents(lookup.userId, lookup.targetRuleId, 5000, 4).map((event) => event.eventLogId),
            'in the server order',
          );
          assert.ok(result.warnings.some((warning) => warning.includes(`capped the page size at ${cap} events without saying so`)), result.warnings.join(' | '));
          // The capped pages, and the empty page after them that tells a full last page from a page cut short.
          const cappedPagesNeed = 5000 / cap + 1;
          const requests = api.stats().eventsRequests;
          assert.ok(requests <= cappedPagesNeed + 4, `${requests} requests where the capped pages need ${cappedPagesNeed}`);
          const firstLimit = new URL(api.requests[0].path, 'http://x').searchParams.get('limit');
          assert.equal(firstLimit, String(clientDefaults.pageSize), 'page 0 asks for the largest page');
        });
      }
    }
  }

  it('a short page that a total of records agrees with ends the lookup in one request', async () => {
    const result = await withClient(api, {}, (client) => client.fetchTrackedTargetEvents(small));
    assert.equal(result.events.length, 37);
    assert.equal(api.stats().eventsRequests, 1);
    assert.deepEqual(result.warnings, []);
  });

  it('a short page that a total of pages agrees with ends the lookup in one request', async () => {
    api.setFaults({ totalMode: 'pages' });
    const result = await withClient(api, {}, (client) => client.fetchTrackedTargetEvents(small));
    assert.equal(result.total, 1);
    assert.equal(result.events.length, 37);
    assert.equal(api.stats().eventsRequests, 1);
  });

});
