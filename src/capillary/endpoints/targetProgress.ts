// The customer's side of a target: Capillary's goal and achieved value per period, read from
// GET /v3/users/{userId}/targetGroups (targetRuleId, includeInactive, includeInactiveTargets) and the group's period
// calendar from GET /v3/targetGroups/{id}/targetPeriods. Field formats vary between clusters (NOTES.md, "Target
// progress"), so every field is optional and read tolerantly; what cannot be read is left out, never guessed.
//
// Naming: here `goal` is the targets' `targetValue`; an event's `targetValue` (its contribution) is another thing.
import { parseEventTime } from '../../shared/rules';
import { CapillaryApiError } from '../transport/errors';
import { decimalText, idText, scalarText } from './trackedTargetEvents/events';
import type { ApiResponse, Transport } from '../transport/http';
import { isJsonObject, type JsonObject, type JsonValue } from '../transport/json';
import { validateId } from '../validation';
import type { MilestoneProgress, StreakProgress } from '../../shared/reconciliation';

// The reconciliation passes these on to the table as they are: their shapes are the protocol's.
export type { MilestoneProgress, StreakProgress } from '../../shared/reconciliation';

/** One period of the target: its window from the calendar, its goal and Capillary's achieved value. */
export interface ProgressPeriod {
  periodId: string;
  /** The window's bounds as the server wrote them (the most precise form it sent). */
  start?: string;
  end?: string;
  /** Epoch milliseconds of the bounds, zone-less text read as UTC like event dates; a date-only end is the end of that day. */
  startTime?: number;
  endTime?: number;
  /** RUNNING, ENDED or NOT_STARTED, from the calendar. */
  status?: string;
  /** The targets' `targetValue`: what the customer must reach in this period. */
  goal?: string;
  /** The targets' `targetAchievedValue`: Capillary's progress so far. */
  achieved?: string;
  enrolledOn?: string;
  enrolledTime?: number;
  targetAchievedEventLogId?: string;
  streaks: StreakProgress[];
  milestones: MilestoneProgress[];
}

export interface TargetProgress {
  targetGroupId: string;
  targetGroupName: string;
  /** DEFAULT, STREAK(S) or CAPPING. */
  trackingType?: string;
  timeZoneName?: string;
  /** The calendar's periods in time order, then periods the calendar does not list. */
  periods: ProgressPeriod[];
}

export interface ProgressParams {
  userId: string;
  targetRuleId: string;
}

export async function fetchTargetProgress(transport: Transport, params: ProgressParams, signal?: AbortSignal): Promise<TargetProgress> {
  const userId = validateId('userId', params.userId);
  const targetRuleId = validateId('targetRuleId', params.targetRuleId);
  const groupsResponse = await transport.send(
    {
      method: 'GET',
      path: `/v3/users/${userId}/targetGroups`,
      query: { targetRuleId, includeInactive: 'true', includeInactiveTargets: 'true' },
      authenticated: true,
    },
    signal,
  );
  const group = findGroup(groupsResponse, targetRuleId);
  const periodsResponse = await transport.send(
    { method: 'GET', path: `/v3/targetGroups/${group.id}/targetPeriods`, authenticated: true },
    signal,
  );
  return {
    targetGroupId: group.id,
    targetGroupName: group.name,
    trackingType: group.trackingType,
    timeZoneName: group.timeZoneName,
    periods: mergePeriods(readCalendar(periodsResponse), group.targets),
  };
}

interface GroupTargets {
  id: string;
  name: string;
  trackingType?: string;
  timeZoneName?: string;
  targets: ProgressPeriod[];
}

function findGroup(response: ApiResponse, targetRuleId: string): GroupTargets {
  const data = response.body.data;
  if (!isJsonObject(data)) throw oddBody(response, 'without the customer\u2019s target groups');
  const groups = Array.isArray(data.targetGroups) ? data.targetGroups.filter(isJsonObject) : [];
  for (const raw of groups) {
    const targets = (Array.isArray(raw.targets) ? raw.targets : []).filter(isJsonObject);
    const ofRule = targets.filter((target) => idText(target.targetRuleId) === targetRuleId);
    if (ofRule.length === 0) continue;
    const id = idText(raw.id) || idText(ofRule[0].targetGroupId);
    if (!/^\d+$/.test(id)) throw oddBody(response, 'a target group without an ID');
    const group: GroupTargets = { id, name: scalarText(raw.name), targets: ofRule.map(readTarget) };
    const trackingType = scalarText(raw.trackingType);
    if (trackingType) group.trackingType = trackingType;
    const zone = scalarText(raw.timeZoneName);
    if (zone) group.timeZoneName = zone;
    return group;
  }
  throw new CapillaryApiError({
    kind: 'api',
    httpStatus: response.status,
    requestId: response.requestId,
    message: `The customer has no target with rule ${targetRuleId} in their target groups.`,
    hint: 'The customer may not be enrolled in this target, or the rule ID may belong to another target.',
  });
}

function text(raw: JsonObject, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  return scalarText(value) || undefined;
}

