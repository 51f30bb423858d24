// Reading event dates. They come as `YYYY-MM-DD HH:MM:SS.s` (server time, no zone) or ISO 8601. Both are read
// into epoch milliseconds for comparing and subtracting; the text shown to users stays exactly as the server
// sent it. The client (first/last date of a period, lag) and the table (sorting, lag) read dates only here.

const datePattern =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch milliseconds of an event date, or undefined when it cannot be read. A date without a zone is read
 * as UTC: two dates from the same server then compare and subtract correctly, whatever its zone.
 */
export function parseEventTime(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const fast = parseCommonForm(text);
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
  let time = utc(Number(year), m - 1, d, h, min, s, millis);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    time -= sign * offsetMinutes * 60_000;
  }
  return Number.isFinite(time) ? time : undefined;
}

/** Date.UTC, except that years 0-99 stay themselves (Date.UTC reads them as 1900-1999). */
function utc(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  if (year >= 100) return Date.UTC(year, monthIndex, day, hour, minute, second, millis);
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
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

/**
 * The common forms without a regular expression: `YYYY-MM-DD HH:MM:SS`, with "T" for the space, a fraction of
 * 1-9 digits and a zone (Z, ±HH, ±HHMM, ±HH:MM) optional. The client reads tens of thousands per lookup and the
 * table 50,000 when it sorts by date. Anything else (a comma fraction, no seconds, surrounding spaces, a
 * lowercase "z") is left to the pattern above, which reads the same value wherever both read the text.
 */
function parseCommonForm(text: string): number | undefined {
  const length = text.length;
  if (length < 19) return undefined;
  const separator = text.charCodeAt(10);
  if ((separator !== 0x20 && separator !== 0x54) || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return undefined;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined;
  let position = 19;
  let millis = 0;
  if (position < length && text.charCodeAt(position) === 0x2e) {
    const start = position + 1;
    position = start;
    while (position < length && isDigit(text.charCodeAt(position))) position++;
    const count = position - start;
    if (count < 1 || count > 9) return undefined;
    millis = Math.round((digitsAt(text, start, count) / 10 ** count) * 1000);
  }
  let offsetMinutes = 0;
  if (position < length) {
    const zone = text.charCodeAt(position);
    const rest = length - position - 1;
    if (zone === 0x2b || zone === 0x2d) {
      const colon = rest === 5 && text.charCodeAt(position + 3) === 0x3a;
      if (rest !== 2 && rest !== 4 && !colon) return undefined;
      const minutes = rest === 2 ? 0 : digitsAt(text, position + (colon ? 4 : 3), 2);
      offsetMinutes = (zone === 0x2d ? -1 : 1) * (digitsAt(text, position + 1, 2) * 60 + minutes);
    } else if (zone !== 0x5a || rest !== 0) {
      return undefined;
    }
  }
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60)) return undefined;
  const time = utc(digitsAt(text, 0, 4), month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return Number.isFinite(time) ? time : undefined;
}
