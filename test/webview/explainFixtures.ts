// Why bills did or did not count, for the webview tests: a lookup of three months with its target progress (the
// middle month without events), the target's definition, and each month's bills as the extension sends them.
import type { ProgressPeriod, TrackedTargetEvent } from '../../src/capillary';
import type { ExplainedTransaction, ExplanationInfo, TargetDefinition } from '../../src/shared/explanation';
import { groupByPeriod } from '../../src/shared/grouping';
import type { ExtensionToWebview } from '../../src/shared/messages';
import { reconcile } from '../../src/targetProgress/reconcile';
import { dataMessage, lookup, tableData } from './fixtures';

/** A store ID past 2^53: shown as sent, never rounded. */
export const LONG_STORE_ID = '9223372036854775807';

function event(eventLogId: string, eventDate: string, periodId: string, targetValue: string): TrackedTargetEvent {
  return {
    eventLogId,
    eventName: 'ADD_TRANSACTION',
    customerId: lookup.userId,
    eventDisplayName: null,
    uniqueId: `bill-${eventLogId}`,
    eventDate,
    eventProcessedDate: eventDate,
    periodId,
    targetGroupId: '1718',
    targetRuleId: lookup.targetRuleId,
    targetValue,
  };
}

function month(periodId: string, first: number): ProgressPeriod {
  const startTime = Date.UTC(2025, first, 1);
  const endTime = Date.UTC(2025, first + 1, 1) - 1;
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { periodId, start: `${day(startTime)} 00:00:00`, end: `${day(endTime)} 23:59:59`, startTime, endTime, status: 'ENDED', goal: '8500', achieved: '5500', streaks: [], milestones: [] };
}

export const events = [
  event('620000101', '2025-01-06 10:00:00.0', '21801', '3000'),
  event('620000102', '2025-01-14 18:30:00.0', '21801', '2500'),
  event('620000105', '2025-03-03 11:00:00.0', '21803', '4200.50'),
];
const periods = [month('21801', 0), month('21802', 1), month('21803', 2)];

export const definition: TargetDefinition = {
  targetRuleId: lookup.targetRuleId,
  targetType: 'VALUE',
  targetEntity: 'TRANSACTION',
  eventName: 'TransactionAdd',
  expression: 'currentTxn.value > 100',
  expressionJson: '{\n  "op": ">",\n  "left": "currentTxn.value",\n  "right": 100\n}',
  filters: [
    { entityType: 'STORE', entityIds: ['101', LONG_STORE_ID] },
    { entityType: 'ZONE', entityIds: ['7'] },
  ],
  enrolmentMethod: 'AUTOMATIC',
};

function bill(fields: Partial<ExplainedTransaction> & Pick<ExplainedTransaction, 'billNumber'>): ExplainedTransaction {
  return { id: `9${fields.billNumber.replace(/\D/g, '')}00`, billingTime: '2025-01-10 09:15:00.0', amount: '100.00', type: 'REGULAR', tracked: false, reasons: [], ...fields };
}

/** January: two bills counted, three not (outside the store filter, a return, unknown with the zone unchecked). */
export const januaryBills: ExplainedTransaction[] = [
  bill({ billNumber: 'B-101', amount: '3000', tracked: true, eventLogId: '620000101', reasons: [], store: { id: '101' } }),
  bill({ billNumber: 'B-102', amount: '1234567.5', billingTime: '2025-01-12 17:45:30.0', reasons: ['store-filter'], store: { id: LONG_STORE_ID, code: 'S-AIR', name: 'Airport' } }),
  bill({ billNumber: 'B-103', amount: '-15.25', type: 'RETURN', billingTime: '2025-01-13 08:00:00.0', reasons: ['return'], store: { id: '101' } }),
  bill({ billNumber: 'B-104', amount: '42.000', billingTime: '2025-01-20 12:00:00.0', reasons: ['unknown'], uncheckedFilters: ['zone-filter'], store: { id: '102', code: 'S-102' } }),
  bill({ billNumber: 'B-105', amount: '2500', tracked: true, eventLogId: '620000102', reasons: [], store: { id: '101' } }),
];

export function explanation(overrides: Partial<ExplanationInfo['periods']> = {}): ExplanationInfo {
  return {
    definition: { status: 'ok', definition },
    periods: {
      '21801': { status: 'ok', periodId: '21801', window: { startDate: '2025-01-01', endDate: '2025-01-31' }, transactions: januaryBills, unplacedEventCount: 0 },
      '21802': {
        status: 'ok',
        periodId: '21802',
        window: { startDate: '2025-02-01', endDate: '2025-02-28' },
        transactions: [bill({ billNumber: 'B-201', amount: '77.7', billingTime: '2025-02-03 10:00:00.0', reasons: ['before-enrolment'] })],
        unplacedEventCount: 0,
      },
      '21803': { status: 'unavailable', periodId: '21803', httpStatus: 403, message: 'Access denied for this org (code 1101)' },
      ...overrides,
    },
  };
}

/** The state message with the events, their target progress and the given explanation (or `unchanged`, rows too). */
export function explainedState(info: ExplanationInfo | { status: 'unchanged' } | undefined, rows: 'new' | 'unchanged' = 'new'): ExtensionToWebview {
  const groups = groupByPeriod(events);
  const data = tableData(groups);
  const reconciliation = reconcile(
    { events, groups, pagesFetched: 1, warnings: [], rawPages: [] },
    { targetGroupId: '1718', targetGroupName: 'Monthly spend', trackingType: 'DEFAULT', timeZoneName: 'UTC', periods },
    { complete: true },
  );
  const message = dataMessage(data);
  if (message.type !== 'state') throw new Error('dataMessage makes state messages');
  return {
    ...message,
    rows: rows === 'new' ? message.rows : { kind: 'unchanged' },
    targetProgress: rows === 'new' ? { status: 'ok', reconciliation } : { status: 'unchanged' },
    ...(info === undefined ? {} : { explanation: info }),
  };
}
