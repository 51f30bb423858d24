// Groups events by target period, in the order periods first appear (the server's chronological order).
import { addDecimals, formatDecimal, parseDecimal, type ScaledDecimal } from './decimal';
import { parseEventTime } from './dates';
import type { PeriodGroup, TrackedTargetEvent } from './types';

interface GroupState {
  group: PeriodGroup;
  sum: ScaledDecimal;
  firstTime?: number;
  lastTime?: number;
}

export function groupByPeriod(events: readonly TrackedTargetEvent[]): PeriodGroup[] {
  const states = new Map<string, GroupState>();
  for (const event of events) {
    let state = states.get(event.periodId);
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
        sum: { units: 0n, scale: 0 },
      };
      states.set(event.periodId, state);
    }
    addToGroup(state, event);
  }
  const groups: PeriodGroup[] = [];
  for (const state of states.values()) {
    state.group.totalTargetValue = formatDecimal(state.sum);
    groups.push(state.group);
  }
  return groups;
}

function addToGroup(state: GroupState, event: TrackedTargetEvent): void {
  const group = state.group;
  group.events.push(event);
  group.count++;
  const value = parseDecimal(event.targetValue);
  if (value !== undefined) state.sum = addDecimals(state.sum, value);
  group.countsByEventName[event.eventName] = (group.countsByEventName[event.eventName] ?? 0) + 1;

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

  const lag = processingLagSeconds(event);
  if (lag !== undefined && (group.maxProcessingLagSeconds === null || lag > group.maxProcessingLagSeconds)) {
    group.maxProcessingLagSeconds = lag;
  }
}

/** eventProcessedDate − eventDate in seconds, from the ISO pair when both are present (they carry zones). */
export function processingLagSeconds(event: TrackedTargetEvent): number | undefined {
  const useIso = event.eventDateISO !== undefined && event.eventProcessedDateISO !== undefined;
  const start = parseEventTime(useIso ? event.eventDateISO : event.eventDate);
  const end = parseEventTime(useIso ? event.eventProcessedDateISO : event.eventProcessedDate);
  if (start === undefined || end === undefined) return undefined;
  return (end - start) / 1000;
}
