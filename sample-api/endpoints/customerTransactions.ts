// GET /v2/customers/{customerId}/transactions: the customer's bills in a window (`startDate` / `endDate`, a date
// or a date-time, inclusive), sorted by billing time, `limit` at most 1000 and `offset` in rows. Customers without
// bills in the seed get one bill per transactional tracked event (its uniqueId the bill's ID).

import type { SampleBill } from '../data/types';
import { explainFaultReply } from '../faults';
import { RawNumber, toJson, type JsonValue } from '../json';
import { envelopeError, parseIntParam, parseLongParam, type Reply } from '../reply';
import type { SampleState } from '../state';
import { DIGITS } from '../numbers';

export const CUSTOMER_TRANSACTIONS_PATH = /^\/v2\/customers\/([^/]+)\/transactions$/;
export const MAX_TRANSACTIONS_LIMIT = 1000;

const derivedBills = new WeakMap<SampleState, Map<string, SampleBill[]>>();

/** The customer's bills: the seed's, else one per ADD_TRANSACTION or RETURN_BILL tracked event with a numeric uniqueId. */
export function billsOf(state: SampleState, customerId: string): SampleBill[] {
  const seeded = state.explain.bills.get(customerId);
  if (seeded) return seeded;
  let cache = derivedBills.get(state);
  if (!cache) derivedBills.set(state, (cache = new Map<string, SampleBill[]>()));
  let bills = cache.get(customerId);
  if (!bills) {
    const seen = new Set<string>();
    bills = [...(state.lookups.rulesOf(customerId)?.values() ?? [])]
      .flatMap((lookup) => lookup.events)
      .filter((event) => (event.eventName === 'ADD_TRANSACTION' || event.eventName === 'RETURN_BILL') && DIGITS.test(event.uniqueId))
      .filter((event) => !seen.has(event.uniqueId) && seen.add(event.uniqueId))
      .map((event) => ({
        id: event.uniqueId,
        billNumber: `B-${event.uniqueId}`,
        billingTime: event.eventDate.slice(0, 19),
        type: event.eventName === 'RETURN_BILL' ? ('RETURN' as const) : ('REGULAR' as const),
        amount: event.targetValue,
        storeId: '7001',
      }));
    cache.set(customerId, bills);
  }
  return bills;
}

/** A window bound as `YYYY-MM-DD HH:MM:SS`, comparable as text with billing times; a date alone covers its whole day. */
function bound(value: string | null, edge: 'start' | 'end'): string | undefined | Error {
  if (value === null || value === '') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?/.exec(value);
  if (!match) return new Error(`${edge}Date must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, got ${JSON.stringify(value)}`);
  return `${match[1]} ${match[2] ?? (edge === 'start' ? '00:00:00' : '23:59:59')}`;
}

export function customerTransactionsReply(state: SampleState, customerIdText: string, query: URLSearchParams, path: string): Reply {
  const customerId = parseLongParam('customerId', customerIdText, true);
  if (customerId.error) return customerId.error;
  const limit = parseIntParam('limit', query.get('limit'), 20, 1, MAX_TRANSACTIONS_LIMIT);
  if (limit.error) return limit.error;
  const offset = parseIntParam('offset', query.get('offset'), 0, 0, 1_000_000_000);
  if (offset.error) return offset.error;
  const start = bound(query.get('startDate'), 'start');
  const end = bound(query.get('endDate'), 'end');
  for (const problem of [start, end]) if (problem instanceof Error) return envelopeError(400, 400, problem.message);
  const refusal = explainFaultReply(state.faults, 'transactions', path);
  if (refusal) return refusal;
  if (!state.lookups.rulesOf(customerId.value as string)) return envelopeError(400, 8015, `Customer ${customerId.value} not found`);
  const descending = (query.get('sortOrder') ?? 'DESC').toUpperCase() !== 'ASC';
  const inWindow = billsOf(state, customerId.value as string)
    .filter((bill) => (start === undefined || bill.billingTime >= (start as string)) && (end === undefined || bill.billingTime <= (end as string)))
    .sort((a, b) => (a.billingTime < b.billingTime ? -1 : a.billingTime > b.billingTime ? 1 : 0) * (descending ? -1 : 1));
  const page = inWindow.slice(offset.value, offset.value + limit.value);
  const data: JsonValue[] = page.map((bill) => {
    const store = state.explain.stores.get(bill.storeId);
    return {
      id: new RawNumber(bill.id),
      customerId: new RawNumber(customerId.value as string),
      billNumber: bill.billNumber,
      billingTime: bill.billingTime,
      type: bill.type,
      amount: new RawNumber(bill.amount),
      grossAmount: new RawNumber(bill.amount),
      discount: new RawNumber('0'),
      outlierStatus: 'NORMAL',
      billingStore: { id: new RawNumber(bill.storeId), code: store?.code ?? `store.${bill.storeId}`, name: store?.name ?? `Store ${bill.storeId}` },
    };
  });
  const pagination = { limit: limit.value, offset: offset.value, total: inWindow.length };
  return { status: 200, body: `{"pagination":${toJson(pagination)},"data":${toJson(data)},"warnings":[],"errors":[]}` };
}
