// The Capillary client: option checks, one page, all pages of a lookup, and the ID pickers.
//
// Paging, where the documentation contradicts itself (see NOTES.md): `offset` is sent as a page index and
// `total` is read both as records and as pages. Page 1 is fetched on its own to detect a server that reads
// `offset` as a row offset (page 1 then starts with page 0's second event); later pages run concurrently.
// The lookup ends at the first short or empty page. Events are de-duplicated by eventLogId and kept in page
// order (the server's chronological order). A page that repeats an earlier one, a short page followed by more
// events, or ending below `total` (read the way that fits best) would leave a hole: that is an error with the events
// fetched so far, never a silent gap. A total below the count only earns a warning: every event is shown.
import { linkedController } from './abort';
import { CapillaryApiError, cancelledError } from './errors';
import { idText, decimalText, normalizeEvents, normalizePagination, scalarText } from './events';
import { groupByPeriod } from './grouping';
import { Transport, type ApiResponse, type TransportSettings } from './http';
import { isJsonObject, type JsonValue } from './json';
import type {
  CapillaryClient,
  ClientOptions,
  EventsPage,
  FetchOptions,
  LookupParams,
  LookupResult,
  PageParams,
  TargetGroup,
  TargetPeriod,
  TargetSummary,
  TrackedTargetEvent,
  UserTargetGroups,
} from './types';
import { baseUrlValidationMessage, validateId } from './validation';

export const clientDefaults = {
  pageSize: 100,
  concurrency: 4,
  timeoutMs: 30_000,
  retries: 3,
  retryBaseDelayMs: 500,
  maxRetryDelayMs: 30_000,
} as const;

/** The API's largest accepted `limit`. */
export const maxPageSize = 1000;

function configError(message: string, hint: string): CapillaryApiError {
  return new CapillaryApiError({ kind: 'config', message, hint });
}

function checkOptions(options: ClientOptions): TransportSettings & { pageSize: number } {
  const urlProblem = typeof options.baseUrl === 'string' ? baseUrlValidationMessage(options.baseUrl) : 'The base URL is missing.';
  if (urlProblem) throw configError(urlProblem, 'Fix the base URL of this profile, e.g. https://eu.api.capillarytech.com.');
  const auth = options.auth;
  if (auth?.kind === 'basic') {
    if (!auth.username) throw configError('The Basic auth username is empty.', 'Enter the till username of this profile.');
    if (!/^[0-9a-fA-F]{32}$/.test(auth.passwordMd5 ?? '')) {
      throw configError('The stored password digest is not an MD5 hex digest.', 'Enter the password of this profile again.');
    }
  } else if (auth?.kind === 'oauth') {
    if (!auth.clientKey || !auth.clientSecret) {
      throw configError('The OAuth client key or secret is empty.', 'Enter the client key and secret of this profile.');
    }
  } else {
    throw configError('No credentials were given.', 'Set Basic or OAuth credentials for this profile.');
  }
  const integer = (name: string, value: number | undefined, fallback: number, min: number, max: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw configError(`${name} must be a whole number from ${min} to ${max} (got ${value}).`, `Fix the ${name} setting.`);
    }
    return value;
  };
  return {
    baseUrl: new URL(options.baseUrl.trim()),
    auth,
    pageSize: integer('pageSize', options.pageSize, clientDefaults.pageSize, 1, maxPageSize),
    concurrency: integer('concurrency', options.concurrency, clientDefaults.concurrency, 1, 64),
    timeoutMs: integer('timeoutMs', options.timeoutMs, clientDefaults.timeoutMs, 1, 10 * 60_000),
    retries: integer('retries', options.retries, clientDefaults.retries, 0, 10),
    retryBaseDelayMs: integer('retryBaseDelayMs', options.retryBaseDelayMs, clientDefaults.retryBaseDelayMs, 0, 60_000),
    maxRetryDelayMs: integer('maxRetryDelayMs', options.maxRetryDelayMs, clientDefaults.maxRetryDelayMs, 0, 10 * 60_000),
    onRequest: options.onRequest,
    onToken: options.onToken,
  };
}

