// Numbers as users read them: whole digits in groups of three, U+2212 for a minus, every fraction digit the
// value has. Decimals keep the digits Capillary sent ("1.000" stays three places); a sum or difference computed
// with the exact arithmetic of rules/decimals keeps the larger scale of its operands. IDs (eventLogId,
// customerId, periodId, …) are identifiers, not quantities: they are shown as sent and never pass through here.
import { formatDecimal, parseDecimal } from '../rules/decimals';

/** The minus sign of every negative figure shown (a hyphen-minus is for text meant to be read back). */
export const MINUS_SIGN = '\u2212';

function groupWholeDigits(digits: string): string {
  return digits.length <= 3 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * A decimal's text for display: "9000.920" → "9,000.920", "-0.50" → "−0.50", "1.5e3" → "1,500"; any length,
 * no float in between. Text that is not a number (an event without a targetValue has "") is shown as it is.
 */
export function formatDecimalText(text: string): string {
  const value = parseDecimal(text);
  if (value === undefined) return text;
  const plain = formatDecimal(value);
  const negative = plain.startsWith('-');
  const unsigned = negative ? plain.slice(1) : plain;
  const point = unsigned.indexOf('.');
  const whole = point === -1 ? unsigned : unsigned.slice(0, point);
  const fraction = point === -1 ? '' : unsigned.slice(point);
  return `${negative ? MINUS_SIGN : ''}${groupWholeDigits(whole)}${fraction}`;
}

/** How a value the server did not send (null, absent) is shown, a figure or any other field. */
export const NO_VALUE = '—';

/** A figure that may be missing (a goal, an achieved value): its decimal text, or the dash. */
export function formatFigure(text: string | undefined): string {
  return text === undefined ? NO_VALUE : formatDecimalText(text);
}

/** A count or other whole number: "1,000", "−3". */
export function formatCount(value: number): string {
  return Number.isSafeInteger(value) ? formatDecimalText(String(value)) : String(value);
}

/** "1 event", "2 events", "1,000 events", "0 periods": the count and the word that agrees with it. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
