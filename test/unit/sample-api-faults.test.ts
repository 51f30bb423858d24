// The sample Capillary API over real HTTP on 127.0.0.1. The fault knobs: latency, failing, truncated, non-JSON, reset,
// hung, redirected and corrupted events responses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { BASIC, DOC, DOC_EVENT_IDS, events, eventsPath, generateToken, get, useSharedSampleApi, type EventsBody } from './sample-api-support';

let api: SampleApi;
useSharedSampleApi((started) => (api = started));

test('fault latencyMs delays every endpoint', async () => {
  api.setFaults({ latencyMs: 120 });
  for (const pathAndQuery of [eventsPath(DOC), '/v3/targetGroups/1717/targetPeriods']) {
    const started = performance.now();
    assert.equal((await get(api, pathAndQuery)).status, 200);
    assert.ok(performance.now() - started >= 110, pathAndQuery);
  }
  const started = performance.now();
  assert.equal((await generateToken(api, 'sample-key', 'sample-secret')).status, 200);
  assert.ok(performance.now() - started >= 110);
});

test('fault failFirst: the next N events requests fail with failStatus, Retry-After for 429/503 only', async () => {
  api.setFaults({ failFirst: 2, failStatus: 503, retryAfterSeconds: 7 });
  for (let i = 0; i < 2; i++) {
    const answer = await get(api, eventsPath(DOC));
    assert.equal(answer.status, 503);
    assert.equal(answer.headers.get('retry-after'), '7');
    assert.equal((JSON.parse(answer.text) as EventsBody).errors[0].code, 503);
  }
  assert.equal((await get(api, eventsPath(DOC))).status, 200);

  api.setFaults({ failFirst: 1, failStatus: 429, retryAfterSeconds: 2 });
  const limited = await get(api, eventsPath(DOC));
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2');

  api.setFaults({ failFirst: 1, failStatus: 500 });
  const broken = await get(api, eventsPath(DOC));
  assert.equal(broken.status, 500);
  assert.equal(broken.headers.get('retry-after'), null);
  assert.equal((JSON.parse(broken.text) as EventsBody).errors[0].code, 500);

  api.setFaults({ failFirst: 1, failStatus: 502 });
  assert.equal((await get(api, '/v3/users/564332013/targetGroups')).status, 200, 'only events requests fail');
  assert.equal((await get(api, eventsPath(DOC))).status, 502);
  assert.equal((await get(api, eventsPath(DOC))).status, 200);
});

test('fault truncateJson: valid headers, body cut in the middle, once', async () => {
  api.setFaults({ truncateJson: 1 });
  const cut = await get(api, eventsPath(DOC));
  assert.equal(cut.status, 200);
  assert.match(cut.headers.get('content-type') ?? '', /json/);
  assert.equal(Number(cut.headers.get('content-length')), Buffer.byteLength(cut.text));
  assert.ok(cut.text.startsWith('{"pagination"'));
  assert.throws(() => JSON.parse(cut.text), SyntaxError);
  const whole = await get(api, eventsPath(DOC));
  assert.equal(Buffer.byteLength(cut.text), Math.floor(Buffer.byteLength(whole.text) / 2));
  assert.equal((JSON.parse(whole.text) as EventsBody).data.length, 10);
});

test('fault html502 and xml401 answer with non-JSON bodies', async () => {
  api.setFaults({ html502: 1, xml401: 1 });
  const html = await get(api, eventsPath(DOC));
  assert.equal(html.status, 502);
  assert.match(html.headers.get('content-type') ?? '', /text\/html/);
  assert.match(html.text, /<title>502 Bad Gateway<\/title>/);
  const xml = await get(api, eventsPath(DOC));
  assert.equal(xml.status, 401);
  assert.match(xml.headers.get('content-type') ?? '', /xml/);
  assert.match(xml.text, /^<\?xml/);
  assert.equal((await get(api, eventsPath(DOC))).status, 200);
});

