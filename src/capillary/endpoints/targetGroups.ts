// GET /v3/users/{userId}/targetGroups: the customer's target groups, each with one entry per target and period
// (goal, achieved value, window, enrolment, milestones, streaks). One reading serves the wizard's pickers and the
// target progress. It is always asked for with every cycle and inactive milestones (`includeInactive`,
// `includeInactiveTargets`), the form the target progress needs, so that the wizard's answer can serve the lookup too.
// Capillary documents the fields, not their formats, which vary between clusters: every field but the IDs is
// optional and read tolerantly; what cannot be read is left out, never guessed.
//
// Naming: a target's `targetValue` is its goal (`goal` here); an event's `targetValue` (its contribution) is another thing.
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { isJsonObject, type JsonObject } from '../transport/json';
import { validateId } from '../validation';
import {
  boundaryTime,
  firstText,
  idText,
  missingInAnswer,
  optionalDecimal,
  optionalFlag,
  optionalText,
  scalarText,
  withoutUndefined,
} from './values';
import type { MilestoneProgress, StreakProgress } from '../../shared/reconciliation';

// The reconciliation passes streaks and milestones on to the table as read: their shapes are the protocol's.
export type { MilestoneProgress, StreakProgress } from '../../shared/reconciliation';

/** The customer's target in one period: an entry of a group's `targets[]`. */
export interface UserTarget {
  targetRuleId: string;
  /** "" when the entry names no period. */
  periodId: string;
  targetId?: string;
  targetName?: string;
  eventName?: string;
  /** e.g. SALES. */
  targetType?: string;
  /** e.g. TRANSACTION. */
  targetEntity?: string;
  periodRefCode?: string;
  /** The period's bounds as the server wrote them (the most precise form it sent: ISO, time stamp, date). */
  start?: string;
  end?: string;
  /** Epoch milliseconds of the bounds, zone-less text read as UTC like event dates; a date-only end is the end of that day. */
  startTime?: number;
  endTime?: number;
  /** The target's `targetValue`: what the customer must reach in this period. */
  goal?: string;
  /** The target's `targetAchievedValue`: Capillary's progress so far. */
  achieved?: string;
  currentPeriod?: boolean;
  unEnrolled?: boolean;
  enrolledOn?: string;
  enrolledTime?: number;
  targetAchievedEventLogId?: string;
  streaks: StreakProgress[];
  milestones: MilestoneProgress[];
}

export interface TargetGroup {
  id: string;
  name: string;
  /** DEFAULT, STREAK(S) or CAPPING. */
  trackingType?: string;
  /** FIXED_CALENDAR_WINDOW, CYCLIC_WINDOW or PERIOD_AGNOSTIC_WINDOW. */
  targetEvaluationType?: string;
  /** The zone the group's period bounds are in, e.g. Asia/Kolkata. */
  timeZoneName?: string;
  targets: UserTarget[];
}

export interface UserTargetGroups {
  userId: string;
  targetGroups: TargetGroup[];
  /** The X-Cap-Requestid of the answer, for errors found in it later. */
  requestId?: string;
}

/** `targetRuleId` narrows the answer to the groups holding that rule. */
export function targetGroupsRequest(userId: string, targetRuleId?: string): ApiRequest {
  return {
    method: 'GET',
    path: `/v3/users/${validateId('userId', userId)}/targetGroups`,
    query: {
      targetRuleId: targetRuleId === undefined ? undefined : validateId('targetRuleId', targetRuleId),
      includeInactive: 'true',
      includeInactiveTargets: 'true',
    },
    authenticated: true,
  };
}

export async function fetchUserTargetGroups(
  transport: Transport,
  userId: string,
  options: { targetRuleId?: string; signal?: AbortSignal } = {},
): Promise<UserTargetGroups> {
  const response = await transport.send(targetGroupsRequest(userId, options.targetRuleId), options.signal);
  return readUserTargetGroups(response, userId);
}

export function readUserTargetGroups(response: Pick<ApiResponse, 'body' | 'status' | 'requestId'>, userId: string): UserTargetGroups {
  const data = response.body.data;
  if (!isJsonObject(data)) throw missingInAnswer(response, 'without the customer\u2019s target groups');
  const groups = Array.isArray(data.targetGroups) ? data.targetGroups.filter(isJsonObject) : [];
  const answer: UserTargetGroups = { userId: idText(data.userId) || userId, targetGroups: groups.map(readGroup) };
  if (response.requestId !== undefined) answer.requestId = response.requestId;
  return answer;
}

function readGroup(raw: JsonObject): TargetGroup {
  const targets = (Array.isArray(raw.targets) ? raw.targets : []).filter(isJsonObject);
  const group: TargetGroup = {
    // A group without its own ID is named by its targets' targetGroupId.
    id: idText(raw.id) || idText(targets[0]?.targetGroupId),
    name: scalarText(raw.name),
    trackingType: optionalText(raw, 'trackingType'),
    targetEvaluationType: optionalText(raw, 'targetEvaluationType'),
    timeZoneName: optionalText(raw, 'timeZoneName'),
    targets: targets.map(readTarget),
  };
  return withoutUndefined(group);
}

function readTarget(raw: JsonObject): UserTarget {
  const target: UserTarget = {
    targetRuleId: idText(raw.targetRuleId),
    periodId: idText(raw.periodId),
    targetId: idText(raw.targetId) || undefined,
    targetName: optionalText(raw, 'targetName'),
    eventName: optionalText(raw, 'eventName'),
    targetType: optionalText(raw, 'targetType'),
    targetEntity: optionalText(raw, 'targetEntity'),
    periodRefCode: optionalText(raw, 'periodRefCode'),
    start: firstText(raw, ['periodStartDateWithTimeStampISO', 'periodStartDateISO', 'periodStartDateWithTimeStamp', 'periodStartDate']),
    end: firstText(raw, ['periodEndDateWithTimeStampISO', 'periodEndDateISO', 'periodEndDateWithTimeStamp', 'periodEndDate']),
    goal: optionalDecimal(raw, 'targetValue'),
    achieved: optionalDecimal(raw, 'targetAchievedValue'),
    currentPeriod: optionalFlag(raw.currentPeriod),
    unEnrolled: optionalFlag(raw.unEnrolled),
    enrolledOn: firstText(raw, ['enrolledOnISO', 'enrolledOn']),
    targetAchievedEventLogId: idText(raw.targetAchievedEventLogId) || undefined,
    streaks: (Array.isArray(raw.streaks) ? raw.streaks : []).filter(isJsonObject).map((streak) =>
      withoutUndefined({
        status: optionalText(streak, 'status'),
        currentCount: optionalDecimal(streak, 'currentCount'),
        totalTargetCountOfSequence: optionalDecimal(streak, 'totalTargetCountOfSequence'),
      }),
    ),
    milestones: (Array.isArray(raw.milestones) ? raw.milestones : []).filter(isJsonObject).map((milestone) =>
      withoutUndefined({
        triggerName: optionalText(milestone, 'triggerName'),
        triggerValue: optionalDecimal(milestone, 'triggerValue'),
        isAchieved: optionalFlag(milestone.isAchieved),
        active: optionalFlag(milestone.active ?? milestone.isActive),
      }),
    ),
  };
  target.startTime = boundaryTime(target.start, 'start');
  target.endTime = boundaryTime(target.end, 'end');
  target.enrolledTime = boundaryTime(target.enrolledOn, 'start');
  return withoutUndefined(target);
}
