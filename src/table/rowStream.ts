// The extension's side of the row stream to one table webview: which generation of rows it streams, and how many
// of that generation's rows it has sent. An event list keeps its generation while it only grows (the lookup store's
// list ID says so); any other list, or a webview that holds nothing, starts a new generation from row 0. Pure.
import type { TrackedTargetEvent } from '../capillary';
import type { PeriodSummary } from '../shared/domain';
import { periodSummary } from '../shared/grouping';
import type { RowsHeld, RowsUpdate, TableInfo } from '../shared/messages';

/**
 * The events to show, the ID of their list (see EventList in lookupState), and what is said of them: built only
 * when it is sent (its changes can list thousands of IDs), and sent again only when its summary changes.
 */
export interface RowSource {
  listId: number;
  events: readonly TrackedTargetEvent[];
  /** The periods of `events`, grouped by the shared rule (a group's own events are not read). */
  groups: readonly PeriodSummary[];
  info: () => TableInfo;
  /** Changes whenever the info does (fetch time, completeness, pages, warnings, changes). */
  infoSummary: string;
}

export class RowStream {
  private generation = 0;
  /** False until the first update after a (re)start: the webview holds nothing, not even an empty generation. */
  private started = false;
  /** The list the current generation streams; undefined for a generation without rows. */
  private listId?: number;
  private sent = 0;
  private sentInfo?: string;
  private posted = 0;

  /** What the webview holds once it took in every update so far. */
  get held(): RowsHeld {
    return { generation: this.generation, offset: this.sent };
  }

  /** Rows posted since this stream was made, over all generations (a row posted twice counts twice). */
  get rowsPosted(): number {
    return this.posted;
  }

  /** The webview holds nothing (it said ready, after loading or reloading). */
  restart(): void {
    this.started = false;
  }

  /**
   * The webview holds `held` and missed what came after it. The next update sends the rest of the generation from
   * there, or a new generation when it holds another one than the current.
   */
  resendAfter(held: RowsHeld): void {
    if (held.generation === this.generation && held.offset <= this.sent && this.started) {
      this.sent = held.offset;
      this.sentInfo = undefined;
    } else this.started = false;
  }

  /** The update that brings the webview from what it holds to `source` (undefined: no events to show). */
  next(source: RowSource | undefined): RowsUpdate {
    if (!source) {
      if (this.started && this.listId === undefined) return { kind: 'unchanged' };
      this.newGeneration(undefined);
      return { kind: 'none', generation: this.generation };
    }
    if (!this.started || source.listId !== this.listId || source.events.length < this.sent) this.newGeneration(source.listId);
    const summary = source.infoSummary;
    if (source.events.length === this.sent && summary === this.sentInfo) return { kind: 'unchanged' };
    const events = source.events.slice(this.sent);
    const offset = this.sent;
    this.sent = source.events.length;
    this.sentInfo = summary;
    this.posted += events.length;
    return { kind: 'rows', generation: this.generation, offset, events, periods: periodsOf(events, source.groups), info: source.info() };
  }

  private newGeneration(listId: number | undefined): void {
    this.generation++;
    this.started = true;
    this.listId = listId;
    this.sent = 0;
    this.sentInfo = undefined;
  }
}

/** The summaries of the periods `events` belong to, in the groups' order. */
function periodsOf(events: readonly TrackedTargetEvent[], groups: readonly PeriodSummary[]): PeriodSummary[] {
  const periodIds = new Set<string>();
  let last: string | undefined;
  for (const event of events) {
    if (event.periodId === last) continue;
    last = event.periodId;
    periodIds.add(last);
  }
  return groups.filter((group) => periodIds.has(group.periodId)).map(periodSummary);
}
