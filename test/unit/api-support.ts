// Shared helpers for the client tests: the sample API, clients with fast retries, generated events, and the
// checks that every test ends clean (no unhandled rejection, no timer or socket left behind).
import assert from 'node:assert/strict';
import { SAMPLE_CREDENTIALS, type SampleApi, type SampleEvent } from '../../sample-api/server';
import { createCapillaryClient, md5Hex, type Auth, type CapillaryClient, type ClientOptions, type TrackedTargetEvent } from '../../src/capillary';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

export function assertNoUnhandledRejections(): void {
  assert.deepEqual(unhandled, [], 'no unhandled promise rejection');
}

export const basicAuth = (): Auth => ({
  kind: 'basic',
  username: SAMPLE_CREDENTIALS.basic.username,
  passwordMd5: md5Hex(SAMPLE_CREDENTIALS.basic.password),
});

export const oauthAuth = (): Auth => ({
  kind: 'oauth',
  clientKey: SAMPLE_CREDENTIALS.oauth.clientKey,
  clientSecret: SAMPLE_CREDENTIALS.oauth.clientSecret,
});

/** A client for the sample API with quick retries, so that fault tests stay fast. */
export function sampleClient(api: SampleApi, overrides: Partial<ClientOptions> = {}): CapillaryClient {
  return createCapillaryClient({
    baseUrl: api.url,
    auth: basicAuth(),
    timeoutMs: 3000,
    retryBaseDelayMs: 5,
    maxRetryDelayMs: 2000,
    ...overrides,
  });
}

/** `count` chronological events for one lookup, spread over `periods` periods in order. */
export function makeEvents(userId: string, targetRuleId: string, count: number, periods = 3, firstId = 500_000_000n): SampleEvent[] {
  const perPeriod = Math.ceil(count / periods);
  return Array.from({ length: count }, (_, i) => {
    const period = Math.floor(i / perPeriod);
    const second = 1_000 + i * 60;
    const date = new Date(Date.UTC(2025, 0, 1) + second * 1000).toISOString().replace('T', ' ').replace('Z', '').slice(0, 21);
    const behavioural = i % 4 === 3;
    return {
      eventLogId: String(firstId + BigInt(i)),
      eventName: behavioural ? 'GENERIC_EVENT' : i % 7 === 5 ? 'RETURN_BILL' : 'ADD_TRANSACTION',
      customerId: userId,
      eventDisplayName: behavioural ? 'AppOpened' : null,
      uniqueId: String(880_000_000 + i),
      eventDate: date,
      eventProcessedDate: date,
      periodId: String(9_000 + period),
      targetGroupId: '4242',
      targetRuleId,
      targetValue: behavioural ? '1.000' : `${100 + (i % 13)}.${String(i % 100).padStart(2, '0')}`,
    };
  });
}

/** Counts of live handles that would keep the process running: sockets and timers. */
function liveResources(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return {
    sockets: info.filter((name) => name === 'TCPSocketWrap' || name === 'TLSSocketWrap').length,
    timers: info.filter((name) => name === 'Timeout').length,
  };
}

export function resourceBaseline(): { sockets: number; timers: number } {
  return liveResources();
}

/** Waits (briefly) for sockets and timers to drop back to `baseline`, then asserts they did. */
export async function assertNoLeaks(baseline: { sockets: number; timers: number }): Promise<void> {
  const deadline = Date.now() + 2000;
  let now = liveResources();
  while ((now.sockets > baseline.sockets || now.timers > baseline.timers) && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10));
    now = liveResources();
  }
  assert.ok(now.sockets <= baseline.sockets, `sockets left open: ${now.sockets} > ${baseline.sockets}`);
  assert.ok(now.timers <= baseline.timers, `timers left running: ${now.timers} > ${baseline.timers}`);
}

/** Runs `body` with a client, then disposes it and checks that nothing leaked or went unhandled. */
export async function withClient<T>(
  api: SampleApi,
  overrides: Partial<ClientOptions>,
  body: (client: CapillaryClient) => Promise<T>,
): Promise<T> {
  const baseline = resourceBaseline();
  const client = sampleClient(api, overrides);
  try {
    return await body(client);
  } finally {
    client.dispose();
    await assertNoLeaks(baseline);
    assertNoUnhandledRejections();
  }
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the promise to reject');
}

/** One event with plain defaults; tests override the fields they are about. */
export function testEvent(overrides: Partial<TrackedTargetEvent>): TrackedTargetEvent {
  return {
    eventLogId: '1',
    eventName: 'ADD_TRANSACTION',
    customerId: '7',
    eventDisplayName: null,
    uniqueId: 'u',
    eventDate: '2025-01-09 12:00:00.0',
    eventProcessedDate: '2025-01-09 12:00:00.0',
    periodId: '10',
    targetGroupId: '20',
    targetRuleId: '30',
    targetValue: '1',
    ...overrides,
  };
}
