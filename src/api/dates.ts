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
