// Model test of the row stream, end to end without a webview: the lookup store driven through random fetches,
// arrivals, refetches (with the same or other events), failures with partial events, resets and webview reloads;
// the extension's RowStream posting after every change, and the webview's receiveRows taking the messages in
// whenever they are delivered (asking for a resend on a gap). Once every message is delivered, the webview holds
// exactly the extension's event list, no row dropped, none doubled, under the same periods with the same summaries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CapillaryApiError, type LookupResult, type TrackedTargetEvent } from '../../src/capillary';
import { LookupStore, shownEvents, type FetchTicket } from '../../src/lookup/lookupState';
import type { RowsHeld, RowsUpdate, TableInfo } from '../../src/shared/messages';
import { groupByPeriod, PeriodGrouper } from '../../src/shared/grouping';
import type { PeriodGroup } from '../../src/shared/domain';
import { RowStream } from '../../src/table/rowStream';
import { RowGroups } from '../../webview/app/rowGroups';
import { receiveRows } from '../../webview/app/rowStream';
import { testEvent } from './api-support';

const KEY = 'profile|564332013|1986|*';

type Step =
  | { kind: 'run' }
  | { kind: 'arrive'; count: number }
  | { kind: 'complete'; extra: number; variant: number }
  | { kind: 'fail'; partial: number; cancelled: boolean }
  | { kind: 'remove' }
  | { kind: 'deliver'; count: number }
  | { kind: 'reload' };

/**
 * The events of a fetch: `variant` changes every eventLogId, so that another variant is another list. Periods run
 * in stretches and come back (a later page adds to an earlier period), with values and dates that vary.
 */
function events(variant: number, count: number): TrackedTargetEvent[] {
  return Array.from({ length: count }, (_, index) =>
    testEvent({
      eventLogId: `${variant}-${index}`,
      uniqueId: `u${index}`,
      periodId: String(Math.floor(index / 7) % 3),
      targetValue: `${index % 5}.${index % 3}5`,
      eventDate: `2025-01-${String(1 + (index % 28)).padStart(2, '0')} 12:00:00.0`,
    }),
  );
}

function result(list: TrackedTargetEvent[]): LookupResult {
  return { events: list, groups: groupByPeriod(list), pagesFetched: 1, warnings: [], rawPages: [] };
}

/** What is said of the rows: changes whenever anything shown changes, like the panel's. */
function info(count: number, complete: boolean, at: number): TableInfo {
  const lookup = { userId: '564332013', targetRuleId: '1986', profileName: 'p', host: 'h' };
  return { lookup, eventCount: count, pagesFetched: 1, warnings: [], fetchedAt: new Date(at).toISOString(), complete };
}

class World {
  readonly store = new LookupStore(() => this.post());
  readonly stream = new RowStream();
  /** Messages posted to the webview and not delivered yet, in order. */
  readonly inFlight: RowsUpdate[] = [];
  ticket?: FetchTicket;
  /** The fetch under way's events: the final list it will complete with, and how many have arrived (grouped as they arrive). */
  fetchVariant = 0;
  arrived = 0;
  arrivedGroups = new PeriodGrouper();
  lastCompleteVariant?: number;
  clock = 0;
  /** The webview: what it holds and its rows. */
  held?: RowsHeld;
  rows: TrackedTargetEvent[] = [];
  rowGroups = new RowGroups();
  /** Rows posted with the result of a refetch that brought the same events. */
  rowsPostedBySameRefetch = 0;

  post(): void {
    const list = shownEvents(this.store.state(KEY));
    const state = this.store.state(KEY);
    const complete = state.lastComplete !== undefined;
    const at = state.lastComplete?.fetchedAt.getTime() ?? this.clock;
    const summary = `${list?.events.length} ${complete} ${at}`;
    this.inFlight.push(this.stream.next(list && { ...list, info: () => info(list.events.length, complete, at), infoSummary: summary }));
  }

  /** Delivers `count` messages, or all of them (resends posted meanwhile too) with Infinity. */
  deliver(count: number): void {
    for (let delivered = 0; delivered < count && this.inFlight.length > 0; delivered++) {
      const update = this.inFlight.shift()!;
      if (update.kind === 'rows') {
        const periodIds = [...new Set(update.events.map((event) => event.periodId))].sort();
        assert.deepEqual(update.periods.map((period) => period.periodId).sort(), periodIds, 'the rows come with the summaries of their periods, and no other');
      }
      const received = receiveRows(this.held, update);
      switch (received.kind) {
        case 'reset':
          this.held = received.held;
          this.rows = [...received.events];
          this.rowGroups = new RowGroups().add(received.events, received.periods);
          break;
        case 'appended':
          this.held = received.held;
          this.rows.push(...received.events);
          this.rowGroups.add(received.events, received.periods);
          break;
        case 'gap':
          if (this.held) this.stream.resendAfter(this.held);
          else this.stream.restart();
          this.post();
          break;
        case 'unchanged':
          break;
      }
    }
  }

