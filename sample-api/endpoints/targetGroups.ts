// GET /v3/users/{userId}/targetGroups[?targetRuleId&includeInactive&includeInactiveTargets]: the customer and their
// target groups, one target per period with goal and achieved value as Capillary counts them.

import type { PreparedLookup, PreparedPeriod } from '../lookups';
import { targetGroupsFaultReply } from '../faults';
import { RawNumber, toJson, type JsonValue } from '../json';
import { INT64_MAX, compareDecimalTexts, sumDecimals } from '../numbers';
import { groupSpans, spanEndTime, spanStartTime, type PeriodSpan } from '../periods';
import { ERROR_MESSAGES, parseLongParam, type Reply } from '../reply';
import type { SampleState } from '../state';

export const TARGET_GROUPS_PATH = /^\/v3\/users\/([^/]+)\/targetGroups$/;

/**
 * One target entry per period, as Capillary computes it: an event earns credit when it happened after enrolment
 * and was processed before its period ended.
 */
function targetEntry(
  targetGroups: SampleState['targetGroups'],
  lookup: PreparedLookup,
  span: PeriodSpan,
  index: number,
  details: { eventName: string; enrolledOn: string; withInactiveTargets: boolean },
): JsonValue {
  const { eventName, enrolledOn, withInactiveTargets } = details;
  const group = targetGroups.get(span.targetGroupId);
  const goal = group?.targetGoal ?? '1000.000';
  const credited = span.events.filter((e) => e.eventDate.slice(0, 19) >= enrolledOn && e.eventProcessedDate <= spanEndTime(span));
  const achieved = sumDecimals(credited.map((e) => e.targetValue));
  let running = '0';
  const crossing = credited.find((e) => {
    running = sumDecimals([running, e.targetValue]);
    return compareDecimalTexts(running, goal) >= 0;
  });
  const reached = compareDecimalTexts(achieved, goal) >= 0;
  const candidateId = BigInt(lookup.targetRuleId) * 1000n + BigInt(index + 1);
  const startTime = spanStartTime(span).slice(0, 19);
  const endTime = spanEndTime(span).slice(0, 19);
  const milestones: JsonValue[] = [{ triggerName: 'Goal reached', triggerValue: new RawNumber(goal), isAchieved: reached, active: true }];
  if (withInactiveTargets) milestones.push({ triggerName: 'Launch bonus (retired)', triggerValue: new RawNumber(goal), isAchieved: false, active: false });
  const entry: { [key: string]: JsonValue } = {
    targetId: new RawNumber(String(candidateId <= INT64_MAX ? candidateId : BigInt(span.periodId))),
    targetRuleId: new RawNumber(lookup.targetRuleId),
    periodId: new RawNumber(span.periodId),
    periodRefCode: `P${index + 1}`,
    periodStartDate: span.startDate,
    periodEndDate: span.endDate,
    periodStartDateWithTimeStamp: startTime,
    periodEndDateWithTimeStamp: endTime,
    targetValue: new RawNumber(goal),
    targetAchievedValue: new RawNumber(achieved),
    targetName: `${group?.name ?? `Target group ${span.targetGroupId}`}: period ${index + 1}`,
    targetType: 'SALES',
    targetEntity: 'TRANSACTION',
    eventName,
    enrolledOn,
    currentPeriod: span.isCurrent,
    unEnrolled: false,
    milestones,
  };
  if (crossing) {
    entry.targetAchievedEventLogId = new RawNumber(crossing.eventLogId);
    entry.targetAchievedDateTime = crossing.eventProcessedDate.slice(0, 19);
  }
  if (group?.trackingType === 'STREAKS') {
    const count = String(credited.length);
    const sequence = goal.replace(/\.0*$/, '');
    entry.streaks = [
      { status: compareDecimalTexts(count, sequence) >= 0 ? 'COMPLETED' : 'IN_PROGRESS', currentCount: new RawNumber(count), totalTargetCountOfSequence: new RawNumber(sequence) },
    ];
  }
  return entry;
}

export function targetGroupsReply(state: SampleState, userIdText: string, query: URLSearchParams): Reply {
  const userId = parseLongParam('userId', userIdText, true);
  if (userId.error) return userId.error;
  const ruleFilter = parseLongParam('targetRuleId', query.get('targetRuleId'), false);
  if (ruleFilter.error) return ruleFilter.error;
  const refusal = targetGroupsFaultReply(state.faults);
  if (refusal) return refusal;
  const { targetGroups } = state;
  const withInactivePeriods = query.get('includeInactive') === 'true';
  const withInactiveTargets = query.get('includeInactiveTargets') === 'true';
  const rules = state.lookups.rulesOf(userId.value as string);
  if (!rules) return { status: 200, body: JSON.stringify({ data: null, errors: [{ code: 310011, message: ERROR_MESSAGES[310011] }], warnings: [] }) };

  // targetGroupId -> targets, in order of first appearance
  const groups = new Map<string, JsonValue[]>();
  for (const lookup of rules.values()) {
    if (ruleFilter.value !== undefined && lookup.targetRuleId !== ruleFilter.value) continue;
    const byGroup = new Map<string, PreparedPeriod[]>();
    for (const period of lookup.periods.values()) {
      const list = byGroup.get(period.targetGroupId) ?? [];
      list.push(period);
      byGroup.set(period.targetGroupId, list);
    }
    for (const [groupId, periods] of byGroup) {
      const targets = groups.get(groupId) ?? [];
      const allEvents = periods.flatMap((period) => period.events);
      const eventName = allEvents.find((e) => e.eventName !== 'ENROL' && e.eventName !== 'UNENROL')?.eventName ?? allEvents[0].eventName;
      const spans = groupSpans(targetGroups, groupId, periods);
      const enrolledOn = lookup.enrolledOn ?? spanStartTime(spans[0]).slice(0, 19);
      spans.forEach((span, index) => {
        // Without includeInactive, Capillary answers with the current cycle only.
        if (withInactivePeriods || span.isCurrent) targets.push(targetEntry(targetGroups, lookup, span, index, { eventName, enrolledOn, withInactiveTargets }));
      });
      groups.set(groupId, targets);
    }
  }
  const customer = state.customers.get(userId.value as string);
  const data: JsonValue = {
    userId: new RawNumber(userId.value as string),
    customer: {
      id: new RawNumber(userId.value as string),
      firstName: customer?.firstName ?? 'Sample',
      lastName: customer?.lastName ?? 'Customer',
      mobile: customer?.mobile ?? '',
      email: customer?.email ?? '',
      externalId: customer?.externalId ?? '',
    },
    targetGroups: [...groups].map(([groupId, targets]) => ({
      id: new RawNumber(groupId),
      name: targetGroups.get(groupId)?.name ?? `Target group ${groupId}`,
      trackingType: targetGroups.get(groupId)?.trackingType ?? 'DEFAULT',
      targetEvaluationType: 'FIXED_CALENDAR_WINDOW',
      timeZoneName: 'UTC',
      targets,
    })),
  };
  return { status: 200, body: `{"data":${toJson(data)},"errors":[],"warnings":[]}` };
}

