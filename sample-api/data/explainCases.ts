// "Why it did not count": a customer whose bills show every reason a bill may not count (outside the store, zone
// or concept filter, a return, billed before enrolment, outside the period's window, none the data shows, a concept
// that cannot be checked), a tracked event no bill matches, and a customer with 2 500 bills (three pages of 1 000).
// Also the stores, the behavioural events of the documentation's behavioural customer, and evaluation trees.

import { formatApiDate } from './dates';
import { BEHAVIOURAL } from './docExamples';
import type { ExplainSeed, SampleBill, SampleEvent, SeedCase } from './types';

export const EXPLAIN_LOOKUPS = {
  /** Bills for every reason, in May 2025 (the period ends 2025-05-31 18:00), and June. */
  reasons: { userId: '564332067', targetRuleId: '1991' },
  /** 2 500 bills in July 2025, every tenth a return; the others tracked. */
  manyBills: { userId: '564332078', targetRuleId: '1992' },
} as const;

/** Bill numbers of the reasons customer, by what each shows. */
export const EXPLAIN_BILLS = {
  tracked: 'B-1001',
  beforeEnrolment: 'B-1002',
  return: 'B-1003',
  storeFilter: 'B-1004',
  zoneFilter: 'B-1005',
  unknown: 'B-1006',
  conceptUnchecked: 'B-1007',
  outsidePeriod: 'B-1008',
  /** Its evaluation tree has no rule line. */
  unparseableTree: 'B-1007',
} as const;

/** The tracked event of the reasons customer whose uniqueId names no bill. */
export const UNPLACED_EVENT_LOG_ID = '624000599';

const REASONS_GROUP = '1722';
const MANY_BILLS_GROUP = '1723';

// [id, billNumber, billingTime, type, amount, storeId]
const REASON_BILLS: Array<[string, string, string, SampleBill['type'], string, string]> = [
  ['880000001', 'B-1001', '2025-05-06 11:00:00', 'REGULAR', '1500.00', '7001'],
  ['880000002', 'B-1002', '2025-05-02 12:00:00', 'REGULAR', '800.00', '7001'],
  ['880000003', 'B-1003', '2025-05-10 15:30:00', 'RETURN', '-300.00', '7001'],
  ['880000004', 'B-1004', '2025-05-12 10:00:00', 'REGULAR', '950.00', '7003'],
  ['880000005', 'B-1005', '2025-05-14 17:45:00', 'REGULAR', '1200.00', '7002'],
  ['880000006', 'B-1006', '2025-05-20 09:00:00', 'REGULAR', '50.00', '7001'],
  ['880000007', 'B-1007', '2025-05-22 13:00:00', 'REGULAR', '700.00', '7004'],
  ['880000009', 'B-1009', '2025-05-25 16:00:00', 'REGULAR', '2200.00', '7001'],
  ['880000008', 'B-1008', '2025-05-31 20:00:00', 'REGULAR', '400.00', '7001'],
  ['880000011', 'B-1011', '2025-06-03 10:00:00', 'REGULAR', '1800.00', '7001'],
  ['880000012', 'B-1012', '2025-06-09 19:00:00', 'REGULAR', '999.99', '7001'],
];

// [eventLogId, uniqueId, periodId, targetValue]: the bills Capillary counted, and one event no bill matches.
const REASON_EVENTS: Array<[string, string, string, string]> = [
  ['624000501', '880000001', '22201', '1500.00'],
  ['624000509', '880000009', '22201', '2200.00'],
  [UNPLACED_EVENT_LOG_ID, '880000999', '22201', '100.00'],
  ['624000511', '880000011', '22202', '1800.00'],
  ['624000512', '880000012', '22202', '999.99'],
];

function reasonBills(): SampleBill[] {
  return REASON_BILLS.map(([id, billNumber, billingTime, type, amount, storeId]) => ({ id, billNumber, billingTime, type, amount, storeId }));
}

function reasonEvents(bills: readonly SampleBill[]): SampleEvent[] {
  const { userId, targetRuleId } = EXPLAIN_LOOKUPS.reasons;
  return REASON_EVENTS.map(([eventLogId, uniqueId, periodId, targetValue]) => {
    const billed = bills.find((bill) => bill.id === uniqueId)?.billingTime ?? '2025-05-28 12:00:00';
    return {
      eventLogId,
      eventName: 'ADD_TRANSACTION',
      customerId: userId,
      eventDisplayName: null,
      uniqueId,
      eventDate: `${billed}.0`,
      eventProcessedDate: `${billed.slice(0, 17)}05.0`,
      periodId,
      targetGroupId: REASONS_GROUP,
      targetRuleId,
      targetValue,
    };
  });
}

/** 2 500 bills from 2025-07-01 00:10, 17 minutes apart; every tenth a return. */
function manyBills(): SampleBill[] {
  const start = Date.UTC(2025, 6, 1, 0, 10);
  return Array.from({ length: 2500 }, (_, index) => {
    const isReturn = index % 10 === 9;
    return {
      id: String(890000001 + index),
      billNumber: `M-${10001 + index}`,
      billingTime: formatApiDate(start + index * 17 * 60_000).slice(0, 19),
      type: isReturn ? 'RETURN' : 'REGULAR',
      amount: isReturn ? '-25.50' : '120.25',
      storeId: '7001',
    };
  });
}

