// The embedded sample Capillary API: a real HTTP server on 127.0.0.1 for tests, benchmarks and demos.
// Plain Node `http`, no framework. Event JSON is written as text so that Longs past 2^53 and decimals stay exact.

import * as http from 'node:http';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { buildSeed, formatApiDate, type SampleCalendarPeriod, type SampleEvent, type Seed } from './data';

export { SAMPLE_LOOKUPS, GENERATED_CUSTOMER, PROGRESS_LOOKUPS, type SampleEvent } from './data';

export interface SampleApiOptions {
  /** 0 / undefined = a free port; always binds 127.0.0.1. */
  port?: number;
  /** Initial value of faults.latencyMs. */
  latencyMs?: number;
  /** OAuth token lifetime, default 300. */
  tokenTtlSeconds?: number;
  /** Events of the generated large customer, default 50 000. */
  largeUserEvents?: number;
}

/** Knobs for tests and benchmarks. Counters ("the next N") apply to events requests only; one request uses up one. */
export interface Faults {
  /** Delay before every response, on every endpoint. */
  latencyMs: number;
  /** The next N events requests fail with failStatus and a JSON error envelope. */
  failFirst: number;
  failStatus: 500 | 502 | 503 | 429;
  /** Sent as Retry-After with failStatus 429 or 503 when set. */
  retryAfterSeconds?: number;
  /** The next N events responses: valid headers (Content-Length of the cut body), JSON cut in the middle. */
  truncateJson: number;
  /** The next N events responses: HTTP 502 with an nginx-style HTML page. */
  html502: number;
  /** The next N events responses: HTTP 401 with an XML body. */
  xml401: number;
  /** The next N events requests are never answered; the socket stays open until stop(). */
  hang: number;
  /** The next N events responses: headers and half the body, then the socket is destroyed. */
  resetMidBody: number;
  /** How `offset` is read: page index (as documented) or row offset. */
  offsetMode: 'page' | 'row';
  /** What pagination.total counts: records (as the doc examples show) or pages (as the doc text says). */
  totalMode: 'records' | 'pages';
  /** 0-based page index (offset read in page terms) answered with data: [] although total says more. */
  emptyPageAt?: number;
  /** 0-based page index answered with the data of the page before it. */
  repeatPageAt?: number;
  /** Events requests answered 302 with Location: redirectTo + the original path and query. */
  redirectTo?: string;
  /** Events requests answered HTTP 200, data: [] and errors: [{code, message}]. */
  errorCode?: number;
  /** What an expired or unknown OAuth token gets; the body code is the same number. */
  tokenExpiredStatus: 401 | 498;
  /** Addition: events requests answered HTTP 403 with code 4000 (not authorized) or HTTP 503 with code 4001. */
  accessErrorCode?: 4000 | 4001;
  /** targetGroups requests answered with this status: 403 with code 4000 (no access), else a JSON error envelope. */
  targetGroupsFailStatus?: 403 | 500 | 502 | 503 | 429;
}

export interface SampleApiStats {
  requests: number;
  eventsRequests: number;
  inFlight: number;
  maxInFlight: number;
  tokensIssued: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Epoch milliseconds when the request arrived. */
  receivedAt: number;
}

export interface SampleApi {
  url: string;
  port: number;
  setFaults(faults: Partial<Faults>): void;
  resetFaults(): void;
  stats(): SampleApiStats;
  resetStats(): void;
  readonly requests: RecordedRequest[];
  /** Empties `requests` (addition to the contract). */
  clearRequests(): void;
  /** Faults, stats and `requests` as a freshly started server has them: what a test starts from. */
  reset(): void;
  /** `enrolledOn` (`YYYY-MM-DD HH:MM:SS`): events before it earn the customer no credit in targetGroups. */
  addLookup(userId: string, targetRuleId: string, events: SampleEvent[], enrolledOn?: string): void;
  /**
   * Appends `count` new events to a lookup, as if the customer had just transacted: after its last event, in that
   * event's period, `targetValue` 999.99 each, dated now. Resolves to the events added.
   */
  addEvents(userId: string, targetRuleId: string, count?: number): SampleEvent[];
  /** The knob for demos: adds `perTick` events to the lookup every `everySeconds` until stop() or `stopAddingEvents()`. */
  startAddingEvents(options: { userId: string; targetRuleId: string; everySeconds: number; perTick?: number }): void;
  stopAddingEvents(): void;
  expireTokens(): void;
  stop(): Promise<void>;
}

export const SAMPLE_CREDENTIALS = {
  basic: { username: 'store.server', password: 'server123' },
  oauth: { clientKey: 'sample-key', clientSecret: 'sample-secret' },
} as const;

export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  310019: 'Target period not found',
  310018: 'Target rule not found',
  310011: 'Invalid userId',
  310149: 'No record found in user target for given UserId and TargetId',
  320001: 'Invalid client key and secret',
  4000: 'Not authorized',
  4001: 'Authorization status unavailable',
};

