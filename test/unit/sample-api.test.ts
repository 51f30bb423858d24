// The sample Capillary API over real HTTP on 127.0.0.1: auth, envelopes, error codes, pagination, fault knobs, CLI.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { buildSeed } from '../../sample-api/data/seed';
import { PROGRESS_LOOKUPS, SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi, type SampleEvent } from '../../sample-api/server';

// NOTES.md test vector: store.server / server123.
const BASIC = 'Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3';
const DOC = SAMPLE_LOOKUPS.docExample;
const DOC_EVENT_IDS = [
  '606066681', '606066721', '606068043', '606072487', '608082820',
  '615116253', '615376598', '615376684', '615460983', '615461137',
];

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

interface EventsBody {
  pagination: { limit: number; offset: number; total: number };
  data: Array<Record<string, unknown>>;
  errors: Array<{ code: number; message: string }>;
  warnings: unknown[];
}

let api: SampleApi;

before(async () => {
  api = await startSampleApi({ largeUserEvents: 2000 });
});

after(async () => {
  await api.stop();
});

beforeEach(() => {
  api.resetFaults();
  api.resetStats();
});

async function get(server: SampleApi, pathAndQuery: string, headers: Record<string, string> = { Authorization: BASIC }): Promise<Answer> {
  const response = await fetch(server.url + pathAndQuery, { headers: { Accept: 'application/json', ...headers }, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function eventsPath(lookup: { userId: string; targetRuleId: string }, query = ''): string {
  return `/v3/users/${lookup.userId}/trackedTargetEvents/${lookup.targetRuleId}${query}`;
}

async function events(query: string, lookup: { userId: string; targetRuleId: string } = DOC, server = api): Promise<EventsBody> {
  const answer = await get(server, eventsPath(lookup, query));
  assert.equal(answer.status, 200, answer.text);
  return JSON.parse(answer.text) as EventsBody;
}

async function generateToken(server: SampleApi, key: string, secret: string): Promise<Answer> {
  const response = await fetch(`${server.url}/v3/oauth/token/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key, secret }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The exit code, or a failure when the process is still running after `ms` (it would have a leaked handle). */
function exitWithin(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process still running after ${ms} ms`));
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Exact decimal text to thousandths, for sums without floating point. */
function toMilli(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const milli = BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
  return negative ? -milli : milli;
}

test('Basic auth with the NOTES test vector serves the doc page first example exactly', async () => {
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
  const byDefault = await events('');
  assert.deepEqual(byDefault.pagination, { limit: 10, offset: 0, total: 10 });
  assert.equal(byDefault.data.length, 10);
  const large = await events('?limit=1000', SAMPLE_LOOKUPS.large);
  assert.equal(large.data.length, 1000);
  assert.equal(large.pagination.total, 2000);
});

test('offset as page index (default): pages concatenate to every event once, in order', async () => {
  const seen: string[] = [];
  for (let offset = 0; offset < 4; offset++) {
    const page = await events(`?limit=3&offset=${offset}`);
    assert.deepEqual(page.pagination, { limit: 3, offset, total: 10 });
    assert.equal(page.data.length, offset < 3 ? 3 : 1);
    seen.push(...page.data.map((e) => String(e.eventLogId)));
  }
  assert.deepEqual(seen, DOC_EVENT_IDS);
  assert.deepEqual((await events('?limit=3&offset=4')).data, []);
});

test('offsetMode row: offset skips rows, so the second request starts with the first page second record', async () => {
  api.setFaults({ offsetMode: 'row' });
  const first = await events('?limit=3&offset=0');
  const second = await events('?limit=3&offset=1');
  assert.deepEqual(second.data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(1, 4));
  assert.equal(second.data[0].eventLogId, first.data[1].eventLogId);
  assert.deepEqual((await events('?limit=3&offset=9')).data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(9));
});

test('totalMode pages: total counts pages; records (default) counts events', async () => {
  assert.equal((await events('?limit=3')).pagination.total, 10);
  api.setFaults({ totalMode: 'pages' });
  assert.equal((await events('?limit=3')).pagination.total, 4);
  assert.equal((await events('?limit=10')).pagination.total, 1);
  assert.equal((await events('?limit=30&periodId=9888')).pagination.total, 1);
});

test('periodId filters to that period: the doc page third and second examples', async () => {
  const third = await events('?limit=30&offset=0&periodId=9889');
  assert.deepEqual(third.pagination, { limit: 30, offset: 0, total: 2 });
  assert.deepEqual(third.data.map((e) => String(e.eventLogId)), ['615460983', '615461137']);
  const middle = await events('?limit=2&offset=1&periodId=9888');
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

test('every response carries a unique X-Cap-Requestid', async () => {
  const ids = new Set<string>();
  for (const pathAndQuery of [eventsPath(DOC), eventsPath(DOC), '/v3/users/564332013/targetGroups', '/nowhere']) {
    const id = (await get(api, pathAndQuery)).headers.get('x-cap-requestid');
    assert.ok(id, pathAndQuery);
    ids.add(id);
  }
  const failedAuth = (await get(api, eventsPath(DOC), {})).headers.get('x-cap-requestid');
  assert.ok(failedAuth);
  ids.add(failedAuth);
  assert.equal(ids.size, 5);
});

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

test('after stop() a process exits by itself although a request hung and another waited on latency', async () => {
  const serverModule = path.join(__dirname, '../../sample-api/server.js');
  const script = `
    const { startSampleApi } = require(${JSON.stringify(serverModule)});
    (async () => {
      const api = await startSampleApi({ largeUserEvents: 100 });
      api.setFaults({ hang: 1 });
      const url = api.url + '/v3/users/564332013/trackedTargetEvents/1986';
      const headers = { Authorization: ${JSON.stringify(BASIC)} };
      const hung = fetch(url, { headers }).then(() => 'answered', () => 'rejected');
      while (api.stats().inFlight < 1) await new Promise((r) => setTimeout(r, 5));
      api.setFaults({ latencyMs: 60000 });
      const delayed = fetch(url, { headers }).then(() => 'answered', () => 'rejected');
      while (api.stats().inFlight < 2) await new Promise((r) => setTimeout(r, 5));
      await api.stop();
      console.log(JSON.stringify({ results: await Promise.all([hung, delayed]), inFlight: api.stats().inFlight }));
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await exitWithin(child, 10_000);
  assert.equal(code, 0, output);
  assert.deepEqual(JSON.parse(output), { results: ['rejected', 'rejected'], inFlight: 0 });
});

test('faults emptyPageAt and repeatPageAt corrupt exactly that page', async () => {
  api.setFaults({ emptyPageAt: 1 });
  const empty = await events('?limit=3&offset=1');
  assert.deepEqual(empty.data, []);
  assert.equal(empty.pagination.total, 10);
  assert.equal((await events('?limit=3&offset=2')).data.length, 3);

  api.setFaults({ emptyPageAt: undefined, repeatPageAt: 2 });
  const previous = await events('?limit=3&offset=1');
  const repeated = await events('?limit=3&offset=2');
  assert.deepEqual(repeated.data, previous.data);
  assert.deepEqual((await events('?limit=3&offset=3')).data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(9));

  api.setFaults({ repeatPageAt: undefined, emptyPageAt: 2, offsetMode: 'row' });
  assert.deepEqual((await events('?limit=3&offset=6')).data, [], 'in row mode the page index is offset / limit');
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
    const body = await events('?limit=5');
    assert.deepEqual(body.data, []);
    assert.equal(body.errors.length, 1);
    assert.equal(body.errors[0].code, code);
    assert.ok(body.errors[0].message.length > 0);
  }
});

test('stats count requests and the exact most requests in flight at once', async () => {
  // Long enough that all eight arrive before the first answer, even on a busy machine.
  api.setFaults({ latencyMs: 400 });
  await Promise.all(Array.from({ length: 8 }, (_, i) => get(api, eventsPath(SAMPLE_LOOKUPS.large, `?limit=100&offset=${i}`))));
  let stats = api.stats();
  assert.equal(stats.maxInFlight, 8);
  assert.equal(stats.inFlight, 0);
  assert.equal(stats.requests, 8);
  assert.equal(stats.eventsRequests, 8);

  api.resetStats();
  for (let i = 0; i < 3; i++) await get(api, eventsPath(DOC));
  await get(api, '/v3/targetGroups/1717/targetPeriods');
  stats = api.stats();
  assert.equal(stats.maxInFlight, 1);
  assert.equal(stats.requests, 4);
  assert.equal(stats.eventsRequests, 3);
});

test('requests records method, path with query and headers, in order', async () => {
  api.clearRequests();
  await get(api, eventsPath(DOC, '?limit=2'), { Authorization: BASIC, 'X-Probe': 'one' });
  await generateToken(api, 'sample-key', 'sample-secret');
  assert.equal(api.requests.length, 2);
  assert.deepEqual(
    api.requests.map((r) => [r.method, r.path]),
    [['GET', eventsPath(DOC, '?limit=2')], ['POST', '/v3/oauth/token/generate']],
  );
  assert.equal(api.requests[0].headers['x-probe'], 'one');
  assert.equal(api.requests[1].headers.authorization, undefined);
});

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
  assert.equal((await events('', { userId: '5', targetRuleId: '8' })).errors[0].code, 310149);
  assert.throws(() => api.addLookup('5', '8', [{ ...custom, targetValue: '1e3' }]), /targetValue/);
  assert.throws(() => api.addLookup('5', '8', [{ ...custom, periodId: '6"' }]), /periodId/);
});

test('targetGroups lists the user groups and targets derived from the seeded events', async () => {
  const answer = await get(api, '/v3/users/564332013/targetGroups?includeInactive=true');
  assert.equal(answer.status, 200);
  const body = JSON.parse(answer.text) as {
    data: { userId: number; customer: { firstName: string }; targetGroups: Array<{ id: number; name: string; trackingType: string; targets: Array<Record<string, unknown>> }> };
    errors: unknown[];
  };
  assert.deepEqual(body.errors, []);
  assert.equal(body.data.userId, 564332013);
  assert.ok(body.data.customer.firstName);
  assert.equal(body.data.targetGroups.length, 1);
  const group = body.data.targetGroups[0];
  assert.equal(group.id, 1717);
  assert.equal(group.trackingType, 'DEFAULT');
  assert.deepEqual(group.targets.map((t) => t.periodId), [9887, 9888, 9889]);
  assert.deepEqual(group.targets.map((t) => t.targetRuleId), [1986, 1986, 1986]);
  assert.deepEqual(group.targets.map((t) => t.currentPeriod), [false, false, true]);
  assert.ok(answer.text.includes('"targetAchievedValue":9000.92,'));
  assert.ok(answer.text.includes('"targetAchievedValue":3999.54,'));
  assert.ok(answer.text.includes('"targetAchievedValue":2000,'));
  for (const target of group.targets) {
    for (const key of ['targetId', 'periodStartDate', 'periodEndDate', 'targetValue', 'targetName', 'eventName']) assert.ok(key in target, key);
    assert.ok(String(target.periodStartDate) <= String(target.periodEndDate));
  }

  const streak = JSON.parse((await get(api, '/v3/users/387544807/targetGroups')).text) as typeof body;
  assert.equal(streak.data.targetGroups[0].trackingType, 'STREAKS');
  assert.equal(streak.data.targetGroups[0].targets[0].eventName, 'GENERIC_EVENT');
  const big = await get(api, `/v3/users/${SAMPLE_LOOKUPS.bigIds.userId}/targetGroups?includeInactive=true`);
  assert.ok(big.text.includes('"id":9007199254740997,'));
  assert.ok(big.text.includes('"periodId":9007199254741001,'));

  const unknown = JSON.parse((await get(api, '/v3/users/111111111/targetGroups')).text) as { errors: Array<{ code: number }> };
  assert.equal(unknown.errors[0].code, 310011);
});

type TargetsBody = { data: { targetGroups: Array<{ id: number; trackingType: string; timeZoneName: string; targets: Array<Record<string, unknown>> }> } };

async function targetsOf(pathAndQuery: string): Promise<{ text: string; body: TargetsBody }> {
  const answer = await get(api, pathAndQuery);
  assert.equal(answer.status, 200, answer.text);
  return { text: answer.text, body: JSON.parse(answer.text) as TargetsBody };
}

test('targetGroups answers the current cycle only, unless includeInactive; inactive milestones only with includeInactiveTargets', async () => {
  const current = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=1986');
  assert.deepEqual(current.body.data.targetGroups[0].targets.map((t) => [t.periodId, t.currentPeriod]), [[9889, true]]);
  const every = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=1986&includeInactive=true');
  assert.deepEqual(every.body.data.targetGroups[0].targets.map((t) => t.periodId), [9887, 9888, 9889]);
  const milestones = (targets: TargetsBody) => (targets.data.targetGroups[0].targets[0].milestones as Array<{ active: boolean }>).map((m) => m.active);
  assert.deepEqual(milestones(every.body), [true]);
  const withInactive = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=1986&includeInactive=true&includeInactiveTargets=true');
  assert.deepEqual(milestones(withInactive.body), [true, false]);
  const otherRule = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=4242');
  assert.deepEqual(otherRule.body.data.targetGroups, [], 'targetRuleId narrows to that rule');
});

test('targetGroups: goal, achieved and window per period, as Capillary counts (processed in the period, after enrolment)', async () => {
  const query = '?includeInactive=true&includeInactiveTargets=true';
  const doc = await targetsOf(`/v3/users/564332013/targetGroups${query}`);
  const docTargets = doc.body.data.targetGroups[0].targets;
  assert.ok(doc.text.includes('"targetValue":5000.000,'), 'the goal is the group’s');
  assert.deepEqual(docTargets.map((t) => t.targetAchievedEventLogId), [606068043, undefined, undefined], 'the third event crossed 5000');
  assert.equal(docTargets[0].periodStartDateWithTimeStamp, '2025-01-09 00:00:00');

  const late = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.lateProcessed.userId}/targetGroups${query}`);
  assert.ok(late.text.includes('"periodId":21801,"periodRefCode":"P1","periodStartDate":"2025-01-01","periodEndDate":"2025-01-31"'), late.text);
  assert.ok(late.text.includes('"targetAchievedValue":8000,'), 'the event processed on 1 February is not credited to January');

  const early = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.beforeEnrolment.userId}/targetGroups${query}`);
  assert.ok(early.text.includes('"targetAchievedValue":3800.40,'), 'the event before enrolment is not credited');
  assert.equal(early.body.data.targetGroups[0].targets[0].enrolledOn, '2025-03-10 00:00:00');

  const withReturn = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.withReturn.userId}/targetGroups${query}`);
  assert.ok(withReturn.text.includes('"targetAchievedValue":6000.00,'), 'the return is subtracted');

  const quiet = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.quietPeriod.userId}/targetGroups${query}`);
  assert.deepEqual(quiet.body.data.targetGroups[0].targets.map((t) => t.periodId), [22101, 22102, 22103, 22104]);
  assert.ok(quiet.text.includes('"periodId":22103,'), 'the month without events has a target too');

  const streak = await targetsOf(`/v3/users/${SAMPLE_LOOKUPS.behavioural.userId}/targetGroups${query}`);
  assert.deepEqual(streak.body.data.targetGroups[0].targets[0].streaks, [{ status: 'COMPLETED', currentCount: 2, totalTargetCountOfSequence: 2 }]);
});

test('targetPeriods of a group with a calendar lists its periods without events too, with date-only bounds', async () => {
  const answer = await get(api, '/v3/targetGroups/1721/targetPeriods');
  const body = JSON.parse(answer.text) as { data: Array<{ id: number; startDate: string; endDate: string; periodStatus: string }> };
  assert.deepEqual(
    body.data.map((p) => [p.id, p.startDate, p.endDate, p.periodStatus]),
    [
      [22101, '2025-01-01', '2025-01-31', 'ENDED'],
      [22102, '2025-02-01', '2025-02-28', 'ENDED'],
      [22103, '2025-03-01', '2025-03-31', 'ENDED'],
      [22104, '2025-04-01', '2025-04-30', 'RUNNING'],
    ],
  );
});

test('fault targetGroupsFailStatus: targetGroups fails (403 with code 4000, or the status), events and periods still answer', async () => {
  api.setFaults({ targetGroupsFailStatus: 403 });
  const denied = await get(api, '/v3/users/564332013/targetGroups');
  assert.equal(denied.status, 403);
  assert.equal((JSON.parse(denied.text) as { errors: Array<{ code: number }> }).errors[0].code, 4000);
  api.setFaults({ targetGroupsFailStatus: 500 });
  assert.equal((await get(api, '/v3/users/564332013/targetGroups')).status, 500);
  assert.equal((await get(api, '/v3/targetGroups/1717/targetPeriods')).status, 200);
  assert.equal((await get(api, eventsPath(DOC))).status, 200);
  api.resetFaults();
  assert.equal((await get(api, '/v3/users/564332013/targetGroups')).status, 200);
});

test('targetPeriods lists the group periods in order, the last one RUNNING', async () => {
  const answer = await get(api, '/v3/targetGroups/1717/targetPeriods');
  assert.equal(answer.status, 200);
  const body = JSON.parse(answer.text) as { data: Array<{ id: number; startDate: string; endDate: string; periodStatus: string; targetGroupId: number; refCode: string; active: boolean }> };
  assert.deepEqual(body.data.map((p) => p.id), [9887, 9888, 9889]);
  assert.deepEqual(body.data.map((p) => p.periodStatus), ['ENDED', 'ENDED', 'RUNNING']);
  assert.ok(body.data.every((p) => p.targetGroupId === 1717 && p.active && p.refCode));
  assert.equal(body.data[0].startDate, '2025-01-09 00:00:00.0');
  for (let i = 1; i < body.data.length; i++) assert.ok(body.data[i - 1].endDate < body.data[i].startDate);

  const large = JSON.parse((await get(api, '/v3/targetGroups/7001/targetPeriods')).text) as typeof body;
  assert.equal(large.data.length, 100);
  assert.equal(new Set(large.data.map((p) => p.id)).size, 100);
  assert.equal((await get(api, '/v3/targetGroups/424242/targetPeriods')).status, 404);
  assert.equal((await get(api, '/v3/targetGroups/abc/targetPeriods')).status, 400);
});

test('the large customer has 50 000 chronological events over 100 periods, behavioural and transactional', async () => {
  const large = await startSampleApi();
  try {
    const all: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset++) {
      const page = await events(`?limit=1000&offset=${offset}`, SAMPLE_LOOKUPS.large, large);
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

test('stop() closes keep-alive connections and refuses later requests', async () => {
  const server = await startSampleApi({ largeUserEvents: 100, latencyMs: 5 });
  assert.equal((await get(server, eventsPath(DOC))).status, 200);
  await server.stop();
  await server.stop();
  await assert.rejects(fetch(server.url + eventsPath(DOC), { headers: { Authorization: BASIC } }));
});

test('CLI prints its URL and the credentials, serves, honours --offset-mode row, and stops on SIGINT', async () => {
  const cli = spawn(process.execPath, [path.join(__dirname, '../../sample-api/cli.js'), '--port', '0', '--offset-mode', 'row', '--large-user-events', '100'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = exitWithin(cli, 20_000);
  try {
    const deadline = Date.now() + 15_000;
    while (!/Ctrl\+C stops/.test(output) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /Sample Capillary API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    assert.ok(url, output);
    assert.ok(output.includes('store.server') && output.includes('sample-key'), output);
    const response = await fetch(`${url}${eventsPath(DOC, '?limit=3&offset=1')}`, { headers: { Authorization: BASIC } });
    const body = (await response.json()) as EventsBody;
    assert.deepEqual(body.data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(1, 4));
    cli.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.match(output, /stopped/);
  } finally {
    cli.kill('SIGKILL');
  }
});

test('CLI refuses an unknown option with the usage text', async () => {
  const cli = spawn(process.execPath, [path.join(__dirname, '../../sample-api/cli.js'), '--colour', 'blue'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  cli.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  const code = await exitWithin(cli, 20_000);
  assert.equal(code, 2);
  assert.match(errors, /--colour/);
  assert.match(errors, /Usage:/);
});

test('addEvents appends events after the lookup\'s last one, and the knob adds them while the server runs', async () => {
  const server = await startSampleApi({ largeUserEvents: 10 });
  const ids = async () => (await events('?limit=1000', DOC, server)).data.map((event) => String(event.eventLogId));
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
