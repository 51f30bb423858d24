// How far a fetch has got, in one sentence for the table, the sidebar and the progress notification alike:
// "3 of 10 pages loaded · 300 events · retrying 1 of 3 after a failure", or "· waiting for Capillary's rate limit
// until 14:02:31" while the profile's requests are paused.
import type { FetchProgress } from '../domain';
import { formatLocalTime } from './dates';
import { formatCount, plural } from './numbers';

export function fetchProgressText(progress: FetchProgress): string {
  const pages =
    progress.pagesExpected !== undefined
      ? `${formatCount(progress.pagesFetched)} of ${plural(progress.pagesExpected, 'page')} loaded`
      : `${plural(progress.pagesFetched, 'page')} loaded`;
  const retrying = progress.retrying ? ` · retrying ${progress.retrying.attempt} of ${progress.retrying.of} after a failure` : '';
  const waiting = progress.rateLimitedUntil !== undefined ? ` · ${rateLimitWaitText(progress.rateLimitedUntil)}` : '';
  return `${pages} · ${plural(progress.eventsFetched, 'event')}${retrying}${waiting}`;
}

/** The pause of a profile's requests for Capillary's rate limit, with the time they go again. */
export function rateLimitWaitText(until: number): string {
  return `waiting for Capillary\u2019s rate limit until ${formatLocalTime(until)}`;
}