export function createCapillaryClient(options: ClientOptions): CapillaryClient {
  const settings = checkOptions(options);
  const transport = new Transport(settings);
  return {
    fetchTrackedTargetEvents: (params, fetchOptions) => fetchLookup(transport, settings, params, fetchOptions ?? {}),
    fetchTrackedTargetEventsPage: async (params, pageOptions) => {
      const lookup = checkLookup(params);
      if (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > maxPageSize) {
        throw new CapillaryApiError({
          kind: 'invalid-input',
          field: 'limit',
          message: `limit must be a whole number from 1 to ${maxPageSize} (got ${params.limit}).`,
          hint: 'Choose a smaller page size.',
        });
      }
      if (!Number.isSafeInteger(params.offset) || params.offset < 0) {
        throw new CapillaryApiError({
          kind: 'invalid-input',
          field: 'offset',
          message: `offset must be a whole number from 0 (got ${params.offset}).`,
          hint: 'Use 0 for the first page.',
        });
      }
      return fetchPage(transport, lookup, params.limit, params.offset, pageOptions?.signal);
    },
    getUserTargetGroups: async (userId, requestOptions) => {
      validateId('userId', userId);
      const response = await transport.send(
        { method: 'GET', path: `/v3/users/${userId}/targetGroups`, authenticated: true },
        requestOptions?.signal,
      );
      return readUserTargetGroups(response, userId);
    },
    getTargetPeriods: async (targetGroupId, requestOptions) => {
      validateId('targetGroupId', targetGroupId);
      const response = await transport.send(
        { method: 'GET', path: `/v3/targetGroups/${targetGroupId}/targetPeriods`, authenticated: true },
        requestOptions?.signal,
      );
      return readTargetPeriods(response, targetGroupId);
    },
    dispose: () => transport.dispose(),
  };
}

function checkLookup(params: LookupParams): LookupParams {
  const lookup: LookupParams = {
    userId: validateId('userId', params.userId),
    targetRuleId: validateId('targetRuleId', params.targetRuleId),
  };
  if (params.periodId !== undefined && params.periodId !== '') lookup.periodId = validateId('periodId', params.periodId);
  return lookup;
}

async function fetchPage(
  transport: Transport,
  lookup: LookupParams,
  limit: number,
  offset: number,
  signal: AbortSignal | undefined,
): Promise<EventsPage> {
  const response = await transport.send(
    {
      method: 'GET',
      path: `/v3/users/${lookup.userId}/trackedTargetEvents/${lookup.targetRuleId}`,
      query: { periodId: lookup.periodId, limit, offset },
      authenticated: true,
    },
    signal,
  );
  let events: TrackedTargetEvent[];
  try {
    events = normalizeEvents(response.body.data);
  } catch (error) {
    throw withResponse(error, response);
  }
  return {
    pagination: normalizePagination(response.body.pagination, { limit, offset }),
    events,
    raw: response.text,
    warnings: response.warnings,
    requestId: response.requestId,
  };
}

function withResponse(error: unknown, response: ApiResponse): unknown {
  if (!(error instanceof CapillaryApiError)) return error;
  return new CapillaryApiError({
    kind: error.kind,
    message: error.message,
    hint: error.hint,
    httpStatus: response.status,
    requestId: response.requestId,
  });
}

async function fetchLookup(
  transport: Transport,
  settings: { pageSize: number; concurrency: number },
  params: LookupParams,
  options: FetchOptions,
): Promise<LookupResult> {
  const lookup = checkLookup(params);
  const { controller, dispose } = linkedController(options.signal);
  const run = new LookupRun(transport, lookup, settings.pageSize, settings.concurrency, controller, options.onProgress);
  try {
    if (controller.signal.aborted) throw cancelledError();
    return await run.run();
  } catch (error) {
    // Nothing is in flight any more (every stage awaits its requests); abort anyway so no retry wait survives.
    controller.abort();
    const failure = options.signal?.aborted ? cancelledError() : asApiError(error);
    failure.partial = run.partialResult();
    throw failure;
  } finally {
    dispose();
  }
}

