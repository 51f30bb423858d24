// What a lookup holds, apart from what its current fetch is doing: the last complete result (with when it was
// fetched) survives any number of failed, cancelled or superseded fetches after it. Each fetch also asks for the
// customer's target progress, in parallel; that part never fails the fetch, and a complete result keeps the
// target progress fetched with it. Each event list has an ID (see EventList) that the table's row stream follows.
// Pure (no vscode import), so that a model-based property test can drive it through every sequence of fetch events.
import { CapillaryApiError, isCancellation, type FetchProgress, type LookupResult, type PeriodGroup, type TargetProgress, type TrackedTargetEvent } from '../capillary';
import { composeDiffs, diffResults, isEmptyDiff, type ResultDiff } from './resultDiff';

/** The target progress fetched beside a fetch's events. */
export type TargetProgressPart =
  | { status: 'loading' }
  | { status: 'ok'; targetProgress: TargetProgress }
  | { status: 'unavailable'; error: Error };

/**
 * Events in their final order, and which list they are: a list keeps its `listId` while it only grows (a fetch's
 * pages as they settle, then its result) or is fetched again unchanged, so that a reader that saw it before under
 * that ID holds a prefix of it. Any other list gets a new ID.
 */
export interface EventList {
  listId: number;
  events: readonly TrackedTargetEvent[];
  /** `events` grouped by period. */
  groups: readonly PeriodGroup[];
}

/** A result, the time its fetch ended, and the ID of its event list. */
export interface FetchedResult {
  result: LookupResult;
  fetchedAt: Date;
  listId: number;
}

/** The events of a fetch under way settled so far, and when the latest of them arrived. */
export interface ArrivedEvents extends EventList {
  arrivedAt: Date;
}

/** What the lookup's latest fetch is doing or how it ended. */
export type FetchPhase =
  | { phase: 'idle' }
  /**
   * `arrived` holds the events of the pages settled so far, in the result's final order: a table with nothing
   * complete to show paints them while later pages are still in flight.
   */
  | { phase: 'loading'; fetchProgress?: FetchProgress; arrived?: ArrivedEvents }
  | { phase: 'done' }
  /** `partial` holds the events this fetch got before it failed, when it got any. */
  | { phase: 'failed'; error: Error; partial?: FetchedResult }
  | { phase: 'cancelled'; partial?: FetchedResult };

/** A complete result with the target progress its fetch got (still loading when the events came first). */
export interface CompleteResult extends FetchedResult {
  targetProgress: TargetProgressPart;
}

export interface LookupState {
  fetch: FetchPhase;
  /** The target progress of the latest fetch. */
  targetProgress: TargetProgressPart;
  lastComplete?: CompleteResult;
  /**
   * The complete fetches of the last HISTORY_MILLIS (at least the last two), oldest first, each with other events
   * than the one before (a fetch that changed nothing takes its predecessor's place); the last one is
   * `lastComplete`'s. Each keeps what changed, not its events: the held memory stays that of one result.
   */
  history?: readonly HistoryEntry[];
  /**
   * What changed since the complete result the user last saw: changes that come before the table showing them was
   * seen add up; once seen, the next change replaces them.
   */
  changes?: ResultChanges;
}

/** A kept fetch: when it ended, its event count, and what changed since the kept fetch before it (none for the oldest). */
export interface HistoryEntry {
  fetchedAt: Date;
  eventCount: number;
  delta?: ResultDiff;
}

/** How the last complete result differs from the one fetched at `since`. */
export interface ResultChanges {
  diff: ResultDiff;
  since: Date;
  /** A table showing the lookup was visible after these changes were marked in it. */
  seen?: boolean;
}

/** How long the fetches kept for "Compare with an earlier fetch" go back. */
export const HISTORY_MILLIS = 60 * 60 * 1000;

/** The events to show for a lookup, whether they are the complete set, and the target progress to set them against. */
export interface ShownResult extends FetchedResult {
  complete: boolean;
  targetProgress: TargetProgressPart;
}

const idleState: LookupState = { fetch: { phase: 'idle' }, targetProgress: { status: 'loading' } };

/**
 * The last complete result when there is one (never replaced by a partial one), with the target progress fetched
 * beside it; else the current fetch's partial events with the current fetch's target progress.
 */
export function shownResult(state: LookupState): ShownResult | undefined {
  if (state.lastComplete) return { ...state.lastComplete, complete: true };
  const fetch = state.fetch;
  if ((fetch.phase === 'failed' || fetch.phase === 'cancelled') && fetch.partial) {
    return { ...fetch.partial, complete: false, targetProgress: state.targetProgress };
  }
  return undefined;
}

