// Seed data of the sample Capillary API: the documentation page's examples exactly, plus generated customers.
// IDs and targetValue are strings so that Longs past 2^53 and decimals such as "1.000" are emitted exactly.

export interface SampleEvent {
  eventLogId: string;
  eventName: string;
  customerId: string;
  eventDisplayName: string | null;
  uniqueId: string;
  eventDate: string;
  eventProcessedDate: string;
  periodId: string;
  targetGroupId: string;
  targetRuleId: string;
  targetValue: string;
}

export interface SeedLookup {
  userId: string;
  targetRuleId: string;
  events: SampleEvent[];
  /** When the customer enrolled in the target (`YYYY-MM-DD HH:MM:SS`); activity before it earns no credit. */
  enrolledOn?: string;
}

export interface SampleCustomer {
  firstName: string;
  lastName: string;
  mobile: string;
  email: string;
  externalId: string;
}

/** A period of a group's calendar, dates as `YYYY-MM-DD` (the end date is inclusive). */
export interface SampleCalendarPeriod {
  periodId: string;
  startDate: string;
  endDate: string;
}

export interface SampleTargetGroup {
  name: string;
  trackingType: 'DEFAULT' | 'STREAKS';
  /** The goal of each period's target, as decimal text. */
  targetGoal: string;
  /** The period calendar; without one, periods are derived from the events. A calendar may hold periods without events. */
  calendar?: SampleCalendarPeriod[];
}

export interface Seed {
  lookups: SeedLookup[];
  customers: Map<string, SampleCustomer>;
  targetGroups: Map<string, SampleTargetGroup>;
}

export const SAMPLE_LOOKUPS = {
  docExample: { userId: '564332013', targetRuleId: '1986' },
  behavioural: { userId: '387544807', targetRuleId: '79192' },
  large: { userId: '412000001', targetRuleId: '90001' },
  bigIds: { userId: '9007199254740993', targetRuleId: '9007199254740995' },
  noEvents: { userId: '700000007', targetRuleId: '77001' },
} as const;

/**
 * Customers whose target progress shows one case each (the documentation's example is the one where everything
 * matches, `behavioural` the streak target).
 */
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

/** A second generated customer with two smaller lookups (monthly spend target and a behavioural streak). */
export const GENERATED_CUSTOMER = {
  userId: '612345678',
  spendRuleId: '2001',
  streakRuleId: '2002',
} as const;

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
    customerId: SAMPLE_LOOKUPS.docExample.userId,
    eventDisplayName: null,
    uniqueId,
    eventDate,
    eventProcessedDate: eventDate,
    periodId,
    targetGroupId: '1717',
    targetRuleId: SAMPLE_LOOKUPS.docExample.targetRuleId,
    targetValue,
  }));
}

/** Transactional events of a hand-made progress case: [eventLogId, eventDate, processed date, periodId, value, eventName?]. */
type CaseRow = [string, string, string, string, string, string?];

