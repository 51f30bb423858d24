// Deterministic generated events: periods of transactions, returns, behavioural events and enrolments, the same at
// every start for the same seed.

import { DAY_MS, formatApiDate, pad2 } from './dates';
import type { SampleEvent } from './types';

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

export function generateEvents(options: GenerateOptions): SampleEvent[] {
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

export function weeklyPeriods(firstPeriodId: number, count: number, startMs: number, totalEvents: number): GeneratedPeriod[] {
  const base = Math.floor(totalEvents / count);
  const extra = totalEvents % count;
  return Array.from({ length: count }, (_, i) => ({
    periodId: String(firstPeriodId + i),
    startMs: startMs + i * 7 * DAY_MS,
    durationMs: 7 * DAY_MS,
    eventCount: base + (i < extra ? 1 : 0),
  }));
}

export function monthlyPeriods(firstPeriodId: number, year: number, months: number, eventsPerMonth: number): GeneratedPeriod[] {
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
