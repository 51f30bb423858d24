// The sample Capillary API over real HTTP on 127.0.0.1. The seed and its changes: the large generated customer,
// determinism, addLookup and addEvents.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSeed } from '../../sample-api/data/seed';
import { SAMPLE_LOOKUPS, startSampleApi, type SampleApi, type SampleEvent } from '../../sample-api/server';
import { DOC, events, get, useSharedSampleApi, type EventsBody } from './sample-api-support';

let api: SampleApi;
useSharedSampleApi((started) => (api = started));

test('addLookup replaces a lookup and refuses IDs or values that are not JSON numbers', async () => {
  const custom: SampleEvent = {
    eventLogId: '18446744073709551615',
    eventName: 'UNKNOWN_EVENT',
    customerId: '5',
    eventDisplayName: '<img src=x onerror=alert(1)> "quoted" \\ \n\u2028 \ud83d',
    uniqueId: 'u-1',
    eventDate: '2025-02-01 10:00:00.0',
    eventProcessedDate: '2025-02-01 10:00:05.0',
    periodId: '6',
    targetGroupId: '7',
    targetRuleId: '8',
    targetValue: '0.10',
  };
  api.addLookup('5', '8', [custom]);
  const answer = await get(api, '/v3/users/5/trackedTargetEvents/8');
  assert.ok(answer.text.includes('"eventLogId":18446744073709551615,'));
  assert.ok(answer.text.includes('"targetValue":0.10}'));
  assert.equal((JSON.parse(answer.text) as EventsBody).data[0].eventDisplayName, custom.eventDisplayName);

  api.addLookup('5', '8', []);
  assert.equal((await events(api, '', { userId: '5', targetRuleId: '8' })).errors[0].code, 310149);
  assert.throws(() => api.addLookup('5', '8', [{ ...custom, targetValue: '1e3' }]), /targetValue/);
  assert.throws(() => api.addLookup('5', '8', [{ ...custom, periodId: '6"' }]), /periodId/);
});

test('the large customer has 50 000 chronological events over 100 periods, behavioural and transactional', async () => {
  const large = await startSampleApi();
  try {
    const all: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset++) {
      const page = await events(large, `?limit=1000&offset=${offset}`, SAMPLE_LOOKUPS.large);
      assert.equal(page.pagination.total, 50_000);
      all.push(...page.data);
      if (page.data.length < 1000) break;
    }
    assert.equal(all.length, 50_000);
    assert.equal(new Set(all.map((e) => e.eventLogId)).size, 50_000);
    assert.equal(new Set(all.map((e) => e.periodId)).size, 100);
    assert.deepEqual([...new Set(all.map((e) => e.eventName))].sort(), ['ADD_TRANSACTION', 'ENROL', 'GENERIC_EVENT', 'RETURN_BILL', 'UNENROL']);
    for (let i = 1; i < all.length; i++) {
      assert.ok(String(all[i - 1].eventDate) <= String(all[i].eventDate), `event ${i} is out of order`);
    }
    for (const event of all) {
      assert.ok(String(event.eventProcessedDate) >= String(event.eventDate));
      assert.equal(event.eventDisplayName === null, event.eventName !== 'GENERIC_EVENT');
    }
  } finally {
    await large.stop();
  }
});

test('generated data is deterministic and behavioural events carry targetValue 1.000', () => {
  const first = buildSeed(500);
  const second = buildSeed(500);
  assert.deepEqual(first.lookups, second.lookups);
  const generated = first.lookups.find((l) => l.userId === SAMPLE_LOOKUPS.large.userId);
  assert.equal(generated?.events.length, 500);
  for (const event of generated?.events ?? []) {
    if (event.eventName === 'GENERIC_EVENT') assert.equal(event.targetValue, '1.000');
    else assert.match(event.targetValue, /^-?\d+(\.\d\d)?$/);
  }
});

test('addEvents appends events after the lookup\'s last one, and the knob adds them while the server runs', async () => {
  const server = await startSampleApi({ largeUserEvents: 10 });
  const ids = async () => (await events(server, '?limit=1000')).data.map((event) => String(event.eventLogId));
  try {
    const before = await ids();
    const [added] = server.addEvents(DOC.userId, DOC.targetRuleId);
    assert.equal(added.periodId, '9889');
    assert.equal(added.targetValue, '999.99');
    const after = await ids();
    assert.deepEqual(after, [...before, added.eventLogId]);
    assert.ok(BigInt(added.eventLogId) > BigInt(before.at(-1)!));
    server.startAddingEvents({ ...DOC, everySeconds: 0.05 });
    while ((await ids()).length < after.length + 2) await new Promise((resolve) => setTimeout(resolve, 20));
    server.stopAddingEvents();
    assert.throws(() => server.addEvents('700000007', '77001'), /no lookup with events/);
  } finally {
    await server.stop();
  }
});