function caseEvents(lookup: { userId: string; targetRuleId: string }, targetGroupId: string, rows: CaseRow[]): SampleEvent[] {
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

/** `months` calendar months from January of `year` plus `firstMonth` (0-based). */
function monthCalendar(firstPeriodId: number, year: number, firstMonth: number, months: number): SampleCalendarPeriod[] {
  return Array.from({ length: months }, (_, i) => ({
    periodId: String(firstPeriodId + i),
    startDate: formatApiDate(Date.UTC(year, firstMonth + i, 1)).slice(0, 10),
    endDate: formatApiDate(Date.UTC(year, firstMonth + i + 1, 0)).slice(0, 10),
  }));
}

function progressCaseLookups(): SeedLookup[] {
  const { lateProcessed, withReturn, beforeEnrolment, quietPeriod } = PROGRESS_LOOKUPS;
  return [
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
  ];
}

function behaviouralEvents(): SampleEvent[] {
  const common = {
    eventName: 'GENERIC_EVENT',
    customerId: SAMPLE_LOOKUPS.behavioural.userId,
    eventDisplayName: 'testBehavioural',
    periodId: '77865',
    targetGroupId: '52065',
    targetRuleId: SAMPLE_LOOKUPS.behavioural.targetRuleId,
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

function bigIdEvents(): SampleEvent[] {
  const { userId, targetRuleId } = SAMPLE_LOOKUPS.bigIds;
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

/** mulberry32: a tiny deterministic PRNG, so that every start serves the same generated events. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const DAY_MS = 86_400_000;

// Formatting 100 000 dates through Date objects dominated start-up; the day prefix is cached instead.
let cachedDay = NaN;
let cachedDayPrefix = '';

/** `YYYY-MM-DD HH:MM:SS.0`, the API's format; the sample server's clock is UTC. */
export function formatApiDate(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== cachedDay) {
    const d = new Date(day * DAY_MS);
    cachedDay = day;
    cachedDayPrefix = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} `;
  }
  const seconds = Math.floor((epochMs - day * DAY_MS) / 1000);
  return `${cachedDayPrefix}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.0`;
}

function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  // Whole amounts are written without decimals, as on the doc page ("1000", "2000.46").
  return fraction === 0 ? `${sign}${whole}` : `${sign}${whole}.${pad2(fraction)}`;
}

const BEHAVIOURAL_NAMES = ['AppLogin', 'StoreVisit', 'ReviewPosted', 'ReferralCompleted', 'SurveyAnswered', 'testBehavioural'];

interface GeneratedPeriod {
  periodId: string;
  startMs: number;
  durationMs: number;
  eventCount: number;
}

interface GenerateOptions {
  seed: number;
  userId: string;
  targetRuleId: string;
  targetGroupId: string;
  firstEventLogId: number;
  firstBillId: number;
  periods: GeneratedPeriod[];
  /** Share of GENERIC_EVENT among the events; the rest is transactional. */
  behaviouralShare: number;
}

function generateEvents(options: GenerateOptions): SampleEvent[] {
  const random = seededRandom(options.seed);
  const events: SampleEvent[] = [];
  let eventLogId = options.firstEventLogId;
  let billId = options.firstBillId;
  const hex32 = (): string => Math.floor(random() * 4294967296).toString(16).padStart(8, '0');
  const uuid = (): string => {
    const a = hex32();
    const b = hex32();
    const c = hex32();
    const d = hex32();
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[Math.floor(random() * 4)]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  };
  for (const period of options.periods) {
    const offsets: number[] = [];
    for (let i = 0; i < period.eventCount; i++) offsets.push(Math.floor(random() * (period.durationMs / 1000)) * 1000);
    offsets.sort((a, b) => a - b);
    for (const offset of offsets) {
      const eventMs = period.startMs + offset;
      eventLogId += 1 + Math.floor(random() * 5000);
      const roll = random();
      const isFirst = events.length === 0;
      let eventName: string;
      let eventDisplayName: string | null = null;
      let uniqueId: string;
      let targetValue: string;
      let lagSeconds: number;
      if (isFirst || roll < 0.004) {
        eventName = isFirst || random() < 0.5 ? 'ENROL' : 'UNENROL';
        uniqueId = String(++billId);
        targetValue = '0';
        lagSeconds = Math.floor(random() * 30);
      } else if (roll < 0.004 + options.behaviouralShare) {
        eventName = 'GENERIC_EVENT';
        eventDisplayName = BEHAVIOURAL_NAMES[Math.floor(random() * BEHAVIOURAL_NAMES.length)];
        uniqueId = uuid();
        targetValue = '1.000';
        // Behavioural events are often processed well after they happen (the doc example lags a week).
        lagSeconds = 1 + Math.floor(random() * 6 * 3600);
      } else if (roll < 0.92) {
        eventName = 'ADD_TRANSACTION';
        billId += 1 + Math.floor(random() * 40);
        uniqueId = String(billId);
        const cents = random() < 0.2 ? (1 + Math.floor(random() * 50)) * 10000 : 500 + Math.floor(random() * 499500);
        targetValue = formatCents(cents);
        lagSeconds = Math.floor(random() * 120);
      } else {
        eventName = 'RETURN_BILL';
        billId += 1 + Math.floor(random() * 40);
        uniqueId = String(billId);
        targetValue = formatCents(-(500 + Math.floor(random() * 99500)));
        lagSeconds = Math.floor(random() * 120);
      }
      events.push({
        eventLogId: String(eventLogId),
        eventName,
        customerId: options.userId,
        eventDisplayName,
        uniqueId,
        eventDate: formatApiDate(eventMs),
        eventProcessedDate: formatApiDate(eventMs + lagSeconds * 1000),
        periodId: period.periodId,
        targetGroupId: options.targetGroupId,
        targetRuleId: options.targetRuleId,
        targetValue,
      });
    }
  }
  return events;
}

function weeklyPeriods(firstPeriodId: number, count: number, startMs: number, totalEvents: number): GeneratedPeriod[] {
  const base = Math.floor(totalEvents / count);
  const extra = totalEvents % count;
  return Array.from({ length: count }, (_, i) => ({
    periodId: String(firstPeriodId + i),
    startMs: startMs + i * 7 * DAY_MS,
    durationMs: 7 * DAY_MS,
    eventCount: base + (i < extra ? 1 : 0),
  }));
}

function monthlyPeriods(firstPeriodId: number, year: number, months: number, eventsPerMonth: number): GeneratedPeriod[] {
  return Array.from({ length: months }, (_, i) => {
    const startMs = Date.UTC(year, i, 1);
    return {
      periodId: String(firstPeriodId + i),
      startMs,
      durationMs: Date.UTC(year, i + 1, 1) - startMs,
      eventCount: eventsPerMonth,
    };
  });
}

export function buildSeed(largeUserEvents: number): Seed {
  const large = SAMPLE_LOOKUPS.large;
  const lookups: SeedLookup[] = [
    { ...SAMPLE_LOOKUPS.docExample, events: docExampleEvents() },
    { ...SAMPLE_LOOKUPS.behavioural, events: behaviouralEvents() },
    { ...SAMPLE_LOOKUPS.bigIds, events: bigIdEvents() },
    { ...SAMPLE_LOOKUPS.noEvents, events: [] },
    ...progressCaseLookups(),
    {
      ...large,
      events: generateEvents({
        seed: 90001,
        userId: large.userId,
        targetRuleId: large.targetRuleId,
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
  ];
  const customers = new Map<string, SampleCustomer>([
    ['564332013', { firstName: 'Asha', lastName: 'Menon', mobile: '919845000013', email: 'asha.menon@example.com', externalId: 'EXT-564332013' }],
    ['387544807', { firstName: 'Lukas', lastName: 'Brandt', mobile: '4915112344807', email: 'lukas.brandt@example.com', externalId: 'EXT-387544807' }],
    [large.userId, { firstName: 'Mei', lastName: 'Tan', mobile: '6591200001', email: 'mei.tan@example.com', externalId: 'EXT-412000001' }],
    [SAMPLE_LOOKUPS.bigIds.userId, { firstName: 'Big', lastName: 'Ids', mobile: '447700900993', email: 'big.ids@example.com', externalId: 'EXT-BIG' }],
    [SAMPLE_LOOKUPS.noEvents.userId, { firstName: 'Nora', lastName: 'Quiet', mobile: '14155550107', email: 'nora.quiet@example.com', externalId: 'EXT-700000007' }],
    [PROGRESS_LOOKUPS.lateProcessed.userId, { firstName: 'Ravi', lastName: 'Late', mobile: '919845000021', email: 'ravi.late@example.com', externalId: 'EXT-564332021' }],
    [PROGRESS_LOOKUPS.withReturn.userId, { firstName: 'Rita', lastName: 'Return', mobile: '919845000034', email: 'rita.return@example.com', externalId: 'EXT-564332034' }],
    [PROGRESS_LOOKUPS.beforeEnrolment.userId, { firstName: 'Ella', lastName: 'Early', mobile: '919845000045', email: 'ella.early@example.com', externalId: 'EXT-564332045' }],
    [PROGRESS_LOOKUPS.quietPeriod.userId, { firstName: 'Quinn', lastName: 'Quiet', mobile: '919845000056', email: 'quinn.quiet@example.com', externalId: 'EXT-564332056' }],
    [GENERATED_CUSTOMER.userId, { firstName: 'Diego', lastName: 'Ruiz', mobile: '34600345678', email: 'diego.ruiz@example.com', externalId: 'EXT-612345678' }],
  ]);
  const targetGroups = new Map<string, SampleTargetGroup>([
    ['1717', { name: 'January spend milestone', trackingType: 'DEFAULT', targetGoal: '5000.000' }],
    ['1718', { name: 'Monthly spend, late processing', trackingType: 'DEFAULT', targetGoal: '8500', calendar: monthCalendar(21801, 2025, 0, 2) }],
    ['1719', { name: 'Monthly spend with a return', trackingType: 'DEFAULT', targetGoal: '5000', calendar: monthCalendar(21901, 2025, 0, 1) }],
    ['1720', { name: 'Spend after enrolment', trackingType: 'DEFAULT', targetGoal: '4000', calendar: monthCalendar(22003, 2025, 2, 1) }],
    ['1721', { name: 'Monthly spend, a quiet month', trackingType: 'DEFAULT', targetGoal: '5000', calendar: monthCalendar(22101, 2025, 0, 4) }],
    ['52065', { name: 'Behavioural streak', trackingType: 'STREAKS', targetGoal: '2.000' }],
    ['7001', { name: 'Weekly engagement and spend', trackingType: 'DEFAULT', targetGoal: '100000.000' }],
    ['9007199254740997', { name: 'Big ID milestone', trackingType: 'DEFAULT', targetGoal: '3000.000' }],
    ['3001', { name: 'Monthly spend target', trackingType: 'DEFAULT', targetGoal: '20000.000' }],
    ['3002', { name: 'Weekly app streak', trackingType: 'STREAKS', targetGoal: '10.000' }],
  ]);
  return { lookups, customers, targetGroups };
}
