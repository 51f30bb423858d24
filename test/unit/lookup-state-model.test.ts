// Model-based property test of a lookup's state: random sequences of fetch events (run, complete, fail with or
// without events, cancel, refresh while loading, a superseded fetch reporting late, close panel, remove), checked
// after every step against a model that says which result must be held and how it must be labelled; and the
// target progress fetched beside each fetch (arriving before or after its events, or late from a superseded fetch),
// which must stay with the result it was fetched with.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CapillaryApiError, type LookupResult } from '../../src/capillary';
import { testEvent } from './api-support';
import { LookupStore, shownResult, type FetchTicket, type TargetProgressPart } from '../../src/lookup/lookupState';

const KEY = 'profile|564332013|1986|*';

function result(events: number): LookupResult {
  const list = Array.from({ length: events }, (_, index) => testEvent({ eventLogId: String(606066681 + index), uniqueId: String(880613909 + index) }));
  return { events: list, groups: [], pagesFetched: Math.ceil(events / 100), warnings: [], rawPages: [] };
}

interface Model {
  phase: 'idle' | 'loading' | 'done' | 'failed' | 'cancelled';
  lastComplete?: { result: LookupResult; fetchedAt: Date; targetProgress: TargetProgressPart };
  partial?: LookupResult;
  /** The progress of the latest fetch. */
  progress: TargetProgressPart;
  /** Whether the last complete result came from the latest fetch (so that its late progress joins it). */
  completeFromLatest: boolean;
  /** Whether a fetch was begun since the lookup was created or removed. */
  begun: boolean;
}

function settledProgress(ok: boolean): Exclude<TargetProgressPart, { status: 'loading' }> {
  return ok
    ? { status: 'ok', targetProgress: { targetGroupId: '1717', targetGroupName: 'Spend', periods: [] } }
    : { status: 'unavailable', error: new Error('targetGroups: HTTP 403') };
}

interface Real {
  store: LookupStore;
  /** The ticket of the fetch in flight, as the service would hold it. */
  current?: FetchTicket;
  /** The ticket of the latest fetch, ended or not. */
  latest?: FetchTicket;
  /** Tickets of fetches that a later run superseded. */
  stale: FetchTicket[];
  clock: number;
  changes: number;
}

function now(real: Real): Date {
  real.clock += 1000;
  return new Date(real.clock);
}

function check(model: Model, real: Real): void {
  const state = real.store.state(KEY);
  assert.equal(state.fetch.phase, model.phase);
  assert.equal(state.lastComplete?.result, model.lastComplete?.result, 'the last complete result is held');
  assert.equal(state.lastComplete?.fetchedAt.getTime(), model.lastComplete?.fetchedAt.getTime(), 'with the time it was fetched');
  assert.equal(state.targetProgress.status, model.progress.status, 'the latest fetch\u2019s progress');
  if (model.progress.status !== 'loading') assert.equal(state.targetProgress, model.progress);
  const shown = shownResult(state);
  if (model.lastComplete) {
    assert.ok(shown?.complete, 'a complete result is labelled complete');
    assert.equal(shown.result, model.lastComplete.result);
    assert.equal(shown.targetProgress.status, model.lastComplete.targetProgress.status, 'the progress fetched with the complete result');
    if (shown.targetProgress.status !== 'loading') assert.equal(shown.targetProgress, model.lastComplete.targetProgress);
  } else if (model.partial) {
    assert.equal(shown?.complete, false, 'partial events are labelled partial');
    assert.equal(shown.result, model.partial);
    assert.equal(shown.targetProgress.status, model.progress.status);
  } else {
    assert.equal(shown, undefined, 'nothing is shown when nothing was fetched');
  }
}

type Command = fc.Command<Model, Real>;

class Run implements Command {
  constructor(private readonly whileLoading: boolean) {}
  check = (model: Readonly<Model>) => (model.phase === 'loading') === this.whileLoading;
  run(model: Model, real: Real): void {
    if (real.current) real.stale.push(real.current);
    else if (real.latest) real.stale.push(real.latest);
    real.current = real.store.begin(KEY);
    real.latest = real.current;
    Object.assign(model, { phase: 'loading', partial: undefined, progress: { status: 'loading' }, completeFromLatest: false, begun: true });
    check(model, real);
  }
  toString = () => (this.whileLoading ? 'refresh while loading' : 'run');
}

class Complete implements Command {
  constructor(private readonly events: number) {}
  check = (model: Readonly<Model>) => model.phase === 'loading';
  run(model: Model, real: Real): void {
    const fetched = result(this.events);
    const at = now(real);
    real.store.complete(real.current!, fetched, at);
    real.current = undefined;
    Object.assign(model, {
      phase: 'done',
      partial: undefined,
      lastComplete: { result: fetched, fetchedAt: at, targetProgress: model.progress },
      completeFromLatest: true,
    });
    check(model, real);
  }
  toString = () => `complete(${this.events})`;
}

