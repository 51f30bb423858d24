// How far a fetch has got, in one sentence for the table, the sidebar and the progress notification alike:
// "3 of 10 pages loaded · 300 events · retrying 1 of 3 after a failure".
import type { FetchProgress } from '../domain';
import { formatCount, plural } from './numbers';

export function fetchProgressText(progress: FetchProgress): string {
  const pages =
    progress.pagesExpected !== undefined
      ? `${formatCount(progress.pagesFetched)} of ${plural(progress.pagesExpected, 'page')} loaded`
      : `${plural(progress.pagesFetched, 'page')} loaded`;
  const retrying = progress.retrying ? ` · retrying ${progress.retrying.attempt} of ${progress.retrying.of} after a failure` : '';
  return `${pages} · ${plural(progress.eventsFetched, 'event')}${retrying}`;
}
