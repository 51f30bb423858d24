// One HTTP exchange with Capillary, with everything around it: credentials, a per-attempt timeout, a slot from
// the API key's request scheduler (shared concurrency, pace and rate-limit pauses), retries with backoff for
// transient failures, one new OAuth token on 401/498, and turning every failure into a CapillaryApiError that says
// what to fix. A refusal for the rate limit (429) is no failure of the request: it waits out the scheduler's pause
// and goes again, for as long as `rateLimitPatienceMs`.
import * as http from 'node:http';
import * as https from 'node:https';
import fetch, { type RequestInit } from 'node-fetch';
import { isCredentialRefusalStatus } from '../../shared/rules';
import { sleep, throwIfCancelled } from './abort';
import { OAuthTokenCache, basicAuthHeader } from './auth';
import {
  CapillaryApiError,
  cancelledError,
  describeApiCode,
  describeHttpStatus,
  knownCodeText,
  safeExcerpt,
  type CapillaryErrorKind,
} from './errors';
import { errorCode, watchCutBodies } from './agents';
import { JsonNumber, JsonSyntaxError, isJsonObject, parseJson, type JsonObject, type JsonValue } from './json';
import type { RequestScheduler, SlotOutcome } from './scheduler';
import type { ApiMessage, Auth, OAuthToken, RequestRecord, RetryInfo } from '../types';

export interface TransportSettings {
  baseUrl: URL;
  auth: Auth;
  timeoutMs: number;
  retries: number;
  concurrency: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  /** The scheduler of the API key: shared by every transport of the same profile. */
  scheduler: RequestScheduler;
  /** How long one request keeps trying while the rate limit refuses it. */
  rateLimitPatienceMs: number;
  onRequest?: (record: RequestRecord) => void;
  onToken?: (token: OAuthToken) => void;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, e.g. /v3/users/1/trackedTargetEvents/2. */
  path: string;
  query?: Record<string, string | number | undefined>;
  jsonBody?: string;
  /** False only for token generation, which carries the key and secret in its body. */
  authenticated: boolean;
}

export interface ApiResponse {
  status: number;
  body: JsonObject;
  /** The body as received. */
  text: string;
  requestId?: string;
  warnings: ApiMessage[];
}

/** Generates an OAuth token with an unauthenticated request sent through `transport`. */
export type TokenGenerator = (transport: Transport, clientKey: string, clientSecret: string, signal: AbortSignal) => Promise<OAuthToken>;

type AttemptResult =
  | { ok: true; response: ApiResponse }
  | { ok: false; error: CapillaryApiError; retryable: boolean; tokenRejected: boolean; retryAfterMs?: number; rateLimited?: true };

const resetCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

export class Transport {
  private readonly tokens?: OAuthTokenCache;
  private readonly basicHeader?: string;
  private readonly httpAgent = watchCutBodies(new http.Agent({ keepAlive: true }));
  private readonly httpsAgent = watchCutBodies(new https.Agent({ keepAlive: true }));

  /** `generateToken` asks for an OAuth token through this transport (endpoints/oauth.ts); unused with Basic auth. */
  constructor(
    private readonly settings: TransportSettings,
    generateToken: TokenGenerator,
  ) {
    const auth = settings.auth;
    if (auth.kind === 'basic') {
      this.basicHeader = basicAuthHeader(auth.username, auth.passwordMd5);
    } else {
      this.tokens = new OAuthTokenCache(
        (signal) => generateToken(this, auth.clientKey, auth.clientSecret, signal),
        settings.onToken,
        auth.cachedToken,
      );
    }
  }

  /** The scheduler every request of this transport goes through (shared with the profile's other transports). */
  get scheduler(): RequestScheduler {
    return this.settings.scheduler;
  }

  /** Closes idle keep-alive sockets. */
  dispose(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** `onRetry` hears of each retry after a transient failure, before its wait, so that a caller can say so. */
  async send(request: ApiRequest, signal?: AbortSignal, onRetry?: (retry: RetryInfo) => void): Promise<ApiResponse> {
    let retriesUsed = 0;
    let tokenRenewed = false;
    let refusedSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      throwIfCancelled(signal);
      const headers: Record<string, string> = { Accept: 'application/json' };
      let token: string | undefined;
      if (request.authenticated) {
        if (this.tokens) {
          token = await this.tokens.get(signal);
          headers['X-CAP-API-OAUTH-TOKEN'] = token;
        } else if (this.basicHeader) {
          headers.Authorization = this.basicHeader;
        }
      }
      if (request.jsonBody !== undefined) headers['Content-Type'] = 'application/json';

      const slot = await this.settings.scheduler.acquire(signal, cancelledError);
      let outcome: SlotOutcome = { kind: 'failed' };
      let result: AttemptResult;
      try {
        result = await this.attempt(request, headers, attempt, signal);
        outcome = result.ok || !result.retryable ? { kind: 'answered' } : result.rateLimited ? { kind: 'rate-limited', retryAfterMs: result.retryAfterMs } : outcome;
      } finally {
        slot.release(outcome);
      }
      if (result.ok) return result.response;
      if (result.rateLimited) {
        // The scheduler pauses every request of the key; this one queues again behind the pause.
        refusedSince ??= Date.now();
        if (Date.now() - refusedSince < this.settings.rateLimitPatienceMs) continue;
        throw result.error;
      }
      if (result.tokenRejected && token !== undefined && this.tokens && !tokenRenewed) {
        // The token expired or was revoked: generate a new one once and repeat the request.
        tokenRenewed = true;
        this.tokens.invalidate(token);
        continue;
      }
      if (!result.retryable || retriesUsed >= this.settings.retries) throw result.error;
      onRetry?.({ attempt: retriesUsed + 1, of: this.settings.retries });
      await sleep(this.retryDelay(retriesUsed, result.retryAfterMs), signal);
      retriesUsed++;
    }
  }