export const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 10;
const INT64_MAX = 9223372036854775807n;
const MAX_TOKEN_BODY_BYTES = 64 * 1024;

function defaultFaults(latencyMs: number): Faults {
  return {
    latencyMs,
    failFirst: 0,
    failStatus: 500,
    truncateJson: 0,
    html502: 0,
    xml401: 0,
    hang: 0,
    resetMidBody: 0,
    offsetMode: 'page',
    totalMode: 'records',
    tokenExpiredStatus: 401,
  };
}

/** A JSON number written from its exact text (Longs past 2^53, decimals such as 1.000). */
class RawNumber {
  constructor(readonly text: string) {}
}
type JsonValue = null | boolean | number | string | RawNumber | JsonValue[] | { [key: string]: JsonValue };

function toJson(value: JsonValue): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const DIGITS = /^[0-9]+$/;
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/** A positive signed 64-bit integer written as ASCII digits. */
function isLong(text: string): boolean {
  return DIGITS.test(text) && BigInt(text) > 0n && BigInt(text) <= INT64_MAX;
}

/** Refuses events whose IDs or targetValue would not be valid JSON numbers once written as raw text. */
function validateEvent(event: SampleEvent, index: number): void {
  for (const field of ['eventLogId', 'customerId', 'periodId', 'targetGroupId', 'targetRuleId'] as const) {
    if (!DIGITS.test(event[field])) throw new Error(`addLookup: events[${index}].${field} must be decimal digits, got ${JSON.stringify(event[field])}`);
  }
  if (!DECIMAL.test(event.targetValue)) {
    throw new Error(`addLookup: events[${index}].targetValue must be a decimal such as 1.000 or 2000.46, got ${JSON.stringify(event.targetValue)}`);
  }
}

// Characters that JSON.stringify would escape; other strings are quoted directly, which is much cheaper at 50 000 events.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function eventJson(event: SampleEvent): string {
  return (
    `{"eventLogId":${event.eventLogId},"eventName":${quote(event.eventName)},` +
    `"customerId":${event.customerId},"eventDisplayName":${event.eventDisplayName === null ? 'null' : quote(event.eventDisplayName)},` +
    `"uniqueId":${quote(event.uniqueId)},"eventDate":${quote(event.eventDate)},` +
    `"eventProcessedDate":${quote(event.eventProcessedDate)},"periodId":${event.periodId},` +
    `"targetGroupId":${event.targetGroupId},"targetRuleId":${event.targetRuleId},"targetValue":${event.targetValue}}`
  );
}

/** Events as one UTF-8 buffer of comma-joined JSON objects, so that any run of events is a zero-copy subarray. */
interface EventRows {
  count: number;
  buffer: Buffer;
  /** Byte offset of each event; starts[count] is buffer.length + 1 (as if a comma followed the last one). */
  starts: number[];
}

const NO_BYTES = Buffer.alloc(0);

function rowsFromJson(texts: readonly string[]): EventRows {
  const starts = new Array<number>(texts.length + 1);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    starts[i] = at;
    at += Buffer.byteLength(texts[i], 'utf8') + 1;
  }
  starts[texts.length] = at;
  return { count: texts.length, buffer: Buffer.from(texts.join(','), 'utf8'), starts };
}

/** Events [from, to) as comma-joined JSON. */
function rowsSlice(rows: EventRows, from: number, to: number): Buffer {
  const end = Math.min(to, rows.count);
  if (from >= end) return NO_BYTES;
  return rows.buffer.subarray(rows.starts[from], rows.starts[end] - 1);
}

function rowsPick(rows: EventRows, indices: readonly number[]): EventRows {
  const starts = new Array<number>(indices.length + 1);
  let at = 0;
  indices.forEach((index, i) => {
    starts[i] = at;
    at += rows.starts[index + 1] - rows.starts[index];
  });
  starts[indices.length] = at;
  const buffer = Buffer.alloc(Math.max(at - 1, 0), ',');
  indices.forEach((index, i) => rowsSlice(rows, index, index + 1).copy(buffer, starts[i]));
  return { count: indices.length, buffer, starts };
}

interface PreparedPeriod {
  periodId: string;
  targetGroupId: string;
  events: SampleEvent[];
  /** Positions of this period's events in the lookup. */
  indices: number[];
  /** Built on the first request filtered by this period. */
  rows?: EventRows;
}

/** A lookup with every event's JSON written once, so that a page is a subarray of one buffer. */
interface PreparedLookup {
  userId: string;
  targetRuleId: string;
  events: readonly SampleEvent[];
  /** `YYYY-MM-DD HH:MM:SS`; events before it earn no credit. */
  enrolledOn?: string;
  rows: EventRows;
  /** In order of first appearance. */
  periods: Map<string, PreparedPeriod>;
}

