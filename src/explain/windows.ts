// A period's window as the bills are asked for it: dates only, inclusive, in the target group's time zone. A bound
// or billing time without a zone is already the server's (the group's) local time, so its date is its first ten
// characters; one with a zone (ISO with Z or an offset) is turned into the group's local date.
import { parseEventTime } from '../capillary';

const datePrefix = /^(\d{4}-\d{2}-\d{2})(?:$|[ T])/;
const withZone = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** Whether a date-time names its zone (ISO with Z or an offset), as opposed to the server's local time. */
export function namesZone(text: string): boolean {
  return /[T ]\d{2}:\d{2}/.test(text) && withZone.test(text.trim());
}

/** `YYYY-MM-DD` of a date or date-time in the group's time zone; undefined when it cannot be read. */
export function localDate(text: string, timeZone: string | undefined): string | undefined {
  const trimmed = text.trim();
  const prefix = datePrefix.exec(trimmed);
  if (!prefix) return undefined;
  if (!namesZone(trimmed)) return prefix[1];
  const time = parseEventTime(trimmed);
  if (time === undefined) return undefined;
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(time);
  } catch {
    return new Date(time).toISOString().slice(0, 10);
  }
}

export interface DateWindow {
  startDate: string;
  endDate: string;
}

/** The period's window from its bounds; undefined when either bound cannot be read. */
export function periodWindow(start: string | undefined, end: string | undefined, timeZone: string | undefined): DateWindow | undefined {
  const startDate = start === undefined ? undefined : localDate(start, timeZone);
  const endDate = end === undefined ? undefined : localDate(end, timeZone);
  return startDate && endDate ? { startDate, endDate } : undefined;
}

/** One window covering all of them, so that the bills are asked for once. */
export function coveringWindow(windows: readonly DateWindow[]): DateWindow | undefined {
  if (windows.length === 0) return undefined;
  return {
    startDate: windows.reduce((min, window) => (window.startDate < min ? window.startDate : min), windows[0].startDate),
    endDate: windows.reduce((max, window) => (window.endDate > max ? window.endDate : max), windows[0].endDate),
  };
}

export function inWindow(date: string | undefined, window: DateWindow): boolean {
  return date !== undefined && date >= window.startDate && date <= window.endDate;
}
