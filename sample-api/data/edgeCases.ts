// Customers at the edges of the format: IDs past 2^53 up to the largest signed 64-bit integer, and a lookup
// without any event.

import type { SampleEvent, SeedCase } from './types';

export const BIG_IDS = { userId: '9007199254740993', targetRuleId: '9007199254740995' } as const;
export const NO_EVENTS = { userId: '700000007', targetRuleId: '77001' } as const;

function bigIdEvents(): SampleEvent[] {
  const { userId, targetRuleId } = BIG_IDS;
  const common = { customerId: userId, targetGroupId: '9007199254740997', targetRuleId };
  return [
    {
      ...common,
      eventLogId: '9007199254741003',
      eventName: 'GENERIC_EVENT',
      eventDisplayName: 'AppLogin',
      uniqueId: '9d0f3c1e-8a43-4b0e-b1f2-7c5d2e9a6f10',
      eventDate: '2025-03-01 08:00:00.0',
      eventProcessedDate: '2025-03-01 08:00:41.0',
      periodId: '9007199254740999',
      targetValue: '1.000',
    },
    {
      ...common,
      eventLogId: '9007199254741005',
      eventName: 'ADD_TRANSACTION',
      eventDisplayName: null,
      uniqueId: '9007199254741111',
      eventDate: '2025-03-02 10:30:00.0',
      eventProcessedDate: '2025-03-02 10:30:02.0',
      periodId: '9007199254740999',
      targetValue: '2000.46',
    },
    {
      ...common,
      eventLogId: '9223372036854775806',
      eventName: 'ADD_TRANSACTION',
      eventDisplayName: null,
      uniqueId: '9223372036854775001',
      eventDate: '2025-04-03 17:45:10.0',
      eventProcessedDate: '2025-04-03 17:45:13.0',
      periodId: '9007199254741001',
      targetValue: '999.54',
    },
    {
      ...common,
      eventLogId: '9223372036854775807',
      eventName: 'ADD_TRANSACTION',
      eventDisplayName: null,
      uniqueId: '9223372036854775002',
      eventDate: '2025-04-04 09:00:00.0',
      eventProcessedDate: '2025-04-04 09:00:01.0',
      periodId: '9007199254741001',
      targetValue: '1000',
    },
  ];
}

export function edgeCases(): SeedCase {
  return {
    lookups: [
      { ...BIG_IDS, events: bigIdEvents() },
      { ...NO_EVENTS, events: [] },
    ],
    customers: [
      [BIG_IDS.userId, { firstName: 'Big', lastName: 'Ids', mobile: '447700900993', email: 'big.ids@example.com', externalId: 'EXT-BIG' }],
      [NO_EVENTS.userId, { firstName: 'Nora', lastName: 'Quiet', mobile: '14155550107', email: 'nora.quiet@example.com', externalId: 'EXT-700000007' }],
    ],
    targetGroups: [['9007199254740997', { name: 'Big ID milestone', trackingType: 'DEFAULT', targetGoal: '3000.000' }]],
  };
}