test('fault resetMidBody: headers and part of the body, then the connection is destroyed', async () => {
  api.setFaults({ resetMidBody: 1 });
  const response = await fetch(api.url + eventsPath(DOC), { headers: { Authorization: BASIC } });
  assert.equal(response.status, 200);
  await assert.rejects(response.text());
  assert.equal((await get(api, eventsPath(DOC))).status, 200);
  assert.equal(api.stats().inFlight, 0);
});

test('fault hang: the request stays unanswered and in flight until stop()', async () => {
  const hanging = await startSampleApi({ largeUserEvents: 100 });
  hanging.setFaults({ hang: 1 });
  let settled = false;
  const pending = fetch(hanging.url + eventsPath(DOC), { headers: { Authorization: BASIC } }).finally(() => {
    settled = true;
  });
  while (hanging.stats().inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(settled, false);
  assert.equal(hanging.stats().inFlight, 1);
  assert.equal((await get(hanging, eventsPath(DOC))).status, 200, 'only the next request hangs');
  await hanging.stop();
  await assert.rejects(pending);
  assert.equal(hanging.stats().inFlight, 0);
});

test('fault accessErrorCode: 4000 with HTTP 403, 4001 with HTTP 503', async () => {
  api.setFaults({ accessErrorCode: 4000 });
  const denied = await get(api, eventsPath(DOC));
  assert.equal(denied.status, 403);
  assert.deepEqual(JSON.parse(denied.text), { data: null, errors: [{ code: 4000, message: 'Not authorized' }], warnings: [] });
  api.setFaults({ accessErrorCode: 4001 });
  const unavailable = await get(api, eventsPath(DOC));
  assert.equal(unavailable.status, 503);
  assert.equal((JSON.parse(unavailable.text) as EventsBody).errors[0].code, 4001);
  api.setFaults({ accessErrorCode: undefined });
  assert.equal((await get(api, eventsPath(DOC))).status, 200);
});

test('faults emptyPageAt and repeatPageAt corrupt exactly that page', async () => {
  api.setFaults({ emptyPageAt: 1 });
  const empty = await events(api, '?limit=3&offset=1');
  assert.deepEqual(empty.data, []);
  assert.equal(empty.pagination.total, 10);
  assert.equal((await events(api, '?limit=3&offset=2')).data.length, 3);

  api.setFaults({ emptyPageAt: undefined, repeatPageAt: 2 });
  const previous = await events(api, '?limit=3&offset=1');
  const repeated = await events(api, '?limit=3&offset=2');
  assert.deepEqual(repeated.data, previous.data);
  assert.deepEqual((await events(api, '?limit=3&offset=3')).data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(9));

  api.setFaults({ repeatPageAt: undefined, emptyPageAt: 2, offsetMode: 'row' });
  assert.deepEqual((await events(api, '?limit=3&offset=6')).data, [], 'in row mode the page index is offset / limit');
});

test('fault redirectTo answers 302 with Location = redirectTo + original path', async () => {
  api.setFaults({ redirectTo: 'http://127.0.0.2:9' });
  const answer = await get(api, eventsPath(DOC, '?limit=5&offset=1'));
  assert.equal(answer.status, 302);
  assert.equal(answer.headers.get('location'), `http://127.0.0.2:9${eventsPath(DOC, '?limit=5&offset=1')}`);
  assert.equal(api.requests.at(-1)?.headers.authorization, BASIC, 'requests record the headers received');
});

test('fault errorCode: HTTP 200, empty data and that code in errors[]', async () => {
  for (const code of [310019, 310018, 310011, 310149]) {
    api.setFaults({ errorCode: code });
    const body = await events(api, '?limit=5');
    assert.deepEqual(body.data, []);
    assert.equal(body.errors.length, 1);
    assert.equal(body.errors[0].code, code);
    assert.ok(body.errors[0].message.length > 0);
  }
});
