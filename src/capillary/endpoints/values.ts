// Reading the values of a Capillary answer, shared by every endpoint's parser: IDs as exact decimal text (Longs
// past 2^53 keep every digit), decimals as exact text, optional fields read tolerantly (a field that cannot be
// read is left out, never guessed), and period bounds as epoch milliseconds.
import { normalizeDecimalText, parseEventTime } from '../../shared/rules';
import { CapillaryApiError } from '../transport/errors';
import { JsonNumber, type JsonObject, type JsonValue } from '../transport/json';

const integerText = /^-?\d+$/;

/** JSON number text is already plain decimal text unless it has an exponent or is a negative zero. */
function jsonNumberAsDecimal(text: string): string {
  if (!/[eE]/.test(text) && !text.startsWith('-0')) return text;
  return normalizeDecimalText(text) ?? text;
}

/** An ID as decimal text; "" when absent. Numbers keep every digit. */
export function idText(value: JsonValue | undefined): string {
  if (value instanceof JsonNumber) {
    if (integerText.test(value.text)) return value.text;
    return jsonNumberAsDecimal(value.text);
  }
  if (typeof value === 'string') return value;
  return '';
}

/** Plain text of a scalar field; "" when absent or not a scalar. */
export function scalarText(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'boolean') return String(value);
  return '';
}

/** Exact decimal text of a number or numeric string; other text is kept as sent, absence becomes "". */
export function decimalText(value: JsonValue | undefined): string {
  if (value instanceof JsonNumber) return jsonNumberAsDecimal(value.text);
  if (typeof value === 'string') return normalizeDecimalText(value.trim()) ?? value;
  return '';
}

/** A field's plain text; undefined when absent, null or empty. */
export function optionalText(raw: JsonObject, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  return scalarText(value) || undefined;
}

/** The first of several spellings of a field that is present, e.g. the ISO form before the plain one. */
export function firstText(raw: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = optionalText(raw, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A field's exact decimal text; undefined when absent, null or empty. */
export function optionalDecimal(raw: JsonObject, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  return decimalText(value) || undefined;
}

/** A boolean, also when sent as "true" or "false"; undefined otherwise. */
export function optionalFlag(value: JsonValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** `value` without its undefined fields, so that equal readings compare (and serialise) equal. */
export function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

export const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const epochMillis = /^\d{12,14}$/;
const DAY_MS = 86_400_000;

/**
 * Epoch milliseconds of a period bound: a date-time (server or ISO form), epoch milliseconds, or a date alone,
 * which for an end bound means the last millisecond of that day.
 */
export function boundaryTime(value: string | undefined, edge: 'start' | 'end'): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (epochMillis.test(trimmed)) return Number(trimmed);
  const day = dateOnly.exec(trimmed);
  if (day) {
    const start = parseEventTime(`${trimmed} 00:00:00`);
    if (start === undefined) return undefined;
    return edge === 'start' ? start : start + DAY_MS - 1;
  }
  return parseEventTime(trimmed);
}

/** An answer whose body lacks what the endpoint must send. */
export function missingInAnswer(response: { status: number; requestId?: string }, what: string): CapillaryApiError {
  return new CapillaryApiError({
    kind: 'invalid-response',
    httpStatus: response.status,
    requestId: response.requestId,
    message: `Capillary answered ${what}.`,
    hint: 'Check that the base URL points at a Capillary API host; if it does, give the request ID to Capillary support.',
  });
}
