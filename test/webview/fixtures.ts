// Table data for the webview tests: the documentation's example, and generated lookups of any size whose
// sums are computed exactly (BigInt over thousandths) so the table's figures can be checked digit for digit.
import type { PeriodGroup, TrackedTargetEvent } from '../../src/capillary/types';
import type { FetchProgress } from '../../src/capillary/types';
import type { ErrorInfo, ExtensionToWebview, FetchInfo, LookupInfo, RowsUpdate, TableData, TableInfo } from '../../src/shared/messages';
import { DEFAULT_LAG_WARNING_SECONDS } from '../../src/shared/rules';
import { PeriodGrouper, periodSummary } from '../../src/shared/grouping';

export const lookup: LookupInfo = {
  userId: '564332013',
  targetRuleId: '1986',
  profileName: 'demo',
  host: 'eu.api.capillarytech.com',
};

/** Exact sum of decimal strings with at most three fraction digits. */
export function exactSum(values: readonly string[]): string {
  let thousandths = 0n;
  for (const value of values) {
    const negative = value.startsWith('-');
    const [integer, fraction = ''] = value.replace(/^[-+]/, '').split('.');
    const scaled = BigInt(integer || '0') * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
    thousandths += negative ? -scaled : scaled;
  }
  const negative = thousandths < 0n;
  const magnitude = negative ? -thousandths : thousandths;
  const fraction = (magnitude % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${magnitude / 1000n}${fraction ? `.${fraction}` : ''}`;
}

export function groupOf(events: TrackedTargetEvent[]): PeriodGroup {
  const first = events[0];
  const countsByEventName: Record<string, number> = {};
  for (const event of events) countsByEventName[event.eventName] = (countsByEventName[event.eventName] ?? 0) + 1;
  return {
    periodId: first.periodId,
    targetGroupId: first.targetGroupId,
    targetRuleId: first.targetRuleId,
    events,
    count: events.length,
    totalTargetValue: exactSum(events.map((event) => event.targetValue)),
    firstEventDate: events[0].eventDate,
    lastEventDate: events[events.length - 1].eventDate,
    countsByEventName,
    maxProcessingLagSeconds: 0,
  };
}

export function tableData(groups: PeriodGroup[], overrides: Partial<TableData> = {}): TableData {
  const eventCount = groups.reduce((sum, group) => sum + group.count, 0);
  return {
    lookup,
    groups,
    eventCount,
    pagesFetched: Math.max(1, Math.ceil(eventCount / 100)),
    warnings: [],
    fetchedAt: '2026-11-28T04:30:00.000Z',
    complete: true,
    ...overrides,
  };
}

function event(fields: Partial<TrackedTargetEvent> & Pick<TrackedTargetEvent, 'eventLogId'>): TrackedTargetEvent {
  return {
    eventName: 'ADD_TRANSACTION',
    customerId: '564332013',
    eventDisplayName: null,
    uniqueId: `u-${fields.eventLogId}`,
    eventDate: '2025-01-09 12:00:12.0',
    eventProcessedDate: '2025-01-09 12:00:12.0',
    periodId: '9887',
    targetGroupId: '1717',
    targetRuleId: '1986',
    targetValue: '1.000',
    ...fields,
  };
}

/** The endpoint documentation's example: period 9887 with 5 events summing to 9000.92, period 9888 with 2. */
export function documentationExample(): PeriodGroup[] {
  const first = [
    event({ eventLogId: '75930617', eventName: 'GENERIC_EVENT', eventDisplayName: 'AppLogin', targetValue: '1.000' }),
    event({ eventLogId: '75930618', targetValue: '2000.46' }),
    event({ eventLogId: '75930619', targetValue: '2999.46' }),
    event({ eventLogId: '75930620', eventDate: '2025-01-09 13:00:12.0', eventProcessedDate: '2025-01-16 19:30:12.0', targetValue: '2000.00' }),
    event({ eventLogId: '75930621', eventDate: '2025-01-09 13:00:12.0', eventProcessedDate: '2025-01-09 13:00:12.0', targetValue: '2000.000' }),
  ];
  const second = [
    event({ eventLogId: '75930700', periodId: '9888', eventDate: '2025-01-20 13:00:00.0', eventProcessedDate: '2025-01-20 13:00:00.0', targetValue: '500' }),
    event({ eventLogId: '75930701', periodId: '9888', eventDate: '2025-01-21 09:00:00.0', eventProcessedDate: '2025-01-21 09:00:00.0', eventName: 'ENROL', targetValue: '0.5' }),
  ];
  return [groupOf(first), groupOf(second)];
}

const names = ['ADD_TRANSACTION', 'RETURN_BILL', 'GENERIC_EVENT', 'ENROL'];
const displayNames = ['AppLogin', 'StoreVisit', 'Referral'];

/** A deterministic lookup of `periods × perPeriod` events, IDs past 2^53, varied values and lags. */
export function generatedGroups(periods: number, perPeriod: number): PeriodGroup[] {
  const groups: PeriodGroup[] = [];
  let serial = 0;
  for (let p = 0; p < periods; p++) {
    const events: TrackedTargetEvent[] = [];
    for (let i = 0; i < perPeriod; i++, serial++) {
      const eventName = names[serial % names.length];
      const behavioural = eventName === 'GENERIC_EVENT';
      const day = 1 + (i % 28);
      const hour = i % 24;
      const date = `2025-01-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00:00.0`;
      const lagHours = serial % 7 === 0 ? 30 : 0;
      const processed = new Date(Date.UTC(2025, 0, day, hour + lagHours)).toISOString().replace('T', ' ').replace(/:00\.000Z$/, ':00.0');
      const value = behavioural ? '1.000' : `${(serial * 7919) % 100000}.${String(serial % 1000).padStart(3, '0')}`;
      events.push(
        event({
          eventLogId: (9007199254740993n + BigInt(serial)).toString(),
          eventName,
          eventDisplayName: behavioural ? displayNames[serial % displayNames.length] : null,
          uniqueId: `txn-${(serial * 2654435761) % 4294967296}`,
          eventDate: date,
          eventProcessedDate: processed,
          periodId: String(100000 + p),
          targetGroupId: String(1717 + (p % 3)),
          targetValue: value,
        }),
      );
    }
    groups.push(groupOf(events));
  }
  return groups;
}

/**
 * Generations of the row stream, as the extension numbers them: each message that starts a set of rows starts a
 * new one; rows appended (offset > 0) belong to the latest.
 */
let generation = 0;

/**
 * The state message that puts these events on screen (a new generation of rows), with the latest fetch in the given
 * phase. The periods' summaries are the extension's: the shared rule over the events, whatever the groups say.
 */
export function dataMessage(data: TableData, fetch: FetchInfo = { phase: 'done' }): ExtensionToWebview {
  const { groups, ...info } = data;
  const events = groups.flatMap((group) => group.events);
  return {
    type: 'state',
    lookup: data.lookup,
    fetch,
    rows: { kind: 'rows', generation: ++generation, offset: 0, events, periods: new PeriodGrouper().add(events).groups.map(periodSummary), info },
    targetProgress: { status: 'loading' },
    lagWarningSeconds: DEFAULT_LAG_WARNING_SECONDS,
  };
}

/** The state message of a fetch under way, over the events already on screen (`unchanged`) or over none. */
export function loadingMessage(lookupInfo: LookupInfo, fetchProgress?: FetchProgress, shown: 'none' | 'unchanged' = 'none'): ExtensionToWebview {
  return { type: 'state', lookup: lookupInfo, fetch: { phase: 'loading', fetchProgress }, rows: rowsUpdate(shown), targetProgress: { status: 'unchanged' }, lagWarningSeconds: DEFAULT_LAG_WARNING_SECONDS };
}

/** The state message of a failed fetch, over the events already on screen (`unchanged`) or over none. */
export function failedMessage(lookupInfo: LookupInfo, error: ErrorInfo, shown: 'none' | 'unchanged' = 'none'): ExtensionToWebview {
  return { type: 'state', lookup: lookupInfo, fetch: { phase: 'failed', error }, rows: rowsUpdate(shown), targetProgress: { status: 'unchanged' }, lagWarningSeconds: DEFAULT_LAG_WARNING_SECONDS };
}

/** `none` as generation 0, which no set of rows has: messages built ahead (the bench's) keep their rows' generation. */
function rowsUpdate(shown: 'none' | 'unchanged'): RowsUpdate {
  return shown === 'none' ? { kind: 'none', generation: 0 } : { kind: 'unchanged' };
}

/** The latest generation's rows grouped, as the extension groups them, for the periods `rowsMessage` sends. */
let generationGroups = new PeriodGrouper();

/**
 * The state message that appends `events` to the first `offset` rows the webview holds (a fetch's pages as they
 * arrive); offset 0 starts a new generation. Messages of one generation are built in order.
 */
export function rowsMessage(
  events: TrackedTargetEvent[],
  offset: number,
  info: Partial<TableInfo> = {},
  fetch: FetchInfo = { phase: 'loading' },
): ExtensionToWebview {
  const complete = fetch.phase === 'done';
  if (offset === 0) generationGroups = new PeriodGrouper();
  const periodIds = new Set(events.map((event) => event.periodId));
  const periods = generationGroups.add(events).groups.filter((group) => periodIds.has(group.periodId)).map(periodSummary);
  return {
    type: 'state',
    lookup,
    fetch,
    rows: {
      kind: 'rows',
      generation: offset === 0 ? ++generation : generation,
      offset,
      events,
      periods,
      info: { lookup, eventCount: offset + events.length, pagesFetched: 1, warnings: [], fetchedAt: '2026-11-28T04:30:00.000Z', complete, ...info },
    },
    targetProgress: offset === 0 ? { status: 'loading' } : { status: 'unchanged' },
    lagWarningSeconds: DEFAULT_LAG_WARNING_SECONDS,
  };
}
