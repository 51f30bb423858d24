// Moments and dates as users read them. A moment of this extension (when a lookup was fetched, …) is
// `YYYY-MM-DD HH:MM:SS` in the viewer's local time. Event dates are the server's text (server time, no zone),
// shown as sent except for a zero fraction: "2025-01-09 12:00:12.0" reads "2025-01-09 12:00:12".
import { MINUS_SIGN } from './numbers';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS` in local time; text that is not a date is returned as it is. */
export function formatLocalDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(Date.parse(value)) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : String(value);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** `HH:MM:SS` in local time: a moment of the next minutes (when a pause ends). */
export function formatLocalTime(value: Date | number): string {
  const date = typeof value === 'number' ? new Date(value) : value;
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Server date text without a zero fraction: "2025-01-09 12:00:12.0" → "2025-01-09 12:00:12". */
export function formatApiDate(text: string): string {
  return text.replace(/\.0+$/, '');
}

/** "first – last" of two server dates, dropping the repeated day when both fall on the same day. */
export function formatDateSpan(first: string, last: string): string {
  const a = formatApiDate(first);
  const b = formatApiDate(last);
  if (!a && !b) return '';
  if (a === b || !b) return a;
  if (!a) return b;
  const day = /^\d{4}-\d{2}-\d{2}[ T]/;
  if (day.test(a) && day.test(b) && a.slice(0, 10) === b.slice(0, 10)) return `${a} – ${b.slice(11)}`;
  return `${a} – ${b}`;
}

const lagUnits: ReadonlyArray<readonly [string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** A lag to the second as its two largest units, e.g. "+7d 6h", "+3m 5s", "−2h"; empty when there is no lag. */
export function formatLag(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const whole = Math.round(seconds);
  if (whole === 0) return '';
  const sign = whole < 0 ? MINUS_SIGN : '+';
  let rest = Math.abs(whole);
  const parts: string[] = [];
  for (const [suffix, size] of lagUnits) {
    if (parts.length === 2) break;
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount}${suffix}`);
    else if (parts.length > 0) break;
  }
  return sign + parts.join(' ');
}
