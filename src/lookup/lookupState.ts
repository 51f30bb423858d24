// What a lookup holds, apart from what its current fetch is doing: the last complete result (with when it was
// fetched) survives any number of failed, cancelled or superseded fetches after it. Each fetch also asks for the
// customer's target progress, in parallel; that part never fails the fetch, and a complete result keeps the
// progress fetched with it. Pure (no vscode import), so that a model-based property test can drive it through
// every sequence of fetch events.
import { CapillaryApiError, isCancellation, type FetchProgress, type LookupResult, type TargetProgress, type TrackedTargetEvent } from '../capillary';
import { diffResults, isEmptyDiff, type ResultDiff } from './resultDiff';

/** The target progress fetched beside a fetch's events. */
export type ProgressPart =
  | { status: 'loading' }
  | { status: 'ok'; progress: TargetProgress }
  | { status: 'unavailable'; error: Error };

/** A result and the time its fetch ended. */
export interface FetchedResult {
  result: LookupResult;
  fetchedAt: Date;
}

/** What the lookup's latest fetch is doing or how it ended. */
export type FetchPhase =
  | { phase: 'idle' }
  /**
   * `arrived` holds the events of the pages settled so far, in the result's final order: a table with nothing
   * complete to show paints them while later pages are still in flight.
   */
  | { phase: 'loading'; progress?: FetchProgress; arrived?: readonly TrackedTargetEvent[] }
  | { phase: 'done' }
  /** `partial` holds the events this fetch got before it failed, when it got any. */
  | { phase: 'failed'; error: Error; partial?: FetchedResult }
  | { phase: 'cancelled'; partial?: FetchedResult };

/** A complete result with the target progress its fetch got (still loading when the events came first). */
export interface CompleteResult extends FetchedResult {
  progress: ProgressPart;
}

export interface LookupState {
  fetch: FetchPhase;
  /** The target progress of the latest fetch. */
  progress: ProgressPart;
  lastComplete?: CompleteResult;
  /**
   * The last complete results, oldest first, at most HISTORY_LENGTH, each with other events than the one before
   * (a fetch that changed nothing takes its predecessor's place); the last one is `lastComplete`.
   */
  history?: readonly FetchedResult[];
  /** The latest change between two complete results; it stays until a later fetch changes something again. */
  changes?: ResultChanges;
}

/** How a complete result differs from the complete result before it. */
export interface ResultChanges {
  diff: ResultDiff;
  since: FetchedResult;
}

/** Complete results kept per lookup for "Compare with an earlier fetch". */
export const HISTORY_LENGTH = 5;

/** The events to show for a lookup, whether they are the complete set, and the target progress to set them against. */
export interface ShownResult extends FetchedResult {
  complete: boolean;
  progress: ProgressPart;
}

const idleState: LookupState = { fetch: { phase: 'idle' }, progress: { status: 'loading' } };

/**
 * The last complete result when there is one (never replaced by a partial one), with the progress fetched beside
 * it; else the current fetch's partial events with the current fetch's progress.
 */
export function shownResult(state: LookupState): ShownResult | undefined {
  if (state.lastComplete) return { ...state.lastComplete, complete: true };
  const fetch = state.fetch;
  if ((fetch.phase === 'failed' || fetch.phase === 'cancelled') && fetch.partial) {
    return { ...fetch.partial, complete: false, progress: state.progress };
  }
  return undefined;
}

/** A fetch's handle on the store: once another fetch of the same lookup begins, its reports are ignored. */
export interface FetchTicket {
  readonly key: string;
  readonly id: number;
}

/**
 * Every lookup's state by key. A fetch begins, reports progress, and ends with a result or an error; only the
 * latest fetch of a lookup changes its state.
 */
export class LookupStore {
  private readonly states = new Map<string, LookupState>();
  private readonly currentTickets = new Map<string, number>();
  /** The latest fetch of each lookup, ended or not: its progress may arrive after its events. */
  private readonly latestTickets = new Map<string, number>();
  /** The fetch whose events are the lookup's last complete result. */
  private readonly completeTickets = new Map<string, number>();
  private nextTicket = 1;

  constructor(private readonly onChange: (key: string) => void) {}

  state(key: string): LookupState {
    return this.states.get(key) ?? idleState;
  }

  begin(key: string): FetchTicket {
    const ticket = { key, id: this.nextTicket++ };
    this.currentTickets.set(key, ticket.id);
    this.latestTickets.set(key, ticket.id);
    this.states.set(key, { ...this.state(key), progress: { status: 'loading' } });
    this.update(ticket, { phase: 'loading' });
    return ticket;
  }

