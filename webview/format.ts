// Display formatting for dates, processing lag and counts. Values the user checks against the API (IDs,
// targetValue, the raw date text) are never reformatted here; only derived figures are.

/** Processing lag above this is highlighted: events normally land within minutes. */
export const LAG_HIGHLIGHT_SECONDS = 60 * 60;

const serverDatePattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/**
 * Milliseconds for a date as the API sends it. `YYYY-MM-DD HH:MM:SS.s` carries no zone (server time), so it is
 * read as UTC: differences between two such dates stay right, which is all the lag needs. Returns NaN when
 * the text is not a date.
 */
export function parseApiDate(text: string | null | undefined): number {
  if (!text) return NaN;
  const match = serverDatePattern.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s, frac] = match;
    const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  }
  return /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
}

/** Seconds from event to processing, preferring the ISO fields when the server sent both of them. */
export function processingLagSeconds(event: {
  eventDate: string;
  eventProcessedDate: string;
  eventDateISO?: string;
  eventProcessedDateISO?: string;
}): number | null {
  const useIso = Boolean(event.eventDateISO && event.eventProcessedDateISO);
  const start = parseApiDate(useIso ? event.eventDateISO : event.eventDate);
  const end = parseApiDate(useIso ? event.eventProcessedDateISO : event.eventProcessedDate);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.round((end - start) / 1000);
}

/** Lag as the two largest units, e.g. "+7d 6h", "+3m 5s", "−2h"; empty when there is no lag. */
export function formatLag(seconds: number | null): string {
  if (seconds === null || seconds === 0) return '';
  const sign = seconds < 0 ? '−' : '+';
  let rest = Math.abs(seconds);
  const units: Array<[string, number]> = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  for (const [suffix, size] of units) {
    if (parts.length === 2) break;
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount}${suffix}`);
    else if (parts.length > 0) break;
  }
  return sign + parts.join(' ');
}

/** Server date text without a zero fraction: "2025-01-09 12:00:12.0" → "2025-01-09 12:00:12". */
export function formatApiDate(text: string): string {
  return text.replace(/\.0+$/, '');
}

/** "first – last", dropping the repeated day when both fall on the same day. */
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

const countFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A fetch time (ISO 8601) in the viewer's local time, to the second. */
export function formatFetchedAt(iso: string): string {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) return iso;
  const date = new Date(millis);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
