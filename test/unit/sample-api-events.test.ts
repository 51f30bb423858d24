// The sample Capillary API over real HTTP on 127.0.0.1. trackedTargetEvents: the documented envelope, error codes,
// parameter checks, paging (offset as page or row), periodId, exact IDs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_LOOKUPS, type SampleApi } from '../../sample-api/server';
import { DOC_EVENT_IDS, events, eventsPath, get, useSharedSampleApi, type EventsBody } from './sample-api-support';

let api: SampleApi;
useSharedSampleApi((started) => (api = started));

test('documented error codes arrive with HTTP 200 and an errors[] entry', async () => {
  const cases: Array<[string, number, string]> = [
    ['/v3/users/111111111/trackedTargetEvents/1986', 310011, 'Invalid userId'],
    ['/v3/users/564332013/trackedTargetEvents/4242', 310018, 'Target rule not found'],
    ['/v3/users/564332013/trackedTargetEvents/1986?periodId=77865', 310019, 'Target period not found'],
    [eventsPath(SAMPLE_LOOKUPS.noEvents), 310149, 'No record found in user target for given UserId and TargetId'],
  ];
  for (const [pathAndQuery, code, message] of cases) {
    const answer = await get(api, pathAndQuery);
    assert.equal(answer.status, 200, pathAndQuery);
    const body = JSON.parse(answer.text) as EventsBody;
    assert.deepEqual(body.errors, [{ code, message }], pathAndQuery);
    assert.deepEqual(body.data, []);
  }
});

test('non-digit, zero, overflowing or out-of-range parameters get HTTP 400 naming the parameter', async () => {
  const cases: Array<[string, string]> = [
    ['/v3/users/56433201a/trackedTargetEvents/1986', 'userId'],
    ['/v3/users/-564332013/trackedTargetEvents/1986', 'userId'],
    ['/v3/users/0/trackedTargetEvents/1986', 'userId'],
    ['/v3/users/9223372036854775808/trackedTargetEvents/1986', 'userId'],
    ['/v3/users/564332013/trackedTargetEvents/1e3', 'targetRuleId'],
    ['/v3/users/564332013/trackedTargetEvents/1986?limit=ten', 'limit'],
    ['/v3/users/564332013/trackedTargetEvents/1986?limit=0', 'limit'],
    ['/v3/users/564332013/trackedTargetEvents/1986?limit=1001', 'limit'],
    ['/v3/users/564332013/trackedTargetEvents/1986?offset=-1', 'offset'],
    ['/v3/users/564332013/trackedTargetEvents/1986?offset=1.5', 'offset'],
    ['/v3/users/564332013/trackedTargetEvents/1986?periodId=98 87', 'periodId'],
  ];
  for (const [pathAndQuery, field] of cases) {
    const answer = await get(api, pathAndQuery);
    assert.equal(answer.status, 400, pathAndQuery);
    const body = JSON.parse(answer.text) as EventsBody;
    assert.equal(body.errors.length, 1);
    assert.ok(body.errors[0].message.startsWith(field), `${pathAndQuery}: ${body.errors[0].message}`);
  }
});

test('limit defaults to 10, allows 1000, and offset defaults to 0', async () => {
  const byDefault = await events(api, '');
  assert.deepEqual(byDefault.pagination, { limit: 10, offset: 0, total: 10 });
  assert.equal(byDefault.data.length, 10);
  const large = await events(api, '?limit=1000', SAMPLE_LOOKUPS.large);
  assert.equal(large.data.length, 1000);
  assert.equal(large.pagination.total, 2000);
});

test('offset as page index (default): pages concatenate to every event once, in order', async () => {
  const seen: string[] = [];
  for (let offset = 0; offset < 4; offset++) {
    const page = await events(api, `?limit=3&offset=${offset}`);
    assert.deepEqual(page.pagination, { limit: 3, offset, total: 10 });
    assert.equal(page.data.length, offset < 3 ? 3 : 1);
    seen.push(...page.data.map((e) => String(e.eventLogId)));
  }
  assert.deepEqual(seen, DOC_EVENT_IDS);
  assert.deepEqual((await events(api, '?limit=3&offset=4')).data, []);
});

test('offsetMode row: offset skips rows, so the second request starts with the first page second record', async () => {
  api.setFaults({ offsetMode: 'row' });
  const first = await events(api, '?limit=3&offset=0');
  const second = await events(api, '?limit=3&offset=1');
  assert.deepEqual(second.data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(1, 4));
  assert.equal(second.data[0].eventLogId, first.data[1].eventLogId);
  assert.deepEqual((await events(api, '?limit=3&offset=9')).data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(9));
});

test('totalMode pages: total counts pages; records (default) counts events', async () => {
  assert.equal((await events(api, '?limit=3')).pagination.total, 10);
  api.setFaults({ totalMode: 'pages' });
  assert.equal((await events(api, '?limit=3')).pagination.total, 4);
  assert.equal((await events(api, '?limit=10')).pagination.total, 1);
  assert.equal((await events(api, '?limit=30&periodId=9888')).pagination.total, 1);
});

test('periodId filters to that period: the doc page third and second examples', async () => {
  const third = await events(api, '?limit=30&offset=0&periodId=9889');
  assert.deepEqual(third.pagination, { limit: 30, offset: 0, total: 2 });
  assert.deepEqual(third.data.map((e) => String(e.eventLogId)), ['615460983', '615461137']);
  const middle = await events(api, '?limit=2&offset=1&periodId=9888');
  assert.deepEqual(middle.data.map((e) => String(e.eventLogId)), ['615376684']);
  assert.equal(middle.pagination.total, 3);

  const answer = await get(api, eventsPath(SAMPLE_LOOKUPS.behavioural, '?limit=1'));
  const second = JSON.parse(answer.text) as EventsBody;
  assert.deepEqual(second.pagination, { limit: 1, offset: 0, total: 2 });
  assert.equal(second.data[0].eventLogId, 31748158);
  assert.equal(second.data[0].eventDisplayName, 'testBehavioural');
  assert.equal(second.data[0].uniqueId, '6621dee9-6c2a-43ad-aa41-be2bf138de04');
  assert.match(answer.text, /"targetValue":1\.000\}/);
});

test('IDs past 2^53 appear with every digit in the raw body', async () => {
  const answer = await get(api, eventsPath(SAMPLE_LOOKUPS.bigIds, '?limit=10'));
  assert.equal(answer.status, 200);
  for (const fragment of [
    '"eventLogId":9223372036854775807,',
    '"eventLogId":9223372036854775806,',
    '"eventLogId":9007199254741003,',
    '"customerId":9007199254740993,',
    '"periodId":9007199254740999,',
    '"periodId":9007199254741001,',
    '"targetGroupId":9007199254740997,',
    '"targetRuleId":9007199254740995,',
    '"uniqueId":"9223372036854775001"',
    '"targetValue":2000.46}',
  ]) {
    assert.ok(answer.text.includes(fragment), `missing ${fragment}`);
  }
  // The exact text is what matters: a plain JSON.parse would round it.
  assert.notEqual(String((JSON.parse(answer.text) as EventsBody).data[3].eventLogId), '9223372036854775807');
  const filtered = await get(api, eventsPath(SAMPLE_LOOKUPS.bigIds, '?periodId=9007199254741001'));
  assert.equal((JSON.parse(filtered.text) as EventsBody).data.length, 2);
});