class Stop implements Command {
  constructor(
    private readonly cancelled: boolean,
    private readonly events: number,
  ) {}
  check = (model: Readonly<Model>) => model.phase === 'loading';
  run(model: Model, real: Real): void {
    const partial = this.events > 0 ? result(this.events) : undefined;
    const error = new CapillaryApiError({
      kind: this.cancelled ? 'cancelled' : 'http',
      message: this.cancelled ? 'The request was cancelled.' : 'Server error 503 on page 2',
      hint: 'Try again.',
      partial,
    });
    real.store.fail(real.current!, error, now(real));
    real.current = undefined;
    model.phase = this.cancelled ? 'cancelled' : 'failed';
    model.partial = partial;
    check(model, real);
  }
  toString = () => `${this.cancelled ? 'cancel' : 'fail'}(${this.events} events)`;
}

/** Closing the table mid-fetch cancels it: the same as a cancel, with whatever pages had arrived. */
class ClosePanel extends Stop {
  constructor(events: number) {
    super(true, events);
  }
  override toString = () => 'close panel';
}

/** A superseded fetch finishing or failing late must change nothing. */
class StaleReport implements Command {
  constructor(private readonly succeeds: boolean) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const ticket = real.stale.shift();
    if (!ticket) return;
    if (this.succeeds) real.store.complete(ticket, result(3), now(real));
    else real.store.fail(ticket, new Error('late failure'), now(real));
    check(model, real);
  }
  toString = () => `stale ${this.succeeds ? 'completion' : 'failure'}`;
}

/** The latest fetch's target progress arrives or fails, before or after its events. */
class ProgressSettles implements Command {
  constructor(private readonly ok: boolean) {}
  check = (model: Readonly<Model>) => model.begun;
  run(model: Model, real: Real): void {
    const part = settledProgress(this.ok);
    real.store.settleTargetProgress(real.latest!, part);
    model.progress = part;
    if (model.completeFromLatest && model.lastComplete) model.lastComplete = { ...model.lastComplete, targetProgress: part };
    check(model, real);
  }
  toString = () => `progress ${this.ok ? 'ok' : 'unavailable'}`;
}

/** A superseded fetch's progress arriving late must change nothing. */
class StaleProgress implements Command {
  constructor(private readonly ok: boolean) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const ticket = real.stale[0];
    if (!ticket) return;
    real.store.settleTargetProgress(ticket, settledProgress(this.ok));
    check(model, real);
  }
  toString = () => `stale progress ${this.ok ? 'ok' : 'unavailable'}`;
}

class Remove implements Command {
  check = () => true;
  run(model: Model, real: Real): void {
    real.store.forget(KEY);
    if (real.current) real.stale.push(real.current);
    else if (real.latest) real.stale.push(real.latest);
    real.current = undefined;
    real.latest = undefined;
    Object.assign(model, { phase: 'idle', partial: undefined, lastComplete: undefined, progress: { status: 'loading' }, completeFromLatest: false, begun: false });
    check(model, real);
  }
  toString = () => 'remove';
}

const events = fc.integer({ min: 0, max: 250 });
const commands = [
  fc.constant(new Run(false)),
  fc.constant(new Run(true)),
  events.map((count) => new Complete(count)),
  events.map((count) => new Stop(false, count)),
  events.map((count) => new Stop(true, count)),
  events.map((count) => new ClosePanel(count)),
  fc.boolean().map((succeeds) => new StaleReport(succeeds)),
  fc.boolean().map((ok) => new ProgressSettles(ok)),
  fc.boolean().map((ok) => new StaleProgress(ok)),
  fc.constant(new Remove()),
];

describe('lookup state (model-based)', () => {
  it('never loses the last complete result and always labels what it shows', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (sequence) => {
        const real: Real = { store: new LookupStore(() => real.changes++), stale: [], clock: Date.UTC(2026, 10, 28), changes: 0 };
        const model: Model = { phase: 'idle', progress: { status: 'loading' }, completeFromLatest: false, begun: false };
        fc.modelRun(() => ({ model, real }), sequence);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the complete result through two and three failed refreshes in a row', () => {
    for (const failures of [2, 3]) {
      const store = new LookupStore(() => undefined);
      const complete = result(10);
      store.complete(store.begin(KEY), complete, new Date(1000));
      for (let attempt = 0; attempt < failures; attempt++) {
        store.fail(store.begin(KEY), new Error('HTTP 401'), new Date(2000 + attempt));
      }
      const shown = shownResult(store.state(KEY));
      assert.equal(shown?.result, complete);
      assert.equal(shown?.complete, true);
      assert.equal(shown?.fetchedAt.getTime(), 1000);
    }
  });

  it('tells the listener about every change of the current fetch and none from a superseded one', () => {
    const changed: string[] = [];
    const store = new LookupStore((key) => changed.push(key));
    const superseded = store.begin(KEY);
    const current = store.begin(KEY);
    store.complete(superseded, result(1), new Date(1));
    store.reportFetchProgress(current, { pagesFetched: 1, eventsFetched: 100 });
    store.complete(current, result(2), new Date(2));
    assert.deepEqual(changed, [KEY, KEY, KEY, KEY]);
    assert.equal(store.state(KEY).lastComplete?.result.events.length, 2);
  });
});
