// Generated customers: the large one (`largeUserEvents` events over 100 weekly periods, for scaling and paging) and
// a second one with two smaller lookups (a monthly spend target and a behavioural streak).

import { generateEvents, monthlyPeriods, weeklyPeriods } from './generator';
import type { SeedCase } from './types';

export const LARGE = { userId: '412000001', targetRuleId: '90001' } as const;

/** A second generated customer with two smaller lookups (monthly spend target and a behavioural streak). */
export const GENERATED_CUSTOMER = {
  userId: '612345678',
  spendRuleId: '2001',
  streakRuleId: '2002',
} as const;

export function generatedCases(largeUserEvents: number): SeedCase {
  return {
    lookups: [
      {
        ...LARGE,
        events: generateEvents({
          seed: 90001,
          userId: LARGE.userId,
          targetRuleId: LARGE.targetRuleId,
          targetGroupId: '7001',
          firstEventLogId: 700_000_000,
          firstBillId: 990_000_000,
          periods: weeklyPeriods(880_001, 100, Date.UTC(2024, 0, 1), largeUserEvents),
          behaviouralShare: 0.35,
        }),
      },
      {
        userId: GENERATED_CUSTOMER.userId,
        targetRuleId: GENERATED_CUSTOMER.spendRuleId,
        events: generateEvents({
          seed: 2001,
          userId: GENERATED_CUSTOMER.userId,
          targetRuleId: GENERATED_CUSTOMER.spendRuleId,
          targetGroupId: '3001',
          firstEventLogId: 650_000_000,
          firstBillId: 890_000_000,
          periods: monthlyPeriods(40_001, 2025, 12, 20),
          behaviouralShare: 0.1,
        }),
      },
      {
        userId: GENERATED_CUSTOMER.userId,
        targetRuleId: GENERATED_CUSTOMER.streakRuleId,
        events: generateEvents({
          seed: 2002,
          userId: GENERATED_CUSTOMER.userId,
          targetRuleId: GENERATED_CUSTOMER.streakRuleId,
          targetGroupId: '3002',
          firstEventLogId: 660_000_000,
          firstBillId: 891_000_000,
          periods: weeklyPeriods(40_101, 4, Date.UTC(2025, 5, 2), 60),
          behaviouralShare: 0.95,
        }),
      },
    ],
    customers: [
      [LARGE.userId, { firstName: 'Mei', lastName: 'Tan', mobile: '6591200001', email: 'mei.tan@example.com', externalId: 'EXT-412000001' }],
      [GENERATED_CUSTOMER.userId, { firstName: 'Diego', lastName: 'Ruiz', mobile: '34600345678', email: 'diego.ruiz@example.com', externalId: 'EXT-612345678' }],
    ],
    targetGroups: [
      ['7001', { name: 'Weekly engagement and spend', trackingType: 'DEFAULT', targetGoal: '100000.000' }],
      ['3001', { name: 'Monthly spend target', trackingType: 'DEFAULT', targetGoal: '20000.000' }],
      ['3002', { name: 'Weekly app streak', trackingType: 'STREAKS', targetGoal: '10.000' }],
    ],
  };
}
