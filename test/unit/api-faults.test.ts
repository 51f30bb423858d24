// The fault matrix of issue 6, client side, over real HTTP against the sample API's fault knobs. Every case
// ends with the complete, correct events or with a clear error that keeps the events fetched so far; and
// every case ends clean: no unhandled rejection, no timer or socket left (checked by withClient).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSampleApi, type SampleApi, type SampleEvent } from '../../sample-api/server';
import { CapillaryApiError, isCancellation, type CapillaryClient, type FetchProgress, type LookupResult } from '../../src/capillary';
import { makeEvents, oauthAuth, rejection, withClient } from './api-support';

let api: SampleApi;
const lookup = { userId: '31337', targetRuleId: '4242' };
// 23 events in 5-event pages: four full pages and a short one.
const pageSize = 5;
let expected: SampleEvent[];

before(async () => {
  api = await startSampleApi({ largeUserEvents: 1000 });
  expected = makeEvents(lookup.userId, lookup.targetRuleId, 23, 3);
  api.addLookup(lookup.userId, lookup.targetRuleId, expected);
});

after(async () => {
  await api.stop();
});

beforeEach(() => api.reset());

function assertComplete(result: LookupResult): void {
  assert.deepEqual(
    result.events.map((event) => [event.eventLogId, event.targetValue, event.periodId]),
    expected.map((event) => [event.eventLogId, event.targetValue, event.periodId]),
  );
  assert.equal(result.groups.reduce((sum, group) => sum + group.count, 0), expected.length);
}

function assertPartial(error: unknown): CapillaryApiError {
  assert.ok(error instanceof CapillaryApiError, String(error));
  assert.ok(error.partial, 'events fetched so far are kept');
  const ids = error.partial.events.map((event) => event.eventLogId);
  const known = new Set(expected.map((event) => event.eventLogId));
  assert.ok(ids.every((id) => known.has(id)), 'partial holds only real events');
  assert.equal(new Set(ids).size, ids.length, 'partial holds no duplicate');
  assert.ok(ids.length < expected.length, 'partial is never the complete list');
  return error;
}

/** Runs the lookup; `afterFirstPage` sets faults once the first page arrived, to fail mid-lookup. */
function lookupWith(client: CapillaryClient, afterFirstPage?: () => void): Promise<LookupResult> {
  let armed = false;
  return client.fetchTrackedTargetEvents(lookup, {
    onFetchProgress: () => {
      if (!armed && afterFirstPage) {
        armed = true;
        afterFirstPage();
      }
    },
  });
}