/** The event list a table shows: the shown result's, else the events of the fetch under way that have arrived. */
export function shownEvents(state: LookupState): EventList | undefined {
  const shown = shownResult(state);
  if (shown) return { listId: shown.listId, events: shown.result.events, groups: shown.result.groups };
  return state.fetch.phase === 'loading' ? state.fetch.arrived : undefined;
}

/** A fetch's handle on the store: once another fetch of the same lookup begins, its reports are ignored. */
export interface FetchTicket {
  readonly key: string;
  readonly id: number;
}

/**
 * Every lookup's state by key. A fetch begins, reports its fetch progress, and ends with a result or an error;
 * only the latest fetch of a lookup changes its state.
 */
export class LookupStore {
  private readonly states = new Map<string, LookupState>();
  private readonly currentTickets = new Map<string, number>();
  /** The latest fetch of each lookup, ended or not: its target progress may arrive after its events. */
  private readonly latestTickets = new Map<string, number>();
  /** The fetch whose events are the lookup's last complete result. */
  private readonly completeTickets = new Map<string, number>();
  private nextTicket = 1;
  private nextListId = 1;

  constructor(private readonly onChange: (key: string) => void) {}

  state(key: string): LookupState {
    return this.states.get(key) ?? idleState;
  }

  begin(key: string): FetchTicket {
    const ticket = { key, id: this.nextTicket++ };
    this.currentTickets.set(key, ticket.id);
    this.latestTickets.set(key, ticket.id);
    this.states.set(key, { ...this.state(key), targetProgress: { status: 'loading' } });
    this.update(ticket, { phase: 'loading' });
    return ticket;
  }

  isCurrent(ticket: FetchTicket): boolean {
    return this.currentTickets.get(ticket.key) === ticket.id;
  }

  reportFetchProgress(ticket: FetchTicket, fetchProgress: FetchProgress): void {
    const fetch = this.state(ticket.key).fetch;
    this.update(ticket, { phase: 'loading', fetchProgress, arrived: fetch.phase === 'loading' ? fetch.arrived : undefined });
  }

  /**
   * More of the fetch's events, settled in their final order (appended to those that arrived before), and the
   * groups of all the fetch's events so far.
   */
  arrive(ticket: FetchTicket, events: readonly TrackedTargetEvent[], groups: readonly PeriodGroup[], arrivedAt: Date): void {
    const fetch = this.state(ticket.key).fetch;
    if (!this.isCurrent(ticket) || fetch.phase !== 'loading' || events.length === 0) return;
    const arrived = fetch.arrived
      ? { listId: fetch.arrived.listId, events: fetch.arrived.events.concat(events), groups, arrivedAt }
      : { listId: this.nextListId++, events, groups, arrivedAt };
    this.update(ticket, { ...fetch, arrived });
  }

  /** Ends the fetch with its result. */
  complete(ticket: FetchTicket, result: LookupResult, fetchedAt: Date): void {
    if (!this.isCurrent(ticket)) return;
    const previous = this.state(ticket.key);
    const latest = previous.lastComplete;
    const diff = latest ? diffResults(latest.result, result) : undefined;
    // Fetched again unchanged (same fields, same order): the same list as before; else the arrived pages grew into it, or a new one.
    const unchanged = latest && diff && isEmptyDiff(diff) && result.events.length === latest.result.events.length && beginsWith(result.events, latest.result.events);
    const listId = unchanged ? latest.listId : this.listIdAfterArrivals(previous.fetch, result.events);
    this.completeTickets.set(ticket.key, ticket.id);
    this.update(ticket, { phase: 'done' }, { result, fetchedAt, listId, targetProgress: previous.targetProgress }, diff);
  }

  /** The fetch's target progress arrived or failed; a complete result of the same fetch takes it too. */
  settleTargetProgress(ticket: FetchTicket, part: Exclude<TargetProgressPart, { status: 'loading' }>): void {
    if (this.latestTickets.get(ticket.key) !== ticket.id) return;
    const state = this.state(ticket.key);
    const lastComplete =
      state.lastComplete && this.completeTickets.get(ticket.key) === ticket.id ? { ...state.lastComplete, targetProgress: part } : state.lastComplete;
    this.states.set(ticket.key, { ...state, targetProgress: part, lastComplete });
    this.onChange(ticket.key);
  }

