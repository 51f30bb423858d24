// `FetchOptions.onEvents` over real HTTP: the sample API behind a small proxy that delays each page by its own
// amount (so that pages arrive out of order), answers a page once with the page before it, or fails a page. The
// calls, concatenated, must be the result's events (the same objects, in order) or a prefix of the partial events.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { startSampleApi, type SampleApi, type SampleEvent } from '../../sample-api/server';
import { CapillaryApiError, type ClientOptions, type LookupResult, type TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';
import { makeEvents, rejection, withClient } from './api-support';

/** What the proxy does with the `nth` request (from 0) for page `page` (its offset read in the server's terms). */
interface ProxyPlan {
  delayMs(page: number, nth: number): number;
  /** The page to answer with instead (a repeated page), if any. */
  answerWith?(page: number, nth: number): number | undefined;
  /** An HTTP status to fail with instead, if any. */
  failWith?(page: number, nth: number): number | undefined;
}

interface Proxy {
  url: string;
  plan: ProxyPlan;
  /** Pages in the order their responses were sent. */
  answered: number[];
  /** Forgets the requests and answers so far (the plan's `nth` counts from 0 again). */
  reset(): void;
  stop(): Promise<void>;
}

async function startProxy(api: SampleApi, rowOffsets: () => boolean): Promise<Proxy> {
  const asked = new Map<number, number>();
  const proxy: Proxy = {
    url: '',
    plan: { delayMs: () => 0 },
    answered: [],
    reset: () => {
      asked.clear();
      proxy.answered.length = 0;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('offset'));
    const page = rowOffsets() ? Math.floor(offset / limit) : offset;
    const nth = asked.get(page) ?? 0;
    asked.set(page, nth + 1);
    const answerWith = proxy.plan.answerWith?.(page, nth);
    if (answerWith !== undefined) url.searchParams.set('offset', String(rowOffsets() ? answerWith * limit : answerWith));
    const failStatus = proxy.plan.failWith?.(page, nth);
    setTimeout(() => {
      if (failStatus !== undefined) {
        res.writeHead(failStatus, { 'Content-Type': 'application/json' });
        res.end('{"errors":[{"code":500,"message":"proxy failure"}]}');
        return;
      }
      const upstream = http.request(`${api.url}${url.pathname}${url.search}`, { headers: req.headers, agent: false }, (answer) => {
        proxy.answered.push(page);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end();
    }, proxy.plan.delayMs(page, nth));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

let api: SampleApi;
let proxy: Proxy;
let rowOffsets = false;
const lookup = { userId: '31338', targetRuleId: '4243' };

before(async () => {
  api = await startSampleApi({ largeUserEvents: 10 });
  proxy = await startProxy(api, () => rowOffsets);
});

after(async () => {
  await proxy.stop();
  await api.stop();
});

beforeEach(() => {
  api.resetFaults();
  rowOffsets = false;
  proxy.plan = { delayMs: () => 0 };
});

function serve(events: SampleEvent[], offsetMode: 'page' | 'row' = 'page'): void {
  proxy.reset();
  api.addLookup(lookup.userId, lookup.targetRuleId, events);
  rowOffsets = offsetMode === 'row';
  api.setFaults({ offsetMode });
}

/** Runs the lookup through the proxy, recording every onEvents call. */
async function lookupRecording(overrides: Partial<ClientOptions>, onCall?: () => void): Promise<{ calls: TrackedTargetEvent[][]; outcome: unknown }> {
  const calls: TrackedTargetEvent[][] = [];
  const outcome = await withClient({ url: proxy.url } as SampleApi, { retries: 0, ...overrides }, (client) =>
    client
      .fetchTrackedTargetEvents(lookup, {
        onEvents: (events) => {
          calls.push(events);
          onCall?.();
        },
      })
      .catch((error: unknown) => error),
  );
  return { calls, outcome };
}

function assertCallsAreResult(calls: TrackedTargetEvent[][], result: LookupResult): void {
  assert.ok(calls.every((call) => call.length > 0), 'never called with no events');
  const passed = calls.flat();
  assert.equal(passed.length, result.events.length);
  passed.forEach((event, index) => assert.equal(event, result.events[index], `event ${index} is the result's own object`));
  // The groups were built page by page as the events were passed on; they are what grouping them at once gives.
  assert.deepEqual(result.groups, groupByPeriod(result.events));
}

function assertCallsArePrefixOfPartial(calls: TrackedTargetEvent[][], error: unknown): CapillaryApiError {
  assert.ok(error instanceof CapillaryApiError, String(error));
  assert.ok(error.partial);
  assert.ok(calls.every((call) => call.length > 0), 'never called with no events');
  const passed = calls.flat();
  assert.ok(passed.length <= error.partial.events.length);
  passed.forEach((event, index) => assert.equal(event, error.partial?.events[index], `event ${index} is the partial's own object`));
  return error;
}

/** A delay per page that makes later pages of a round overtake earlier ones. */
const scrambled = (page: number): number => ((page * 7919) % 11) * 3;

describe('onEvents', () => {
  for (const offsetMode of ['page', 'row'] as const) {
    it(`offset = ${offsetMode}, 8 in flight, pages arriving out of order: the calls are the result, page by page`, async () => {
      serve(makeEvents(lookup.userId, lookup.targetRuleId, 203, 4), offsetMode);
      proxy.plan = { delayMs: scrambled };
      const { calls, outcome } = await lookupRecording({ pageSize: 5, concurrency: 8 });
      const result = outcome as LookupResult;
      assert.equal(result.events.length, 203);
      assertCallsAreResult(calls, result);
      assert.ok(calls.length > 5, `events passed on as pages settle (${calls.length} calls)`);
      assert.notDeepEqual(proxy.answered, [...proxy.answered].sort((a, b) => a - b), 'pages did arrive out of order');
    });
  }

  it('passes a page on once it and every page before it arrived, not before', async () => {
    const events = makeEvents(lookup.userId, lookup.targetRuleId, 40, 2);
    serve(events);
    // Page 1 is slow: page 0 is passed on before it arrives, and no later page before it.
    proxy.plan = { delayMs: (page) => (page === 1 ? 150 : scrambled(page)) };
    const answeredAtCall: number[][] = [];
    const { calls, outcome } = await lookupRecording({ pageSize: 5, concurrency: 8 }, () => answeredAtCall.push([...proxy.answered]));
    assertCallsAreResult(calls, outcome as LookupResult);
    assert.deepEqual(calls[0], (outcome as LookupResult).events.slice(0, 5));
    assert.equal(answeredAtCall[0].includes(1), false, 'page 0 passed on before page 1 arrived');
    let passed = 0;
    for (const [index, call] of calls.entries()) {
      passed += call.length;
      const lastPage = Math.floor((passed - 1) / 5);
      for (let page = 0; page <= lastPage; page++) assert.ok(answeredAtCall[index].includes(page), `call ${index}: page ${page} had arrived`);
    }
  });

  it('drops an event repeated on the next page, as the result does', async () => {
    const events = makeEvents(lookup.userId, lookup.targetRuleId, 20, 2);
    // Event 4 (the end of page 0) is also the start of page 1; event 12 twice inside page 2.
    const served = [...events.slice(0, 5), events[4], ...events.slice(5, 12), events[11], ...events.slice(12)];
    serve(served);
    proxy.plan = { delayMs: scrambled };
    const { calls, outcome } = await lookupRecording({ pageSize: 5, concurrency: 4 });
    const result = outcome as LookupResult;
    assert.deepEqual(result.events.map((event) => event.eventLogId), events.map((event) => event.eventLogId));
    assertCallsAreResult(calls, result);
  });

  it('holds back a page that repeated the page before it until its refetch, then passes on what came', async () => {
    serve(makeEvents(lookup.userId, lookup.targetRuleId, 33, 3));
    proxy.plan = { delayMs: scrambled, answerWith: (page, nth) => (page === 2 && nth === 0 ? 1 : undefined) };
    const { calls, outcome } = await lookupRecording({ pageSize: 5, concurrency: 8 });
    const result = outcome as LookupResult;
    assert.equal(result.events.length, 33);
    assertCallsAreResult(calls, result);
    assert.equal(proxy.answered.filter((page) => page === 2).length, 2, 'page 2 was asked for again');
    // Pages 0 and 1 come before the repeat; the rest only after page 2 came again, at the end of the lookup.
    assert.equal(calls.at(-1)?.[0], result.events[10]);
  });

  it('a page that still repeats after its refetch: the calls stop before it, a prefix of the partial events', async () => {
    serve(makeEvents(lookup.userId, lookup.targetRuleId, 33, 3));
    api.setFaults({ repeatPageAt: 3 });
    const { calls, outcome } = await lookupRecording({ pageSize: 5, concurrency: 8 });
    const error = assertCallsArePrefixOfPartial(calls, outcome);
    assert.equal(calls.flat().length, 15);
    assert.equal(error.partial?.events.length, 28);
  });

  it('a failure part way: the calls are a prefix of the partial events', async () => {
    serve(makeEvents(lookup.userId, lookup.targetRuleId, 60, 3));
    proxy.plan = { delayMs: scrambled, failWith: (page) => (page === 6 ? 503 : undefined) };
    const { calls, outcome } = await lookupRecording({ pageSize: 5, concurrency: 4 });
    assertCallsArePrefixOfPartial(calls, outcome);
    assert.ok(calls.flat().length >= 5 && calls.flat().length <= 30);
  });

  it('a callback that throws does not fail the lookup', async () => {
    serve(makeEvents(lookup.userId, lookup.targetRuleId, 23, 2));
    const result = await withClient({ url: proxy.url } as SampleApi, { pageSize: 5 }, (client) =>
      client.fetchTrackedTargetEvents(lookup, {
        onEvents: () => {
          throw new Error('painting failed');
        },
      }),
    );
    assert.equal(result.events.length, 23);
  });

  it('property: any page size, concurrency, offset reading, arrival order, duplicates, a repeat and a failure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          count: fc.integer({ min: 1, max: 70 }),
          pageSize: fc.integer({ min: 1, max: 9 }),
          concurrency: fc.integer({ min: 1, max: 8 }),
          offsetMode: fc.constantFrom('page' as const, 'row' as const),
          delays: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 16 }),
          duplicates: fc.array(fc.nat(), { maxLength: 4 }),
          repeatOnce: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
          failAt: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        }),
        async ({ count, pageSize, concurrency, offsetMode, delays, duplicates, repeatOnce, failAt }) => {
          const events = makeEvents(lookup.userId, lookup.targetRuleId, count, 3);
          // An event sent twice in a row, past page 1 (earlier, it could pass for a row-offset reading).
          const served = [...events];
          for (const at of duplicates) {
            const from = 2 * pageSize;
            if (served.length <= from) break;
            const position = from + (at % (served.length - from));
            served.splice(position, 0, served[position - 1]);
          }
          serve(served, offsetMode);
          proxy.plan = {
            delayMs: (page, nth) => delays[(page + nth) % delays.length],
            answerWith: (page, nth) => (page === repeatOnce && nth === 0 ? page - 1 : undefined),
            failWith: (page) => (page === failAt ? 500 : undefined),
          };
          const { calls, outcome } = await lookupRecording({ pageSize, concurrency });
          if (outcome instanceof Error) {
            assertCallsArePrefixOfPartial(calls, outcome);
          } else {
            const result = outcome as LookupResult;
            assert.deepEqual(result.events.map((event) => event.eventLogId), events.map((event) => event.eventLogId));
            assertCallsAreResult(calls, result);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a cancelled lookup: the calls are a prefix of the partial events', async () => {
    serve(makeEvents(lookup.userId, lookup.targetRuleId, 80, 3));
    proxy.plan = { delayMs: scrambled };
    const controller = new AbortController();
    const calls: TrackedTargetEvent[][] = [];
    const error = await withClient({ url: proxy.url } as SampleApi, { pageSize: 5, concurrency: 4 }, (client) =>
      rejection(
        client.fetchTrackedTargetEvents(lookup, {
          signal: controller.signal,
          onEvents: (events) => {
            calls.push(events);
            if (calls.flat().length >= 20) controller.abort();
          },
        }),
      ),
    );
    assertCallsArePrefixOfPartial(calls, error);
  });
});
