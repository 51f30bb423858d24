// The customer's side of a target: Capillary's goal and achieved value per period, from the customer's target groups
// (endpoints/targetGroups.ts) combined with the group's period calendar (endpoints/targetPeriods.ts). No request
// or reading of its own: a lookup started from the wizard hands in the wizard's target groups answer, so that
// targetGroups is asked for once per lookup.
import { CapillaryApiError } from './transport/errors';
import type { Transport } from './transport/http';
import { validateId } from './validation';
import { fetchUserTargetGroups, type MilestoneProgress, type StreakProgress, type TargetGroup, type UserTarget, type UserTargetGroups } from './endpoints/targetGroups';
import { fetchTargetPeriods, type TargetPeriod } from './endpoints/targetPeriods';
import { boundaryTime, dateOnly, withoutUndefined } from './endpoints/values';

export type { MilestoneProgress, StreakProgress };

/** One period of the target: its window from the calendar, its goal and Capillary's achieved value. */
export type ProgressPeriod = Pick<
  UserTarget,
  'periodId' | 'start' | 'end' | 'startTime' | 'endTime' | 'goal' | 'achieved' | 'enrolledOn' | 'enrolledTime' | 'targetAchievedEventLogId' | 'streaks' | 'milestones'
> & {
  /** RUNNING, ENDED or NOT_STARTED, from the calendar. */
  status?: string;
};

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

export interface TargetProgressOptions {
  signal?: AbortSignal;
  /** The customer's target groups as already fetched (by the wizard): used instead of asking again when of the same user. */
  targetGroups?: UserTargetGroups;
  /**
   * Period calendars by target group ID, kept by the caller between refreshes: a calendar found here is not asked
   * for again, one fetched is added. Calendars change seldom; a refresh of every page passes an empty map.
   */
  calendars?: Map<string, readonly TargetPeriod[]>;
}

export async function fetchTargetProgress(transport: Transport, params: ProgressParams, options: TargetProgressOptions = {}): Promise<TargetProgress> {
  const userId = validateId('userId', params.userId);
  const targetRuleId = validateId('targetRuleId', params.targetRuleId);
  const { signal } = options;
  const groups =
    options.targetGroups?.userId === userId ? options.targetGroups : await fetchUserTargetGroups(transport, userId, { targetRuleId, signal });
  const group = groupOfRule(groups, targetRuleId);
  let calendar = options.calendars?.get(group.id);
  if (!calendar) {
    calendar = await fetchTargetPeriods(transport, group.id, signal);
    options.calendars?.set(group.id, calendar);
  }
  return targetProgress(group, targetRuleId, calendar);
}

/** The group that holds the rule's targets; an error in plain words when the customer has none. */
export function groupOfRule(groups: UserTargetGroups, targetRuleId: string): TargetGroup {
  const group = groups.targetGroups.find((candidate) => candidate.targets.some((target) => target.targetRuleId === targetRuleId));
  if (!group) {
    throw new CapillaryApiError({
      kind: 'api',
      requestId: groups.requestId,
      message: `The customer has no target with rule ${targetRuleId} in their target groups.`,
      hint: 'The customer may not be enrolled in this target, or the rule ID may belong to another target.',
    });
  }
  if (!/^\d+$/.test(group.id)) {
    throw new CapillaryApiError({
      kind: 'invalid-response',
      requestId: groups.requestId,
      message: 'Capillary answered a target group without an ID.',
      hint: 'Check that the base URL points at a Capillary API host; if it does, give the request ID to Capillary support.',
    });
  }
  return group;
}

/** The rule's progress in `group`, period by period along the group's calendar. */
export function targetProgress(group: TargetGroup, targetRuleId: string, calendar: readonly TargetPeriod[]): TargetProgress {
  const targets = group.targets.filter((target) => target.targetRuleId === targetRuleId).map(progressPeriod);
  return withoutUndefined({
    targetGroupId: group.id,
    targetGroupName: group.name,
    trackingType: group.trackingType,
    timeZoneName: group.timeZoneName,
    periods: mergePeriods(calendar, targets),
  });
}

function progressPeriod(target: UserTarget): ProgressPeriod {
  const { periodId, start, end, startTime, endTime, goal, achieved, enrolledOn, enrolledTime, targetAchievedEventLogId, streaks, milestones } = target;
  return withoutUndefined({ periodId, start, end, startTime, endTime, goal, achieved, enrolledOn, enrolledTime, targetAchievedEventLogId, streaks, milestones });
}

/**
 * The calendar's periods in time order with each one's target (goal, achieved); a target's own window wins
 * when it is more precise than the calendar's (a time stamp over a date). Targets of periods the calendar
 * does not list follow.
 */
function mergePeriods(calendar: readonly TargetPeriod[], targets: ProgressPeriod[]): ProgressPeriod[] {
  const byPeriod = new Map(targets.map((target) => [target.periodId, target]));
  const merged: ProgressPeriod[] = calendar.map((entry) => {
    const target = byPeriod.get(entry.id);
    byPeriod.delete(entry.id);
    const period: ProgressPeriod = { ...(target ?? { periodId: entry.id, streaks: [], milestones: [] }) };
    if (entry.periodStatus) period.status = entry.periodStatus;
    if (!period.start || (entry.start && !dateOnly.test(entry.start) && dateOnly.test(period.start))) period.start = entry.start;
    if (!period.end || (entry.end && !dateOnly.test(entry.end) && dateOnly.test(period.end))) period.end = entry.end;
    period.startTime = boundaryTime(period.start, 'start');
    period.endTime = boundaryTime(period.end, 'end');
    return withoutUndefined(period);
  });
  merged.sort((a, b) => (a.startTime ?? Infinity) - (b.startTime ?? Infinity));
  return [...merged, ...byPeriod.values()];
}
