// All pages of a lookup, in phases that take and return values: page 0 (the server's page size and `total`), the
// concurrent waves up to each plausible end (the first of them also tells how the server reads `offset`), and the
// refetch of pages that only repeated earlier events; `assembly.ts` then checks for holes and builds the result.
// Only the requests' bookkeeping (`PageRequests`: counts, fetch progress, server warnings, events passed on) is shared.
//
// Paging, where the documentation contradicts itself (its text says page index and total pages, its examples count
// rows): `offset` is sent as a page index and `total` is read both as records and as pages. The wave after page 0
// holds page 1, which tells a server reading `offset` as a row offset (page 1 then starts with page 0's second
// event); until it has, that wave starts no more pages than it has workers, and if it does, the wave's pages are
// discarded and fetched again with row offsets. The lookup ends only at a short or empty page, never on `total`
// alone: full pages cannot tell a total of records from a total of pages that is a multiple of the page size, so a
// wave up to where `total` says the lookup may end on a full page also asks for the page after, which must be short
// or empty. That page takes a free slot of the wave's last round (a round of its own only when that round is full);
// if it holds events, paging goes on to the next reading of `total`, to its own end and the same hole checks. Events
// are de-duplicated by eventLogId and kept in page order (the server's chronological order). A page that repeats an
// earlier one, a short page followed by more events, or ending below `total` (read the way that fits best) would
// leave a hole: that is an error with the events fetched so far, never a silent gap. A total below the count only
// earns a warning: every event is shown. A page 0 shorter than asked while `total` says more remain is a page size
// the server capped (silently or not): paging goes on with pages of the size received. A held result is refreshed
// from its last page when it can be (refresh.ts); only when that page changed is every page fetched.
import { linkedController } from '../../transport/abort';
import {
  assemble,
  buildResult,
  checkForHole,
  checkNoRepeatedPages,
  nothingFetched,
  record,
  stopWith,
  type Assembly,
  type Fetched,
} from './assembly';
import { CapillaryApiError, cancelledError } from '../../transport/errors';
import type { Transport } from '../../transport/http';
import { checkLookup } from './page';
import { PageRequests, runFacts, type Paging } from './pageRequests';
import { refreshHeld } from './refresh';
import { wave, type Outcome } from './wave';
import type { EventsPage, FetchOptions, LookupParams, LookupResult, TrackedTargetEvent } from '../../types';

export async function fetchLookup(
  transport: Transport,
  settings: { pageSize: number; concurrency: number },
  params: LookupParams,
  options: FetchOptions,
): Promise<LookupResult> {
  const lookup = checkLookup(params);
  const { controller, dispose } = linkedController(options.signal);
  const requests = new PageRequests(transport, lookup, controller, options);
  let paging: Paging = { pageSize: settings.pageSize, rowOffsets: false, notes: [] };
  let fetched = nothingFetched;
  const take = (outcome: Outcome): void => {
    fetched = outcome.fetched;
    if (outcome.failure) throw outcome.failure.error;
  };
  try {
    if (controller.signal.aborted) throw cancelledError();
    const held = options.held;
    if (held?.refreshPoint) {
      const refreshed = await refreshHeld(requests, held, held.refreshPoint, settings.concurrency);
      if (refreshed) return refreshed;
    }
    const first = await requests.page(0, paging, (page) => plannedEnds(page.pagination.total, paging.pageSize)[0]);
    paging = adoptFirstPage(paging, first);
    fetched = record(fetched, 0, first, paging.pageSize);
    requests.settle(0, first);
    // A short or empty page 0 is the only page.
    if (fetched.stopAt === 0) return result(assemble(fetched), paging, requests);
    const remaining = await fetchRemaining(requests, paging, fetched, settings.concurrency, first.events);
    paging = remaining.paging;
    take(remaining);
    let assembly = assemble(fetched);
    if (assembly.repeatedPages.length > 0) {
      take(await refetchPages(requests, paging, fetched, assembly.repeatedPages));
      assembly = assemble(fetched);
    }
    checkNoRepeatedPages(assembly);
    checkForHole(fetched, assembly, paging.total);
    return result(assembly, paging, requests);
  } catch (error) {
    // Nothing is in flight any more (every phase awaits its requests); abort anyway so no retry wait survives.
    controller.abort();
    const failure = options.signal?.aborted ? cancelledError() : asApiError(error);
    failure.partial = buildResult(assemble(fetched), runFacts(paging, requests, 'all-pages'), false);
    throw failure;
  } finally {
    requests.dispose();
    dispose();
  }
}

