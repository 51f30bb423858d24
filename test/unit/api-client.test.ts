// The client against the sample API over real HTTP: auth, paging, concurrency, exact IDs and values,
// validation before any request, cancellation, and the ID pickers.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { CapillaryApiError, createCapillaryClient, isCancellation, md5Hex, type FetchProgress, type OAuthToken, type RequestRecord } from '../../src/capillary';
import { eventsToCsv, lookupToJson } from '../../src/export/format';
import { basicAuth, makeEvents, oauthAuth, rejection, withClient } from './api-support';

let api: SampleApi;

before(async () => {
  api = await startSampleApi({ largeUserEvents: 20_000 });
});

after(async () => {
  await api.stop();
});

beforeEach(() => api.reset());

const docLookup = SAMPLE_LOOKUPS.docExample;

describe('authentication', () => {
  it('sends Basic base64(username:md5(password)) and Accept: application/json', async () => {
    assert.equal(md5Hex('server123'), '8a16a6b70505eb1f1ff7cdc0cd5559a7');
    await withClient(api, {}, (client) => client.fetchTrackedTargetEvents(docLookup));
    const headers = api.requests[0].headers;
    assert.equal(headers.authorization, 'Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3');
    assert.equal(headers.accept, 'application/json');
    assert.equal(headers['x-cap-api-oauth-token'], undefined);
  });

  it('refuses a wrong Basic password with an auth error and its hint, without retrying', async () => {
    const error = await withClient(api, { auth: { kind: 'basic', username: 'store.server', passwordMd5: md5Hex('wrong') } }, (client) =>
      rejection(client.fetchTrackedTargetEvents(docLookup)),
    );
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.kind, 'auth');
    assert.equal(error.httpStatus, 401);
    assert.match(error.hint, /password/);
    assert.ok(error.requestId, 'carries X-Cap-Requestid');
    assert.equal(api.stats().eventsRequests, 1);
  });

  it('OAuth: one token for many requests, sent as X-CAP-API-OAUTH-TOKEN without Authorization, and onToken', async () => {
    const tokens: OAuthToken[] = [];
    await withClient(api, { auth: oauthAuth(), pageSize: 3, onToken: (token) => tokens.push(token) }, async (client) => {
      await client.fetchTrackedTargetEvents(docLookup);
      await client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.behavioural);
    });
    assert.equal(api.stats().tokensIssued, 1);
    assert.equal(tokens.length, 1);
    assert.ok(tokens[0].expiresAt > Date.now() + 200_000 && tokens[0].expiresAt <= Date.now() + 300_000);
    const tokenRequest = api.requests[0];
    assert.equal(tokenRequest.method, 'POST');
    assert.equal(tokenRequest.path, '/v3/oauth/token/generate');
    const eventRequests = api.requests.filter((request) => request.path.includes('trackedTargetEvents'));
    assert.ok(eventRequests.length >= 5);
    for (const request of eventRequests) {
      assert.equal(request.headers['x-cap-api-oauth-token'], tokens[0].accessToken);
      assert.equal(request.headers.authorization, undefined);
    }
  });

  it('OAuth: parallel requests share a single token generation', async () => {
    api.setFaults({ latencyMs: 30 });
    await withClient(api, { auth: oauthAuth() }, (client) =>
      Promise.all(Array.from({ length: 6 }, () => client.getUserTargetGroups(docLookup.userId))),
    );
    assert.equal(api.stats().tokensIssued, 1);
  });

  it('OAuth: reuses a cached token that is valid for more than 30 s, renews one that is about to expire', async () => {
    let valid: OAuthToken | undefined;
    await withClient(api, { auth: oauthAuth(), onToken: (token) => (valid = token) }, (client) =>
      client.getTargetPeriods('1717'),
    );
    assert.ok(valid);
    api.resetStats();
    const sampleKey = { kind: 'oauth', clientKey: 'sample-key', clientSecret: 'sample-secret' } as const;
    await withClient(api, { auth: { ...sampleKey, cachedToken: valid } }, (client) => client.getTargetPeriods('1717'));
    assert.equal(api.stats().tokensIssued, 0, 'cached token reused');

    const soon: OAuthToken = { accessToken: valid.accessToken, expiresAt: Date.now() + 20_000 };
    await withClient(api, { auth: { ...sampleKey, cachedToken: soon } }, (client) => client.getTargetPeriods('1717'));
    assert.equal(api.stats().tokensIssued, 1, 'token within 30 s of expiry renewed before use');
  });

  it('OAuth: an invalid key and secret is a clear 320001 auth error', async () => {
    const error = await withClient(api, { auth: { kind: 'oauth', clientKey: 'nope', clientSecret: 'nope' } }, (client) =>
      rejection(client.fetchTrackedTargetEvents(docLookup)),
    );
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 320001);
    assert.match(error.message, /client key and secret/);
    assert.match(error.hint, /key and secret/);
    assert.equal(api.stats().eventsRequests, 0);
  });
});

