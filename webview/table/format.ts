// Display formatting for server dates and counts. Values the user checks against the API (IDs, targetValue, the
// raw date text) are never reformatted here; only derived figures are. Reading dates, the processing lag and the
// time format are shared rules (src/shared/rules).

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

const plainDecimal = /^(-?)(\d+)(\.\d+)?$/;

/**
 * A decimal with thousands separators in its integer part, every digit kept: "9000.920" → "9,000.920". Only for
 * display: exports and copies keep the server's text, and IDs are identifiers, never grouped. Text that is not a
 * plain decimal (an exponent, a non-number) is shown as it is.
 */
export function formatDecimalText(text: string): string {
  const match = plainDecimal.exec(text);
  if (!match || match[2].length <= 3) return text;
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+$)/g, ',')}${match[3] ?? ''}`;
}
