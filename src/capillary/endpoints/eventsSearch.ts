// GET /v2/events/search (Capillary's "Search events"): a customer's behavioural events of one name in a window.
// Documented: the customer by `userIdentifierType` / `userIdentifierValue`, `eventName`, `fromDate` / `tillDate`
// (date-times such as 2024-03-19T15:31:28), paging by `limit` and `offset` (pages to skip), events from January
// 2024 on. An event's fields are those of "Get event data": `eventId` (the requestId of the POST that created it,
// which a behavioural tracked event's `uniqueId` names), `eventName`, `date` (ISO 8601), `userId`, `tillCode`.
// The list is read from `data` (or `data.events`).
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { isJsonObject, type JsonObject } from '../transport/json';
import { validateId } from '../validation';
import { firstText, idText, missingInAnswer, optionalText, scalarText, withoutUndefined } from './values';

/** Capillary's list APIs cap `limit` at 100; this one documents no maximum. */
export const EVENTS_SEARCH_PAGE_LIMIT = 100;

export interface BehaviouralEvent {
  /** The event's requestId (`eventId`). */
  eventId: string;
  eventName: string;
  /** As sent. */
  date: string;
  tillCode?: string;
}

export interface EventsSearch {
  customerId: string;
  eventName: string;
  /** `YYYY-MM-DDTHH:MM:SS`, inclusive. */
  fromDate: string;
  tillDate: string;
}

export function eventsSearchRequest(search: EventsSearch, page: { limit: number; offset: number }): ApiRequest {
  return {
    method: 'GET',
    path: '/v2/events/search',
    query: {
      userIdentifierType: 'id',
      userIdentifierValue: validateId('customerId', search.customerId),
      eventName: search.eventName,
      fromDate: search.fromDate,
      tillDate: search.tillDate,
      limit: page.limit,
      offset: page.offset,
    },
    authenticated: true,
  };
}

/** Every event of the search, page by page; stops at a short or empty page, or one that repeats the one before. */
export async function fetchBehaviouralEvents(transport: Transport, search: EventsSearch, signal?: AbortSignal): Promise<BehaviouralEvent[]> {
  const events: BehaviouralEvent[] = [];
  let previousFirstId: string | undefined;
  for (let page = 0; ; page++) {
    const found = readEventsSearch(await transport.send(eventsSearchRequest(search, { limit: EVENTS_SEARCH_PAGE_LIMIT, offset: page }), signal));
    if (found.length === 0 || found[0].eventId === previousFirstId) break;
    previousFirstId = found[0].eventId;
    events.push(...found);
    if (found.length < EVENTS_SEARCH_PAGE_LIMIT) break;
  }
  return events;
}

export function readEventsSearch(response: Pick<ApiResponse, 'body' | 'status' | 'requestId'>): BehaviouralEvent[] {
  const data = response.body.data;
  const list = Array.isArray(data) ? data : isJsonObject(data) && Array.isArray(data.events) ? data.events : undefined;
  if (!list) throw missingInAnswer(response, 'without the list of events');
  return list.filter(isJsonObject).map(readEvent);
}

function readEvent(raw: JsonObject): BehaviouralEvent {
  return withoutUndefined({
    eventId: idText(raw.eventId),
    eventName: scalarText(raw.eventName),
    date: firstText(raw, ['date', 'eventDateTime']) ?? '',
    tillCode: optionalText(raw, 'tillCode'),
  });
}