/** The first of several spellings of a field that is present, e.g. the ISO form before the plain one. */
function firstText(raw: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(raw, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const epochMillis = /^\d{12,14}$/;
const DAY_MS = 86_400_000;

/**
 * Epoch milliseconds of a period bound: a date-time (server or ISO form), epoch milliseconds, or a date alone,
 * which for an end bound means the last millisecond of that day.
 */
export function boundaryTime(value: string | undefined, edge: 'start' | 'end'): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (epochMillis.test(trimmed)) return Number(trimmed);
  const day = dateOnly.exec(trimmed);
  if (day) {
    const start = parseEventTime(`${trimmed} 00:00:00`);
    if (start === undefined) return undefined;
    return edge === 'start' ? start : start + DAY_MS - 1;
  }
  return parseEventTime(trimmed);
}

function decimal(raw: JsonObject, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  return decimalText(value) || undefined;
}

function flag(value: JsonValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

function readTarget(raw: JsonObject): ProgressPeriod {
  const period: ProgressPeriod = { periodId: idText(raw.periodId), streaks: [], milestones: [] };
  period.start = firstText(raw, ['periodStartDateWithTimeStampISO', 'periodStartDateISO', 'periodStartDateWithTimeStamp', 'periodStartDate']);
  period.end = firstText(raw, ['periodEndDateWithTimeStampISO', 'periodEndDateISO', 'periodEndDateWithTimeStamp', 'periodEndDate']);
  period.goal = decimal(raw, 'targetValue');
  period.achieved = decimal(raw, 'targetAchievedValue');
  period.enrolledOn = firstText(raw, ['enrolledOnISO', 'enrolledOn']);
  const achievedBy = idText(raw.targetAchievedEventLogId);
  if (achievedBy) period.targetAchievedEventLogId = achievedBy;
  for (const streak of (Array.isArray(raw.streaks) ? raw.streaks : []).filter(isJsonObject)) {
    period.streaks.push(
      withoutUndefined({
        status: text(streak, 'status'),
        currentCount: decimal(streak, 'currentCount'),
        totalTargetCountOfSequence: decimal(streak, 'totalTargetCountOfSequence'),
      }),
    );
  }
  for (const milestone of (Array.isArray(raw.milestones) ? raw.milestones : []).filter(isJsonObject)) {
    period.milestones.push(
      withoutUndefined({
        triggerName: text(milestone, 'triggerName'),
        triggerValue: decimal(milestone, 'triggerValue'),
        isAchieved: flag(milestone.isAchieved),
      }),
    );
  }
  return withTimes(withoutUndefined(period));
}

function withTimes(period: ProgressPeriod): ProgressPeriod {
  const startTime = boundaryTime(period.start, 'start');
  const endTime = boundaryTime(period.end, 'end');
  const enrolledTime = boundaryTime(period.enrolledOn, 'start');
  if (startTime !== undefined) period.startTime = startTime;
  if (endTime !== undefined) period.endTime = endTime;
  if (enrolledTime !== undefined) period.enrolledTime = enrolledTime;
  return period;
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

interface CalendarPeriod {
  periodId: string;
  start?: string;
  end?: string;
  status?: string;
}

function readCalendar(response: ApiResponse): CalendarPeriod[] {
  const data = response.body.data;
  if (!Array.isArray(data)) throw oddBody(response, 'without the list of target periods');
  return data.filter(isJsonObject).flatMap((raw) => {
    const periodId = idText(raw.id ?? raw.periodId);
    if (!/^\d+$/.test(periodId)) return [];
    return [
      withoutUndefined({
        periodId,
        start: firstText(raw, ['startDateWithTimeStampISO', 'startDateISO', 'startDateWithTimeStamp', 'startDate']),
        end: firstText(raw, ['endDateWithTimeStampISO', 'endDateISO', 'endDateWithTimeStamp', 'endDate']),
        status: text(raw, 'periodStatus'),
      }),
    ];
  });
}

/**
 * The calendar's periods in time order with each one's target (goal, achieved); a target's own window wins
 * when it is more precise than the calendar's (a time stamp over a date). Targets of periods the calendar
 * does not list follow.
 */
function mergePeriods(calendar: CalendarPeriod[], targets: ProgressPeriod[]): ProgressPeriod[] {
  const byPeriod = new Map(targets.map((target) => [target.periodId, target]));
  const merged: ProgressPeriod[] = calendar.map((entry) => {
    const target = byPeriod.get(entry.periodId);
    byPeriod.delete(entry.periodId);
    const period: ProgressPeriod = { ...(target ?? { periodId: entry.periodId, streaks: [], milestones: [] }) };
    if (entry.status) period.status = entry.status;
    if (!period.start || (entry.start && !dateOnly.test(entry.start) && dateOnly.test(period.start))) period.start = entry.start;
    if (!period.end || (entry.end && !dateOnly.test(entry.end) && dateOnly.test(period.end))) period.end = entry.end;
    return withTimes(withoutUndefined(period));
  });
  merged.sort((a, b) => (a.startTime ?? Infinity) - (b.startTime ?? Infinity));
  return [...merged, ...byPeriod.values()];
}

function oddBody(response: ApiResponse, what: string): CapillaryApiError {
  return new CapillaryApiError({
    kind: 'invalid-response',
    httpStatus: response.status,
    requestId: response.requestId,
    message: `Capillary answered ${what}.`,
    hint: 'Check that the base URL points at a Capillary API host; if it does, give the request ID to Capillary support.',
  });
}

