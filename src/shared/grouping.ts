// Groups events by target period, in the order periods first appear (the server's chronological order).
import { addDecimals, formatDecimal, parseDecimal, parseEventTime, processingLagSeconds, type ScaledDecimal } from './rules';
import type { PeriodGroup, PeriodSummary, TrackedTargetEvent } from './domain';

interface GroupState {
  group: PeriodGroup;
  sum: DecimalAccumulator;
  counts: Map<string, number>;
  firstTime?: number;
  lastTime?: number;
}

/**
 * An exact running sum that stays in plain integers while it can: per fraction-digit count, units add as
 * Numbers while every value is a safe integer, and move to the BigInt total before they could stop being one.
 */
const plainDecimal = /^-?\d+(\.\d+)?$/;

class DecimalAccumulator {
  private total: ScaledDecimal = { units: 0n, scale: 0 };
  private readonly small = new Map<number, number>();

  add(text: string): void {
    if (text.length <= 16 && plainDecimal.test(text)) {
      const dot = text.indexOf('.');
      const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
      const scale = dot < 0 ? 0 : text.length - dot - 1;
      const next = (this.small.get(scale) ?? 0) + Number(digits);
      if (Number.isSafeInteger(next) && Math.abs(next) < 2 ** 52) {
        this.small.set(scale, next);
        return;
      }
    }
    const value = parseDecimal(text);
    if (value !== undefined) this.total = addDecimals(this.total, value);
  }

  toString(): string {
    let total = this.total;
    for (const [scale, units] of this.small) total = addDecimals(total, { units: BigInt(units), scale });
    return formatDecimal(total);
  }
}

export function groupByPeriod(events: readonly TrackedTargetEvent[]): PeriodGroup[] {
  return new PeriodGrouper().add(events).groups;
}

/**
 * Groups events as they arrive (a lookup's pages, or a table's appended rows): `groups` is live — a new period
 * is appended, a known one grows in place — so that adding n events costs O(n) however many came before.
 * Events added in one order give the same groups as `groupByPeriod` of them all.
 */
export class PeriodGrouper {
  readonly groups: PeriodGroup[] = [];
  private readonly states = new Map<string, GroupState>();

  add(events: readonly TrackedTargetEvent[]): this {
    const touched = new Set<GroupState>();
    for (const event of events) {
      let state = this.states.get(event.periodId);
      if (!state) {
        state = {
          group: {
            periodId: event.periodId,
            targetGroupId: event.targetGroupId,
            targetRuleId: event.targetRuleId,
            events: [],
            count: 0,
            totalTargetValue: '0',
            firstEventDate: event.eventDate,
            lastEventDate: event.eventDate,
            countsByEventName: {},
            maxProcessingLagSeconds: null,
          },
          sum: new DecimalAccumulator(),
          counts: new Map(),
        };
        this.states.set(event.periodId, state);
        this.groups.push(state.group);
      }
      addToGroup(state, event);
      touched.add(state);
    }
    for (const state of touched) {
      state.group.totalTargetValue = state.sum.toString();
      // fromEntries defines own data properties, so an eventName such as "__proto__" stays a plain key.
      state.group.countsByEventName = Object.fromEntries(state.counts);
    }
    return this;
  }
}

function addToGroup(state: GroupState, event: TrackedTargetEvent): void {
  const group = state.group;
  group.events.push(event);
  group.count++;
  if (event.targetValue !== '') state.sum.add(event.targetValue);
  state.counts.set(event.eventName, (state.counts.get(event.eventName) ?? 0) + 1);

  // Events may arrive out of order: first/last are the earliest and latest readable dates.
  const time = parseEventTime(event.eventDate);
  if (time !== undefined) {
    if (state.firstTime === undefined || time < state.firstTime) {
      state.firstTime = time;
      group.firstEventDate = event.eventDate;
    }
    if (state.lastTime === undefined || time > state.lastTime) {
      state.lastTime = time;
      group.lastEventDate = event.eventDate;
    }
  }

  const lag = processingLagSeconds(event, time);
  if (lag !== undefined && (group.maxProcessingLagSeconds === null || lag > group.maxProcessingLagSeconds)) {
    group.maxProcessingLagSeconds = lag;
  }
}

/** A group's summary: its fields but the events. */
export function periodSummary(group: PeriodSummary): PeriodSummary {
  const { periodId, targetGroupId, targetRuleId, count, totalTargetValue, firstEventDate, lastEventDate, countsByEventName, maxProcessingLagSeconds } = group;
  return { periodId, targetGroupId, targetRuleId, count, totalTargetValue, firstEventDate, lastEventDate, countsByEventName, maxProcessingLagSeconds };
}
