// Groups events by target period, in the order periods first appear (the server's chronological order).
import { addDecimals, formatDecimal, parseDecimal, parseEventTime, processingLagSeconds, type ScaledDecimal } from '../shared/rules';
import type { PeriodGroup, TrackedTargetEvent } from './types';

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
  const grouper = new PeriodGrouper();
  grouper.add(events);
  return grouper.groups();
}

/** Groups built as events come (a lookup groups each page while the next ones are in flight). */
export class PeriodGrouper {
  private readonly states = new Map<string, GroupState>();

  add(events: readonly TrackedTargetEvent[]): void {
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
      }
      addToGroup(state, event);
    }
  }

  /** The groups of every event added: new objects each call, so that later events never change them. */
  groups(): PeriodGroup[] {
    return [...this.states.values()].map((state) => ({
      ...state.group,
      events: [...state.group.events],
      totalTargetValue: state.sum.toString(),
      // fromEntries defines own data properties, so an eventName such as "__proto__" stays a plain key.
      countsByEventName: Object.fromEntries(state.counts),
    }));
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