function prepareLookup(userId: string, targetRuleId: string, events: readonly SampleEvent[], enrolledOn?: string): PreparedLookup {
  const periods = new Map<string, PreparedPeriod>();
  events.forEach((event, index) => {
    let period = periods.get(event.periodId);
    if (!period) {
      period = { periodId: event.periodId, targetGroupId: event.targetGroupId, events: [], indices: [] };
      periods.set(event.periodId, period);
    }
    period.events.push(event);
    period.indices.push(index);
  });
  return { userId, targetRuleId, events, enrolledOn, rows: rowsFromJson(events.map(eventJson)), periods };
}

interface PreparedSeed {
  seed: Seed;
  lookups: PreparedLookup[];
}

// Generating and serialising 50 000 events takes a moment; servers started with the same size share the result.
const preparedSeeds = new Map<number, PreparedSeed>();

function preparedSeed(largeUserEvents: number): PreparedSeed {
  let prepared = preparedSeeds.get(largeUserEvents);
  if (!prepared) {
    const seed = buildSeed(largeUserEvents);
    prepared = { seed, lookups: seed.lookups.map((l) => prepareLookup(l.userId, l.targetRuleId, l.events, l.enrolledOn)) };
    preparedSeeds.set(largeUserEvents, prepared);
  }
  return prepared;
}