function manyBillEvents(bills: readonly SampleBill[]): SampleEvent[] {
  const { userId, targetRuleId } = EXPLAIN_LOOKUPS.manyBills;
  return bills
    .filter((bill) => bill.type === 'REGULAR')
    .map((bill, index) => ({
      eventLogId: String(625000001 + index),
      eventName: 'ADD_TRANSACTION',
      customerId: userId,
      eventDisplayName: null,
      uniqueId: bill.id,
      eventDate: `${bill.billingTime}.0`,
      eventProcessedDate: `${bill.billingTime}.0`,
      periodId: '22301',
      targetGroupId: MANY_BILLS_GROUP,
      targetRuleId,
      targetValue: bill.amount,
    }));
}

const RULE_TREE = (lines: string[]) => `<div class="evaluation-tree"><ul>${lines.map((line) => `<li>${line}</li>`).join('')}</ul></div>`;

export function explainCases(): { seedCase: SeedCase; explain: ExplainSeed } {
  const { reasons, manyBills: many } = EXPLAIN_LOOKUPS;
  const bills = reasonBills();
  const bulk = manyBills();
  return {
    seedCase: {
      lookups: [
        { ...reasons, enrolledOn: '2025-05-03 00:00:00', events: reasonEvents(bills) },
        { ...many, events: manyBillEvents(bulk) },
      ],
      customers: [
        [reasons.userId, { firstName: 'Wendy', lastName: 'Why', mobile: '919845000067', email: 'wendy.why@example.com', externalId: 'EXT-564332067' }],
        [many.userId, { firstName: 'Manu', lastName: 'Many', mobile: '919845000078', email: 'manu.many@example.com', externalId: 'EXT-564332078' }],
      ],
      targetGroups: [
        [
          REASONS_GROUP,
          {
            name: 'Spend in filtered stores',
            trackingType: 'DEFAULT',
            targetGoal: '5000',
            // The May cycle closes at 18:00 on its last day: a bill that evening is in the date window but outside the period.
            calendar: [
              { periodId: '22201', startDate: '2025-05-01', endDate: '2025-05-31 18:00:00.0' },
              { periodId: '22202', startDate: '2025-06-01', endDate: '2025-06-30' },
            ],
          },
        ],
        [MANY_BILLS_GROUP, { name: 'July spend, many bills', trackingType: 'DEFAULT', targetGoal: '100000', calendar: [{ periodId: '22301', startDate: '2025-07-01', endDate: '2025-07-31' }] }],
      ],
    },
    explain: {
      bills: new Map([
        [reasons.userId, bills],
        [many.userId, bulk],
      ]),
      definitions: new Map([
        [
          REASONS_GROUP,
          [
            {
              targetRuleId: reasons.targetRuleId,
              targetType: 'SALES',
              targetEntity: 'TRANSACTION',
              eventName: 'TransactionAdd',
              expression: 'currentTxn.value > 100',
              filters: [
                { entityType: 'STORE', entityIds: ['7001', '7002', '7004'] },
                { entityType: 'ZONE', entityIds: ['8001'] },
                { entityType: 'CONCEPT', entityIds: ['9001'] },
              ],
              enrolmentMethod: 'TRANSACTION',
            },
          ],
        ],
      ]),
      stores: new Map([
        ['7001', { id: '7001', code: 'north.mall', name: 'North Mall', zoneId: '8001', conceptId: '9001' }],
        ['7002', { id: '7002', code: 'south.street', name: 'South Street', zoneId: '8002', conceptId: '9001' }],
        ['7003', { id: '7003', code: 'east.outlet', name: 'East Outlet', zoneId: '8001', conceptId: '9001' }],
        // A store whose concept is not recorded: a concept filter cannot be checked for its bills.
        ['7004', { id: '7004', code: 'kiosk.4', name: 'Kiosk 4', zoneId: '8001' }],
      ]),
      behaviouralEvents: [
        { eventId: '0b7c52d4-1f0e-4a8e-9d53-5e2f4c7a91b3', eventName: 'testBehavioural', customerId: BEHAVIOURAL.userId, date: '2024-12-06T09:15:00Z' },
        { eventId: '6621dee9-6c2a-43ad-aa41-be2bf138de04', eventName: 'testBehavioural', customerId: BEHAVIOURAL.userId, date: '2024-12-05T00:00:00Z' },
        // Sent by the app but never tracked.
        { eventId: 'c4f1e2d3-7a8b-4c9d-8e0f-112233445566', eventName: 'testBehavioural', customerId: BEHAVIOURAL.userId, date: '2024-12-05T18:30:00Z' },
      ],
      evaluationTrees: new Map([
        [
          'B-1006',
          RULE_TREE([
            'Rule[126432533, Spend over 100] currentTxn.value &gt; 100 -&gt; false',
            'Rule[126432534, Filtered stores] currentTxn.store in (7001, 7002, 7004) &amp;&amp; zone == 8001 -&gt; true',
          ]),
        ],
        ['B-1007', '<div class="evaluation-tree"><p>Evaluation skipped: &lt;store concept unresolved&gt;</p></div>'],
      ]),
    },
  };
}
