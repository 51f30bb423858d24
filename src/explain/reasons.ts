// Why a bill did not count, as far as the data shows, each reason as Capillary documents the rule behind it (the
// words are in src/shared/display/explanation.ts). Pure. A reason is given only when the data shows it; when none
// applies the answer is 'unknown', never a guess. Times are compared only when both name a zone or neither does
// (server times without a zone are the group's local time); otherwise the date window alone decides.
import { parseEventTime } from '../capillary';
import type { NotCountedReason, TargetFilter } from '../shared/explanation';
import { namesZone } from './windows';

export interface BillFacts {
  /** Billing time as sent. */
  time: string;
  /** REGULAR, RETURN, ... */
  type: string;
  storeId?: string;
  /** The store's zone and concept; undefined when they could not be read. */
  parents?: { zoneId?: string; conceptId?: string };
}

export interface RuleFacts {
  /** The period's bounds as sent (the most precise form). */
  periodStart?: string;
  periodEnd?: string;
  /** When the customer enrolled, as sent; only where Capillary says it. */
  enrolledOn?: string;
  /** The target's filters; empty when it has none (or its definition could not be read). */
  filters: readonly TargetFilter[];
}

export interface Verdict {
  reasons: NotCountedReason[];
  uncheckedFilters: Array<'zone-filter' | 'concept-filter'>;
}

/** Epoch milliseconds of a time or bound; a date alone covers its whole day (its start or its end). */
function timeOf(text: string, edge: 'start' | 'end'): number | undefined {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return parseEventTime(`${trimmed} ${edge === 'start' ? '00:00:00' : '23:59:59.999'}`);
  return parseEventTime(trimmed);
}

/** Whether the bill's time is before a start bound (or after an end bound); undefined when they cannot be compared. */
function beyond(billTime: string, bound: string | undefined, edge: 'start' | 'end'): boolean | undefined {
  if (!bound || namesZone(billTime) !== namesZone(bound)) return undefined;
  const time = timeOf(billTime, 'start');
  const limit = timeOf(bound, edge);
  if (time === undefined || limit === undefined) return undefined;
  return edge === 'start' ? time < limit : time > limit;
}

/** The reasons of a bill that no tracked event names. */
export function notCountedReasons(bill: BillFacts, rules: RuleFacts): Verdict {
  const reasons: NotCountedReason[] = [];
  const uncheckedFilters: Verdict['uncheckedFilters'] = [];
  for (const filter of rules.filters) {
    const type = filter.entityType.toUpperCase();
    if (type === 'STORE') {
      if (bill.storeId !== undefined && !filter.entityIds.includes(bill.storeId)) reasons.push('store-filter');
    } else if (type === 'ZONE' || type === 'CONCEPT') {
      const reason = type === 'ZONE' ? 'zone-filter' : 'concept-filter';
      const entityId = type === 'ZONE' ? bill.parents?.zoneId : bill.parents?.conceptId;
      if (entityId === undefined) uncheckedFilters.push(reason);
      else if (!filter.entityIds.includes(entityId)) reasons.push(reason);
    }
  }
  if (bill.type.toUpperCase() === 'RETURN') reasons.push('return');
  if (beyond(bill.time, rules.enrolledOn, 'start') === true) reasons.push('before-enrolment');
  if (beyond(bill.time, rules.periodStart, 'start') === true || beyond(bill.time, rules.periodEnd, 'end') === true) reasons.push('outside-period');
  return { reasons: reasons.length > 0 ? reasons : ['unknown'], uncheckedFilters };
}
