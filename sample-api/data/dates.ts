// Dates as the API writes them, `YYYY-MM-DD HH:MM:SS.0`; the sample server's clock is UTC.

import type { SampleCalendarPeriod } from './types';

export const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
export const DAY_MS = 86_400_000;

// Formatting 100 000 dates through Date objects dominated start-up; the day prefix is cached instead.
let cachedDay = NaN;
let cachedDayPrefix = '';

/** `YYYY-MM-DD HH:MM:SS.0`, the API's format; the sample server's clock is UTC. */
export function formatApiDate(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== cachedDay) {
    const d = new Date(day * DAY_MS);
    cachedDay = day;
    cachedDayPrefix = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} `;
  }
  const seconds = Math.floor((epochMs - day * DAY_MS) / 1000);
  return `${cachedDayPrefix}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.0`;
}

/** `months` calendar months from January of `year` plus `firstMonth` (0-based). */
export function monthCalendar(firstPeriodId: number, year: number, firstMonth: number, months: number): SampleCalendarPeriod[] {
  return Array.from({ length: months }, (_, i) => ({
    periodId: String(firstPeriodId + i),
    startDate: formatApiDate(Date.UTC(year, firstMonth + i, 1)).slice(0, 10),
    endDate: formatApiDate(Date.UTC(year, firstMonth + i + 1, 0)).slice(0, 10),
  }));
}