  private retryDelay(retriesUsed: number, retryAfterMs: number | undefined): number {
    const cap = this.settings.maxRetryDelayMs;
    if (retryAfterMs !== undefined) return Math.min(cap, retryAfterMs);
    const exponential = Math.min(cap, this.settings.retryBaseDelayMs * 2 ** retriesUsed);
    // "Equal jitter": half fixed, half random, so that parallel retries spread out.
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  private async attempt(
    request: ApiRequest,
    headers: Record<string, string>,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    const url = requestUrl(this.settings.baseUrl, request);
    const loggedPath = url.pathname + url.search;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.settings.timeoutMs);
    const started = Date.now();
    let status: number | 'error' = 'error';
    let requestId: string | undefined;
    let result: AttemptResult;
    try {
      const init: RequestInit = {
        method: request.method,
        headers,
        body: request.jsonBody,
        redirect: 'manual',
        signal: controller.signal,
        agent: (parsed) => (parsed.protocol === 'http:' ? this.httpAgent : this.httpsAgent),
      };
      const response = await fetch(url.href, init);
      status = response.status;
      requestId = response.headers.get('x-cap-requestid') ?? undefined;
      // The body is read under the same timeout; it also frees the socket for reuse.
      const text = await response.text();
      if (status >= 300 && status < 400) {
        result = { ok: false, error: redirectError(status, response.headers.get('location'), url, requestId), retryable: false, tokenRejected: false };
      } else {
        result = this.interpret(status, text, requestId, response.headers.get('retry-after'), request.authenticated);
      }
    } catch (error) {
      status = 'error';
      result = this.failure(error, signal, timedOut);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    this.record({
      method: request.method,
      path: loggedPath,
      status,
      durationMs: Date.now() - started,
      requestId,
      attempt,
      error: result.ok ? undefined : result.error.message,
    });
    return result;
  }

  private record(record: RequestRecord): void {
    try {
      this.settings.onRequest?.(record);
    } catch {
      // Logging must never break a request.
    }
  }

  private failure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean): AttemptResult {
    if (signal?.aborted) return { ok: false, error: cancelledError(), retryable: false, tokenRejected: false };
    if (timedOut) {
      return {
        ok: false,
        retryable: true,
        tokenRejected: false,
        error: new CapillaryApiError({
          kind: 'timeout',
          message: `Capillary did not answer within ${this.settings.timeoutMs / 1000} s.`,
          hint: 'The API is slow or unreachable: try again, or raise the request timeout in the settings.',
        }),
      };
    }
    const code = errorCode(error);
    const host = this.settings.baseUrl.host;
    if (code !== undefined && resetCodes.has(code)) {
      return {
        ok: false,
        retryable: true,
        tokenRejected: false,
        error: new CapillaryApiError({
          kind: 'network',
          message: `The connection to ${host} was cut (${code}).`,
          hint: 'Check the network connection or VPN and try again.',
          cause: error,
        }),
      };
    }
    const detail = error instanceof Error ? safeExcerpt(error.message, 200) : 'unknown error';
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND';
    return {
      ok: false,
      // A body cut off without an error code is a dropped connection as well.
      retryable: code === undefined && /premature close|aborted|socket hang up/i.test(detail),
      tokenRejected: false,
      error: new CapillaryApiError({
        kind: 'network',
        message: refused ? `Could not connect to ${host} (${code}).` : `The request to ${host} failed: ${detail}`,
        hint: refused
          ? 'Check the base URL (host and port) and your network or VPN.'
          : 'Check the network connection, proxy or VPN, and the base URL.',
        cause: error,
      }),
    };
  }

