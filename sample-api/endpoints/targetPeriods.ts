// GET /v3/targetGroups/{targetGroupId}/targetPeriods: a group's periods in order, the last one RUNNING.

import { RawNumber, toJson, type JsonValue } from '../json';
import type { PreparedPeriod } from '../lookups';
import { groupSpans } from '../periods';
import { envelopeError, parseLongParam, type Reply } from '../reply';
import type { SampleState } from '../state';

export const TARGET_PERIODS_PATH = /^\/v3\/targetGroups\/([^/]+)\/targetPeriods$/;

export function targetPeriodsReply(state: SampleState, groupIdText: string): Reply {
  const groupId = parseLongParam('targetGroupId', groupIdText, true);
  if (groupId.error) return groupId.error;
  const periods = new Map<string, PreparedPeriod>();
  for (const lookup of state.lookups.all()) {
    for (const period of lookup.periods.values()) {
      if (period.targetGroupId === groupId.value && !periods.has(period.periodId)) periods.set(period.periodId, period);
    }
  }
  if (periods.size === 0) return envelopeError(404, 404, `Target group ${groupId.value} not found`);
  const data: JsonValue[] = groupSpans(state.targetGroups, groupId.value as string, [...periods.values()]).map((span, index) => ({
    id: new RawNumber(span.periodId),
    startDate: span.startDate,
    endDate: span.endDate,
    refCode: `P${index + 1}`,
    periodStatus: span.isCurrent ? 'RUNNING' : 'ENDED',
    targetGroupId: new RawNumber(span.targetGroupId),
    description: `Period ${index + 1} of target group ${span.targetGroupId}`,
    active: true,
  }));
  return { status: 200, body: `{"data":${toJson(data)},"errors":[],"warnings":[]}` };
}