  /** Ends the fetch with an error; a cancellation is not a failure. Events it carries are kept as the fetch's partial result. */
  fail(ticket: FetchTicket, error: Error, endedAt: Date): void {
    if (!this.isCurrent(ticket)) return;
    const events = error instanceof CapillaryApiError ? error.partial : undefined;
    const fetch = this.state(ticket.key).fetch;
    const partial =
      events && events.events.length > 0 ? { result: events, fetchedAt: endedAt, listId: this.listIdAfterArrivals(fetch, events.events) } : undefined;
    this.update(ticket, isCancellation(error) ? { phase: 'cancelled', partial } : { phase: 'failed', error, partial });
  }

  /** A table showing the lookup was visible with its changes marked: the next change replaces them. */
  markChangesSeen(key: string): void {
    const state = this.states.get(key);
    if (!state?.changes || state.changes.seen) return;
    this.states.set(key, { ...state, changes: { ...state.changes, seen: true } });
  }

  forget(key: string): void {
    this.currentTickets.delete(key);
    this.latestTickets.delete(key);
    this.completeTickets.delete(key);
    if (this.states.delete(key)) this.onChange(key);
  }

  /** The list ID of a fetch's final events: its arrived list's when they begin with it (by eventLogId), else a new one. */
  private listIdAfterArrivals(fetch: FetchPhase, events: readonly TrackedTargetEvent[]): number {
    const arrived = fetch.phase === 'loading' ? fetch.arrived : undefined;
    return arrived && beginsWith(events, arrived.events) ? arrived.listId : this.nextListId++;
  }

  private update(ticket: FetchTicket, fetch: FetchPhase, fetched?: CompleteResult, diff?: ResultDiff): void {
    if (!this.isCurrent(ticket)) return;
    const previous = this.state(ticket.key);
    const recorded = fetched ? withCompleteResult(previous, fetched, diff) : { lastComplete: previous.lastComplete };
    this.states.set(ticket.key, { ...previous, ...recorded, fetch });
    if (fetch.phase !== 'loading') this.currentTickets.delete(ticket.key);
    this.onChange(ticket.key);
  }
}

/** Whether `events` begin with the events of `prefix`, eventLogId by eventLogId. */
function beginsWith(events: readonly TrackedTargetEvent[], prefix: readonly TrackedTargetEvent[]): boolean {
  if (events.length < prefix.length) return false;
  for (let index = 0; index < prefix.length; index++) if (events[index].eventLogId !== prefix[index].eventLogId) return false;
  return true;
}

/**
 * The last complete result, history and changes once `fetched` is the latest complete result (`diff` from the one
 * before). A result that changed nothing takes its predecessor's place in the history and keeps the latest changes.
 */
function withCompleteResult(previous: LookupState, fetched: CompleteResult, diff: ResultDiff | undefined): Pick<LookupState, 'lastComplete' | 'history' | 'changes'> {
  const latest = previous.lastComplete;
  const history = previous.history ?? [];
  const entry: HistoryEntry = { fetchedAt: fetched.fetchedAt, eventCount: fetched.result.events.length };
  if (!latest || !diff || history.length === 0) return { lastComplete: fetched, history: [entry] };
  if (isEmptyDiff(diff)) return { lastComplete: fetched, history: [...history.slice(0, -1), { ...history[history.length - 1], ...entry }], changes: previous.changes };
  const unseen = previous.changes && !previous.changes.seen ? previous.changes : undefined;
  const changed = unseen ? composeDiffs(unseen.diff, diff) : diff;
  return {
    lastComplete: fetched,
    history: recentHistory([...history, { ...entry, delta: diff }], fetched.fetchedAt),
    changes: isEmptyDiff(changed) ? undefined : { diff: changed, since: unseen?.since ?? latest.fetchedAt },
  };
}

/** The entries of the last HISTORY_MILLIS before `now`, at least the last two; the oldest kept needs no change. */
function recentHistory(history: readonly HistoryEntry[], now: Date): HistoryEntry[] {
  const first = Math.min(history.length - 2, history.findIndex((entry) => now.getTime() - entry.fetchedAt.getTime() <= HISTORY_MILLIS));
  const kept = history.slice(first < 0 ? Math.max(0, history.length - 2) : first);
  return [{ fetchedAt: kept[0].fetchedAt, eventCount: kept[0].eventCount }, ...kept.slice(1)];
}

/** What changed from the kept fetch `older` to the kept fetch `newer` (indices into the history, older first). */
export function changesBetween(history: readonly HistoryEntry[], older: number, newer: number): ResultDiff {
  let diff: ResultDiff = { added: [], removed: [], changed: [] };
  for (let index = older + 1; index <= newer; index++) {
    const delta = history[index]?.delta;
    if (delta) diff = composeDiffs(diff, delta);
  }
  return diff;
}

/** Same pages, same text: a refetch that brought nothing new gives new strings with the same text. */
export function samePages(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((page, index) => page === b[index]);
}
