// The sample Capillary API over real HTTP on 127.0.0.1. Authentication over real HTTP: Basic with
// base64(username:md5hex(password)), OAuth tokens (issue, use, expiry).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SAMPLE_CREDENTIALS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { BASIC, DOC, DOC_EVENT_IDS, eventsPath, generateToken, get, toMilli, useSharedSampleApi, type EventsBody } from './sample-api-support';

let api: SampleApi;
useSharedSampleApi((started) => (api = started));

test('Basic auth with the store.server test vector serves the doc page first example exactly', async () => {
  const digest = createHash('md5').update(SAMPLE_CREDENTIALS.basic.password).digest('hex');
  assert.equal(BASIC, `Basic ${Buffer.from(`${SAMPLE_CREDENTIALS.basic.username}:${digest}`).toString('base64')}`);
  const answer = await get(api, eventsPath(DOC, '?limit=10&offset=0'));
  assert.equal(answer.status, 200);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(answer.text) as EventsBody;
  assert.deepEqual(body.pagination, { limit: 10, offset: 0, total: 10 });
  assert.deepEqual(body.errors, []);
  assert.deepEqual(body.warnings, []);
  assert.deepEqual(body.data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS);
  assert.deepEqual(body.data[0], {
    eventLogId: 606066681,
    eventName: 'ADD_TRANSACTION',
    customerId: 564332013,
    eventDisplayName: null,
    uniqueId: '880613909',
    eventDate: '2025-01-09 12:00:12.0',
    eventProcessedDate: '2025-01-09 12:00:12.0',
    periodId: 9887,
    targetGroupId: 1717,
    targetRuleId: 1986,
    targetValue: 1000,
  });
  // Decimals are emitted exactly as the doc page writes them.
  assert.equal(answer.text.match(/"targetValue":2000\.46\b/g)?.length, 2);
  assert.equal(answer.text.match(/"targetValue":999\.54\b/g)?.length, 1);
  const sums = new Map<string, bigint>();
  for (const match of answer.text.matchAll(/"periodId":(\d+),"targetGroupId":\d+,"targetRuleId":\d+,"targetValue":([-0-9.]+)/g)) {
    sums.set(match[1], (sums.get(match[1]) ?? 0n) + toMilli(match[2]));
  }
  assert.deepEqual(Object.fromEntries(sums), { '9887': 9000920n, '9888': 3999540n, '9889': 2000000n });
});

test('wrong, plain-text or missing Basic credentials get 401 with a JSON error envelope', async () => {
  const wrongDigest = createHash('md5').update('wrong').digest('hex');
  const cases: Array<Record<string, string>> = [
    { Authorization: `Basic ${Buffer.from(`store.server:${wrongDigest}`).toString('base64')}` },
    { Authorization: `Basic ${Buffer.from('store.server:server123').toString('base64')}` },
    { Authorization: `Basic ${Buffer.from(`other.user:${createHash('md5').update('server123').digest('hex')}`).toString('base64')}` },
    {},
  ];
  for (const headers of cases) {
    const answer = await get(api, eventsPath(DOC), headers);
    assert.equal(answer.status, 401, JSON.stringify(headers));
    const body = JSON.parse(answer.text) as { data: unknown; errors: Array<{ code: number; message: string }> };
    assert.equal(body.data, null);
    assert.equal(body.errors[0].code, 401);
    assert.ok(body.errors[0].message.length > 0);
  }
  for (const other of ['/v3/users/564332013/targetGroups', '/v3/targetGroups/1717/targetPeriods']) {
    assert.equal((await get(api, other, {})).status, 401, other);
  }
});

