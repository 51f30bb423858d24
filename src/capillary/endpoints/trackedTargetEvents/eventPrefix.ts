// The events of a lookup as its pages settle: the settled pages from page 0 on, without gaps, de-duplicated by
// eventLogId exactly as `assemble` does, so that they are always a prefix of the final event list. They are passed
// on (`FetchOptions.onEvents`) and grouped by period while later pages are in flight, so that a complete lookup's
// groups are ready when its last page comes.
import { PeriodGrouper } from '../../../shared/grouping';
import type { FetchOptions, PeriodGroup, TrackedTargetEvent } from '../../types';

export class EventPrefix {
  /** Settled pages not passed on yet: an earlier page is missing, or the page only repeats earlier events. */
  private readonly waiting = new Map<number, TrackedTargetEvent[]>();
  private readonly seenIds = new Set<string>();
  private readonly grouper = new PeriodGrouper();
  /** The first page not passed on yet. */
  private next = 0;

  constructor(private readonly onEvents: FetchOptions['onEvents']) {}

  /**
   * Page `index` is settled: fetched with the right offset reading and recorded for the result. Passes on its
   * events and those of the settled pages after it, unless a page before it is still missing.
   */
  settle(index: number, events: TrackedTargetEvent[]): void {
    if (index < this.next) return;
    this.waiting.set(index, events);
    const added: TrackedTargetEvent[] = [];
    for (let page = this.waiting.get(this.next); page !== undefined; page = this.waiting.get(this.next)) {
      const fresh = page.filter((event) => !this.seenIds.has(event.eventLogId));
      // A page that only repeats earlier ones is refetched; its events (or the error) decide what comes next.
      if (this.next > 0 && page.length > 0 && fresh.length === 0) break;
      for (const event of fresh) {
        // `fresh` may hold an ID twice (a page repeating its own event): the first one counts, as in `assemble`.
        if (this.seenIds.has(event.eventLogId)) continue;
        this.seenIds.add(event.eventLogId);
        added.push(event);
      }
      this.waiting.delete(this.next);
      this.next++;
    }
    if (added.length === 0) return;
    this.grouper.add(added);
    try {
      this.onEvents?.(added, this.grouper.groups);
    } catch {
      // A failing callback must not fail the lookup.
    }
  }

  /** How many events have been passed on: what the receiver holds. */
  get count(): number {
    return this.seenIds.size;
  }

  /**
   * The groups of `events` if they are the events settled so far (those are a prefix of the final list, so the
   * same length means the same list); undefined if not.
   */
  groupsOf(events: readonly TrackedTargetEvent[]): PeriodGroup[] | undefined {
    return events.length === this.seenIds.size ? this.grouper.groups : undefined;
  }
}