/** Exact sum of decimal texts, via BigInt at the largest scale. */
function sumDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const value of values) scale = Math.max(scale, (value.split('.')[1] ?? '').length);
  let total = 0n;
  for (const value of values) {
    const negative = value.startsWith('-');
    const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Sign of a − b for decimal texts. */
function compareDecimalTexts(a: string, b: string): number {
  const difference = sumDecimals([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);
  return difference.startsWith('-') ? -1 : /^[0.]+$/.test(difference) ? 0 : 1;
}

function dayStart(apiDate: string): string {
  return `${apiDate.slice(0, 10)} 00:00:00.0`;
}

function dayEnd(apiDate: string): string {
  return `${apiDate.slice(0, 10)} 23:59:59.0`;
}

function dayBefore(apiDate: string): string {
  const ms = Date.UTC(Number(apiDate.slice(0, 4)), Number(apiDate.slice(5, 7)) - 1, Number(apiDate.slice(8, 10)));
  return dayEnd(formatApiDate(ms - 86_400_000));
}

interface PeriodSpan {
  periodId: string;
  targetGroupId: string;
  /** The period's events (of one lookup for targetGroups; any lookup's for targetPeriods). */
  events: SampleEvent[];
  /** As targetPeriods writes them: `YYYY-MM-DD HH:MM:SS.0` when derived from events, `YYYY-MM-DD` from a calendar. */
  startDate: string;
  endDate: string;
  isCurrent: boolean;
}

/** Period bounds derived from the events: from the first event's day to the day before the next period starts. */
function periodSpans(periods: PreparedPeriod[]): PeriodSpan[] {
  const sorted = [...periods].sort((a, b) => (a.events[0].eventDate < b.events[0].eventDate ? -1 : 1));
  return sorted.map((period, index) => {
    const next = sorted[index + 1];
    const startDate = dayStart(period.events[0].eventDate);
    const lastEventDayEnd = dayEnd(period.events[period.events.length - 1].eventDate);
    // The running period lasts at least until its last event was processed, so that every event of it counts.
    const lastProcessed = period.events.reduce((latest, e) => (e.eventProcessedDate > latest ? e.eventProcessedDate : latest), '');
    const beforeNext = next ? dayBefore(next.events[0].eventDate) : dayEnd(lastProcessed > lastEventDayEnd ? lastProcessed : lastEventDayEnd);
    // Periods that start on the same day (possible with addLookup data) would otherwise end before they start.
    return {
      periodId: period.periodId,
      targetGroupId: period.targetGroupId,
      events: period.events,
      startDate,
      endDate: beforeNext < startDate ? lastEventDayEnd : beforeNext,
      isCurrent: index === sorted.length - 1,
    };
  });
}

/** A group's calendar as spans, with the events of `periods` placed in them; the last period is the running one. */
function calendarSpans(calendar: readonly SampleCalendarPeriod[], targetGroupId: string, periods: readonly PreparedPeriod[]): PeriodSpan[] {
  const byId = new Map(periods.map((period) => [period.periodId, period]));
  return calendar.map((entry, index) => ({
    periodId: entry.periodId,
    targetGroupId,
    events: byId.get(entry.periodId)?.events ?? [],
    startDate: entry.startDate,
    endDate: entry.endDate,
    isCurrent: index === calendar.length - 1,
  }));
}

/** The end of a span as a server date-time, comparable as text with event dates. */
function spanEndTime(span: PeriodSpan): string {
  return span.endDate.length === 10 ? `${span.endDate} 23:59:59.9` : span.endDate;
}

function spanStartTime(span: PeriodSpan): string {
  return span.startDate.length === 10 ? `${span.startDate} 00:00:00.0` : span.startDate;
}

const PAGE_SUFFIX = Buffer.from('],"errors":[],"warnings":[]}');

interface Reply {
  status: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

function envelopeError(status: number, code: number, message: string): Reply {
  return { status, body: JSON.stringify({ data: null, errors: [{ code, message }], warnings: [] }) };
}

type CounterFault = 'hang' | 'failFirst' | 'html502' | 'xml401' | 'truncateJson' | 'resetMidBody';
// When several counters are set, one request consumes one of them, in this order.
const COUNTER_FAULTS: readonly CounterFault[] = ['hang', 'failFirst', 'html502', 'xml401', 'truncateJson', 'resetMidBody'];

const FAIL_MESSAGES: Record<Faults['failStatus'], string> = {
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  429: 'Too many requests',
};

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const XML_401 =
  '<?xml version="1.0" encoding="UTF-8"?>\n<response><status><success>false</success><code>401</code>' +
  '<message>Unauthorized</message></status></response>\n';

const EVENTS_PATH = /^\/v3\/users\/([^/]+)\/trackedTargetEvents\/([^/]+)$/;
const TARGET_GROUPS_PATH = /^\/v3\/users\/([^/]+)\/targetGroups$/;
const TARGET_PERIODS_PATH = /^\/v3\/targetGroups\/([^/]+)\/targetPeriods$/;
const TOKEN_PATH = '/v3/oauth/token/generate';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

export function startSampleApi(options: SampleApiOptions = {}): Promise<SampleApi> {
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 300;
  const initialLatency = options.latencyMs ?? 0;
  const prepared = preparedSeed(options.largeUserEvents ?? 50_000);
  const { customers, targetGroups } = prepared.seed;

  // userId -> targetRuleId -> lookup
  const lookups = new Map<string, Map<string, PreparedLookup>>();
  const putLookup = (lookup: PreparedLookup): void => {
    let rules = lookups.get(lookup.userId);
    if (!rules) {
      rules = new Map();
      lookups.set(lookup.userId, rules);
    }
    rules.set(lookup.targetRuleId, lookup);
  };
  prepared.lookups.forEach(putLookup);

  let faults = defaultFaults(initialLatency);
  const counters = { requests: 0, eventsRequests: 0, inFlight: 0, maxInFlight: 0, tokensIssued: 0 };
  const requests: RecordedRequest[] = [];
  const tokenSecret = randomBytes(32);
  /** token -> expiry in epoch ms */
  const tokens = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  /** Responses not yet finished or closed: exactly the requests in flight. */
  const openResponses = new Set<http.ServerResponse>();
  const requestIdPrefix = randomBytes(4).toString('hex');
  let requestSeq = 0;
  const basicDigest = createHash('md5').update(SAMPLE_CREDENTIALS.basic.password).digest('hex');
  const expectedBasic = `${SAMPLE_CREDENTIALS.basic.username}:${basicDigest}`;

  function issueToken(clientKey: string): string {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({ iss: 'sample-capillary-api', sub: clientKey, iat: nowSeconds, exp: nowSeconds + tokenTtlSeconds, jti: randomBytes(8).toString('hex') }),
    );
    const signature = base64url(createHmac('sha256', tokenSecret).update(`${header}.${payload}`).digest());
    const token = `${header}.${payload}.${signature}`;
    // Kept to the millisecond, so the server never expires a token before the second its `exp` claim names.
    tokens.set(token, Date.now() + tokenTtlSeconds * 1000);
    counters.tokensIssued++;
    return token;
  }

  /** null when the request may proceed, else the refusal. */
  function checkAuth(req: http.IncomingMessage): Reply | null {
    const token = req.headers['x-cap-api-oauth-token'];
    if (typeof token === 'string' && token !== '') {
      const expiresAt = tokens.get(token);
      if (expiresAt !== undefined && expiresAt > Date.now()) return null;
      const status = faults.tokenExpiredStatus;
      const message = expiresAt === undefined ? 'Invalid OAuth token: generate a new one' : 'OAuth token expired: generate a new one';
      return envelopeError(status, status, message);
    }
    const authorization = req.headers.authorization;
    if (!authorization) {
      return envelopeError(401, 401, 'Missing credentials: send Authorization: Basic or X-CAP-API-OAUTH-TOKEN');
    }
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization);
    if (match && Buffer.from(match[1], 'base64').toString('utf8') === expectedBasic) return null;
    return envelopeError(401, 401, 'Invalid credentials: Basic must be base64(username:md5hex(password))');
  }

  function takeCounterFault(): CounterFault | undefined {
    for (const fault of COUNTER_FAULTS) {
      if (faults[fault] > 0) {
        faults[fault]--;
        return fault;
      }
    }
    return undefined;
  }

  function parseLongParam(name: string, value: string | null, required: boolean): { value?: string; error?: Reply } {
    if (value === null || (value === '' && !required)) {
      return required ? { error: envelopeError(400, 400, `${name} is required`) } : {};
    }
    if (!isLong(value)) {
      return { error: envelopeError(400, 400, `${name} must be a positive integer of at most 19 digits, got ${JSON.stringify(value)}`) };
    }
    return { value };
  }

  function parseIntParam(name: string, value: string | null, fallback: number, min: number, max: number): { value: number; error?: Reply } {
    if (value === null) return { value: fallback };
    const number = DIGITS.test(value) && value.length <= 10 ? Number(value) : NaN;
    if (!(number >= min && number <= max)) {
      return { value: fallback, error: envelopeError(400, 400, `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`) };
    }
    return { value: number };
  }

  function eventsReply(userIdText: string, ruleIdText: string, query: URLSearchParams): Reply {
    const userId = parseLongParam('userId', userIdText, true);
    if (userId.error) return userId.error;
    const ruleId = parseLongParam('targetRuleId', ruleIdText, true);
    if (ruleId.error) return ruleId.error;
    const periodId = parseLongParam('periodId', query.get('periodId'), false);
    if (periodId.error) return periodId.error;
    const limitParam = parseIntParam('limit', query.get('limit'), DEFAULT_LIMIT, 1, MAX_LIMIT);
    if (limitParam.error) return limitParam.error;
    const offsetParam = parseIntParam('offset', query.get('offset'), 0, 0, 2_000_000_000);
    if (offsetParam.error) return offsetParam.error;
    const limit = limitParam.value;
    const offset = offsetParam.value;

    const logicalError = (code: number): Reply => ({
      status: 200,
      body: `{"pagination":{"limit":${limit},"offset":${offset},"total":0},"data":[],"errors":${JSON.stringify([
        { code, message: ERROR_MESSAGES[code] ?? `Error ${code}` },
      ])},"warnings":[]}`,
    });
    if (faults.errorCode !== undefined) return logicalError(faults.errorCode);
    const rules = lookups.get(userId.value as string);
    if (!rules) return logicalError(310011);
    const lookup = rules.get(ruleId.value as string);
    if (!lookup) return logicalError(310018);
    if (lookup.rows.count === 0) return logicalError(310149);
    let rows = lookup.rows;
    if (periodId.value !== undefined) {
      const period = lookup.periods.get(periodId.value);
      if (!period) return logicalError(310019);
      period.rows ??= rowsPick(lookup.rows, period.indices);
      rows = period.rows;
    }

    const start = faults.offsetMode === 'page' ? offset * limit : offset;
    const pageIndex = Math.floor(start / limit);
    let pageStart = start;
    if (faults.repeatPageAt !== undefined && pageIndex === faults.repeatPageAt && pageIndex > 0) pageStart = start - limit;
    const data = faults.emptyPageAt !== undefined && pageIndex === faults.emptyPageAt ? NO_BYTES : rowsSlice(rows, pageStart, pageStart + limit);
    const total = faults.totalMode === 'records' ? rows.count : Math.ceil(rows.count / limit);
    return {
      status: 200,
      body: Buffer.concat([
        Buffer.from(`{"pagination":{"limit":${limit},"offset":${offset},"total":${total}},"data":[`),
        data,
        PAGE_SUFFIX,
      ]),
    };
  }

  /** A group's periods: its calendar when it has one, else spans derived from the events. */
  function groupSpans(groupId: string, periods: PreparedPeriod[]): PeriodSpan[] {
    const calendar = targetGroups.get(groupId)?.calendar;
    return calendar ? calendarSpans(calendar, groupId, periods) : periodSpans(periods);
  }

  /**
   * One target entry per period, as Capillary computes it: an event earns credit when it happened after enrolment
   * and was processed before its period ended.
   */
  function targetEntry(
    lookup: PreparedLookup,
    span: PeriodSpan,
    index: number,
    details: { eventName: string; enrolledOn: string; withInactiveTargets: boolean },
  ): JsonValue {
    const { eventName, enrolledOn, withInactiveTargets } = details;
    const group = targetGroups.get(span.targetGroupId);
    const goal = group?.targetGoal ?? '1000.000';
    const credited = span.events.filter((e) => e.eventDate.slice(0, 19) >= enrolledOn && e.eventProcessedDate <= spanEndTime(span));
    const achieved = sumDecimals(credited.map((e) => e.targetValue));
    let running = '0';
    const crossing = credited.find((e) => {
      running = sumDecimals([running, e.targetValue]);
      return compareDecimalTexts(running, goal) >= 0;
    });
    const reached = compareDecimalTexts(achieved, goal) >= 0;
    const candidateId = BigInt(lookup.targetRuleId) * 1000n + BigInt(index + 1);
    const startTime = spanStartTime(span).slice(0, 19);
    const endTime = spanEndTime(span).slice(0, 19);
    const milestones: JsonValue[] = [{ triggerName: 'Goal reached', triggerValue: new RawNumber(goal), isAchieved: reached, active: true }];
    if (withInactiveTargets) milestones.push({ triggerName: 'Launch bonus (retired)', triggerValue: new RawNumber(goal), isAchieved: false, active: false });
    const entry: { [key: string]: JsonValue } = {
      targetId: new RawNumber(String(candidateId <= INT64_MAX ? candidateId : BigInt(span.periodId))),
      targetRuleId: new RawNumber(lookup.targetRuleId),
      periodId: new RawNumber(span.periodId),
      periodRefCode: `P${index + 1}`,
      periodStartDate: span.startDate,
      periodEndDate: span.endDate,
      periodStartDateWithTimeStamp: startTime,
      periodEndDateWithTimeStamp: endTime,
      targetValue: new RawNumber(goal),
      targetAchievedValue: new RawNumber(achieved),
      targetName: `${group?.name ?? `Target group ${span.targetGroupId}`}: period ${index + 1}`,
      targetType: 'SALES',
      targetEntity: 'TRANSACTION',
      eventName,
      enrolledOn,
      currentPeriod: span.isCurrent,
      unEnrolled: false,
      milestones,
    };
    if (crossing) {
      entry.targetAchievedEventLogId = new RawNumber(crossing.eventLogId);
      entry.targetAchievedDateTime = crossing.eventProcessedDate.slice(0, 19);
    }
    if (group?.trackingType === 'STREAKS') {
      const count = String(credited.length);
      const sequence = goal.replace(/\.0*$/, '');
      entry.streaks = [
        { status: compareDecimalTexts(count, sequence) >= 0 ? 'COMPLETED' : 'IN_PROGRESS', currentCount: new RawNumber(count), totalTargetCountOfSequence: new RawNumber(sequence) },
      ];
    }
    return entry;
  }

  function targetGroupsReply(userIdText: string, query: URLSearchParams): Reply {
    const userId = parseLongParam('userId', userIdText, true);
    if (userId.error) return userId.error;
    const ruleFilter = parseLongParam('targetRuleId', query.get('targetRuleId'), false);
    if (ruleFilter.error) return ruleFilter.error;
    if (faults.targetGroupsFailStatus !== undefined) {
      const status = faults.targetGroupsFailStatus;
      return status === 403 ? envelopeError(403, 4000, ERROR_MESSAGES[4000]) : envelopeError(status, status, FAIL_MESSAGES[status]);
    }
    const withInactivePeriods = query.get('includeInactive') === 'true';
    const withInactiveTargets = query.get('includeInactiveTargets') === 'true';
    const rules = lookups.get(userId.value as string);
    if (!rules) return { status: 200, body: JSON.stringify({ data: null, errors: [{ code: 310011, message: ERROR_MESSAGES[310011] }], warnings: [] }) };

    // targetGroupId -> targets, in order of first appearance
    const groups = new Map<string, JsonValue[]>();
    for (const lookup of rules.values()) {
      if (ruleFilter.value !== undefined && lookup.targetRuleId !== ruleFilter.value) continue;
      const byGroup = new Map<string, PreparedPeriod[]>();
      for (const period of lookup.periods.values()) {
        const list = byGroup.get(period.targetGroupId) ?? [];
        list.push(period);
        byGroup.set(period.targetGroupId, list);
      }
      for (const [groupId, periods] of byGroup) {
        const targets = groups.get(groupId) ?? [];
        const allEvents = periods.flatMap((period) => period.events);
        const eventName = allEvents.find((e) => e.eventName !== 'ENROL' && e.eventName !== 'UNENROL')?.eventName ?? allEvents[0].eventName;
        const spans = groupSpans(groupId, periods);
        const enrolledOn = lookup.enrolledOn ?? spanStartTime(spans[0]).slice(0, 19);
        spans.forEach((span, index) => {
          // Without includeInactive, Capillary answers with the current cycle only.
          if (withInactivePeriods || span.isCurrent) targets.push(targetEntry(lookup, span, index, { eventName, enrolledOn, withInactiveTargets }));
        });
        groups.set(groupId, targets);
      }
    }
    const customer = customers.get(userId.value as string);
    const data: JsonValue = {
      userId: new RawNumber(userId.value as string),
      customer: {
        id: new RawNumber(userId.value as string),
        firstName: customer?.firstName ?? 'Sample',
        lastName: customer?.lastName ?? 'Customer',
        mobile: customer?.mobile ?? '',
        email: customer?.email ?? '',
        externalId: customer?.externalId ?? '',
      },
      targetGroups: [...groups].map(([groupId, targets]) => ({
        id: new RawNumber(groupId),
        name: targetGroups.get(groupId)?.name ?? `Target group ${groupId}`,
        trackingType: targetGroups.get(groupId)?.trackingType ?? 'DEFAULT',
        targetEvaluationType: 'FIXED_CALENDAR_WINDOW',
        timeZoneName: 'UTC',
        targets,
      })),
    };
    return { status: 200, body: `{"data":${toJson(data)},"errors":[],"warnings":[]}` };
  }

  function targetPeriodsReply(groupIdText: string): Reply {
    const groupId = parseLongParam('targetGroupId', groupIdText, true);
    if (groupId.error) return groupId.error;
    const periods = new Map<string, PreparedPeriod>();
    for (const rules of lookups.values()) {
      for (const lookup of rules.values()) {
        for (const period of lookup.periods.values()) {
          if (period.targetGroupId === groupId.value && !periods.has(period.periodId)) periods.set(period.periodId, period);
        }
      }
    }
    if (periods.size === 0) return envelopeError(404, 404, `Target group ${groupId.value} not found`);
    const data: JsonValue[] = groupSpans(groupId.value as string, [...periods.values()]).map((span, index) => ({
      id: new RawNumber(span.periodId),
      startDate: span.startDate,
      endDate: span.endDate,
      refCode: `P${index + 1}`,
      periodStatus: span.isCurrent ? 'RUNNING' : 'ENDED',
      targetGroupId: new RawNumber(span.targetGroupId),
      description: `Period ${index + 1} of target group ${span.targetGroupId}`,
      active: true,
    }));
    return { status: 200, body: `{"data":${toJson(data)},"errors":[],"warnings":[]}` };
  }

  function tokenReply(body: string): Reply {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return envelopeError(400, 400, 'Body must be JSON: {"key": "...", "secret": "..."}');
    }
    const { key, secret } = (parsed ?? {}) as { key?: unknown; secret?: unknown };
    if (key !== SAMPLE_CREDENTIALS.oauth.clientKey || secret !== SAMPLE_CREDENTIALS.oauth.clientSecret) {
      return { status: 401, body: JSON.stringify({ data: null, errors: [{ code: 320001, message: ERROR_MESSAGES[320001] }] }) };
    }
    return { status: 200, body: JSON.stringify({ data: { accessToken: issueToken(key), ttlSeconds: tokenTtlSeconds }, errors: null }) };
  }

  function send(res: http.ServerResponse, reply: Reply): void {
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    res.writeHead(reply.status, {
      'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
      'Content-Length': body.length,
      'X-Cap-Requestid': nextRequestId(),
      ...reply.headers,
    });
    res.end(body);
  }

  function nextRequestId(): string {
    return `sample-${requestIdPrefix}-${++requestSeq}`;
  }

  function sendFaulted(res: http.ServerResponse, reply: Reply, fault: 'truncateJson' | 'resetMidBody'): void {
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    const cut = body.subarray(0, Math.floor(body.length / 2));
    const headers = {
      'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
      'X-Cap-Requestid': nextRequestId(),
    };
    if (fault === 'truncateJson') {
      // Headers agree with the short body, so the transfer itself succeeds and only the JSON is broken.
      res.writeHead(reply.status, { ...headers, 'Content-Length': cut.length });
      res.end(cut);
      return;
    }
    res.writeHead(reply.status, { ...headers, 'Content-Length': body.length });
    res.write(cut, () => res.socket?.destroy());
  }

  /** Runs `respond` after the configured latency; the wait is cancelled if the client goes away. */
  function afterLatency(res: http.ServerResponse, respond: () => void): void {
    const latency = faults.latencyMs;
    if (latency <= 0) {
      respond();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, latency);
    timers.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    counters.requests++;
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    openResponses.add(res);
    const onEnd = (): void => {
      if (openResponses.delete(res)) counters.inFlight--;
    };
    res.once('finish', onEnd);
    res.once('close', onEnd);
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, receivedAt: Date.now() });

    const method = req.method ?? 'GET';
    let url: URL;
    try {
      // Prefixing (rather than resolving against a base) keeps a path such as //host/x a path.
      url = new URL(`http://127.0.0.1${req.url ?? '/'}`);
    } catch {
      req.resume();
      send(res, envelopeError(400, 400, `Malformed request target: ${req.url ?? ''}`));
      return;
    }
    const path = url.pathname;

    if (path === TOKEN_PATH) {
      if (method !== 'POST') {
        req.resume();
        afterLatency(res, () => send(res, { ...envelopeError(405, 405, `Use POST for ${TOKEN_PATH}`), headers: { Allow: 'POST' } }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_TOKEN_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () => {
        const reply = size > MAX_TOKEN_BODY_BYTES ? envelopeError(413, 413, 'Body too large') : tokenReply(Buffer.concat(chunks).toString('utf8'));
        afterLatency(res, () => send(res, reply));
      });
      return;
    }
    req.resume();

    const eventsMatch = EVENTS_PATH.exec(path);
    if (eventsMatch) {
      counters.eventsRequests++;
      if (faults.redirectTo !== undefined) {
        const location = faults.redirectTo + (req.url ?? '');
        afterLatency(res, () => send(res, { status: 302, body: '', contentType: 'text/plain', headers: { Location: location } }));
        return;
      }
      const fault = takeCounterFault();
      if (fault === 'hang') return;
      afterLatency(res, () => {
        if (fault === 'failFirst') {
          const status = faults.failStatus;
          const headers: Record<string, string> = {};
          if ((status === 429 || status === 503) && faults.retryAfterSeconds !== undefined) headers['Retry-After'] = String(faults.retryAfterSeconds);
          send(res, { ...envelopeError(status, status, FAIL_MESSAGES[status]), headers });
          return;
        }
        if (fault === 'html502') {
          send(res, { status: 502, body: HTML_502, contentType: 'text/html' });
          return;
        }
        if (fault === 'xml401') {
          send(res, { status: 401, body: XML_401, contentType: 'application/xml' });
          return;
        }
        if (faults.accessErrorCode !== undefined) {
          const code = faults.accessErrorCode;
          send(res, envelopeError(code === 4000 ? 403 : 503, code, ERROR_MESSAGES[code]));
          return;
        }
        const reply = checkAuth(req) ?? eventsReply(decodeSegment(eventsMatch[1]), decodeSegment(eventsMatch[2]), url.searchParams);
        if (fault === 'truncateJson' || fault === 'resetMidBody') sendFaulted(res, reply, fault);
        else send(res, reply);
      });
      return;
    }

    afterLatency(res, () => {
      const groupsMatch = TARGET_GROUPS_PATH.exec(path);
      const periodsMatch = TARGET_PERIODS_PATH.exec(path);
      if (!groupsMatch && !periodsMatch) {
        send(res, envelopeError(404, 404, `No such endpoint: ${method} ${path}`));
        return;
      }
      if (method !== 'GET') {
        send(res, { ...envelopeError(405, 405, `Use GET for ${path}`), headers: { Allow: 'GET' } });
        return;
      }
      const refusal = checkAuth(req);
      if (refusal) send(res, refusal);
      else if (groupsMatch) send(res, targetGroupsReply(decodeSegment(groupsMatch[1]), url.searchParams));
      else if (periodsMatch) send(res, targetPeriodsReply(decodeSegment(periodsMatch[1])));
    });
  }

  const server = http.createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  let adding: NodeJS.Timeout | undefined;
  function addEvents(userId: string, targetRuleId: string, count = 1): SampleEvent[] {
    const lookup = lookups.get(userId)?.get(targetRuleId);
    if (!lookup || lookup.events.length === 0) throw new Error(`addEvents: no lookup with events for user ${userId} and rule ${targetRuleId}`);
    const last = lookup.events[lookup.events.length - 1];
    let nextId = lookup.events.reduce((max, event) => (BigInt(event.eventLogId) > max ? BigInt(event.eventLogId) : max), 0n) + 1n;
    const now = Date.now();
    const added = Array.from({ length: count }, (_, index): SampleEvent => {
      const eventLogId = String(nextId++);
      return {
        ...last,
        eventLogId,
        eventName: 'ADD_TRANSACTION',
        eventDisplayName: null,
        uniqueId: `sample-${eventLogId}`,
        eventDate: formatApiDate(now + index * 1000),
        eventProcessedDate: formatApiDate(now + index * 1000 + 2000),
        targetValue: '999.99',
      };
    });
    if (added.length > 0) putLookup(prepareLookup(userId, targetRuleId, [...lookup.events, ...added]));
    return added;
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Resolve only once every open response has closed too, so that stats().inFlight reads 0 afterwards.
      const responsesClosed = [...openResponses].map((res) => new Promise<void>((done) => res.once('close', () => done())));
      const serverClosed = new Promise<void>((done) => server.close(() => done()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      void Promise.all([serverClosed, ...responsesClosed]).then(() => resolve());
    });
    return stopping;
  };

  return new Promise<SampleApi>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        setFaults(changes) {
          faults = { ...faults, ...changes };
        },
        resetFaults() {
          faults = defaultFaults(initialLatency);
        },
        stats: () => ({ ...counters }),
        resetStats() {
          counters.requests = 0;
          counters.eventsRequests = 0;
          counters.maxInFlight = counters.inFlight;
          counters.tokensIssued = 0;
        },
        requests,
        clearRequests() {
          requests.length = 0;
        },
        reset(this: SampleApi) {
          this.resetFaults();
          this.resetStats();
          this.clearRequests();
        },
        addLookup(userId, targetRuleId, events, enrolledOn) {
          if (!isLong(userId) || !isLong(targetRuleId)) throw new Error('addLookup: userId and targetRuleId must be positive integers as digits');
          events.forEach(validateEvent);
          putLookup(prepareLookup(userId, targetRuleId, events, enrolledOn));
        },
        addEvents,
        startAddingEvents({ userId, targetRuleId, everySeconds, perTick = 1 }) {
          addEvents(userId, targetRuleId, 0);
          clearInterval(adding);
          adding = setInterval(() => addEvents(userId, targetRuleId, perTick), everySeconds * 1000);
          timers.add(adding);
        },
        stopAddingEvents() {
          clearInterval(adding);
          if (adding) timers.delete(adding);
          adding = undefined;
        },
        expireTokens() {
          for (const token of tokens.keys()) tokens.set(token, 0);
        },
        stop,
      });
    });
  });
}
