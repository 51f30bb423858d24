// GET /v2/customers/{customerId}/transactions (Capillary's "Get customer transactions"): the customer's bills,
// regular ones and returns, in a date window. Documented: `startDate` / `endDate` (a date, or a date-time),
// `limit` (default 20, at most 1000), `offset` in rows, `sortBy=BILLING_TIME`, `sortOrder`; the answer is
// `{pagination: {limit, offset, total}, data: [...]}` with per bill `id`, `billNumber`, `billingTime`, `type`
// (REGULAR | RETURN | ...), `amount` and `billingStore: {id, code, name}`. Other examples name the bill number
// `number` (the query of the lookup variant) and wrap the list as `data.transactions`: both are read too.
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { isJsonObject, type JsonObject, type JsonValue } from '../transport/json';
import { validateId } from '../validation';
import { decimalText, firstText, idText, missingInAnswer, optionalText, scalarText, withoutUndefined } from './values';

/** The documented largest `limit`: a window is read in pages of this many bills. */
export const TRANSACTIONS_PAGE_LIMIT = 1000;

export interface CustomerTransaction {
  /** Capillary's transaction ID: what a tracked event's `uniqueId` names (see src/explain/join.ts). */
  id: string;
  billNumber: string;
  /** As the server sent it. */
  billingTime: string;
  /** REGULAR, RETURN, ... as sent. */
  type: string;
  /** Exact decimal text; "" when absent. */
  amount: string;
  store?: { id: string; code?: string; name?: string };
}

export interface TransactionWindow {
  customerId: string;
  /** `YYYY-MM-DD`, inclusive. */
  startDate: string;
  endDate: string;
}

export function customerTransactionsRequest(window: TransactionWindow, page: { limit: number; offset: number }): ApiRequest {
  return {
    method: 'GET',
    path: `/v2/customers/${validateId('customerId', window.customerId)}/transactions`,
    query: {
      startDate: window.startDate,
      endDate: window.endDate,
      sortBy: 'BILLING_TIME',
      sortOrder: 'ASC',
      limit: page.limit,
      offset: page.offset,
    },
    authenticated: true,
  };
}

/**
 * Every bill of the window, page by page (`offset` in rows). It stops at `pagination.total`, at a page shorter
 * than asked for, or at a page that repeats the one before (a server that ignores `offset`), never looping.
 */
export async function fetchCustomerTransactions(transport: Transport, window: TransactionWindow, signal?: AbortSignal): Promise<CustomerTransaction[]> {
  const bills: CustomerTransaction[] = [];
  let previousFirstId: string | undefined;
  for (let offset = 0; ; offset += TRANSACTIONS_PAGE_LIMIT) {
    const page = readTransactionsPage(await transport.send(customerTransactionsRequest(window, { limit: TRANSACTIONS_PAGE_LIMIT, offset }), signal));
    if (page.bills.length === 0 || page.bills[0].id === previousFirstId) break;
    previousFirstId = page.bills[0].id;
    bills.push(...page.bills);
    if (page.bills.length < TRANSACTIONS_PAGE_LIMIT) break;
    if (page.total !== undefined && bills.length >= page.total) break;
  }
  return bills;
}

export function readTransactionsPage(response: Pick<ApiResponse, 'body' | 'status' | 'requestId'>): { bills: CustomerTransaction[]; total?: number } {
  const data = response.body.data;
  const list = Array.isArray(data) ? data : isJsonObject(data) && Array.isArray(data.transactions) ? data.transactions : undefined;
  if (!list) throw missingInAnswer(response, 'without the list of transactions');
  const pagination = response.body.pagination;
  const totalText = isJsonObject(pagination) ? scalarText(pagination.total) : '';
  const total = /^\d+$/.test(totalText) ? Number(totalText) : undefined;
  return { bills: list.filter(isJsonObject).map(readTransaction), total };
}

function readTransaction(raw: JsonObject): CustomerTransaction {
  return withoutUndefined({
    id: idText(raw.id),
    billNumber: firstText(raw, ['billNumber', 'number']) ?? '',
    billingTime: firstText(raw, ['billingTime', 'billingDate']) ?? '',
    type: scalarText(raw.type),
    amount: decimalText(raw.amount),
    store: readStore(raw.billingStore ?? raw.store),
  });
}

function readStore(raw: JsonValue | undefined): CustomerTransaction['store'] {
  if (!isJsonObject(raw)) return undefined;
  const id = idText(raw.id);
  if (!id) return undefined;
  return withoutUndefined({ id, code: optionalText(raw, 'code'), name: optionalText(raw, 'name') });
}
