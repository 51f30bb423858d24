// Customers whose target progress shows one case each (the documentation's example is the one where everything
// matches, its behavioural lookup the streak target). Each group has a monthly calendar.

import { monthCalendar } from './dates';
import type { LookupIds, SampleEvent, SeedCase } from './types';

export const PROGRESS_LOOKUPS = {
  /** Capillary says 8000 while the events add up to 9000: one event was processed after its period ended. */
  lateProcessed: { userId: '564332021', targetRuleId: '1987' },
  /** A RETURN_BILL with a negative value, counted by Capillary too. */
  withReturn: { userId: '564332034', targetRuleId: '1988' },
  /** An event dated before the customer enrolled, which Capillary did not credit. */
  beforeEnrolment: { userId: '564332045', targetRuleId: '1989' },
  /** A calendar month in which the customer had no events. */
  quietPeriod: { userId: '564332056', targetRuleId: '1990' },
} as const;

/** Transactional events of a hand-made progress case: [eventLogId, eventDate, processed date, periodId, value, eventName?]. */
type CaseRow = [string, string, string, string, string, string?];

function caseEvents(lookup: LookupIds, targetGroupId: string, rows: CaseRow[]): SampleEvent[] {
  return rows.map(([eventLogId, eventDate, eventProcessedDate, periodId, targetValue, eventName = 'ADD_TRANSACTION']) => ({
    eventLogId,
    eventName,
    customerId: lookup.userId,
    eventDisplayName: null,
    uniqueId: String(BigInt(eventLogId) + 270_000_000n),
    eventDate,
    eventProcessedDate,
    periodId,
    targetGroupId,
    targetRuleId: lookup.targetRuleId,
    targetValue,
  }));
}

export function progressCases(): SeedCase {
  const { lateProcessed, withReturn, beforeEnrolment, quietPeriod } = PROGRESS_LOOKUPS;
  return {
    lookups: [
      {
        ...lateProcessed,
        events: caseEvents(lateProcessed, '1718', [
          ['620000101', '2025-01-06 10:00:00.0', '2025-01-06 10:00:05.0', '21801', '3000'],
          ['620000102', '2025-01-14 18:30:00.0', '2025-01-14 18:30:02.0', '21801', '2500'],
          ['620000103', '2025-01-22 12:15:00.0', '2025-01-22 12:15:04.0', '21801', '2500'],
          ['620000104', '2025-01-31 23:40:00.0', '2025-02-01 06:10:00.0', '21801', '1000'],
          ['620000105', '2025-02-03 11:00:00.0', '2025-02-03 11:00:03.0', '21802', '4200.50'],
        ]),
      },
      {
        ...withReturn,
        events: caseEvents(withReturn, '1719', [
          ['621000201', '2025-01-08 09:00:00.0', '2025-01-08 09:00:02.0', '21901', '2000'],
          ['621000202', '2025-01-12 16:45:00.0', '2025-01-12 16:45:01.0', '21901', '1500.75'],
          ['621000203', '2025-01-15 10:20:00.0', '2025-01-15 10:20:03.0', '21901', '-500.25', 'RETURN_BILL'],
          ['621000204', '2025-01-27 13:05:00.0', '2025-01-27 13:05:02.0', '21901', '2999.50'],
        ]),
      },
      {
        ...beforeEnrolment,
        enrolledOn: '2025-03-10 00:00:00',
        events: caseEvents(beforeEnrolment, '1720', [
          ['622000301', '2025-03-05 15:00:00.0', '2025-03-05 15:00:02.0', '22003', '1200'],
          ['622000302', '2025-03-12 11:30:00.0', '2025-03-12 11:30:01.0', '22003', '2000'],
          ['622000303', '2025-03-20 19:10:00.0', '2025-03-20 19:10:04.0', '22003', '1800.40'],
        ]),
      },
      {
        ...quietPeriod,
        events: caseEvents(quietPeriod, '1721', [
          ['623000401', '2025-01-10 10:00:00.0', '2025-01-10 10:00:01.0', '22101', '3000'],
          ['623000402', '2025-01-25 17:00:00.0', '2025-01-25 17:00:02.0', '22101', '2500'],
          ['623000403', '2025-02-14 12:00:00.0', '2025-02-14 12:00:03.0', '22102', '1800'],
          ['623000404', '2025-04-02 09:30:00.0', '2025-04-02 09:30:01.0', '22104', '5200'],
        ]),
      },
    ],
    customers: [
      [lateProcessed.userId, { firstName: 'Ravi', lastName: 'Late', mobile: '919845000021', email: 'ravi.late@example.com', externalId: 'EXT-564332021' }],
      [withReturn.userId, { firstName: 'Rita', lastName: 'Return', mobile: '919845000034', email: 'rita.return@example.com', externalId: 'EXT-564332034' }],
      [beforeEnrolment.userId, { firstName: 'Ella', lastName: 'Early', mobile: '919845000045', email: 'ella.early@example.com', externalId: 'EXT-564332045' }],
      [quietPeriod.userId, { firstName: 'Quinn', lastName: 'Quiet', mobile: '919845000056', email: 'quinn.quiet@example.com', externalId: 'EXT-564332056' }],
    ],
    targetGroups: [
      ['1718', { name: 'Monthly spend, late processing', trackingType: 'DEFAULT', targetGoal: '8500', calendar: monthCalendar(21801, 2025, 0, 2) }],
      ['1719', { name: 'Monthly spend with a return', trackingType: 'DEFAULT', targetGoal: '5000', calendar: monthCalendar(21901, 2025, 0, 1) }],
      ['1720', { name: 'Spend after enrolment', trackingType: 'DEFAULT', targetGoal: '4000', calendar: monthCalendar(22003, 2025, 2, 1) }],
      ['1721', { name: 'Monthly spend, a quiet month', trackingType: 'DEFAULT', targetGoal: '5000', calendar: monthCalendar(22101, 2025, 0, 4) }],
    ],
  };
}
