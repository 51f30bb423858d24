// The domain's shapes that both sides read: the extension fills them, the webview shows them. IDs are decimal
// strings so that Longs past 2^53 stay exact; targetValue is a decimal string so that "1.000" keeps its digits.

export interface FetchProgress {
  pagesFetched: number;
  /** Known after the first page when the server's `total` is usable. */
  pagesExpected?: number;
  eventsFetched: number;
  /** Set while a page is being retried after a transient failure. */
  retrying?: RetryInfo;
  /** Set while Capillary's rate limit pauses the profile's requests: the epoch millisecond they go again. */
  rateLimitedUntil?: number;
}

/** A retry under way: the `attempt`th of at most `of`. */
export interface RetryInfo {
  attempt: number;
  of: number;
}

export type EventName = 'GENERIC_EVENT' | 'ADD_TRANSACTION' | 'RETURN_BILL' | 'ENROL' | 'UNENROL' | (string & {});

export interface TrackedTargetEvent {
  eventLogId: string;
  eventName: EventName;
  customerId: string;
  /** Set for behavioural (GENERIC_EVENT) events; null for transactional ones. */
  eventDisplayName: string | null;
  uniqueId: string;
  /** As the server sent it: `YYYY-MM-DD HH:MM:SS.s` (server time) or ISO 8601. */
  eventDate: string;
  eventProcessedDate: string;
  periodId: string;
  targetGroupId: string;
  targetRuleId: string;
  /** Exact decimal text, e.g. "2000.46", "1.000". */
  targetValue: string;
  eventDateISO?: string;
  eventProcessedDateISO?: string;
}

/** The fields the server sends for an event, in the documentation's order (the ISO dates are optional extras). */
export const EVENT_FIELDS = [
  'eventLogId',
  'eventName',
  'eventDisplayName',
  'customerId',
  'uniqueId',
  'eventDate',
  'eventProcessedDate',
  'periodId',
  'targetGroupId',
  'targetRuleId',
  'targetValue',
] as const satisfies ReadonlyArray<keyof TrackedTargetEvent>;

/** The extras some servers send after those fields: the dates in ISO 8601, with their zones. */
export const OPTIONAL_EVENT_FIELDS = ['eventDateISO', 'eventProcessedDateISO'] as const satisfies ReadonlyArray<keyof TrackedTargetEvent>;

export interface PeriodGroup {
  periodId: string;
  targetGroupId: string;
  targetRuleId: string;
  events: TrackedTargetEvent[];
  count: number;
  /** Exact decimal sum of targetValue, e.g. "9000.92". */
  totalTargetValue: string;
  firstEventDate: string;
  lastEventDate: string;
  countsByEventName: Record<string, number>;
  /** Largest eventProcessedDate − eventDate in the group, in seconds (null when no date could be read). */
  maxProcessingLagSeconds: number | null;
}

/** What is said of a period's events, without them: the table's row stream sends it beside the rows. */
export type PeriodSummary = Omit<PeriodGroup, 'events'>;
