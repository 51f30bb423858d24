// POST /v2/transactions/searchEvaluationLog: Capillary's evaluation log of one bill, "why a rule fired or didn't
// fire". Not in Capillary's public reference: known only from third-party lists of its endpoints, so every shape
// here is a reading of what has been seen. Requests have been seen as `{"search":{"transactionNumber":"<bill
// number>"}}` and as `{"transactionId":"<id>"}` (tried second, when the first form is refused as a bad request and
// the bill's ID is known). Answers give per match `transactionId`, `uniqueId`, `requestId`, `eventName` and an HTML
// `evaluationTree` with lines like `Rule[126432533, Rule 1] currentTxn.value>5500 -> false`, in `data` (a list
// or one object) or at the top level. The tree is read with an HTML parser (entities decoded), never a regex over
// markup; a tree without rule lines is shown as its text. A refusal or a missing endpoint is "not available on
// this cluster", never an error of the lookup.
import { Parser } from 'htmlparser2';
import { isCapillaryApiError } from '../transport/errors';
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { isJsonObject, type JsonValue } from '../transport/json';
import type { EvaluatedRule, EvaluationLogInfo } from '../../shared/explanation';
import { NO_EVALUATION_TREE_TEXT, evaluationLogUnavailableText } from '../../shared/display';

export const EVALUATION_LOG_PATH = '/v2/transactions/searchEvaluationLog';

export function evaluationLogRequest(search: { billNumber: string } | { transactionId: string }): ApiRequest {
  const body = 'billNumber' in search ? { search: { transactionNumber: search.billNumber } } : { transactionId: search.transactionId };
  return { method: 'POST', path: EVALUATION_LOG_PATH, jsonBody: JSON.stringify(body), authenticated: true };
}

/** Statuses that mean the cluster does not offer the endpoint to these credentials. */
const NOT_OFFERED = new Set([401, 403, 404, 405, 501]);

/** The bill's evaluation log; never throws for an answer of Capillary's (only for a cancellation). */
export async function fetchEvaluationLog(
  transport: Transport,
  bill: { billNumber: string; transactionId?: string },
  signal?: AbortSignal,
): Promise<EvaluationLogInfo> {
  try {
    let response: ApiResponse;
    try {
      response = await transport.send(evaluationLogRequest({ billNumber: bill.billNumber }), signal);
    } catch (error) {
      if (!(isCapillaryApiError(error) && error.httpStatus === 400 && bill.transactionId)) throw error;
      response = await transport.send(evaluationLogRequest({ transactionId: bill.transactionId }), signal);
    }
    return readEvaluationLog(bill.billNumber, response);
  } catch (error) {
    if (!isCapillaryApiError(error) || error.kind === 'cancelled') throw error;
    const failure = { httpStatus: error.httpStatus, message: error.message };
    const message = error.httpStatus !== undefined && NOT_OFFERED.has(error.httpStatus) ? evaluationLogUnavailableText(failure) : error.message;
    return { status: 'unavailable', billNumber: bill.billNumber, message, ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }) };
  }
}

export function readEvaluationLog(billNumber: string, response: Pick<ApiResponse, 'body' | 'text'>): EvaluationLogInfo {
  const data = response.body.data;
  const matches = Array.isArray(data) ? data : data === undefined || data === null ? [response.body] : [data];
  const trees = matches.flatMap((match: JsonValue) => (isJsonObject(match) && typeof match.evaluationTree === 'string' ? [match.evaluationTree] : []));
  if (trees.length === 0) {
    return { status: 'unparsed', billNumber, text: NO_EVALUATION_TREE_TEXT, raw: response.text };
  }
  const lines = trees.flatMap(treeLines);
  const rules = lines.flatMap((line) => {
    const rule = parseRuleLine(line);
    return rule ? [rule] : [];
  });
  return rules.length > 0
    ? { status: 'ok', billNumber, rules, raw: response.text }
    : { status: 'unparsed', billNumber, text: lines.join('\n'), raw: response.text };
}

// Elements that end a line of the tree's text.
const BLOCK_ELEMENTS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The tree's text, line by line, entities decoded, empty lines left out. */
export function treeLines(html: string): string[] {
  const lines: string[] = [];
  let current = '';
  const endLine = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const parser = new Parser(
    {
      ontext: (text) => {
        const parts = text.split(/\r?\n/);
        parts.forEach((part, index) => {
          if (index > 0) endLine();
          current += part;
        });
      },
      onopentag: (name) => {
        if (BLOCK_ELEMENTS.has(name)) endLine();
      },
      onclosetag: (name) => {
        if (BLOCK_ELEMENTS.has(name)) endLine();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  return lines;
}

// A rule line of the tree's decoded text (not markup): `Rule[<id>, <name>] <expression> -> true|false`.
const RULE_LINE = /^Rule\[\s*([^,\]]+?)\s*,\s*(.*?)\s*\]\s*(.*?)\s*->\s*(true|false)\s*$/i;

export function parseRuleLine(line: string): EvaluatedRule | undefined {
  const match = RULE_LINE.exec(line);
  if (!match) return undefined;
  return { id: match[1], name: match[2], expression: match[3], result: match[4].toLowerCase() === 'true' };
}
