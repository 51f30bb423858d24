// One page of a lookup: the checked lookup IDs, the request for GET /v3/users/{userId}/trackedTargetEvents/
// {targetRuleId} with `limit` and `offset` (also what "Copy as cURL" writes), and the reading of its events and
// pagination.
import { CapillaryApiError } from '../../transport/errors';
import { normalizeEvents, normalizePagination } from './events';
import type { ApiRequest, ApiResponse, Transport } from '../../transport/http';
import { maxPageSize } from '../../options';
import type { EventsPage, LookupParams, PageParams, RetryInfo, TrackedTargetEvent } from '../../types';
import { validateId } from '../../validation';

/** The lookup's IDs, validated (an empty periodId means all periods). */
export function checkLookup(params: LookupParams): LookupParams {
  const lookup: LookupParams = {
    userId: validateId('userId', params.userId),
    targetRuleId: validateId('targetRuleId', params.targetRuleId),
  };
  if (params.periodId !== undefined && params.periodId !== '') lookup.periodId = validateId('periodId', params.periodId);
  return lookup;
}

/** The IDs, `limit` and `offset` of a single-page request, validated. */
export function checkPageParams(params: PageParams): { lookup: LookupParams; limit: number; offset: number } {
  const lookup = checkLookup(params);
  if (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > maxPageSize) {
    throw new CapillaryApiError({
      kind: 'invalid-input',
      field: 'limit',
      message: `limit must be a whole number from 1 to ${maxPageSize} (got ${params.limit}).`,
      hint: 'Choose a smaller page size.',
    });
  }
  if (!Number.isSafeInteger(params.offset) || params.offset < 0) {
    throw new CapillaryApiError({
      kind: 'invalid-input',
      field: 'offset',
      message: `offset must be a whole number from 0 (got ${params.offset}).`,
      hint: 'Use 0 for the first page.',
    });
  }
  return { lookup, limit: params.limit, offset: params.offset };
}

/** The request for one page of the lookup; throws an invalid-input error for an ID that is not one. */
export function trackedTargetEventsRequest(params: LookupParams, page: { limit: number; offset: number }): ApiRequest {
  const lookup = checkLookup(params);
  return {
    method: 'GET',
    path: `/v3/users/${lookup.userId}/trackedTargetEvents/${lookup.targetRuleId}`,
    query: { periodId: lookup.periodId, limit: page.limit, offset: page.offset },
    authenticated: true,
  };
}

export async function fetchPage(
  transport: Transport,
  lookup: LookupParams,
  limit: number,
  offset: number,
  signal: AbortSignal | undefined,
  onRetry?: (retry: RetryInfo) => void,
): Promise<EventsPage> {
  const response = await transport.send(trackedTargetEventsRequest(lookup, { limit, offset }), signal, onRetry);
  let events: TrackedTargetEvent[];
  try {
    events = normalizeEvents(response.body.data);
  } catch (error) {
    throw withResponse(error, response);
  }
  return {
    pagination: normalizePagination(response.body.pagination, { limit, offset }),
    events,
    raw: response.text,
    warnings: response.warnings,
    requestId: response.requestId,
  };
}

/** An error reading the body, with the response's HTTP status and request ID added. */
function withResponse(error: unknown, response: ApiResponse): unknown {
  if (!(error instanceof CapillaryApiError)) return error;
  return new CapillaryApiError({
    kind: error.kind,
    message: error.message,
    hint: error.hint,
    httpStatus: response.status,
    requestId: response.requestId,
  });
}
