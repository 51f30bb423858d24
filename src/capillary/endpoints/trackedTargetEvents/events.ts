// Turns the server's JSON (numbers kept as source text) into TrackedTargetEvent: IDs as decimal strings,
// targetValue as exact decimal text. Odd but valid data is tolerated: missing optional fields become "" (or
// null for eventDisplayName), unknown eventNames are kept, numbers and strings are both accepted.
import { CapillaryApiError } from '../../transport/errors';
import { JsonNumber, isJsonObject, type JsonObject, type JsonValue } from '../../transport/json';
import type { Pagination, TrackedTargetEvent } from '../../types';
import { decimalText, idText, scalarText } from '../values';

/** A small non-negative integer such as limit, offset or total; undefined when absent or unusable. */
export function smallInteger(value: JsonValue | undefined): number | undefined {
  const text = value instanceof JsonNumber ? value.text : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : undefined;
}

/**
 * One string per distinct value. Each parsed value is a string of its own (a copy, or a slice of the body), so
 * the fields that repeat over events (customer, period, group, rule, event name, display name, common target
 * values such as "1.000") would otherwise cost a string per event: a fifth of a held lookup's heap. Its strings
 * may be slices of a page's body, which they keep alive: one pool serves one lookup at most.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  share(text: string): string {
    const held = this.strings.get(text);
    if (held !== undefined) return held;
    this.strings.set(text, text);
    return text;
  }
}

/** `pool` shares repeated values between the events read with it. */
export function normalizeEvent(raw: JsonValue, position: number, pool = new StringPool()): TrackedTargetEvent {
  if (!isJsonObject(raw)) {
    throw invalidEvent(`event ${position + 1} of the page is not an object`);
  }
  const eventLogId = idText(raw.eventLogId);
  if (eventLogId === '') throw invalidEvent(`event ${position + 1} of the page has no eventLogId`);
  const displayName = raw.eventDisplayName;
  // One literal with every field, so that all events share one hidden class with in-object properties.
  const event: TrackedTargetEvent = {
    eventLogId,
    eventName: pool.share(scalarText(raw.eventName)),
    customerId: pool.share(idText(raw.customerId)),
    eventDisplayName: displayName === null || displayName === undefined ? null : pool.share(scalarText(displayName)),
    uniqueId: scalarText(raw.uniqueId),
    eventDate: scalarText(raw.eventDate),
    eventProcessedDate: scalarText(raw.eventProcessedDate),
    periodId: pool.share(idText(raw.periodId)),
    targetGroupId: pool.share(idText(raw.targetGroupId)),
    targetRuleId: pool.share(idText(raw.targetRuleId)),
    targetValue: pool.share(decimalText(raw.targetValue)),
  };
  if (typeof raw.eventDateISO === 'string') event.eventDateISO = raw.eventDateISO;
  if (typeof raw.eventProcessedDateISO === 'string') event.eventProcessedDateISO = raw.eventProcessedDateISO;
  return event;
}

/** A page's events; by default its own pool shares the values repeated within the page. */
export function normalizeEvents(data: JsonValue | undefined, pool = new StringPool()): TrackedTargetEvent[] {
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw invalidEvent('"data" is not a list of events');
  const events = new Array<TrackedTargetEvent>(data.length);
  for (let i = 0; i < data.length; i++) events[i] = normalizeEvent(data[i], i, pool);
  return events;
}

export function normalizePagination(raw: JsonValue | undefined, fallback: { limit: number; offset: number }): Pagination {
  const pagination: JsonObject = isJsonObject(raw) ? raw : (Object.create(null) as JsonObject);
  const result: Pagination = {
    limit: smallInteger(pagination.limit) ?? fallback.limit,
    offset: smallInteger(pagination.offset) ?? fallback.offset,
  };
  const total = smallInteger(pagination.total);
  if (total !== undefined) result.total = total;
  return result;
}

function invalidEvent(detail: string): CapillaryApiError {
  return new CapillaryApiError({
    kind: 'invalid-response',
    message: `Capillary sent events the extension cannot read: ${detail}.`,
    hint: 'Check that the base URL points at a Capillary API host; if it does, give the request ID to Capillary support.',
  });
}
