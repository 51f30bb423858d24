// GET /v3/targetGroups/{targetGroupId}/targetPeriods: a target group's period calendar. One reading serves the
// wizard's period step and the target progress. The documentation writes `startDate` / `endDate` as dates;
// newer clusters may add time-stamped and ISO forms, of which the most precise is kept.
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { isJsonObject } from '../transport/json';
import { validateId } from '../validation';
import { boundaryTime, firstText, idText, missingInAnswer, optionalFlag, optionalText, withoutUndefined } from './values';

export interface TargetPeriod {
  /** The periodId. */
  id: string;
  targetGroupId: string;
  /** The bounds as the server wrote them (the most precise form it sent). */
  start?: string;
  end?: string;
  /** Epoch milliseconds of the bounds; a date-only end is the end of that day. */
  startTime?: number;
  endTime?: number;
  refCode?: string;
  periodStatus?: 'RUNNING' | 'NOT_STARTED' | 'ENDED' | (string & {});
  description?: string;
  active?: boolean;
}

export function targetPeriodsRequest(targetGroupId: string): ApiRequest {
  return { method: 'GET', path: `/v3/targetGroups/${validateId('targetGroupId', targetGroupId)}/targetPeriods`, authenticated: true };
}

export async function fetchTargetPeriods(transport: Transport, targetGroupId: string, signal?: AbortSignal): Promise<TargetPeriod[]> {
  const response = await transport.send(targetPeriodsRequest(targetGroupId), signal);
  return readTargetPeriods(response, targetGroupId);
}

/** The calendar's periods as listed; an entry without a usable ID (it could be neither picked nor matched) is left out. */
export function readTargetPeriods(response: Pick<ApiResponse, 'body' | 'status' | 'requestId'>, targetGroupId: string): TargetPeriod[] {
  const data = response.body.data;
  if (!Array.isArray(data)) throw missingInAnswer(response, 'without the list of target periods');
  return data.filter(isJsonObject).flatMap((raw) => {
    const id = idText(raw.id ?? raw.periodId);
    if (!/^\d+$/.test(id)) return [];
    const period: TargetPeriod = {
      id,
      targetGroupId: idText(raw.targetGroupId) || targetGroupId,
      start: firstText(raw, ['startDateWithTimeStampISO', 'startDateISO', 'startDateWithTimeStamp', 'startDate']),
      end: firstText(raw, ['endDateWithTimeStampISO', 'endDateISO', 'endDateWithTimeStamp', 'endDate']),
      refCode: optionalText(raw, 'refCode'),
      periodStatus: optionalText(raw, 'periodStatus'),
      description: optionalText(raw, 'description'),
      active: optionalFlag(raw.active),
    };
    period.startTime = boundaryTime(period.start, 'start');
    period.endTime = boundaryTime(period.end, 'end');
    return [withoutUndefined(period)];
  });
}
