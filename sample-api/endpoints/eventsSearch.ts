// GET /v2/events/search: a customer's behavioural events (userIdentifierType=id) of a name between `fromDate` and
// `tillDate`, `limit` per page and `offset` in pages, as the reference describes its paging.

import { explainFaultReply } from '../faults';
import { RawNumber, toJson, type JsonValue } from '../json';
import { envelopeError, parseIntParam, type Reply } from '../reply';
import type { SampleState } from '../state';

export const EVENTS_SEARCH_PATH = '/v2/events/search';

/** `YYYY-MM-DDTHH:MM:SS` of an ISO or server date-time, comparable as text. */
function isoSeconds(value: string): string {
  return value.replace(' ', 'T').slice(0, 19);
}

export function eventsSearchReply(state: SampleState, query: URLSearchParams, path: string): Reply {
  const limit = parseIntParam('limit', query.get('limit'), 10, 1, 100);
  if (limit.error) return limit.error;
  const offset = parseIntParam('offset', query.get('offset'), 0, 0, 1_000_000);
  if (offset.error) return offset.error;
  if (query.get('userIdentifierType') !== 'id') return envelopeError(400, 400, 'Only userIdentifierType=id is served by the sample API');
  const refusal = explainFaultReply(state.faults, 'eventsSearch', path);
  if (refusal) return refusal;
  const customerId = query.get('userIdentifierValue') ?? '';
  const eventName = query.get('eventName');
  const from = query.get('fromDate');
  const till = query.get('tillDate');
  const found = state.explain.behaviouralEvents
    .filter((event) => event.customerId === customerId && (eventName === null || event.eventName === eventName))
    .filter((event) => (from === null || isoSeconds(event.date) >= isoSeconds(from)) && (till === null || isoSeconds(event.date) <= isoSeconds(till)))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const page = found.slice(offset.value * limit.value, (offset.value + 1) * limit.value);
  const data: JsonValue[] = page.map((event) => ({
    eventId: event.eventId,
    eventName: event.eventName,
    userId: new RawNumber(event.customerId),
    date: event.date,
    source: 'INSTORE',
    tillCode: 'till.north.mall',
  }));
  return { status: 200, body: `{"data":${toJson(data)},"pagination":${toJson({ limit: limit.value, offset: offset.value, total: found.length })},"errors":[],"warnings":[]}` };
}
