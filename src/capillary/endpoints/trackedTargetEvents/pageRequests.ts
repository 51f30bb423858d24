// The requests of one lookup and their bookkeeping, shared by the phases of paging.ts: pages fetched, the events
// passed on, the server's warnings and the pages expected, reported as fetch progress after each page (with the
// rate limit's pause of the profile's requests while there is one); and the settled pages' events passed on.
import type { RecordedPage, RunFacts } from './assembly';
import { EventPrefix } from './eventPrefix';
import type { Transport } from '../../transport/http';
import { fetchPage } from './page';
import type { EventsPage, FetchOptions, LookupParams, PeriodGroup, RetryInfo, TrackedTargetEvent } from '../../types';

/** How pages are asked for: page 0 gives the page size and `total`, page 1 the offset reading. */
export interface Paging {
  pageSize: number;
  /** The server reads `offset` as a row offset rather than as a page index. */
  rowOffsets: boolean;
  total?: number;
  /** What the run found out about the server, for the result's warnings. */
  notes: readonly string[];
}

export class PageRequests {
  private pagesFetched = 0;
  private pagesExpected?: number;
  /** The latest retry of a page, until a page arrives. */
  private retrying?: RetryInfo;
  private readonly warnings = new Set<string>();
  private readonly onFetchProgress: FetchOptions['onFetchProgress'];
  private readonly prefix: EventPrefix;
  /** When the rate limit's pause of the profile's requests ends, while there is one. */
  private rateLimitedUntil?: number;
  private readonly stopHearingPauses: () => void;

  constructor(
    private readonly transport: Transport,
    private readonly lookup: LookupParams,
    private readonly controller: AbortController,
    options: FetchOptions,
  ) {
    this.onFetchProgress = options.onFetchProgress;
    this.prefix = new EventPrefix(options.onEvents);
    this.rateLimitedUntil = transport.scheduler.pausedUntil;
    this.stopHearingPauses = transport.scheduler.onPause((until) => {
      this.rateLimitedUntil = until;
      this.reportFetchProgress();
    });
    if (this.rateLimitedUntil !== undefined) this.reportFetchProgress();
  }

  /** Stops reporting the rate limit's pauses: the lookup ended. */
  dispose(): void {
    this.stopHearingPauses();
  }

  get fetchedCount(): number {
    return this.pagesFetched;
  }

  get serverWarnings(): string[] {
    return [...this.warnings];
  }

  /** Pages the lookup is expected to have, for the fetch progress (undefined: not known). */
  expect(pages: number | undefined): void {
    this.pagesExpected = pages;
  }

  /** Page `index`, recorded for the result with the offset reading known: its events can be passed on. */
  settle(index: number, page: Pick<RecordedPage, 'events'>): void {
    const held = this.prefix.count;
    this.prefix.settle(index, page.events);
    if (this.prefix.count > held) this.reportFetchProgress();
  }

  /** The groups of `events` if they are the events settled so far (see EventPrefix). */
  groupsOf(events: readonly TrackedTargetEvent[]): PeriodGroup[] | undefined {
    return this.prefix.groupsOf(events);
  }

  /** Stops every request in flight (the first failure of a wave does). */
  abort(): void {
    this.controller.abort();
  }

  /** Fetches page `index`; `plannedEnd` (from the first page) sets the pages expected before fetch progress is reported. */
  async page(index: number, paging: Paging, plannedEnd?: (page: EventsPage) => number): Promise<EventsPage> {
    const offset = paging.rowOffsets ? index * paging.pageSize : index;
    const page = await fetchPage(this.transport, this.lookup, paging.pageSize, offset, this.controller.signal, (retry) => {
      this.retrying = retry;
      this.reportFetchProgress();
    });
    this.pagesFetched++;
    this.retrying = undefined;
    if (plannedEnd) {
      const end = plannedEnd(page);
      if (Number.isFinite(end)) this.pagesExpected = Math.max(1, end);
    }
    for (const warning of page.warnings) {
      this.warnings.add(`Capillary warning: ${warning.message}${warning.code === undefined ? '' : ` (code ${warning.code})`}`);
    }
    this.reportFetchProgress();
    return page;
  }

  private reportFetchProgress(): void {
    try {
      this.onFetchProgress?.({
        pagesFetched: this.pagesFetched,
        pagesExpected:
          this.pagesExpected !== undefined && this.pagesExpected >= this.pagesFetched ? this.pagesExpected : undefined,
        // The events passed on, not those of every page fetched: pages arrive out of order, and a count ahead of
        // the events held (or one that a discarded page raised) would not match any list the user sees.
        eventsFetched: this.prefix.count,
        ...(this.retrying ? { retrying: this.retrying } : {}),
        ...(this.rateLimitedUntil !== undefined ? { rateLimitedUntil: this.rateLimitedUntil } : {}),
      });
    } catch {
      // A failing fetch progress callback must not fail the lookup.
    }
  }
}


/** What the run learnt besides its pages, for the result. */
export function runFacts(paging: Paging, requests: PageRequests, fetchedPages: RunFacts['fetchedPages']): RunFacts {
  return {
    total: paging.total,
    notes: paging.notes,
    serverWarnings: requests.serverWarnings,
    pagesFetched: requests.fetchedCount,
    pageSize: paging.pageSize,
    rowOffsets: paging.rowOffsets,
    fetchedPages,
  };
}
