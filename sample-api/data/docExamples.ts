// The documentation page's examples, exactly: the transactional lookup (10 events over three periods, where the
// target progress matches in every period) and the behavioural GENERIC_EVENT streak.

import type { SampleEvent, SeedCase } from './types';

export const DOC_EXAMPLE = { userId: '564332013', targetRuleId: '1986' } as const;
export const BEHAVIOURAL = { userId: '387544807', targetRuleId: '79192' } as const;

const DOC_EXAMPLE_ROWS: Array<[string, string, string, string, string]> = [
  // eventLogId, uniqueId, eventDate, periodId, targetValue (text exactly as on the doc page)
  ['606066681', '880613909', '2025-01-09 12:00:12.0', '9887', '1000'],
  ['606066721', '880613938', '2025-01-09 12:00:12.0', '9887', '2000'],
  ['606068043', '880614460', '2025-01-09 12:00:12.0', '9887', '2000'],
  ['606072487', '880616667', '2025-01-09 13:00:12.0', '9887', '2000.46'],
  ['608082820', '880897427', '2025-01-09 13:00:12.0', '9887', '2000.46'],
  ['615116253', '881039056', '2025-01-20 13:00:00.0', '9888', '999.54'],
  ['615376598', '881070102', '2025-01-21 09:00:00.0', '9888', '2000'],
  ['615376684', '881070130', '2025-01-21 09:00:00.0', '9888', '1000'],
  ['615460983', '881101809', '2025-01-22 14:00:00.0', '9889', '1000'],
  ['615461137', '881101873', '2025-01-22 14:00:00.0', '9889', '1000'],
];

function docExampleEvents(): SampleEvent[] {
  return DOC_EXAMPLE_ROWS.map(([eventLogId, uniqueId, eventDate, periodId, targetValue]) => ({
    eventLogId,
    eventName: 'ADD_TRANSACTION',
    customerId: DOC_EXAMPLE.userId,
    eventDisplayName: null,
    uniqueId,
    eventDate,
    eventProcessedDate: eventDate,
    periodId,
    targetGroupId: '1717',
    targetRuleId: DOC_EXAMPLE.targetRuleId,
    targetValue,
  }));
}

function behaviouralEvents(): SampleEvent[] {
  const common = {
    eventName: 'GENERIC_EVENT',
    customerId: BEHAVIOURAL.userId,
    eventDisplayName: 'testBehavioural',
    periodId: '77865',
    targetGroupId: '52065',
    targetRuleId: BEHAVIOURAL.targetRuleId,
    targetValue: '1.000',
  };
  return [
    {
      ...common,
      eventLogId: '31748158',
      uniqueId: '6621dee9-6c2a-43ad-aa41-be2bf138de04',
      eventDate: '2024-12-05 00:00:00.0',
      eventProcessedDate: '2024-12-12 18:42:52.0',
    },
    {
      ...common,
      eventLogId: '31790412',
      uniqueId: '0b7c52d4-1f0e-4a8e-9d53-5e2f4c7a91b3',
      eventDate: '2024-12-06 09:15:00.0',
      eventProcessedDate: '2024-12-12 18:42:53.0',
    },
  ];
}

export function docExampleCases(): SeedCase {
  return {
    lookups: [
      { ...DOC_EXAMPLE, events: docExampleEvents() },
      { ...BEHAVIOURAL, events: behaviouralEvents() },
    ],
    customers: [
      [DOC_EXAMPLE.userId, { firstName: 'Asha', lastName: 'Menon', mobile: '919845000013', email: 'asha.menon@example.com', externalId: 'EXT-564332013' }],
      [BEHAVIOURAL.userId, { firstName: 'Lukas', lastName: 'Brandt', mobile: '4915112344807', email: 'lukas.brandt@example.com', externalId: 'EXT-387544807' }],
    ],
    targetGroups: [
      ['1717', { name: 'January spend milestone', trackingType: 'DEFAULT', targetGoal: '5000.000' }],
      ['52065', { name: 'Behavioural streak', trackingType: 'STREAKS', targetGoal: '2.000' }],
    ],
  };
}