function asApiError(error: unknown): CapillaryApiError {
  if (error instanceof CapillaryApiError) return error;
  return new CapillaryApiError({
    kind: 'invalid-response',
    message: `The lookup failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    hint: 'Try again; if it repeats, report it with the log of this session.',
    cause: error,
  });
}

interface Assembly {
  events: TrackedTargetEvent[];
  /** Non-empty pages (other than the first) whose events were all on earlier pages. */
  repeatedPages: number[];
  duplicates: number;
  pagesWithData: number;
  /** Rows received over all pages, duplicates included: what a `total` counting records counts. */
  rows: number;
}

class LookupRun {
  private readonly pages = new Map<number, TrackedTargetEvent[]>();
  private readonly rawPages = new Map<number, string>();
  private readonly seenIds = new Set<string>();
  private readonly serverWarnings = new Set<string>();
  private readonly notes: string[] = [];
  private rowOffsets = false;
  private total?: number;
  private pagesFetched = 0;
  private pagesExpected?: number;
  /** Index of the first short or empty page. */
  private stopAt = Infinity;
  private failure?: unknown;

  constructor(
    private readonly transport: Transport,
    private readonly lookup: LookupParams,
    private pageSize: number,
    private readonly concurrency: number,
    private readonly controller: AbortController,
    private readonly onProgress: FetchOptions['onProgress'],
  ) {}

  async run(): Promise<LookupResult> {
    const first = await this.request(0);
    this.adoptServerPageSize(first);
    this.record(0, first);
    if (first.events.length < this.pageSize) return this.result();

    const probe = await this.request(1);
    const firstEvents = first.events;
    if (this.pageSize > 1 && probe.events[0] !== undefined && probe.events[0].eventLogId === firstEvents[1]?.eventLogId) {
      this.rowOffsets = true;
      this.notes.push(
        'Capillary read offset as a row offset, not as the documented page number; paging switched to row offsets.',
      );
      this.record(1, await this.request(1));
    } else {
      this.record(1, probe);
    }
    if (this.stopAt === Infinity) await this.fetchRemaining(2);
    await this.refetchRepeatedPages();
    this.checkForHole();
    return this.result();
  }

  /** The events fetched so far, for an error: never complete. */
  partialResult(): LookupResult {
    return this.build(this.assemble(), false);
  }

  private adoptServerPageSize(first: EventsPage): void {
    const serverLimit = first.pagination.limit;
    // A server that caps `limit` would otherwise look like it sent a short (last) page.
    if (serverLimit >= 1 && serverLimit < this.pageSize && first.events.length === serverLimit) {
      this.notes.push(`Capillary capped the page size at ${serverLimit} events; pages were requested with that size.`);
      this.pageSize = serverLimit;
    }
  }

  private async request(index: number): Promise<EventsPage> {
    const offset = this.rowOffsets ? index * this.pageSize : index;
    const page = await fetchPage(this.transport, this.lookup, this.pageSize, offset, this.controller.signal);
    this.pagesFetched++;
    if (index === 0) {
      this.total = page.pagination.total;
      const firstEnd = this.plannedEnds()[0];
      if (Number.isFinite(firstEnd)) this.pagesExpected = Math.max(1, firstEnd);
    }
    for (const warning of page.warnings) {
      this.serverWarnings.add(`Capillary warning: ${warning.message}${warning.code === undefined ? '' : ` (code ${warning.code})`}`);
    }
    for (const event of page.events) this.seenIds.add(event.eventLogId);
    this.report();
    return page;
  }

  private record(index: number, page: EventsPage): void {
    const events = page.events;
    this.pages.set(index, events);
    this.rawPages.set(index, page.raw);
    if (events.length < this.pageSize && index < this.stopAt) this.stopAt = index;
  }

  private report(): void {
    try {
      this.onProgress?.({
        pagesFetched: this.pagesFetched,
        pagesExpected:
          this.pagesExpected !== undefined && this.pagesExpected >= this.pagesFetched ? this.pagesExpected : undefined,
        eventsFetched: this.seenIds.size,
      });
    } catch {
      // A failing progress callback must not fail the lookup.
    }
  }

  /** Where the lookup may end, in order: `total` read as records, then as pages, then at the first short page. */
  private plannedEnds(): number[] {
    if (this.total === undefined) return [Infinity];
    const byRecords = Math.ceil(this.total / this.pageSize);
    return [...new Set([byRecords, this.total])].sort((a, b) => a - b).concat(Infinity);
  }

  private async fetchRemaining(start: number): Promise<void> {
    let next = start;
    let firstPhase = true;
    for (const end of this.plannedEnds()) {
      if (next >= end) continue;
      if (!firstPhase) {
        // Past the first plausible end: ask for one page before asking for many.
        this.pagesExpected = undefined;
        await this.pool(next, next + 1);
        next++;
        if (this.stopAt !== Infinity) return;
      }
      firstPhase = false;
      this.pagesExpected = Number.isFinite(end) ? end : undefined;
      await this.pool(next, end);
      if (this.stopAt !== Infinity) return;
      next = end;
    }
  }

  /** Fetches pages [from, end) with `concurrency` workers; no new page starts past the first short one. */
  private async pool(from: number, end: number): Promise<void> {
    let next = from;
    const worker = async (): Promise<void> => {
      while (this.failure === undefined && next < end && next < this.stopAt) {
        const index = next++;
        try {
          this.record(index, await this.request(index));
        } catch (error) {
          if (this.failure === undefined) {
            this.failure = error;
            // The first failure stops the other requests at once.
            this.controller.abort();
          }
          return;
        }
      }
    };
    const workerCount = Math.max(1, Math.min(this.concurrency, end - from));
    // Workers catch their own failures, so this never rejects; it returns once nothing is in flight.
    await Promise.all(Array.from({ length: workerCount }, worker));
    if (this.failure !== undefined) throw this.failure;
  }

  private async refetchRepeatedPages(): Promise<void> {
    const repeated = this.assemble().repeatedPages;
    if (repeated.length === 0) return;
    for (const index of repeated) this.record(index, await this.request(index));
    const still = this.assemble().repeatedPages;
    if (still.length > 0) {
      throw new CapillaryApiError({
        kind: 'invalid-response',
        message: `Capillary sent page ${still[0] + 1} with the same events as an earlier page, also when asked again, so the events of that page could not be fetched and the list would be incomplete.`,
        hint: 'Run the lookup again; if it repeats, filter by periodId to fetch fewer events at once, and report the request IDs to Capillary support.',
      });
    }
  }

  /** A short page followed by events, or fewer events than the best-fitting reading of `total`, is a hole. */
  private checkForHole(): void {
    if (this.stopAt === Infinity) return;
    const stopPage = `${this.pages.get(this.stopAt)?.length ? 'a short' : 'an empty'} page ${this.stopAt + 1}`;
    const hint =
      'Run the lookup again; if it repeats, filter by periodId to fetch fewer events at once, and report the request IDs to Capillary support.';
    const later = [...this.pages.keys()].some((index) => index > this.stopAt && (this.pages.get(index)?.length ?? 0) > 0);
    if (later) {
      throw new CapillaryApiError({
        kind: 'invalid-response',
        message: `Capillary sent ${stopPage} although later pages hold events, so the list would miss events.`,
        hint,
      });
    }
    const assembly = this.assemble();
    const total = this.total;
    if (total !== undefined && totalSaysMore(total, assembly.rows, assembly.pagesWithData)) {
      throw new CapillaryApiError({
        kind: 'invalid-response',
        message: `Capillary sent ${stopPage} after ${assembly.events.length} events, but its total says ${total}, so the list would be incomplete.`,
        hint,
      });
    }
  }

  private assemble(): Assembly {
    const indices = [...this.pages.keys()].sort((a, b) => a - b);
    const seen = new Set<string>();
    const events: TrackedTargetEvent[] = [];
    const repeatedPages: number[] = [];
    let duplicates = 0;
    let pagesWithData = 0;
    let rows = 0;
    for (const index of indices) {
      const pageEvents = this.pages.get(index) ?? [];
      if (pageEvents.length > 0) pagesWithData++;
      rows += pageEvents.length;
      let added = 0;
      for (const event of pageEvents) {
        if (seen.has(event.eventLogId)) {
          duplicates++;
          continue;
        }
        seen.add(event.eventLogId);
        events.push(event);
        added++;
      }
      if (index > 0 && pageEvents.length > 0 && added === 0) repeatedPages.push(index);
    }
    return { events, repeatedPages, duplicates, pagesWithData, rows };
  }

  /** A partial result is already flagged as incomplete, so `total` disagreeing with it is no news. */
  private build(assembly: Assembly, complete: boolean): LookupResult {
    const warnings = [...this.notes];
    if (assembly.duplicates > 0) {
      warnings.push(`${assembly.duplicates} event${assembly.duplicates === 1 ? '' : 's'} came twice (same eventLogId) and ${assembly.duplicates === 1 ? 'is' : 'are'} shown once.`);
    }
    const total = this.total;
    const count = assembly.rows;
    if (complete && total !== undefined && count !== total && assembly.pagesWithData !== total) {
      warnings.push(
        `Capillary\u2019s total (${total}) matches neither the ${count} rows nor the ${assembly.pagesWithData} pages received; the list shows every event Capillary returned.`,
      );
    }
    warnings.push(...this.serverWarnings);
    const result: LookupResult = {
      events: assembly.events,
      groups: groupByPeriod(assembly.events),
      pagesFetched: this.pagesFetched,
      warnings,
      rawPages: [...this.rawPages].sort(([a], [b]) => a - b).map(([, raw]) => raw),
    };
    if (total !== undefined) result.total = total;
    return result;
  }

  private result(): LookupResult {
    return this.build(this.assemble(), true);
  }
}

/**
 * Whether `total` says the server holds more than was received. It is read the way that fits the data best:
 * as records (predicting the rows received) or as pages (predicting `pagesWithData`), whichever is relatively closer.
 */
export function totalSaysMore(total: number, rows: number, pagesWithData: number): boolean {
  if (rows === total || pagesWithData === total) return false;
  const recordsMiss = Math.abs(rows - total) / Math.max(total, 1);
  const pagesMiss = Math.abs(pagesWithData - total) / Math.max(total, 1);
  return recordsMiss <= pagesMiss ? rows < total : pagesWithData < total;
}

function readUserTargetGroups(response: ApiResponse, userId: string): UserTargetGroups {
  const data = response.body.data;
  if (!isJsonObject(data)) throw missingData(response, 'target groups');
  const groups = Array.isArray(data.targetGroups) ? data.targetGroups : [];
  const targetGroups: TargetGroup[] = [];
  for (const raw of groups) {
    if (!isJsonObject(raw)) continue;
    const group: TargetGroup = {
      id: idText(raw.id),
      name: scalarText(raw.name),
      targets: (Array.isArray(raw.targets) ? raw.targets : []).filter(isJsonObject).map(readTarget),
    };
    if (typeof raw.trackingType === 'string') group.trackingType = raw.trackingType;
    targetGroups.push(group);
  }
  return { userId: idText(data.userId) || userId, targetGroups };
}

function readTarget(raw: JsonValue): TargetSummary {
  const target = raw as Record<string, JsonValue>;
  const summary: TargetSummary = { targetRuleId: idText(target.targetRuleId) };
  const ids = ['targetId', 'periodId'] as const;
  for (const key of ids) if (target[key] !== undefined && target[key] !== null) summary[key] = idText(target[key]);
  const values = ['targetValue', 'targetAchievedValue'] as const;
  for (const key of values) if (target[key] !== undefined && target[key] !== null) summary[key] = decimalText(target[key]);
  const texts = ['periodStartDate', 'periodEndDate', 'targetName', 'eventName'] as const;
  for (const key of texts) if (target[key] !== undefined && target[key] !== null) summary[key] = scalarText(target[key]);
  if (typeof target.currentPeriod === 'boolean') summary.currentPeriod = target.currentPeriod;
  return summary;
}

function readTargetPeriods(response: ApiResponse, targetGroupId: string): TargetPeriod[] {
  const data = response.body.data;
  if (!Array.isArray(data)) throw missingData(response, 'target periods');
  return data.filter(isJsonObject).map((raw) => {
    const period: TargetPeriod = { id: idText(raw.id), targetGroupId: idText(raw.targetGroupId) || targetGroupId };
    const texts = ['startDate', 'endDate', 'refCode', 'periodStatus', 'description'] as const;
    for (const key of texts) if (raw[key] !== undefined && raw[key] !== null) period[key] = scalarText(raw[key]);
    if (typeof raw.active === 'boolean') period.active = raw.active;
    return period;
  });
}

function missingData(response: ApiResponse, what: string): CapillaryApiError {
  return new CapillaryApiError({
    kind: 'invalid-response',
    httpStatus: response.status,
    requestId: response.requestId,
    message: `Capillary answered without the list of ${what}.`,
    hint: 'Check that the base URL points at a Capillary API host; if it does, give the request ID to Capillary support.',
  });
}
