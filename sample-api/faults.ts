// The fault and latency knobs of tests and benchmarks: what each knob makes the server answer instead, and the
// latency wait before every response.

import type * as http from 'node:http';
import { ERROR_MESSAGES, JSON_CONTENT_TYPE, envelopeError, replyBytes, type Reply } from './reply';

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
  /** Requests of these "why it did not count" endpoints answered with the status: 403 (not authorized), 404 (no such endpoint) or 500. */
  explainFailStatus?: Partial<Record<ExplainEndpoint, 403 | 404 | 500>>;
  /**
   * A gateway's rate limit: at most this many requests (token generation aside) are answered in any second; the
   * others get HTTP 429, with a Retry-After (seconds until a request would be answered) only with rateLimitRetryAfter.
   */
  rateLimitPerSecond?: number;
  rateLimitRetryAfter?: boolean;
  /** Events pages hold at most this many events whatever `limit` asks, while the pagination echoes the `limit` asked. */
  silentPageCap?: number;
}

/** The endpoints behind "why it did not count", each of which can be made to fail alone. */
export type ExplainEndpoint = 'targets' | 'transactions' | 'evaluationLog' | 'eventsSearch' | 'orgEntities';

export function defaultFaults(latencyMs: number): Faults {
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

export type CounterFault = 'hang' | 'failFirst' | 'html502' | 'xml401' | 'truncateJson' | 'resetMidBody';
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

/** Uses up one of the "next N" counters, in the order of COUNTER_FAULTS; undefined when none is set. */
export function takeCounterFault(faults: Faults): CounterFault | undefined {
  for (const fault of COUNTER_FAULTS) {
    if (faults[fault] > 0) {
      faults[fault]--;
      return fault;
    }
  }
  return undefined;
}

/**
 * The rate limit of the sample gateway: a sliding window of the last second's answered requests. Refused requests
 * do not count against the limit.
 */
export class RateLimitWindow {
  private readonly answeredAt: number[] = [];

  /** The 429 a request gets now, or undefined when it may be answered (and then counts). */
  refusal(faults: Faults, now: number): Reply | undefined {
    const limit = faults.rateLimitPerSecond;
    if (limit === undefined) return undefined;
    while (this.answeredAt.length > 0 && this.answeredAt[0] <= now - 1000) this.answeredAt.shift();
    if (this.answeredAt.length < limit) {
      this.answeredAt.push(now);
      return undefined;
    }
    const headers: Record<string, string> = {};
    if (faults.rateLimitRetryAfter) headers['Retry-After'] = String(Math.max(1, Math.ceil((this.answeredAt[0] + 1000 - now) / 1000)));
    return { ...envelopeError(429, 429, FAIL_MESSAGES[429]), headers };
  }
}

/** The 302 every events request gets while redirectTo is set. */
export function redirectReply(faults: Faults, pathAndQuery: string): Reply | undefined {
  if (faults.redirectTo === undefined) return undefined;
  return { status: 302, body: '', contentType: 'text/plain', headers: { Location: faults.redirectTo + pathAndQuery } };
}

/**
 * What an events request gets instead of its answer, from the counter fault it used up or from accessErrorCode;
 * undefined when it is answered (truncateJson and resetMidBody cut the answer itself).
 */
export function eventsFaultReply(fault: CounterFault | undefined, faults: Faults): Reply | undefined {
  if (fault === 'failFirst') {
    const status = faults.failStatus;
    const headers: Record<string, string> = {};
    if ((status === 429 || status === 503) && faults.retryAfterSeconds !== undefined) headers['Retry-After'] = String(faults.retryAfterSeconds);
    return { ...envelopeError(status, status, FAIL_MESSAGES[status]), headers };
  }
  if (fault === 'html502') return { status: 502, body: HTML_502, contentType: 'text/html' };
  if (fault === 'xml401') return { status: 401, body: XML_401, contentType: 'application/xml' };
  if (faults.accessErrorCode !== undefined) {
    const code = faults.accessErrorCode;
    return envelopeError(code === 4000 ? 403 : 503, code, ERROR_MESSAGES[code]);
  }
  return undefined;
}

/** What every targetGroups request gets while targetGroupsFailStatus is set. */
export function targetGroupsFaultReply(faults: Faults): Reply | undefined {
  const status = faults.targetGroupsFailStatus;
  if (status === undefined) return undefined;
  return status === 403 ? envelopeError(403, 4000, ERROR_MESSAGES[4000]) : envelopeError(status, status, FAIL_MESSAGES[status]);
}

/** What a request of a "why it did not count" endpoint gets while explainFailStatus names it. */
export function explainFaultReply(faults: Faults, endpoint: ExplainEndpoint, path: string): Reply | undefined {
  const status = faults.explainFailStatus?.[endpoint];
  if (status === undefined) return undefined;
  if (status === 403) return envelopeError(403, 4000, ERROR_MESSAGES[4000]);
  if (status === 404) return envelopeError(404, 404, `No such endpoint: ${path}`);
  return envelopeError(500, 500, FAIL_MESSAGES[500]);
}

/** Writes half of `reply`: with headers that agree (truncateJson) or that promise the whole body (resetMidBody). */
export function writeCutReply(res: http.ServerResponse, reply: Reply, fault: 'truncateJson' | 'resetMidBody', requestId: string): void {
  const body = replyBytes(reply);
  const cut = body.subarray(0, Math.floor(body.length / 2));
  const headers = {
    'Content-Type': reply.contentType ?? JSON_CONTENT_TYPE,
    'X-Cap-Requestid': requestId,
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

/**
 * Runs `respond` after `latencyMs`; the wait is cancelled if the client goes away. The timer stays in `timers`
 * while it runs, so that stopping the server clears it.
 */
export function afterLatency(res: http.ServerResponse, latencyMs: number, timers: Set<NodeJS.Timeout>, respond: () => void): void {
  if (latencyMs <= 0) {
    respond();
    return;
  }
  const timer = setTimeout(() => {
    timers.delete(timer);
    respond();
  }, latencyMs);
  timers.add(timer);
  res.once('close', () => {
    clearTimeout(timer);
    timers.delete(timer);
  });
}
