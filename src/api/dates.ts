// Event dates come as `YYYY-MM-DD HH:MM:SS.s` (server time, no zone) or ISO 8601. Both are read into epoch
// milliseconds for comparing and subtracting; the text shown to users stays exactly as the server sent it.

const datePattern =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch milliseconds of an event date, or undefined when it cannot be read. A date without a zone is read
 * as UTC: two dates from the same server then compare and subtract correctly, whatever its zone.
 */
export function parseEventTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const fast = parseServerTime(text);
  if (fast !== undefined) return fast;
  const match = datePattern.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone] = match;
  const millis = fraction === '' ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const m = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const min = Number(minute);
  const s = Number(second);
  if (m < 1 || m > 12 || d < 1 || d > 31 || h > 24 || min > 59 || s > 60) return undefined;
  let time = Date.UTC(Number(year), m - 1, d, h, min, s, millis);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    time -= sign * offsetMinutes * 60_000;
  }
  return Number.isFinite(time) ? time : undefined;
}

function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** The common `YYYY-MM-DD HH:MM:SS.s` form without a regular expression (tens of thousands per lookup). */
function parseServerTime(text: string): number | undefined {
  if (text.length < 19 || text.length > 29 || text.charCodeAt(10) !== 0x20) return undefined;
  if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) {
    return undefined;
  }
  let millis = 0;
  if (text.length > 19) {
    if (text.charCodeAt(19) !== 0x2e || text.length === 20) return undefined;
    const fraction = digitsAt(text, 20, text.length - 20);
    millis = Math.round((fraction / 10 ** (text.length - 20)) * 1000);
  }
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60)) return undefined;
  const time = Date.UTC(digitsAt(text, 0, 4), month - 1, day, hour, minute, second, millis);
  return Number.isFinite(time) ? time : undefined;
}
