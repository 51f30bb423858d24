// POST /v2/transactions/searchEvaluationLog (not in Capillary's public reference): a bill's evaluation tree, found
// by `{"search":{"transactionNumber":…}}` or `{"transactionId":…}`. The tree is HTML with one rule line per rule;
// bills without one in the seed get a line from their amount. An unknown bill gets `data: []`.

import { explainFaultReply } from '../faults';
import { RawNumber, toJson } from '../json';
import { envelopeError, type Reply } from '../reply';
import type { SampleState } from '../state';
import { billsOf } from './customerTransactions';

export const EVALUATION_LOG_PATH = '/v2/transactions/searchEvaluationLog';
export const MAX_EVALUATION_BODY_BYTES = 4096;

function searchOf(body: string): { billNumber?: string; transactionId?: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { search?: { transactionNumber?: unknown }; transactionId?: unknown };
    if (typeof parsed.search?.transactionNumber === 'string') return { billNumber: parsed.search.transactionNumber };
    if (typeof parsed.transactionId === 'string' || typeof parsed.transactionId === 'number') return { transactionId: String(parsed.transactionId) };
  } catch {
    // answered below
  }
  return undefined;
}

export function evaluationLogReply(state: SampleState, body: string): Reply {
  const refusal = explainFaultReply(state.faults, 'evaluationLog', EVALUATION_LOG_PATH);
  if (refusal) return refusal;
  const search = searchOf(body);
  if (!search) return envelopeError(400, 400, 'Give search.transactionNumber or transactionId');
  const customers = [...new Set([...state.explain.bills.keys(), ...[...state.lookups.all()].map((lookup) => lookup.userId)])];
  for (const customerId of customers) {
    const bill = billsOf(state, customerId).find((candidate) => candidate.billNumber === search.billNumber || candidate.id === search.transactionId);
    if (!bill) continue;
    const tree =
      state.explain.evaluationTrees.get(bill.billNumber) ??
      `<div class="evaluation-tree"><ul><li>Rule[126432500, Any purchase] currentTxn.value &gt; 0 -&gt; ${!bill.amount.startsWith('-')}</li></ul></div>`;
    const match = { transactionId: new RawNumber(bill.id), uniqueId: bill.id, requestId: `req-${bill.id}`, eventName: 'TransactionAdd', evaluationTree: tree };
    return { status: 200, body: `{"data":[${toJson(match)}],"errors":[],"warnings":[]}` };
  }
  return { status: 200, body: '{"data":[],"errors":[],"warnings":[]}' };
}
