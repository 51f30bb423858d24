// GET /v3/users/{userId}/trackedTargetEvents/{targetRuleId}?periodId&limit&offset: one page of a lookup's events
// in the documented envelope, read by offsetMode and counted by totalMode; logical errors with HTTP 200.

import { NO_BYTES, rowsPick, rowsSlice } from '../eventRows';
import { ERROR_MESSAGES, parseIntParam, parseLongParam, type Reply } from '../reply';
import type { SampleState } from '../state';

export const TRACKED_TARGET_EVENTS_PATH = /^\/v3\/users\/([^/]+)\/trackedTargetEvents\/([^/]+)$/;
export const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 10;
const PAGE_SUFFIX = Buffer.from('],"errors":[],"warnings":[]}');

export function trackedTargetEventsReply(state: SampleState, userIdText: string, ruleIdText: string, query: URLSearchParams): Reply {
  const userId = parseLongParam('userId', userIdText, true);
  if (userId.error) return userId.error;
  const ruleId = parseLongParam('targetRuleId', ruleIdText, true);
  if (ruleId.error) return ruleId.error;
  const periodId = parseLongParam('periodId', query.get('periodId'), false);
  if (periodId.error) return periodId.error;
  const limitParam = parseIntParam('limit', query.get('limit'), DEFAULT_LIMIT, 1, MAX_LIMIT);
  if (limitParam.error) return limitParam.error;
  const offsetParam = parseIntParam('offset', query.get('offset'), 0, 0, 2_000_000_000);
  if (offsetParam.error) return offsetParam.error;
  const { faults } = state;
  // A silent cap serves fewer events than asked and counts pages by what it serves, but echoes the `limit` asked.
  const askedLimit = limitParam.value;
  const limit = faults.silentPageCap !== undefined ? Math.min(askedLimit, faults.silentPageCap) : askedLimit;
  const offset = offsetParam.value;

  const logicalError = (code: number): Reply => ({
    status: 200,
    body: `{"pagination":{"limit":${askedLimit},"offset":${offset},"total":0},"data":[],"errors":${JSON.stringify([
      { code, message: ERROR_MESSAGES[code] ?? `Error ${code}` },
    ])},"warnings":[]}`,
  });
  if (faults.errorCode !== undefined) return logicalError(faults.errorCode);
  const rules = state.lookups.rulesOf(userId.value as string);
  if (!rules) return logicalError(310011);
  const lookup = rules.get(ruleId.value as string);
  if (!lookup) return logicalError(310018);
  if (lookup.rows.count === 0) return logicalError(310149);
  let rows = lookup.rows;
  if (periodId.value !== undefined) {
    const period = lookup.periods.get(periodId.value);
    if (!period) return logicalError(310019);
    period.rows ??= rowsPick(lookup.rows, period.indices);
    rows = period.rows;
  }

  const start = faults.offsetMode === 'page' ? offset * limit : offset;
  const pageIndex = Math.floor(start / limit);
  let pageStart = start;
  if (faults.repeatPageAt !== undefined && pageIndex === faults.repeatPageAt && pageIndex > 0) pageStart = start - limit;
  const data = faults.emptyPageAt !== undefined && pageIndex === faults.emptyPageAt ? NO_BYTES : rowsSlice(rows, pageStart, pageStart + limit);
  const total = faults.totalMode === 'records' ? rows.count : Math.ceil(rows.count / limit);
  return {
    status: 200,
    body: Buffer.concat([
      Buffer.from(`{"pagination":{"limit":${askedLimit},"offset":${offset},"total":${total}},"data":[`),
      data,
      PAGE_SUFFIX,
    ]),
  };
}
