// Edge cases the sample API does not produce, served by a small hand-written server on 127.0.0.1: server
// warnings, totals that disagree, a capped page size, duplicates, odd bodies, refused connections, and the
// access codes 4000/4001 through the sample API.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { CapillaryApiError, type LookupResult } from '../../src/capillary';
import { parseRetryAfter } from '../../src/capillary/transport/http';
import { basicAuth, rejection, withClient } from './api-support';

interface Reply {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

let handler: (url: URL) => Reply;
let server: http.Server;
let baseUrl: string;
let sample: SampleApi;

before(async () => {
  server = http.createServer((req, res) => {
    const reply = handler(new URL(req.url ?? '/', 'http://127.0.0.1'));
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sample = await startSampleApi({ largeUserEvents: 10 });
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sample.stop();
});

beforeEach(() => {
  sample.resetFaults();
  sample.resetStats();
});

const lookup = { userId: '1', targetRuleId: '2' };

/** An event whose eventLogId is the raw JSON text `id` (a number, or a quoted string). */
function eventJson(id: string | number): string {
  return `{"eventLogId":${id},"eventName":"ADD_TRANSACTION","periodId":7,"targetGroupId":8,"targetRuleId":2,"targetValue":10.5}`;
}

/** Pages of `rows` event IDs; offset read as a page index. */
function pagedReply(rows: (string | number)[], total: number | undefined, extra: { warnings?: string; limitCap?: number } = {}) {
  return (url: URL): Reply => {
    const asked = Number(url.searchParams.get('limit'));
    const limit = Math.min(asked, extra.limitCap ?? asked);
    const offset = Number(url.searchParams.get('offset'));
    const page = rows.slice(offset * limit, offset * limit + limit);
    const pagination = total === undefined ? `{"limit":${limit},"offset":${offset}}` : `{"limit":${limit},"offset":${offset},"total":${total}}`;
    return {
      body: `{"pagination":${pagination},"data":[${page.map((id) => eventJson(id)).join(',')}],"errors":null,"warnings":${extra.warnings ?? 'null'}}`,
    };
  };
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => 1000 + i);

function lookupIds(result: LookupResult): string[] {
  return result.events.map((event) => event.eventLogId);
}

describe('edge cases of paging and data', () => {
  it('passes server warnings on, once each', async () => {
    handler = pagedReply(ids(7), 7, { warnings: '[{"code":9001,"message":"Data may lag"}]' });
    const result = await withClient({ url: baseUrl } as SampleApi, { pageSize: 3 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.equal(result.events.length, 7);
    assert.deepEqual(result.warnings, ['Capillary warning: Data may lag (code 9001)']);
  });

  it('warns when the total says fewer than were returned, and shows them all', async () => {
    handler = pagedReply(ids(7), 2);
    const result = await withClient({ url: baseUrl } as SampleApi, { pageSize: 3 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.deepEqual(lookupIds(result), ids(7).map(String));
    assert.equal(result.total, 2);
    assert.ok(result.warnings.some((warning) => /total \(2\) matches neither the 7 rows nor the 3 pages/.test(warning)), result.warnings.join());
  });

  it('pages without any total until a short page', async () => {
    handler = pagedReply(ids(10), undefined);
    const result = await withClient({ url: baseUrl } as SampleApi, { pageSize: 3 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.deepEqual(lookupIds(result), ids(10).map(String));
    assert.equal(result.total, undefined);
    assert.deepEqual(result.warnings, []);
  });

  it('adopts a page size the server capped', async () => {
    handler = pagedReply(ids(11), 11, { limitCap: 4 });
    const result = await withClient({ url: baseUrl } as SampleApi, { pageSize: 10 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.deepEqual(lookupIds(result), ids(11).map(String));
    assert.ok(result.warnings.some((warning) => /capped the page size at 4/.test(warning)));
  });

  it('drops an event sent twice and says so, without calling the list incomplete', async () => {
    handler = pagedReply([1, 2, 3, 3, 4, 5, 6], 7);
    const result = await withClient({ url: baseUrl } as SampleApi, { pageSize: 3 }, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.deepEqual(lookupIds(result), ['1', '2', '3', '4', '5', '6']);
    assert.ok(result.warnings.some((warning) => /1 event came twice/.test(warning)));
  });

  it('accepts IDs as strings beyond 2^63 and mixed forms, exactly', async () => {
    handler = pagedReply(['"18446744073709551617"', '9007199254740993', '"42"'], 3);
    const result = await withClient({ url: baseUrl } as SampleApi, {}, (client) => client.fetchTrackedTargetEvents(lookup));
    assert.deepEqual(lookupIds(result), ['18446744073709551617', '9007199254740993', '42']);
    assert.equal(result.groups[0].totalTargetValue, '31.5');
  });

  it('refuses bodies that are JSON but not the envelope', async () => {
    for (const body of ['[1,2]', '{"data":{"not":"a list"},"errors":[]}', '{"data":[5],"errors":[]}']) {
      handler = () => ({ body });
      const error = await withClient({ url: baseUrl } as SampleApi, { retries: 0 }, (client) => rejection(client.fetchTrackedTargetEvents(lookup)));
      assert.ok(error instanceof CapillaryApiError, body);
      assert.equal(error.kind, 'invalid-response', body);
      assert.equal(error.httpStatus, 200);
    }
  });

  it('names the host of a relative redirect and does not follow it', async () => {
    let requests = 0;
    handler = (url) => {
      requests++;
      return url.pathname.startsWith('/moved') ? { body: '{}' } : { status: 301, body: '', headers: { Location: '/moved' } };
    };
    const error = await withClient({ url: baseUrl } as SampleApi, {}, (client) => rejection(client.fetchTrackedTargetEvents(lookup)));
    assert.equal((error as CapillaryApiError).kind, 'redirect');
    assert.ok((error as CapillaryApiError).message.includes(new URL(baseUrl).host));
    assert.equal(requests, 1);
  });

  it('498 with Basic auth is an auth error, not retried', async () => {
    let requests = 0;
    handler = () => {
      requests++;
      return { status: 498, body: '{"data":null,"errors":[{"code":498,"message":"Token expired"}]}' };
    };
    const error = await withClient({ url: baseUrl } as SampleApi, { auth: basicAuth() }, (client) => rejection(client.fetchTrackedTargetEvents(lookup)));
    assert.equal((error as CapillaryApiError).kind, 'auth');
    assert.match((error as CapillaryApiError).message, /Token expired/);
    assert.equal(requests, 1);
  });

  it('a refused connection is a network error pointing at the base URL, not retried', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    const error = await withClient({ url: `http://127.0.0.1:${port}` } as SampleApi, { retryBaseDelayMs: 1000 }, (client) =>
      rejection(client.fetchTrackedTargetEvents(lookup)),
    );
    assert.equal((error as CapillaryApiError).kind, 'network');
    assert.match((error as CapillaryApiError).hint, /base URL/);
    assert.ok(Date.now() - started < 900, 'not retried');
  });
});

describe('access codes', () => {
  it('4000 (HTTP 403): not authorized, with its own hint, not retried', async () => {
    sample.setFaults({ accessErrorCode: 4000 });
    const error = await withClient(sample, {}, (client) => rejection(client.fetchTrackedTargetEvents({ userId: '564332013', targetRuleId: '1986' })));
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.code, 4000);
    assert.equal(error.kind, 'auth');
    assert.equal(error.httpStatus, 403);
    assert.match(error.hint, /access group/);
    assert.equal(sample.stats().eventsRequests, 1);
  });

  it('4001 (HTTP 503): retried, then its own message', async () => {
    sample.setFaults({ accessErrorCode: 4001 });
    const error = await withClient(sample, { retries: 2 }, (client) => rejection(client.fetchTrackedTargetEvents({ userId: '564332013', targetRuleId: '1986' })));
    assert.ok(error instanceof CapillaryApiError);
    assert.equal(error.code, 4001);
    assert.equal(error.httpStatus, 503);
    assert.match(error.message, /authorization status/);
    assert.equal(sample.stats().eventsRequests, 3);
  });
});

describe('Retry-After', () => {
  it('reads delay seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 21 Oct 2025 07:28:00 GMT');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2025 07:28:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2025 07:27:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