  isCurrent(ticket: FetchTicket): boolean {
    return this.currentTickets.get(ticket.key) === ticket.id;
  }

  progress(ticket: FetchTicket, progress: FetchProgress): void {
    const fetch = this.state(ticket.key).fetch;
    this.update(ticket, { phase: 'loading', progress, arrived: fetch.phase === 'loading' ? fetch.arrived : undefined });
  }

  /** More of the fetch's events, settled in their final order (appended to those that arrived before). */
  arrive(ticket: FetchTicket, events: readonly TrackedTargetEvent[]): void {
    const fetch = this.state(ticket.key).fetch;
    if (fetch.phase !== 'loading' || events.length === 0) return;
    this.update(ticket, { ...fetch, arrived: fetch.arrived ? fetch.arrived.concat(events) : events });
  }

  /**
   * Ends the fetch with its result; returns the result as held (with the arrays of the one before when the events are
   * the same), or the given one when another fetch has superseded this one.
   */
  complete(ticket: FetchTicket, result: LookupResult, fetchedAt: Date): LookupResult {
    if (!this.isCurrent(ticket)) return result;
    this.completeTickets.set(ticket.key, ticket.id);
    this.update(ticket, { phase: 'done' }, { result, fetchedAt, progress: this.state(ticket.key).progress });
    return this.state(ticket.key).lastComplete?.result ?? result;
  }

  /** The fetch's target progress arrived or failed; a complete result of the same fetch takes it too. */
  settleProgress(ticket: FetchTicket, part: Exclude<ProgressPart, { status: 'loading' }>): void {
    if (this.latestTickets.get(ticket.key) !== ticket.id) return;
    const state = this.state(ticket.key);
    const lastComplete =
      state.lastComplete && this.completeTickets.get(ticket.key) === ticket.id ? { ...state.lastComplete, progress: part } : state.lastComplete;
    this.states.set(ticket.key, { ...state, progress: part, lastComplete });
    this.onChange(ticket.key);
  }

  /** Ends the fetch with an error; a cancellation is not a failure. Events it carries are kept as the fetch's partial result. */
  fail(ticket: FetchTicket, error: Error, endedAt: Date): void {
    const events = error instanceof CapillaryApiError ? error.partial : undefined;
    const partial = events && events.events.length > 0 ? { result: events, fetchedAt: endedAt } : undefined;
    this.update(ticket, isCancellation(error) ? { phase: 'cancelled', partial } : { phase: 'failed', error, partial });
  }

  forget(key: string): void {
    this.currentTickets.delete(key);
    this.latestTickets.delete(key);
    this.completeTickets.delete(key);
    if (this.states.delete(key)) this.onChange(key);
  }

  private update(ticket: FetchTicket, fetch: FetchPhase, lastComplete?: CompleteResult): void {
    if (!this.isCurrent(ticket)) return;
    const previous = this.state(ticket.key);
    const recorded = lastComplete ? withCompleteResult(previous, lastComplete) : { lastComplete: previous.lastComplete };
    this.states.set(ticket.key, { ...previous, ...recorded, fetch });
    if (fetch.phase !== 'loading') this.currentTickets.delete(ticket.key);
    this.onChange(ticket.key);
  }
}

/**
 * The last complete result, history and changes once `fetched` is the latest complete result. A result with the
 * same events as the one before keeps that one's events and groups (the same arrays), and its pages when their text
 * is the same: the table sees at once that no row changed, and the lookup holds one copy of them.
 */
function withCompleteResult(previous: LookupState, fetched: CompleteResult): Pick<LookupState, 'lastComplete' | 'history' | 'changes'> {
  const latest = previous.lastComplete;
  const history = previous.history ?? [];
  if (!latest) return { lastComplete: fetched, history: [fetched] };
  const diff = diffResults(latest.result, fetched.result);
  if (isEmptyDiff(diff)) {
    const { result } = fetched;
    // The kept events' strings are slices of the earlier pages: pages with the same text are kept too, not held twice.
    const rawPages = samePages(latest.result.rawPages, result.rawPages) ? latest.result.rawPages : result.rawPages;
    const same = { ...fetched, result: { ...result, events: latest.result.events, groups: latest.result.groups, rawPages } };
    return { lastComplete: same, history: [...history.slice(0, -1), same], changes: previous.changes };
  }
  return { lastComplete: fetched, history: [...history, fetched].slice(-HISTORY_LENGTH), changes: { diff, since: latest } };
}

/** Same pages, same text: a refetch that brought nothing new gives new strings with the same text. */
export function samePages(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((page, index) => page === b[index]);
}
