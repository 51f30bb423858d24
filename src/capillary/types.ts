// Shapes shared across the Capillary layer: the client's options and request records, and the events lookup's
// inputs and outputs (which errors carry as their partial result, so they cannot live in the endpoint's module:
// the transport imports nothing from endpoints). Each other endpoint's shapes live in its module. IDs are decimal
// strings so that Longs past 2^53 stay exact; targetValue is a decimal string so that "1.000" and "2000.46" keep
// their digits.
import type { FetchProgress, PeriodGroup, TrackedTargetEvent } from '../shared/domain';
import type { RequestScheduler } from './transport/scheduler';

export type { EventName, FetchProgress, PeriodGroup, RetryInfo, TrackedTargetEvent } from '../shared/domain';
export { EVENT_FIELDS } from '../shared/domain';

export type Auth =
  | { kind: 'basic'; username: string; passwordMd5: string }
  | { kind: 'oauth'; clientKey: string; clientSecret: string; cachedToken?: OAuthToken };

export interface OAuthToken {
  accessToken: string;
  /** Epoch milliseconds after which the token must not be used. */
  expiresAt: number;
}

export interface ClientOptions {
  /** e.g. https://eu.api.capillarytech.com; http:// only for loopback hosts. */
  baseUrl: string;
  auth: Auth;
  /** Events per page (the API's `limit`). Default 1000. */
  pageSize?: number;
  /** Most requests in flight at once (the pages of a lookup; with a shared scheduler, its own figure). Default 4. */
  concurrency?: number;
  /**
   * The request scheduler of the API key, from createRequestScheduler: every client of one profile shares one, so
   * that they pause together on a 429 and keep one pace. Without it the client has a scheduler of its own.
   */
  scheduler?: RequestScheduler;
  /** Paces the client's own scheduler (ignored with `scheduler`). */
  requestsPerMinute?: number;
  /** How long one request keeps waiting and trying while the rate limit refuses it. Default 5 minutes. */
  rateLimitPatienceMs?: number;
  /** Per-request timeout. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first try for 5xx, resets and timeouts (a 429 waits for the rate limit instead). Default 3. */
  retries?: number;
  /** First backoff delay; it doubles per retry, with jitter. Default 500. */
  retryBaseDelayMs?: number;
  /** Longest wait between tries, also for a server's Retry-After. Default 30 000. */
  maxRetryDelayMs?: number;
  /** Called once per HTTP request that ended (for the log channel). Never carries credentials. */
  onRequest?: (record: RequestRecord) => void;
  /** Called whenever a new OAuth token was generated, so that the caller can cache it (in SecretStorage). */
  onToken?: (token: OAuthToken) => void;
}

export interface RequestRecord {
  method: string;
  /** Path and query, no host, no credentials. */
  path: string;
  status: number | 'error';
  durationMs: number;
  requestId?: string;
  attempt: number;
  error?: string;
}

export interface LookupParams {
  userId: string;
  targetRuleId: string;
  periodId?: string;
}

export interface PageParams extends LookupParams {
  limit: number;
  offset: number;
}

export interface FetchOptions {
  signal?: AbortSignal;
  /** Pages and events fetched so far, after each page (and on each retry). */
  onFetchProgress?: (progress: FetchProgress) => void;
  /**
   * Called with events that extend the lookup's final event list, in its final order (page order, each eventLogId
   * once: what `result.events` holds), so that rows can be shown while later pages are still in flight. A page's
   * events are passed as soon as that page and every page before it are settled: fetched with the offset reading
   * known, and not merely repeating earlier pages (such a page waits for its refetch). For a complete lookup the
   * calls, concatenated, are `result.events` element for element (the same objects); for a failed or cancelled one
   * they are a prefix of `error.partial.events`. Never called with an empty array; a throwing callback does not
   * fail the lookup. `groups` are all the events passed so far, grouped by period: live, they grow with later calls
   * (a complete lookup's are `result.groups`).
   */
  onEvents?: (events: TrackedTargetEvent[], groups: readonly PeriodGroup[]) => void;
  /**
   * A complete result of the same lookup held from before: the fetch asks for its last page again and, when that
   * page still starts with the same event, only for the pages after it (the pages before are taken as held);
   * otherwise (an event was inserted or removed earlier in the list) it fetches every page.
   */
  held?: LookupResult;
}

/** Where a refresh of a complete result starts: how it was paged and what its pages held. */
export interface RefreshPoint {
  pageSize: number;
  rowOffsets: boolean;
  /** What the fetch found out about the server (capped page size, row offsets). */
  notes: readonly string[];
  /** Events on each page from page 0 to the last one holding events (the result held no duplicates). */
  pageCounts: readonly number[];
  /** The eventLogId the last page holding events starts with. */
  lastPageFirstId: string;
}

export interface Pagination {
  limit: number;
  offset: number;
  total?: number;
}

export interface EventsPage {
  pagination: Pagination;
  events: TrackedTargetEvent[];
  /** The response body as received. */
  raw: string;
  warnings: ApiMessage[];
  requestId?: string;
}

export interface ApiMessage {
  code?: number;
  message: string;
}

export interface LookupResult {
  events: TrackedTargetEvent[];
  groups: PeriodGroup[];
  pagesFetched: number;
  /** The server's pagination.total as sent, when it sent one. */
  total?: number;
  /** Plain-language notes, e.g. the count disagreeing with `total`, server warnings, offset read as row offset. */
  warnings: string[];
  /**
   * The body of each page used, in page order, as Capillary sent it ("Open raw JSON"). It costs little memory:
   * the events' longer strings are slices of these bodies, which V8 keeps alive anyway.
   */
  rawPages: string[];
  /** Set on a complete result without duplicates: what a refresh (FetchOptions.held) starts from. */
  refreshPoint?: RefreshPoint;
  /** 'from-last-page' when this result refreshed a held one from its last page; 'all-pages' when every page was fetched. */
  fetchedPages?: 'from-last-page' | 'all-pages';
}