describe('lookups', () => {
  it('returns the documentation example exactly, grouped by period with exact sums', async () => {
    const result = await withClient(api, {}, (client) => client.fetchTrackedTargetEvents(docLookup));
    assert.equal(result.events.length, 10);
    assert.equal(result.total, 10);
    assert.equal(result.pagesFetched, 1);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(
      result.groups.map((group) => [group.periodId, group.count, group.totalTargetValue]),
      [
        ['9887', 5, '9000.92'],
        ['9888', 3, '3999.54'],
        ['9889', 2, '2000'],
      ],
    );
    const first = result.events[0];
    assert.deepEqual(first, {
      eventLogId: '606066681',
      eventName: 'ADD_TRANSACTION',
      customerId: '564332013',
      eventDisplayName: null,
      uniqueId: '880613909',
      eventDate: '2025-01-09 12:00:12.0',
      eventProcessedDate: '2025-01-09 12:00:12.0',
      periodId: '9887',
      targetGroupId: '1717',
      targetRuleId: '1986',
      targetValue: '1000',
    });
    assert.equal(result.events[3].targetValue, '2000.46');
    assert.equal(result.groups[0].firstEventDate, '2025-01-09 12:00:12.0');
    assert.equal(result.groups[0].lastEventDate, '2025-01-09 13:00:12.0');
    assert.deepEqual(result.groups[0].countsByEventName, { ADD_TRANSACTION: 5 });
  });

  it('keeps behavioural targetValue 1.000 and its display name', async () => {
    const result = await withClient(api, {}, (client) => client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.behavioural));
    assert.deepEqual(result.events.map((event) => [event.eventDisplayName, event.targetValue]), [
      ['testBehavioural', '1.000'],
      ['testBehavioural', '1.000'],
    ]);
    assert.equal(result.groups[0].totalTargetValue, '2.000');
    assert.equal(result.groups[0].maxProcessingLagSeconds, 7 * 86_400 + 18 * 3600 + 42 * 60 + 52);
  });

  it('keeps IDs past 2^53 exact end to end: events, groups, CSV and JSON', async () => {
    const result = await withClient(api, {}, (client) => client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.bigIds));
    assert.deepEqual(result.events.map((event) => event.eventLogId), [
      '9007199254741003',
      '9007199254741005',
      '9223372036854775806',
      '9223372036854775807',
    ]);
    assert.equal(result.events[0].customerId, '9007199254740993');
    assert.equal(result.events[0].targetRuleId, '9007199254740995');
    assert.equal(result.events[0].targetGroupId, '9007199254740997');
    assert.deepEqual(result.groups.map((group) => [group.periodId, group.totalTargetValue]), [
      ['9007199254740999', '2001.460'],
      ['9007199254741001', '1999.54'],
    ]);
    const csv = eventsToCsv(result.events);
    assert.match(csv, /\r\n9223372036854775807,ADD_TRANSACTION,,9007199254740993,9223372036854775002,/);
    const json = lookupToJson(result);
    assert.match(json, /"eventLogId": 9223372036854775807,/);
    assert.match(json, /"periodId": 9007199254741001,/);
    assert.match(json, /"totalTargetValue": 2001\.460,/);
  });

  it('pages through a large lookup completely, in server order, without duplicates', async () => {
    const progress: FetchProgress[] = [];
    let held = 0;
    const heldAtProgress: number[] = [];
    const result = await withClient(api, { pageSize: 500 }, (client) =>
      client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.large, {
        onEvents: (events) => (held += events.length),
        onFetchProgress: (p) => {
          progress.push(p);
          heldAtProgress.push(held);
        },
      }),
    );
    assert.equal(result.events.length, 20_000);
    assert.equal(result.total, 20_000);
    assert.equal(new Set(result.events.map((event) => event.eventLogId)).size, 20_000);
    const ids = result.events.map((event) => BigInt(event.eventLogId));
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], `server order kept at ${i}`);
    assert.equal(result.groups.length, 100);
    assert.equal(result.groups.reduce((sum, group) => sum + group.count, 0), 20_000);
    assert.ok(result.pagesFetched >= 40 && result.pagesFetched <= 41 + 3, `pages fetched: ${result.pagesFetched}`);
    assert.deepEqual(result.warnings, []);
    assert.equal(progress[0].pagesExpected, 40, 'known from the first page’s total');
    assert.equal(new Set(progress.map((p) => p.pagesFetched)).size, result.pagesFetched, 'a report for every page');
    assert.equal(progress.find((p) => p.eventsFetched > 0)?.eventsFetched, 500);
    assert.equal(progress.at(-1)?.eventsFetched, 20_000);
    for (let i = 1; i < progress.length; i++) {
      assert.ok(progress[i].pagesFetched >= progress[i - 1].pagesFetched, `pages never count down (report ${i})`);
      assert.ok(progress[i].eventsFetched >= progress[i - 1].eventsFetched, `events never count down (report ${i})`);
    }
    // The count is of the events passed on: never ahead of what a receiver of onEvents holds, never behind it either.
    assert.deepEqual(progress.map((p) => p.eventsFetched), heldAtProgress);
  });

  it('never has more requests in flight than `concurrency`, and does use that many', async () => {
    api.setFaults({ latencyMs: 20 });
    await withClient(api, { pageSize: 1000, concurrency: 3 }, (client) => client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.large));
    assert.equal(api.stats().maxInFlight, 3);
    api.resetStats();
    // Two lookups at once on one client share the limit.
    await withClient(api, { pageSize: 1000, concurrency: 2 }, (client) =>
      Promise.all([client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.large), client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.large)]),
    );
    assert.equal(api.stats().maxInFlight, 2);
  });

  it('filters by periodId', async () => {
    const result = await withClient(api, {}, (client) => client.fetchTrackedTargetEvents({ ...docLookup, periodId: '9888' }));
    assert.deepEqual(result.events.map((event) => event.periodId), ['9888', '9888', '9888']);
    assert.match(api.requests[0].path, /[?&]periodId=9888(&|$)/);
  });

  it('fetches one raw page with the server pagination', async () => {
    const page = await withClient(api, {}, (client) =>
      client.fetchTrackedTargetEventsPage({ ...docLookup, limit: 4, offset: 1 }),
    );
    assert.deepEqual(page.pagination, { limit: 4, offset: 1, total: 10 });
    // offset is a page index: page 1 of 4-event pages holds events 5 to 8.
    assert.deepEqual(page.events.map((event) => event.eventLogId), ['608082820', '615116253', '615376598', '615376684']);
    assert.ok(page.requestId);
  });

  it('handles many periods and out-of-order data in added lookups', async () => {
    const events = makeEvents('111', '222', 3000, 1500);
    api.addLookup('111', '222', [events[1], events[0], ...events.slice(2)]);
    const result = await withClient(api, { pageSize: 1000 }, (client) =>
      client.fetchTrackedTargetEvents({ userId: '111', targetRuleId: '222' }),
    );
    assert.equal(result.groups.length, 1500);
    assert.equal(result.events[0].eventLogId, events[1].eventLogId, 'server order kept, not re-sorted');
    assert.equal(result.groups[0].firstEventDate, events[0].eventDate);
    assert.equal(result.groups[0].lastEventDate, events[1].eventDate);
  });

  it('reports every request to onRequest without credentials', async () => {
    const records: RequestRecord[] = [];
    await withClient(api, { auth: oauthAuth(), pageSize: 4, onRequest: (record) => records.push(record) }, (client) =>
      client.fetchTrackedTargetEvents(docLookup),
    );
    assert.equal(records.length, api.stats().requests);
    assert.deepEqual(records[0], { ...records[0], method: 'POST', path: '/v3/oauth/token/generate', status: 200, attempt: 1 });
    assert.ok(records.every((record) => record.requestId && record.durationMs >= 0));
    const text = JSON.stringify(records);
    for (const secret of ['sample-secret', 'sample-key', api.requests[1].headers['x-cap-api-oauth-token'] as string]) {
      assert.ok(!text.includes(secret), 'no credential in request records');
    }
  });
});

