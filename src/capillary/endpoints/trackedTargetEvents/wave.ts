// One wave of pages fetched concurrently, for the first fetch of a lookup (paging.ts) and for a refresh from its
// last page (refresh.ts).
import { stopWith, type Fetched } from './assembly';
import type { PageRequests, Paging } from './pageRequests';
import type { EventsPage, TrackedTargetEvent } from '../../types';

/** What a phase that fetches returns: the pages, also when it failed part way (they make the partial result). */
export interface Outcome {
  fetched: Fetched;
  failure?: { error: unknown };
}

/** A wave's outcome; `rowOffsets` when its page 1 showed that the server reads `offset` as rows. */
export interface WaveOutcome extends Outcome {
  rowOffsets?: true;
}

/** Page 1 asked for with offset 1 starts with page 0's second event: the server reads `offset` as rows. */
function readsRowOffsets(pageSize: number, firstEvents: TrackedTargetEvent[], probeEvents: TrackedTargetEvent[]): boolean {
  return pageSize > 1 && probeEvents[0] !== undefined && probeEvents[0].eventLogId === firstEvents[1]?.eventLogId;
}

/**
 * Fetches pages [from, end) with `concurrency` workers; no new page starts past the first short one, and the
 * first failure stops the other requests at once. Resolves once nothing is in flight. With `probe` (page 0's
 * events), `from` is page 1, which tells how the server reads `offset`: until it came, no page past the first
 * round starts and none is recorded; if it shows row offsets, every page of the wave is discarded.
 */
export async function wave(
  requests: PageRequests,
  paging: Paging,
  fetched: Fetched,
  from: number,
  end: number,
  concurrency: number,
  probe?: TrackedTargetEvent[],
): Promise<WaveOutcome> {
  // This wave's copy of the pages, filled as they arrive.
  const pages = new Map(fetched.pages);
  let stopAt = fetched.stopAt;
  let failure: Outcome['failure'];
  let rowOffsets = false;
  let next = from;
  const workerCount = Math.max(1, Math.min(concurrency, end - from));
  // Pages that came before page 1 told the offset reading; undefined once it did (or without a probe).
  let unsettled: Map<number, EventsPage> | undefined = probe ? new Map() : undefined;
  let settleOffsetReading = (): void => {};
  const offsetReadingSettled = new Promise<void>((resolve) => (settleOffsetReading = resolve));
  const keep = (index: number, page: EventsPage): void => {
    pages.set(index, page);
    requests.settle(index, page);
    stopAt = stopWith(stopAt, index, page.events, paging.pageSize);
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      if (unsettled && next >= from + workerCount) await offsetReadingSettled;
      if (failure !== undefined || rowOffsets || next >= end || next >= stopAt) return;
      const index = next++;
      let page: EventsPage;
      try {
        page = await requests.page(index, paging);
      } catch (error) {
        if (failure === undefined && !rowOffsets) {
          failure = { error };
          requests.abort();
        }
        settleOffsetReading();
        return;
      }
      if (rowOffsets) return;
      if (!unsettled) {
        keep(index, page);
      } else if (index !== from) {
        unsettled.set(index, page);
      } else {
        rowOffsets = readsRowOffsets(paging.pageSize, probe ?? [], page.events);
        if (!rowOffsets) {
          keep(index, page);
          for (const [earlier, earlierPage] of unsettled) keep(earlier, earlierPage);
        }
        unsettled = undefined;
        settleOffsetReading();
      }
    }
  };
  // Workers catch their own failures, so this never rejects.
  await Promise.all(Array.from({ length: workerCount }, worker));
  if (failure) return { fetched: { pages, stopAt }, failure };
  return rowOffsets ? { fetched, rowOffsets: true } : { fetched: { pages, stopAt } };
}

