// The events of a lookup passed on while its pages arrive (`FetchOptions.onEvents`): the settled pages from page 0
// on, without gaps, de-duplicated by eventLogId exactly as `assemble` does, so that what was passed on is always a
// prefix of the final event list and never has to be taken back.
import type { FetchOptions, TrackedTargetEvent } from './types';

export class EventPrefix {
  /** Settled pages not passed on yet: an earlier page is missing, or the page only repeats earlier events. */
  private readonly waiting = new Map<number, TrackedTargetEvent[]>();
  private readonly seenIds = new Set<string>();
  /** The first page not passed on yet. */
  private next = 0;

  constructor(private readonly onEvents: FetchOptions['onEvents']) {}

  /**
   * Page `index` is settled: fetched with the right offset reading and recorded for the result. Passes on its
   * events and those of the settled pages after it, unless a page before it is still missing.
   */
  settle(index: number, events: TrackedTargetEvent[]): void {
    if (!this.onEvents || index < this.next) return;
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
    try {
      this.onEvents(added);
    } catch {
      // A failing callback must not fail the lookup.
    }
  }
}
