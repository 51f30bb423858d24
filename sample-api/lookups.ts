// The lookups the server answers from: each with its events' JSON written once and grouped by period, kept by
// userId and targetRuleId; lookups added by tests and the demo knob that appends events.

import { formatApiDate } from './data/dates';
import { buildSeed } from './data/seed';
import type { ExplainSeed, SampleCustomer, SampleEvent, SampleTargetGroup } from './data/types';
import { eventJson } from './json';
import { rowsFromJson, type EventRows } from './eventRows';
import { DECIMAL, DIGITS, isLong } from './numbers';

export interface PreparedPeriod {
  periodId: string;
  targetGroupId: string;
  events: SampleEvent[];
  /** Positions of this period's events in the lookup. */
  indices: number[];
  /** Built on the first request filtered by this period. */
  rows?: EventRows;
}

/** A lookup with every event's JSON written once, so that a page is a subarray of one buffer. */
export interface PreparedLookup {
  userId: string;
  targetRuleId: string;
  events: readonly SampleEvent[];
  /** `YYYY-MM-DD HH:MM:SS`; events before it earn no credit. */
  enrolledOn?: string;
  rows: EventRows;
  /** In order of first appearance. */
  periods: Map<string, PreparedPeriod>;
}

export function prepareLookup(userId: string, targetRuleId: string, events: readonly SampleEvent[], enrolledOn?: string): PreparedLookup {
  const periods = new Map<string, PreparedPeriod>();
  events.forEach((event, index) => {
    let period = periods.get(event.periodId);
    if (!period) {
      period = { periodId: event.periodId, targetGroupId: event.targetGroupId, events: [], indices: [] };
      periods.set(event.periodId, period);
    }
    period.events.push(event);
    period.indices.push(index);
  });
  return { userId, targetRuleId, events, enrolledOn, rows: rowsFromJson(events.map(eventJson)), periods };
}

/** Refuses events whose IDs or targetValue would not be valid JSON numbers once written as raw text. */
function validateEvent(event: SampleEvent, index: number): void {
  for (const field of ['eventLogId', 'customerId', 'periodId', 'targetGroupId', 'targetRuleId'] as const) {
    if (!DIGITS.test(event[field])) throw new Error(`addLookup: events[${index}].${field} must be decimal digits, got ${JSON.stringify(event[field])}`);
  }
  if (!DECIMAL.test(event.targetValue)) {
    throw new Error(`addLookup: events[${index}].targetValue must be a decimal such as 1.000 or 2000.46, got ${JSON.stringify(event.targetValue)}`);
  }
}

/** A lookup given to `addLookup`, checked so that every ID and value can be written as a raw JSON number. */
export function preparedAddedLookup(userId: string, targetRuleId: string, events: SampleEvent[], enrolledOn?: string): PreparedLookup {
  if (!isLong(userId) || !isLong(targetRuleId)) throw new Error('addLookup: userId and targetRuleId must be positive integers as digits');
  events.forEach(validateEvent);
  return prepareLookup(userId, targetRuleId, events, enrolledOn);
}

export interface PreparedSeed {
  lookups: PreparedLookup[];
  customers: ReadonlyMap<string, SampleCustomer>;
  targetGroups: ReadonlyMap<string, SampleTargetGroup>;
  explain: ExplainSeed;
}

// Generating and serialising 50 000 events takes a moment; servers started with the same size share the result.
const preparedSeeds = new Map<number, PreparedSeed>();

export function preparedSeed(largeUserEvents: number): PreparedSeed {
  let prepared = preparedSeeds.get(largeUserEvents);
  if (!prepared) {
    const seed = buildSeed(largeUserEvents);
    prepared = {
      lookups: seed.lookups.map((l) => prepareLookup(l.userId, l.targetRuleId, l.events, l.enrolledOn)),
      customers: seed.customers,
      targetGroups: seed.targetGroups,
      explain: seed.explain,
    };
    preparedSeeds.set(largeUserEvents, prepared);
  }
  return prepared;
}

/** The lookups of one server: userId -> targetRuleId -> lookup. */
export class LookupStore {
  private readonly byUser = new Map<string, Map<string, PreparedLookup>>();

  constructor(lookups: readonly PreparedLookup[]) {
    lookups.forEach((lookup) => this.put(lookup));
  }

  put(lookup: PreparedLookup): void {
    let rules = this.byUser.get(lookup.userId);
    if (!rules) {
      rules = new Map();
      this.byUser.set(lookup.userId, rules);
    }
    rules.set(lookup.targetRuleId, lookup);
  }

  /** The user's lookups by targetRuleId; undefined for an unknown user. */
  rulesOf(userId: string): ReadonlyMap<string, PreparedLookup> | undefined {
    return this.byUser.get(userId);
  }

  /** Every lookup, user by user in order of first appearance. */
  *all(): Iterable<PreparedLookup> {
    for (const rules of this.byUser.values()) yield* rules.values();
  }

  /**
   * Appends `count` transactions of 999.99 after the lookup's last event, in its period, dated from `now` a second
   * apart, as if the customer had just transacted. Returns the events added.
   */
  addEvents(userId: string, targetRuleId: string, count: number, now: number): SampleEvent[] {
    const lookup = this.byUser.get(userId)?.get(targetRuleId);
    if (!lookup || lookup.events.length === 0) throw new Error(`addEvents: no lookup with events for user ${userId} and rule ${targetRuleId}`);
    const last = lookup.events[lookup.events.length - 1];
    let nextId = lookup.events.reduce((max, event) => (BigInt(event.eventLogId) > max ? BigInt(event.eventLogId) : max), 0n) + 1n;
    const added = Array.from({ length: count }, (_, index): SampleEvent => {
      const eventLogId = String(nextId++);
      return {
        ...last,
        eventLogId,
        eventName: 'ADD_TRANSACTION',
        eventDisplayName: null,
        uniqueId: `sample-${eventLogId}`,
        eventDate: formatApiDate(now + index * 1000),
        eventProcessedDate: formatApiDate(now + index * 1000 + 2000),
        targetValue: '999.99',
      };
    });
    if (added.length > 0) this.put(prepareLookup(userId, targetRuleId, [...lookup.events, ...added]));
    return added;
  }
}
