// From the pages a lookup received to its result, without I/O: the record of pages (and where the first short
// one is), the de-duplicated events in page order, the checks for a hole (a repeated page, a short page followed
// by events, ending below `total`) and the result with its warnings.
import { CapillaryApiError } from '../../transport/errors';
import { groupByPeriod } from '../../../shared/grouping';
import { plural } from '../../../shared/display';
import type { EventsPage, LookupResult, RefreshPoint, TrackedTargetEvent } from '../../types';

/** A page as the run keeps it: its events and its body as Capillary sent it ("Open raw JSON"). */
export type RecordedPage = Pick<EventsPage, 'events' | 'raw'>;

/** The pages recorded so far, by index, and the index of the first short or empty one (Infinity while none). */
export interface Fetched {
  readonly pages: ReadonlyMap<number, RecordedPage>;
  readonly stopAt: number;
}

export interface Assembly {
  events: TrackedTargetEvent[];
  /** Non-empty pages (other than the first) whose events were all on earlier pages. */
  repeatedPages: number[];
  duplicates: number;
  pagesWithData: number;
  /** Rows received over all pages, duplicates included: what a `total` counting records counts. */
  rows: number;
  /** The bodies of the pages, in page order. */
  rawPages: string[];
  /** Events first seen on each page, by page index (from 0, every index up to the last recorded page). */
  addedPerPage: number[];
}

/** What the run learnt besides the pages. */
export interface RunFacts {
  total?: number;
  /** How the pages were asked for, for the refresh point. */
  pageSize: number;
  rowOffsets: boolean;
  fetchedPages: 'from-last-page' | 'all-pages';
  /** What the run found out about the server (capped page size, row offsets). */
  notes: readonly string[];
  serverWarnings: readonly string[];
  pagesFetched: number;
}

export const nothingFetched: Fetched = { pages: new Map(), stopAt: Infinity };

const holeHint =
  'Run the lookup again; if it repeats, filter by periodId to fetch fewer events at once, and report the request IDs to Capillary support.';

/** The stop once page `index` is recorded: a short or empty page before the current stop becomes the stop. */
export function stopWith(stopAt: number, index: number, events: TrackedTargetEvent[], pageSize: number): number {
  return events.length < pageSize && index < stopAt ? index : stopAt;
}

/** The pages with page `index` (re)recorded (a copy: for single pages; a phase fetching many fills one copy). */
export function record(fetched: Fetched, index: number, page: RecordedPage, pageSize: number): Fetched {
  return { pages: new Map(fetched.pages).set(index, page), stopAt: stopWith(fetched.stopAt, index, page.events, pageSize) };
}

/** The events in page order, each eventLogId once, with what the pages' overlaps say. */
export function assemble(fetched: Fetched): Assembly {
  const indices = [...fetched.pages.keys()].sort((a, b) => a - b);
  const seen = new Set<string>();
  const events: TrackedTargetEvent[] = [];
  const repeatedPages: number[] = [];
  let duplicates = 0;
  let pagesWithData = 0;
  let rows = 0;
  const addedPerPage: number[] = [];
  for (const index of indices) {
    const pageEvents = fetched.pages.get(index)?.events ?? [];
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
    addedPerPage[index] = added;
  }
  const rawPages = indices.map((index) => fetched.pages.get(index)?.raw ?? '');
  return { events, repeatedPages, duplicates, pagesWithData, rows, rawPages, addedPerPage };
}

/** A page that still only repeats earlier events (after it was asked for again) leaves a hole. */
export function checkNoRepeatedPages(assembly: Assembly): void {
  const still = assembly.repeatedPages;
  if (still.length > 0) {
    throw new CapillaryApiError({
      kind: 'invalid-response',
      message: `Capillary sent page ${still[0] + 1} with the same events as an earlier page, also when asked again, so the events of that page could not be fetched and the list would be incomplete.`,
      hint: holeHint,
    });
  }
}

/** A short page followed by events, or fewer events than the best-fitting reading of `total`, is a hole. */
export function checkForHole(fetched: Fetched, assembly: Assembly, total: number | undefined): void {
  const { pages, stopAt } = fetched;
  if (stopAt === Infinity) return;
  const stopPage = `${pages.get(stopAt)?.events.length ? 'a short' : 'an empty'} page ${stopAt + 1}`;
  const later = [...pages.keys()].some((index) => index > stopAt && (pages.get(index)?.events.length ?? 0) > 0);
  if (later) {
    throw new CapillaryApiError({
      kind: 'invalid-response',
      message: `Capillary sent ${stopPage} although later pages hold events, so the list would miss events.`,
      hint: holeHint,
    });
  }
  if (total !== undefined && totalSaysMore(total, assembly.rows, assembly.pagesWithData)) {
    throw new CapillaryApiError({
      kind: 'invalid-response',
      message: `Capillary sent ${stopPage} after ${assembly.events.length} events, but its total says ${total}, so the list would be incomplete.`,
      hint: holeHint,
    });
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

/**
 * The lookup's result, with `groups` when they were built as the pages came. A partial one is already flagged as
 * incomplete, so `total` disagreeing with it is no news.
 */
export function buildResult(assembly: Assembly, facts: RunFacts, complete: boolean, groups = groupByPeriod(assembly.events)): LookupResult {
  const warnings = [...facts.notes];
  if (assembly.duplicates > 0) {
    warnings.push(`${plural(assembly.duplicates, 'event')} came twice (same eventLogId) and ${assembly.duplicates === 1 ? 'is' : 'are'} shown once.`);
  }
  const { total } = facts;
  const count = assembly.rows;
  if (complete && total !== undefined && count !== total && assembly.pagesWithData !== total) {
    warnings.push(
      `Capillary\u2019s total (${total}) matches neither the ${count} rows nor the ${assembly.pagesWithData} pages received; the list shows every event Capillary returned.`,
    );
  }
  warnings.push(...facts.serverWarnings);
  const result: LookupResult = {
    events: assembly.events,
    groups,
    pagesFetched: facts.pagesFetched,
    warnings,
    rawPages: assembly.rawPages,
  };
  if (total !== undefined) result.total = total;
  result.fetchedPages = facts.fetchedPages;
  const refreshPoint = complete ? refreshPointOf(assembly, facts) : undefined;
  if (refreshPoint) result.refreshPoint = refreshPoint;
  return result;
}

/** Where a refresh of the result starts: only for events without duplicates, on pages 0 to the last with events. */
function refreshPointOf(assembly: Assembly, facts: RunFacts): RefreshPoint | undefined {
  if (assembly.duplicates > 0 || assembly.events.length === 0) return undefined;
  const counts = assembly.addedPerPage;
  let last = counts.length - 1;
  while (last >= 0 && !counts[last]) last--;
  const pageCounts = counts.slice(0, last + 1);
  for (let index = 0; index < pageCounts.length; index++) if (pageCounts[index] === undefined) return undefined;
  const before = pageCounts.slice(0, -1).reduce((sum, count) => sum + count, 0);
  return {
    pageSize: facts.pageSize,
    rowOffsets: facts.rowOffsets,
    notes: facts.notes,
    pageCounts,
    lastPageFirstId: assembly.events[before].eventLogId,
  };
}
