// A target group's periods as the server reports them: from the group's calendar when it has one, else derived
// from the events (first event's day to the day before the next period starts).

import { formatApiDate } from './data/dates';
import type { SampleCalendarPeriod, SampleEvent, SampleTargetGroup } from './data/types';
import type { PreparedPeriod } from './lookups';

function dayStart(apiDate: string): string {
  return `${apiDate.slice(0, 10)} 00:00:00.0`;
}

function dayEnd(apiDate: string): string {
  return `${apiDate.slice(0, 10)} 23:59:59.0`;
}

function dayBefore(apiDate: string): string {
  const ms = Date.UTC(Number(apiDate.slice(0, 4)), Number(apiDate.slice(5, 7)) - 1, Number(apiDate.slice(8, 10)));
  return dayEnd(formatApiDate(ms - 86_400_000));
}

export interface PeriodSpan {
  periodId: string;
  targetGroupId: string;
  /** The period's events (of one lookup for targetGroups; any lookup's for targetPeriods). */
  events: SampleEvent[];
  /** As targetPeriods writes them: `YYYY-MM-DD HH:MM:SS.0` when derived from events, `YYYY-MM-DD` from a calendar. */
  startDate: string;
  endDate: string;
  isCurrent: boolean;
}

/** Period bounds derived from the events: from the first event's day to the day before the next period starts. */
function periodSpans(periods: PreparedPeriod[]): PeriodSpan[] {
  const sorted = [...periods].sort((a, b) => (a.events[0].eventDate < b.events[0].eventDate ? -1 : 1));
  return sorted.map((period, index) => {
    const next = sorted[index + 1];
    const startDate = dayStart(period.events[0].eventDate);
    const lastEventDayEnd = dayEnd(period.events[period.events.length - 1].eventDate);
    // The running period lasts at least until its last event was processed, so that every event of it counts.
    const lastProcessed = period.events.reduce((latest, e) => (e.eventProcessedDate > latest ? e.eventProcessedDate : latest), '');
    const beforeNext = next ? dayBefore(next.events[0].eventDate) : dayEnd(lastProcessed > lastEventDayEnd ? lastProcessed : lastEventDayEnd);
    // Periods that start on the same day (possible with addLookup data) would otherwise end before they start.
    return {
      periodId: period.periodId,
      targetGroupId: period.targetGroupId,
      events: period.events,
      startDate,
      endDate: beforeNext < startDate ? lastEventDayEnd : beforeNext,
      isCurrent: index === sorted.length - 1,
    };
  });
}

/** A group's calendar as spans, with the events of `periods` placed in them; the last period is the running one. */
function calendarSpans(calendar: readonly SampleCalendarPeriod[], targetGroupId: string, periods: readonly PreparedPeriod[]): PeriodSpan[] {
  const byId = new Map(periods.map((period) => [period.periodId, period]));
  return calendar.map((entry, index) => ({
    periodId: entry.periodId,
    targetGroupId,
    events: byId.get(entry.periodId)?.events ?? [],
    startDate: entry.startDate,
    endDate: entry.endDate,
    isCurrent: index === calendar.length - 1,
  }));
}

/** The end of a span as a server date-time, comparable as text with event dates. */
export function spanEndTime(span: PeriodSpan): string {
  return span.endDate.length === 10 ? `${span.endDate} 23:59:59.9` : span.endDate;
}

export function spanStartTime(span: PeriodSpan): string {
  return span.startDate.length === 10 ? `${span.startDate} 00:00:00.0` : span.startDate;
}

/** A group's periods: its calendar when it has one, else spans derived from the events. */
export function groupSpans(targetGroups: ReadonlyMap<string, SampleTargetGroup>, groupId: string, periods: PreparedPeriod[]): PeriodSpan[] {
  const calendar = targetGroups.get(groupId)?.calendar;
  return calendar ? calendarSpans(calendar, groupId, periods) : periodSpans(periods);
}
