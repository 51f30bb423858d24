// Processing lag: how long after the event Capillary processed it. The client keeps each period's largest lag;
// the table shows each event's (written by src/shared/display) and highlights the large ones.
import { parseEventTime } from './dates';

/** Default of the `capillary.lagWarningSeconds` setting: events normally land within minutes. */
export const DEFAULT_LAG_WARNING_SECONDS = 60 * 60;

/** The dates of an event that the lag is computed from. */
export interface EventDates {
  eventDate: string;
  eventProcessedDate: string;
  eventDateISO?: string;
  eventProcessedDateISO?: string;
}

/**
 * eventProcessedDate − eventDate in seconds (not rounded), from the ISO pair when the server sent both (they
 * carry zones); undefined when either date cannot be read. `eventTime` is eventDate already parsed, for a
 * caller that has it.
 */
export function processingLagSeconds(event: EventDates, eventTime?: number): number | undefined {
  const useIso = Boolean(event.eventDateISO && event.eventProcessedDateISO);
  const start = useIso ? parseEventTime(event.eventDateISO) : (eventTime ?? parseEventTime(event.eventDate));
  const end = parseEventTime(useIso ? event.eventProcessedDateISO : event.eventProcessedDate);
  if (start === undefined || end === undefined) return undefined;
  return (end - start) / 1000;
}

/** Whether a lag (either way) is above the warning threshold, and so worth pointing out. */
export function isHighLag(seconds: number | null | undefined, thresholdSeconds: number): boolean {
  return seconds !== null && seconds !== undefined && Math.abs(seconds) > thresholdSeconds;
}