  step(step: Step): void {
    this.clock += 1000;
    switch (step.kind) {
      case 'run':
        this.ticket = this.store.begin(KEY);
        this.fetchVariant = Math.floor(this.clock / 1000);
        this.arrived = 0;
        this.arrivedGroups = new PeriodGrouper();
        return;
      case 'arrive': {
        if (!this.ticket || !this.store.isCurrent(this.ticket)) return;
        const arriving = events(this.fetchVariant, this.arrived + step.count).slice(this.arrived);
        this.store.arrive(this.ticket, arriving, this.arrivedGroups.add(arriving).groups, new Date(this.clock));
        this.arrived += step.count;
        return;
      }
      case 'complete': {
        if (!this.ticket || !this.store.isCurrent(this.ticket)) return;
        // variant 0: the rest of the arrived list; 1: the same events as the last complete result; 2: other events.
        const same = step.variant === 1 && this.lastCompleteVariant !== undefined;
        const variant = same ? this.lastCompleteVariant! : step.variant === 2 ? -this.fetchVariant : this.fetchVariant;
        const count = same ? this.store.state(KEY).lastComplete!.result.events.length : this.arrived + step.extra;
        const posted = this.stream.rowsPosted;
        this.store.complete(this.ticket, result(events(variant, count)), new Date(this.clock));
        if (same) this.rowsPostedBySameRefetch += this.stream.rowsPosted - posted;
        this.lastCompleteVariant = variant;
        return;
      }
      case 'fail': {
        if (!this.ticket || !this.store.isCurrent(this.ticket)) return;
        const partial = step.partial > 0 ? result(events(this.fetchVariant, step.partial)) : undefined;
        const kind = step.cancelled ? 'cancelled' : 'http';
        this.store.fail(this.ticket, new CapillaryApiError({ kind, message: 'stopped', hint: '', partial }), new Date(this.clock));
        return;
      }
      case 'remove':
        this.store.forget(KEY);
        this.ticket = undefined;
        this.lastCompleteVariant = undefined;
        return;
      case 'deliver':
        this.deliver(step.count);
        return;
      case 'reload':
        // The webview loads again: it holds nothing and says ready; what was in flight to the old one is lost.
        this.inFlight.length = 0;
        this.held = undefined;
        this.rows = [];
        this.rowGroups = new RowGroups();
        this.stream.restart();
        this.post();
        return;
    }
  }
}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'run' }),
  fc.integer({ min: 1, max: 30 }).map<Step>((count) => ({ kind: 'arrive', count })),
  fc.record({ extra: fc.integer({ min: 0, max: 30 }), variant: fc.integer({ min: 0, max: 2 }) }).map<Step>((fields) => ({ kind: 'complete', ...fields })),
  fc.record({ partial: fc.integer({ min: 0, max: 40 }), cancelled: fc.boolean() }).map<Step>((fields) => ({ kind: 'fail', ...fields })),
  fc.constant<Step>({ kind: 'remove' }),
  fc.integer({ min: 1, max: 5 }).map<Step>((count) => ({ kind: 'deliver', count })),
  fc.constant<Step>({ kind: 'reload' }),
);

const ids = (list: readonly TrackedTargetEvent[]) => list.map((event) => event.eventLogId);

/** Groups as the table reads them: every summary field, and the events' IDs. */
const groupsRead = (groups: readonly PeriodGroup[]) => groups.map(({ events: members, ...summary }) => ({ ...summary, ids: ids(members) }));

/** The webview holds the extension's list, under the periods the shared rule gives it. */
function assertHoldsShownList(world: World): void {
  const shown = shownEvents(world.store.state(KEY))?.events ?? [];
  assert.deepEqual(ids(world.rows), ids(shown));
  if (shown.length > 0) assert.deepEqual(groupsRead(world.rowGroups.groups), groupsRead(groupByPeriod(shown)));
}

describe('row stream (model-based)', () => {
  it('the webview ends with exactly the extension\u2019s event list, and a refetch of the same events posts no row', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const world = new World();
        world.post();
        for (const next of steps) {
          world.step(next);
          // Whenever every message is delivered, the webview holds the list the extension shows.
          if (world.inFlight.length === 0) assertHoldsShownList(world);
        }
        world.deliver(Infinity);
        assertHoldsShownList(world);
        assert.deepEqual(world.held, world.stream.held, 'the webview holds what the extension sent');
        assert.equal(world.rowsPostedBySameRefetch, 0);
      }),
      { numRuns: 500 },
    );
  });

  it('a gap (a message lost) is filled by a resend from what the webview holds', () => {
    const world = new World();
    world.post();
    world.step({ kind: 'run' });
    world.step({ kind: 'arrive', count: 10 });
    world.deliver(Infinity);
    world.step({ kind: 'arrive', count: 10 });
    world.inFlight.length = 0;
    world.step({ kind: 'arrive', count: 5 });
    world.deliver(Infinity);
    assert.deepEqual(ids(world.rows), ids(events(world.fetchVariant, 25)));
    assert.deepEqual(groupsRead(world.rowGroups.groups), groupsRead(groupByPeriod(events(world.fetchVariant, 25))));
  });

  it('rows whose period came without its summary are summarised by the shared rule', () => {
    const list = events(1, 30);
    const rowGroups = new RowGroups().add(list.slice(0, 12), []).add(list.slice(12), groupByPeriod(list).slice(0, 1));
    assert.deepEqual(groupsRead(rowGroups.groups), groupsRead(groupByPeriod(list)));
  });
});
