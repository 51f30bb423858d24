// The ID pickers' endpoints: a customer's target groups (with their targets) and a target group's periods.
import { CapillaryApiError } from '../transport/errors';
import { decimalText, idText, scalarText } from './trackedTargetEvents/events';
import type { ApiResponse, Transport } from '../transport/http';
import { isJsonObject, type JsonValue } from '../transport/json';
import type { TargetGroup, TargetPeriod, TargetSummary, UserTargetGroups } from '../types';
import { validateId } from '../validation';

export async function getUserTargetGroups(transport: Transport, userId: string, signal: AbortSignal | undefined): Promise<UserTargetGroups> {
  validateId('userId', userId);
  const response = await transport.send({ method: 'GET', path: `/v3/users/${userId}/targetGroups`, authenticated: true }, signal);
  return readUserTargetGroups(response, userId);
}

export async function getTargetPeriods(transport: Transport, targetGroupId: string, signal: AbortSignal | undefined): Promise<TargetPeriod[]> {
  validateId('targetGroupId', targetGroupId);
  const response = await transport.send(
    { method: 'GET', path: `/v3/targetGroups/${targetGroupId}/targetPeriods`, authenticated: true },
    signal,
  );
  return readTargetPeriods(response, targetGroupId);
}

function readUserTargetGroups(response: ApiResponse, userId: string): UserTargetGroups {
  const data = response.body.data;
  if (!isJsonObject(data)) throw missingData(response, 'target groups');
  const groups = Array.isArray(data.targetGroups) ? data.targetGroups : [];
  const targetGroups: TargetGroup[] = [];
  for (const raw of groups) {
    if (!isJsonObject(raw)) continue;
    const group: TargetGroup = {
      id: idText(raw.id),
      name: scalarText(raw.name),
      targets: (Array.isArray(raw.targets) ? raw.targets : []).filter(isJsonObject).map(readTarget),
    };
    if (typeof raw.trackingType === 'string') group.trackingType = raw.trackingType;
    targetGroups.push(group);
  }
  return { userId: idText(data.userId) || userId, targetGroups };
}

function readTarget(raw: JsonValue): TargetSummary {
  const target = raw as Record<string, JsonValue>;
  const summary: TargetSummary = { targetRuleId: idText(target.targetRuleId) };
  const ids = ['targetId', 'periodId'] as const;
  for (const key of ids) if (target[key] !== undefined && target[key] !== null) summary[key] = idText(target[key]);
  const values = ['targetValue', 'targetAchievedValue'] as const;
  for (const key of values) if (target[key] !== undefined && target[key] !== null) summary[key] = decimalText(target[key]);
  const texts = ['periodStartDate', 'periodEndDate', 'targetName', 'eventName'] as const;
  for (const key of texts) if (target[key] !== undefined && target[key] !== null) summary[key] = scalarText(target[key]);
  if (typeof target.currentPeriod === 'boolean') summary.currentPeriod = target.currentPeriod;
  return summary;
}

function readTargetPeriods(response: ApiResponse, targetGroupId: string): TargetPeriod[] {
  const data = response.body.data;
  if (!Array.isArray(data)) throw missingData(response, 'target periods');
  return data.filter(isJsonObject).map((raw) => {
    const period: TargetPeriod = { id: idText(raw.id), targetGroupId: idText(raw.targetGroupId) || targetGroupId };
    const texts = ['startDate', 'endDate', 'refCode', 'periodStatus', 'description'] as const;
    for (const key of texts) if (raw[key] !== undefined && raw[key] !== null) period[key] = scalarText(raw[key]);
    if (typeof raw.active === 'boolean') period.active = raw.active;
    return period;
  });
}

function missingData(response: ApiResponse, what: string): CapillaryApiError {
  return new CapillaryApiError({
    kind: 'invalid-response',
    httpStatus: response.status,
    requestId: response.requestId,
    message: `Capillary answered without the list of ${what}.`,
    hint: 'Check that the base URL points at a Capillary API host; if it does, give the request ID to Capillary support.',
  });
}