describe('fault matrix: transient failures are retried to a complete result', () => {
  it('500 then success', async () => {
    api.setFaults({ failFirst: 1, failStatus: 500 });
    const result = await withClient(api, { pageSize }, (client) => lookupWith(client));
    assertComplete(result);
    assert.equal(api.stats().eventsRequests, 5 + 1);
  });

  it('500 three times: retried with exponentially growing delays', async () => {
    api.setFaults({ failFirst: 3, failStatus: 500 });
    const ended: number[] = [];
    const attempts: number[] = [];
    const result = await withClient(
      api,
      { pageSize: 100, retryBaseDelayMs: 100, onRequest: (record) => (ended.push(Date.now()), attempts.push(record.attempt)) },
      (client) => lookupWith(client),
    );
    assertComplete(result);
    assert.deepEqual(attempts, [1, 2, 3, 4]);
    const gaps = ended.slice(1).map((time, i) => time - ended[i]);
    // With equal jitter each wait is between half and all of 100, 200, 400 ms.
    assert.ok(gaps[0] >= 50 && gaps[1] >= 100 && gaps[2] >= 200, `gaps ${gaps.join(', ')}`);
  });

  it('reports each retry in the progress, "retrying 1 of 3" and "2 of 3", until the page arrives', async () => {
    api.setFaults({ failFirst: 2, failStatus: 503 });
    const progress: FetchProgress[] = [];
    const result = await withClient(api, { pageSize: 100, retries: 3, retryBaseDelayMs: 10 }, (client) =>
      client.fetchTrackedTargetEvents(lookup, { onFetchProgress: (update) => progress.push(update) }),
    );
    assertComplete(result);
    // The page's arrival, then its events passed on: the count is of the events held.
    assert.deepEqual(
      progress.map((update) => [update.pagesFetched, update.retrying, update.eventsFetched]),
      [
        [0, { attempt: 1, of: 3 }, 0],
        [0, { attempt: 2, of: 3 }, 0],
        [1, undefined, 0],
        [1, undefined, result.events.length],
      ],
    );
  });

  it('429 with Retry-After is honoured before the retry', async () => {
    api.setFaults({ failFirst: 1, failStatus: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const result = await withClient(api, { pageSize }, (client) => lookupWith(client));
    assertComplete(result);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
  });

  it('a long Retry-After on 429 is honoured: the fetch progress says until when, and cancelling ends the wait', async () => {
    api.setFaults({ failFirst: 1, failStatus: 429, retryAfterSeconds: 120 });
    const controller = new AbortController();
    const progress: FetchProgress[] = [];
    const started = Date.now();
    await withClient(api, { pageSize, maxRetryDelayMs: 100 }, async (client) => {
      const lookupDone = client.fetchTrackedTargetEvents(lookup, {
        signal: controller.signal,
        onFetchProgress: (update) => {
          progress.push(update);
          if (update.rateLimitedUntil !== undefined) controller.abort();
        },
      });
      await assert.rejects(lookupDone, (error: unknown) => isCancellation(error));
    });
    const waiting = progress.find((update) => update.rateLimitedUntil !== undefined);
    assert.ok(waiting, 'the progress reported the pause');
    const until = waiting.rateLimitedUntil ?? 0;
    assert.ok(until - started >= 119_000 && until - Date.now() <= 120_000, `paused until ${until - started} ms after the start`);
    assert.equal(api.stats().eventsRequests, 1, 'nothing sent during the pause');
  });

  it('connection reset mid-body', async () => {
    const result = await withClient(api, { pageSize }, (client) => lookupWith(client, () => api.setFaults({ resetMidBody: 2 })));
    assertComplete(result);
  });

  it('a hang: the timeout fires and the retry completes', async () => {
    const result = await withClient(api, { pageSize, timeoutMs: 300 }, (client) => lookupWith(client, () => api.setFaults({ hang: 1 })));
    assertComplete(result);
  });

  it('truncated JSON once', async () => {
    const result = await withClient(api, { pageSize }, (client) => lookupWith(client, () => api.setFaults({ truncateJson: 1 })));
    assertComplete(result);
  });

  it('an HTML 502 page once', async () => {
    api.setFaults({ html502: 1 });
    const result = await withClient(api, { pageSize }, (client) => lookupWith(client));
    assertComplete(result);
  });

  it('offset acting as a row offset is detected and paged correctly', async () => {
    api.setFaults({ offsetMode: 'row' });
    const result = await withClient(api, { pageSize }, (client) => lookupWith(client));
    assertComplete(result);
    assert.ok(result.warnings.some((warning) => /row offset/.test(warning)), result.warnings.join('\n'));
    assert.ok(api.requests.some((request) => /offset=10(&|$)/.test(request.path)), 'row offsets requested');
  });

  it('total counting pages instead of records', async () => {
    api.setFaults({ totalMode: 'pages' });
    const result = await withClient(api, { pageSize }, (client) => lookupWith(client));
    assertComplete(result);
    assert.equal(result.total, 5);
    assert.deepEqual(result.warnings, []);
  });

  it('total as pages with row offsets together', async () => {
    api.setFaults({ totalMode: 'pages', offsetMode: 'row' });
    const result = await withClient(api, { pageSize: 4 }, (client) => lookupWith(client));
    assertComplete(result);
  });

  for (const status of [401, 498] as const) {
    it(`OAuth token expiring mid-lookup (${status}): one new token, then complete`, async () => {
      api.setFaults({ tokenExpiredStatus: status });
      const result = await withClient(api, { pageSize, auth: oauthAuth() }, (client) => lookupWith(client, () => api.expireTokens()));
      assertComplete(result);
      assert.equal(api.stats().tokensIssued, 2);
    });
  }

  it('an XML 401 body with OAuth: treated as a rejected token, renewed once', async () => {
    const result = await withClient(api, { pageSize, auth: oauthAuth() }, (client) => lookupWith(client, () => api.setFaults({ xml401: 1 })));
    assertComplete(result);
    assert.equal(api.stats().tokensIssued, 2);
  });
});

describe('fault matrix: persistent failures end in a clear error with the partial events', () => {
  it('503 on every try: retried `retries` times, then an http error', async () => {
    const error = assertPartial(
      await withClient(api, { pageSize, retries: 2, concurrency: 1 }, (client) =>
        rejection(lookupWith(client, () => api.setFaults({ failFirst: 1000, failStatus: 503 }))),
      ),
    );
    assert.equal(error.kind, 'http');
    assert.equal(error.httpStatus, 503);
    assert.match(error.message, /503/);
    assert.ok(error.requestId);
    assert.equal(error.partial?.events.length, 5);
    assert.equal(api.stats().eventsRequests, 1 + 3, 'first page, then one page tried 1 + 2 retries');
  });

  it('connection reset on every try: a network error', async () => {
    const error = assertPartial(
      await withClient(api, { pageSize, retries: 1 }, (client) => rejection(lookupWith(client, () => api.setFaults({ resetMidBody: 1000 })))),
    );
    assert.equal(error.kind, 'network');
    assert.match(error.message, /cut/);
  });

  it('a hang with no retries left: a timeout error, nothing left running', async () => {
    const error = assertPartial(
      await withClient(api, { pageSize, timeoutMs: 200, retries: 0 }, (client) =>
        rejection(lookupWith(client, () => api.setFaults({ hang: 1000 }))),
      ),
    );
    assert.equal(error.kind, 'timeout');
    assert.match(error.hint, /timeout/);
  });

  it('truncated JSON every time: invalid-response naming the cut-off body', async () => {
    const error = assertPartial(
      await withClient(api, { pageSize, retries: 1 }, (client) => rejection(lookupWith(client, () => api.setFaults({ truncateJson: 1000 })))),
    );
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.httpStatus, 200);
    assert.match(error.message, /cut off/);
  });

  it('an HTML 502 page every time: invalid-response with the status and a short excerpt', async () => {
    const error = await withClient(api, { pageSize, retries: 1 }, (client) => {
      api.setFaults({ html502: 1000 });
      return rejection(lookupWith(client));
    });
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.httpStatus, 502);
    assert.match(error.message, /HTTP 502 with an HTML page instead of JSON: "<html> <head><title>502 Bad Gateway/);
    assert.ok(error.message.length < 300);
    assert.deepEqual(error.partial?.events, []);
  });

  it('OAuth rejected again after one new token: an error, no third token', async () => {
    // One request at a time, so that both rejections hit the same request (in a wave they would hit two requests).
    const error = await withClient(api, { pageSize, concurrency: 1, auth: oauthAuth() }, (client) =>
      rejection(lookupWith(client, () => api.setFaults({ xml401: 2 }))),
    );
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.httpStatus, 401);
    assert.match(error.hint, /credentials/);
    assert.equal(api.stats().tokensIssued, 2);
    assertPartial(error);
  });

  it('an XML 401 body with Basic auth: not retried, names the status', async () => {
    api.setFaults({ xml401: 1 });
    const error = await withClient(api, { pageSize }, (client) => rejection(lookupWith(client)));
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.httpStatus, 401);
    assert.match(error.message, /XML/);
    assert.match(error.hint, /credentials/);
    assert.equal(api.stats().eventsRequests, 1);
  });

  const codes: Record<number, RegExp> = {
    310019: /period/i,
    310018: /rule/i,
    310011: /userId/,
    310149: /No events/,
  };
  for (const [code, pattern] of Object.entries(codes)) {
    it(`HTTP 200 with errors[] ${code}: an api error with its own message, not retried`, async () => {
      api.setFaults({ errorCode: Number(code) });
      const error = await withClient(api, { pageSize }, (client) => rejection(lookupWith(client)));
      assert.ok(error instanceof CapillaryApiError);
      assert.equal(error.kind, 'api');
      assert.equal(error.code, Number(code));
      assert.equal(error.httpStatus, 200);
      assert.match(error.message, pattern);
      assert.match(error.message, new RegExp(code));
      assert.ok(error.hint.length > 20);
      assert.equal(api.stats().eventsRequests, 1);
    });
  }

  it('the real not-found cases answer their codes', async () => {
    const cases: [Record<string, string>, number][] = [
      [{ userId: '999', targetRuleId: '4242' }, 310011],
      [{ userId: lookup.userId, targetRuleId: '1' }, 310018],
      [{ ...lookup, periodId: '1' }, 310019],
      [{ userId: '700000007', targetRuleId: '77001' }, 310149],
    ];
    await withClient(api, {}, async (client) => {
      for (const [params, code] of cases) {
        const error = await rejection(client.fetchTrackedTargetEvents(params as { userId: string; targetRuleId: string }));
        assert.equal((error as CapillaryApiError).code, code);
      }
    });
  });

  it('an empty page while total says more: an error, never a silent gap', async () => {
    api.setFaults({ emptyPageAt: 2 });
    const error = assertPartial(await withClient(api, { pageSize }, (client) => rejection(lookupWith(client))));
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /empty page 3 although later pages hold events/);
    assert.deepEqual(
      error.partial?.events.slice(0, 10).map((event) => event.eventLogId),
      expected.slice(0, 10).map((event) => event.eventLogId),
    );
  });

  for (const totalMode of ['records', 'pages'] as const) {
    it(`an empty last page while total (${totalMode}) says more: an error, not a short list`, async () => {
      api.setFaults({ emptyPageAt: 4, totalMode });
      const error = assertPartial(await withClient(api, { pageSize, concurrency: 1 }, (client) => rejection(lookupWith(client))));
      assert.match(error.message, /empty page 5 after 20 events, but its total says/);
      assert.equal(error.partial?.events.length, 20);
    });
  }

  it('a page repeated by the server: asked again, then an error naming the page', async () => {
    api.setFaults({ repeatPageAt: 2 });
    const error = assertPartial(await withClient(api, { pageSize }, (client) => rejection(lookupWith(client))));
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /page 3/);
    assert.equal(error.partial?.events.length, 23 - 5);
  });

  it('invalid OAuth key (320001) is an auth error before any events request', async () => {
    const error = await withClient(api, { auth: { kind: 'oauth', clientKey: 'x', clientSecret: 'y' } }, (client) => rejection(lookupWith(client)));
    assert.equal((error as CapillaryApiError).code, 320001);
    assert.equal((error as CapillaryApiError).kind, 'auth');
    assert.equal(api.stats().eventsRequests, 0);
  });

  it('a redirect to another host: not followed, credentials never reach it', async () => {
    const other = await startSampleApi({ largeUserEvents: 10 });
    try {
      for (const auth of [undefined, oauthAuth()]) {
        api.setFaults({ redirectTo: other.url });
        const error = await withClient(api, auth ? { auth } : {}, (client) => rejection(lookupWith(client)));
        assert.ok(error instanceof CapillaryApiError);
        assert.equal(error.kind, 'redirect');
        assert.equal(error.httpStatus, 302);
        assert.ok(error.message.includes(new URL(other.url).host), error.message);
        assert.ok(error.hint.includes(new URL(other.url).host));
      }
      assert.equal(other.requests.length, 0, 'nothing was sent to the redirect target');
    } finally {
      await other.stop();
    }
  });
});