describe('input and configuration', () => {
  it('validates IDs before any request, naming the field', async () => {
    for (const [params, field] of [
      [{ userId: '12a', targetRuleId: '1986' }, 'userId'],
      [{ userId: '564332013', targetRuleId: ' 1986' }, 'targetRuleId'],
      [{ userId: '564332013', targetRuleId: '1986', periodId: '9223372036854775808' }, 'periodId'],
    ] as const) {
      const error = await withClient(api, {}, (client) => rejection(client.fetchTrackedTargetEvents(params)));
      assert.ok(error instanceof CapillaryApiError);
      assert.equal(error.kind, 'invalid-input');
      assert.equal(error.field, field);
      assert.ok(error.message.includes(field));
    }
    const groupError = await withClient(api, {}, (client) => rejection(client.getTargetPeriods('-1')));
    assert.equal((groupError as CapillaryApiError).field, 'targetGroupId');
    assert.equal(api.stats().requests, 0);
  });

  it('refuses http:// except for loopback hosts, and bad options, with config errors', () => {
    const make = (baseUrl: string, extra = {}) => () => createCapillaryClient({ baseUrl, auth: basicAuth(), ...extra });
    for (const url of ['http://eu.api.capillarytech.com', 'http://10.0.0.1:8080', 'ftp://x', 'https://user:pw@host', 'not a url']) {
      assert.throws(make(url), (error: unknown) => error instanceof CapillaryApiError && error.kind === 'config', url);
    }
    for (const url of ['http://127.0.0.1:1', 'http://localhost:8080', 'http://[::1]:9', 'http://127.1.2.3', 'https://eu.api.capillarytech.com']) {
      make(url)().dispose();
    }
    assert.throws(make('https://h', { pageSize: 0 }), /pageSize/);
    assert.throws(make('https://h', { concurrency: 1.5 }), /concurrency/);
    assert.throws(() => createCapillaryClient({ baseUrl: 'https://h', auth: { kind: 'basic', username: 'u', passwordMd5: 'plain' } }), /MD5/);
  });

  it('uses the documented defaults', async () => {
    await withClient(api, { auth: basicAuth() }, () => Promise.resolve(undefined));
    const client = createCapillaryClient({ baseUrl: api.url, auth: basicAuth() });
    try {
      await client.fetchTrackedTargetEvents(docLookup);
      assert.match(api.requests[0].path, /limit=1000&offset=0$/);
    } finally {
      client.dispose();
    }
  });
});