/** A complete lookup's result, with the groups built while its pages came. */
function result(assembly: Assembly, paging: Paging, requests: PageRequests): LookupResult {
  return buildResult(assembly, runFacts(paging, requests, 'all-pages'), true, requests.groupsOf(assembly.events));
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

/**
 * The paging after page 0: its `total`, and the server's page size when it capped `limit`. A server may say so (its
 * pagination echoes a smaller limit) or cap silently: page 0 comes shorter than asked while `total`, read as records
 * or as pages, says more remain and agrees with neither reading. Either way paging goes on with pages of the size
 * received, which a short or empty page ends (assembly's hole checks hold the end to `total`).
 */
function adoptFirstPage(paging: Paging, first: EventsPage): Paging {
  const adopted: Paging = { ...paging, total: first.pagination.total };
  const received = first.events.length;
  if (received === 0 || received >= paging.pageSize) return adopted;
  const serverLimit = first.pagination.limit;
  const saysCapped = serverLimit === received;
  const total = first.pagination.total;
  // One short page agrees with a total of `received` records or of 1 page; any larger total says more remain.
  const totalSaysMore = total !== undefined && total > 1 && total !== received;
  if (saysCapped || totalSaysMore) {
    adopted.pageSize = received;
    adopted.notes = [
      ...paging.notes,
      `Capillary capped the page size at ${received} events${saysCapped ? '' : ' without saying so'}; pages were requested with that size.`,
    ];
  }
  return adopted;
}

/** Where the lookup may end, in order: `total` read as records, then as pages, then at the first short page. */
function plannedEnds(total: number | undefined, pageSize: number): number[] {
  if (total === undefined) return [Infinity];
  const byRecords = Math.ceil(total / pageSize);
  return [...new Set([byRecords, total])].sort((a, b) => a - b).concat(Infinity);
}

/**
 * Pages from 1 on, in waves up to each planned end. Where the last page before an end may be full, the wave also
 * asks for the page at the end, which must be short or empty if the lookup ends there: it takes a free slot of the
 * wave's last round (a round of its own only when that round is full). Where a `total` of records says the last page
 * is short, that page ends the lookup by itself; if it comes full instead, the page at the end goes alone, one page
 * before many. Either way the lookup goes on to the next planned end when that page holds events: no lookup ends on
 * `total` alone.
 */
async function fetchRemaining(
  requests: PageRequests,
  initial: Paging,
  fetched: Fetched,
  concurrency: number,
  firstEvents: TrackedTargetEvent[],
): Promise<Outcome & { paging: Paging }> {
  let paging = initial;
  let next = 1;
  let current = fetched;
  let offsetReadingKnown = false;
  // Pages [next, end) in one wave; the wave holding page 1 is fetched again if it shows row offsets.
  const fetchUpTo = async (end: number): Promise<Outcome> => {
    const probe = offsetReadingKnown ? undefined : firstEvents;
    offsetReadingKnown = true;
    const outcome = await wave(requests, paging, current, next, end, concurrency, probe);
    if (!outcome.rowOffsets) return outcome;
    paging = {
      ...paging,
      rowOffsets: true,
      notes: [...paging.notes, 'Capillary read offset as a row offset, not as the documented page number; paging switched to row offsets.'],
    };
    return wave(requests, paging, current, next, end, concurrency);
  };
  // Whether the page at the previous wave's end was asked for in that wave (page 1 starts the first wave).
  let confirmed = true;
  for (const end of plannedEnds(paging.total, paging.pageSize)) {
    if (next >= end) continue;
    if (!confirmed) {
      requests.expect(undefined);
      const one = await fetchUpTo(next + 1);
      if (one.failure) return { ...one, paging };
      current = one.fetched;
      next++;
      if (current.stopAt !== Infinity) return { fetched: current, paging };
    }
    // Infinity needs no page after: that wave runs to the first short page.
    confirmed = Number.isFinite(end) && !endsShort(paging, end);
    requests.expect(Number.isFinite(end) ? end : undefined);
    const many = await fetchUpTo(confirmed ? end + 1 : end);
    if (many.failure) return { ...many, paging };
    current = many.fetched;
    if (current.stopAt !== Infinity) return { fetched: current, paging };
    next = confirmed ? end + 1 : end;
  }
  return { fetched: current, paging };
}

/**
 * Whether `total` read as records says the last page before `pages` is short: then that page ends the lookup
 * without the page after. Any other end (a total of records filling its last page, a total of pages) may end on a
 * full page, which only the page after can confirm.
 */
function endsShort(paging: Paging, pages: number): boolean {
  const { total, pageSize } = paging;
  return total !== undefined && pages === Math.ceil(total / pageSize) && total % pageSize !== 0;
}

/** Asks once more for each of `indices`: pages that only repeated earlier events. */
async function refetchPages(requests: PageRequests, paging: Paging, fetched: Fetched, indices: number[]): Promise<Outcome> {
  const pages = new Map(fetched.pages);
  let stopAt = fetched.stopAt;
  for (const index of indices) {
    try {
      const page = await requests.page(index, paging);
      pages.set(index, page);
      requests.settle(index, page);
      stopAt = stopWith(stopAt, index, page.events, paging.pageSize);
    } catch (error) {
      return { fetched: { pages, stopAt }, failure: { error } };
    }
  }
  return { fetched: { pages, stopAt } };
}