  private interpret(
    status: number,
    text: string,
    requestId: string | undefined,
    retryAfter: string | null,
    authenticated: boolean,
  ): AttemptResult {
    const transient = status >= 500 || status === 429;
    const tokenStatus = authenticated && this.tokens !== undefined && isCredentialRefusalStatus(status);
    const retryAfterMs = transient ? parseRetryAfter(retryAfter, Date.now()) : undefined;
    const limited = status === 429 ? ({ rateLimited: true } as const) : {};
    let parsed: JsonValue;
    try {
      parsed = parseJson(text);
    } catch (error) {
      const truncated = error instanceof JsonSyntaxError && error.truncated && text.trim().length > 0;
      return {
        ok: false,
        retryable: transient || (truncated && status < 300),
        tokenRejected: tokenStatus,
        retryAfterMs,
        ...limited,
        error: nonJsonError(status, text, requestId, truncated),
      };
    }
    if (!isJsonObject(parsed)) {
      return {
        ok: false,
        retryable: transient,
        tokenRejected: tokenStatus,
        retryAfterMs,
        ...limited,
        error: nonJsonError(status, text, requestId, false),
      };
    }
    const errors = readMessages(parsed.errors);
    const warnings = readMessages(parsed.warnings);
    if (status >= 200 && status < 300 && errors.length === 0) {
      return { ok: true, response: { status, body: parsed, text, requestId, warnings } };
    }
    const first = errors[0];
    const tokenRejected = tokenStatus || (authenticated && this.tokens !== undefined && isCredentialRefusalStatus(first?.code));
    return {
      ok: false,
      retryable: transient,
      tokenRejected,
      retryAfterMs,
      ...limited,
      error: apiError(status, first, requestId),
    };
  }
}

/** The URL of `request` below `baseUrl` (whose own path is kept), query parameters in the request's order. */
export function requestUrl(baseUrl: URL, request: Pick<ApiRequest, 'path' | 'query'>): URL {
  const url = new URL(baseUrl.href);
  url.pathname = baseUrl.pathname.replace(/\/+$/, '') + request.path;
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

function readMessages(value: JsonValue | undefined): ApiMessage[] {
  if (!Array.isArray(value)) return [];
  const messages: ApiMessage[] = [];
  for (const item of value) {
    if (isJsonObject(item)) {
      const code = item.code instanceof JsonNumber ? Number(item.code.text) : typeof item.code === 'string' && /^\d+$/.test(item.code) ? Number(item.code) : undefined;
      const message = typeof item.message === 'string' ? item.message : '';
      messages.push(code === undefined || !Number.isFinite(code) ? { message } : { code, message });
    } else if (typeof item === 'string') {
      messages.push({ message: item });
    }
  }
  return messages;
}

/** Retry-After as delay seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function apiError(status: number, first: ApiMessage | undefined, requestId: string | undefined): CapillaryApiError {
  const code = first?.code;
  const known = knownCodeText(code);
  if (known || (status >= 200 && status < 300)) {
    const { kind, message, hint } = known ?? describeApiCode(code, first?.message);
    return new CapillaryApiError({ kind, message, hint, code, httpStatus: status, requestId });
  }
  const described = describeHttpStatus(status);
  const kind: CapillaryErrorKind = isCredentialRefusalStatus(status) || status === 403 ? 'auth' : 'http';
  const message = first?.message ? `${described.message} Capillary said: ${safeExcerpt(first.message, 200)}` : described.message;
  return new CapillaryApiError({ kind, message, hint: described.hint, code, httpStatus: status, requestId });
}

function nonJsonError(status: number, text: string, requestId: string | undefined, truncated: boolean): CapillaryApiError {
  const trimmed = text.trim();
  const shape = truncated
    ? 'JSON that was cut off'
    : trimmed === ''
      ? 'an empty body'
      : /^<!doctype html|^<html/i.test(trimmed)
        ? 'an HTML page'
        : trimmed.startsWith('<')
          ? 'an XML document'
          : 'text that is not JSON';
  const excerpt = trimmed === '' ? '' : `: "${safeExcerpt(trimmed)}"`;
  const statusHint = status >= 200 && status < 300 ? undefined : describeHttpStatus(status).hint;
  return new CapillaryApiError({
    kind: 'invalid-response',
    httpStatus: status,
    requestId,
    message: `Capillary answered HTTP ${status} with ${shape} instead of JSON${excerpt}`,
    hint:
      statusHint ??
      (truncated
        ? 'The response was cut off in transit: try again; if it keeps happening, check a proxy or VPN between you and Capillary.'
        : 'Check that the base URL points at a Capillary API host and not at a web page or proxy login.'),
  });
}

function redirectError(status: number, location: string | null, requestUrl: URL, requestId: string | undefined): CapillaryApiError {
  let target = 'an unknown location';
  if (location) {
    try {
      target = new URL(location, requestUrl).host;
    } catch {
      target = `"${safeExcerpt(location, 80)}"`;
    }
  }
  return new CapillaryApiError({
    kind: 'redirect',
    httpStatus: status,
    requestId,
    message: `Capillary redirected the request (HTTP ${status}) to ${target}; it was not followed, so that credentials are never sent to another address.`,
    hint: `If ${target} is the right API host, use it as the base URL; otherwise check the base URL of this profile.`,
  });
}
