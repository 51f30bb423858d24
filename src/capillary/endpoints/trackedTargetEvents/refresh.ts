// A refresh of a complete result held from before, in as few requests as it can: its last page holding events is
// asked for again; when that page still starts with the same event, nothing was inserted or removed before it,
// so the pages before are taken as held and only the pages after it are fetched (none when the last page is still
// short, one when it was full and the page after is empty). When it starts with another event, the caller fetches
// every page. The result goes through the same assembly and hole checks as a first fetch.
import { assemble, buildResult, checkForHole, nothingFetched, record, type Fetched } from './assembly';
import { runFacts, type PageRequests, type Paging } from './pageRequests';
import { wave } from './wave';
import type { LookupResult, RefreshPoint } from '../../types';

/** The refreshed result, or undefined when the held pages no longer hold (every page must be fetched). */
export async function refreshHeld(requests: PageRequests, held: LookupResult, point: RefreshPoint, concurrency: number): Promise<LookupResult | undefined> {
  const lastPage = point.pageCounts.length - 1;
  let paging: Paging = { pageSize: point.pageSize, rowOffsets: point.rowOffsets, notes: point.notes };
  const page = await requests.page(lastPage, paging);
  if (page.events[0]?.eventLogId !== point.lastPageFirstId) return undefined;
  paging = { ...paging, total: page.pagination.total };
  let fetched: Fetched = nothingFetched;
  let start = 0;
  for (const [index, count] of point.pageCounts.slice(0, -1).entries()) {
    const events = held.events.slice(start, start + count);
    start += count;
    fetched = record(fetched, index, { events, raw: held.rawPages[index] ?? '' }, paging.pageSize);
    requests.settle(index, { events });
  }
  fetched = record(fetched, lastPage, page, paging.pageSize);
  requests.settle(lastPage, page);
  // A full last page: the page after tells alone whether events were added; only then do more go at once, up to
  // where `total` (as records, then as pages) says the list ends, and on to the first short page.
  const total = paging.total;
  const ends = total === undefined ? [] : [Math.ceil(total / paging.pageSize), total].sort((a, b) => a - b);
  const waves: Array<[number, number, number]> = [[lastPage + 1, lastPage + 2, 1]];
  for (const end of [...ends.map((pages) => pages + 1), Infinity]) {
    const from = waves[waves.length - 1][1];
    if (end > from) waves.push([from, end, concurrency]);
  }
  for (const [from, end, workers] of waves) {
    if (fetched.stopAt !== Infinity) break;
    const outcome = await wave(requests, paging, fetched, from, end, workers);
    if (outcome.failure) throw outcome.failure.error;
    fetched = outcome.fetched;
  }
  const assembly = assemble(fetched);
  if (assembly.repeatedPages.length > 0) return undefined;
  checkForHole(fetched, assembly, paging.total);
  return buildResult(assembly, runFacts(paging, requests, 'from-last-page'), true, requests.groupsOf(assembly.events));
}