test('OAuth: token generation returns a JWT-like token with exp, accepted in X-CAP-API-OAUTH-TOKEN', async () => {
  const answer = await generateToken(api, SAMPLE_CREDENTIALS.oauth.clientKey, SAMPLE_CREDENTIALS.oauth.clientSecret);
  assert.equal(answer.status, 200);
  const body = JSON.parse(answer.text) as { data: { accessToken: string; ttlSeconds: number }; errors: null };
  assert.equal(body.errors, null);
  assert.equal(body.data.ttlSeconds, 300);
  const parts = body.data.accessToken.split('.');
  assert.equal(parts.length, 3);
  for (const part of parts) assert.match(part, /^[A-Za-z0-9_-]+$/);
  const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp: number };
  const nowSeconds = Date.now() / 1000;
  assert.ok(Math.abs(payload.exp - (nowSeconds + 300)) < 5, `exp ${payload.exp} is not about now + 300 s`);
  assert.equal(api.stats().tokensIssued, 1);

  const withToken = await get(api, eventsPath(DOC, '?limit=2'), { 'X-CAP-API-OAUTH-TOKEN': body.data.accessToken });
  assert.equal(withToken.status, 200);
  assert.equal((JSON.parse(withToken.text) as EventsBody).data.length, 2);
  const second = JSON.parse((await generateToken(api, 'sample-key', 'sample-secret')).text) as { data: { accessToken: string } };
  assert.notEqual(second.data.accessToken, body.data.accessToken);
});

test('OAuth: an invalid client key or secret gets HTTP 401 with code 320001', async () => {
  for (const [key, secret] of [['sample-key', 'wrong'], ['wrong', 'sample-secret']]) {
    const answer = await generateToken(api, key, secret);
    assert.equal(answer.status, 401);
    assert.deepEqual(JSON.parse(answer.text), { data: null, errors: [{ code: 320001, message: 'Invalid client key and secret' }] });
  }
  assert.equal(api.stats().tokensIssued, 0);
});

test('OAuth: expired and unknown tokens get tokenExpiredStatus (401, then 498) with the same body code', async () => {
  const token = (JSON.parse((await generateToken(api, 'sample-key', 'sample-secret')).text) as { data: { accessToken: string } }).data.accessToken;
  assert.equal((await get(api, eventsPath(DOC), { 'X-CAP-API-OAUTH-TOKEN': token })).status, 200);
  api.expireTokens();
  const expired = await get(api, eventsPath(DOC), { 'X-CAP-API-OAUTH-TOKEN': token });
  assert.equal(expired.status, 401);
  assert.equal((JSON.parse(expired.text) as EventsBody).errors[0].code, 401);

  api.setFaults({ tokenExpiredStatus: 498 });
  const expired498 = await get(api, eventsPath(DOC), { 'X-CAP-API-OAUTH-TOKEN': token });
  assert.equal(expired498.status, 498);
  assert.equal((JSON.parse(expired498.text) as EventsBody).errors[0].code, 498);
  const unknown = await get(api, eventsPath(DOC), { 'X-CAP-API-OAUTH-TOKEN': `${token}x` });
  assert.equal(unknown.status, 498);

  const fresh = (JSON.parse((await generateToken(api, 'sample-key', 'sample-secret')).text) as { data: { accessToken: string } }).data.accessToken;
  assert.equal((await get(api, eventsPath(DOC), { 'X-CAP-API-OAUTH-TOKEN': fresh })).status, 200);
});

test('OAuth: a token expires by itself after tokenTtlSeconds', async () => {
  const shortLived = await startSampleApi({ tokenTtlSeconds: 1, largeUserEvents: 100 });
  try {
    const body = JSON.parse((await generateToken(shortLived, 'sample-key', 'sample-secret')).text) as { data: { accessToken: string; ttlSeconds: number } };
    assert.equal(body.data.ttlSeconds, 1);
    const headers = { 'X-CAP-API-OAUTH-TOKEN': body.data.accessToken };
    assert.equal((await get(shortLived, eventsPath(DOC), headers)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await get(shortLived, eventsPath(DOC), headers)).status, 401);
  } finally {
    await shortLived.stop();
  }
});