describe('cancellation', () => {
  it('cancels everything in flight at once and keeps the events fetched so far', async () => {
    const complete = await withClient(api, { pageSize: 1000 }, (client) => client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.large));
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await withClient(api, { pageSize: 1000, concurrency: 4 }, (client) =>
      rejection(
        client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.large, {
          signal: controller.signal,
          onFetchProgress: (progress) => {
            if (progress.pagesFetched === 2) {
              // The pages requested from now on would take 10 s: cancelling must not wait for them.
              api.setFaults({ latencyMs: 10_000 });
              setTimeout(() => {
                abortedAt = Date.now();
                controller.abort();
              }, 50);
            }
          },
        }),
      ),
    );
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.kind, 'cancelled');
    assert.ok(isCancellation(error));
    assert.ok(Date.now() - abortedAt < 5000, 'rejects at once, not after the in-flight responses');
    assert.ok(error.partial);
    // Pages 0 and 1, and the pages of the first wave already in flight with no latency.
    const kept = error.partial.events.length;
    assert.ok(kept >= 2000 && kept % 1000 === 0 && kept < complete.events.length, `kept ${kept}`);
    assert.deepEqual(error.partial.events, complete.events.slice(0, kept));
  });

  it('rejects at once when the signal is already aborted, sending nothing', async () => {
    const error = await withClient(api, {}, (client) =>
      rejection(client.fetchTrackedTargetEvents(docLookup, { signal: AbortSignal.abort() })),
    );
    assert.ok(isCancellation(error));
    assert.equal(api.stats().requests, 0);
  });
});

describe('ID pickers', () => {
  it('lists a customer\u2019s target groups with exact IDs', async () => {
    const groups = await withClient(api, {}, (client) => client.getUserTargetGroups(SAMPLE_LOOKUPS.bigIds.userId));
    assert.equal(groups.userId, '9007199254740993');
    const group = groups.targetGroups.find((candidate) => candidate.id === '9007199254740997');
    assert.ok(group, JSON.stringify(groups));
    assert.ok(group.targets.length >= 1);
    assert.ok(group.targets.every((target) => target.targetRuleId === '9007199254740995'));
    assert.ok(group.targets.some((target) => target.periodId === '9007199254741001'));
  });

  it('lists the periods of a target group', async () => {
    const periods = await withClient(api, {}, (client) => client.getTargetPeriods('1717'));
    assert.deepEqual(periods.map((period) => period.id), ['9887', '9888', '9889']);
    assert.ok(periods.every((period) => period.targetGroupId === '1717' && period.start && period.periodStatus));
  });

  it('reports an unknown user on the picker as 310011', async () => {
    const error = await withClient(api, {}, (client) => rejection(client.getUserTargetGroups('1234')));
    assert.equal((error as CapillaryApiError).code, 310011);
  });
});
