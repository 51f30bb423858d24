// Shared set-up of the sample API tests: one server per test file with faults and stats reset before each test,
// and requests to it over real HTTP.

import { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';

/** Basic header for store.server / server123: base64(username:md5hex(password)). */
export const BASIC = 'Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3';
export const DOC = SAMPLE_LOOKUPS.docExample;
export const DOC_EVENT_IDS = [
  '606066681', '606066721', '606068043', '606072487', '608082820',
  '615116253', '615376598', '615376684', '615460983', '615461137',
];

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export interface EventsBody {
  pagination: { limit: number; offset: number; total: number };
  data: Array<Record<string, unknown>>;
  errors: Array<{ code: number; message: string }>;
  warnings: unknown[];
}

/**
 * Starts one sample API (2000 events for the large customer) before the file's tests, hands it to `started`,
 * resets its faults and stats before each test and stops it after the last.
 */
export function useSharedSampleApi(started: (api: SampleApi) => void): void {
  let api: SampleApi | undefined;
  before(async () => {
    api = await startSampleApi({ largeUserEvents: 2000 });
    started(api);
  });
  after(async () => {
    await api?.stop();
  });
  beforeEach(() => {
    api?.resetFaults();
    api?.resetStats();
  });
}

export async function get(server: SampleApi, pathAndQuery: string, headers: Record<string, string> = { Authorization: BASIC }): Promise<Answer> {
  const response = await fetch(server.url + pathAndQuery, { headers: { Accept: 'application/json', ...headers }, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export function eventsPath(lookup: { userId: string; targetRuleId: string }, query = ''): string {
  return `/v3/users/${lookup.userId}/trackedTargetEvents/${lookup.targetRuleId}${query}`;
}

/** An events page that must answer HTTP 200, parsed. */
export async function events(server: SampleApi, query: string, lookup: { userId: string; targetRuleId: string } = DOC): Promise<EventsBody> {
  const answer = await get(server, eventsPath(lookup, query));
  assert.equal(answer.status, 200, answer.text);
  return JSON.parse(answer.text) as EventsBody;
}

export async function generateToken(server: SampleApi, key: string, secret: string): Promise<Answer> {
  const response = await fetch(`${server.url}/v3/oauth/token/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key, secret }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The exit code, or a failure when the process is still running after `ms` (it would have a leaked handle). */
export function exitWithin(child: ChildProcess, ms: number): Promise<number | null> {
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
export function toMilli(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const milli = BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
  return negative ? -milli : milli;
}
