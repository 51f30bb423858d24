// IDs among the paused frame's variables, for the lookup wizard's customer step: the Debug Adapter Protocol's
// `scopes` and `variables` requests on the focused stack frame, its locals and one level into them (a customer
// object's fields). Never in the way: no paused frame, an adapter that fails or is slow, gives no IDs.
import * as vscode from 'vscode';
import { idValidationMessage } from '../capillary';

export interface FrameId {
  id: string;
  /** Where it was found: "customerId", "order.customer". */
  name: string;
}

interface DapVariable {
  name: string;
  value: string;
  variablesReference: number;
}

/** How long the debugger may take to answer before the wizard goes on without its IDs. */
const ANSWER_MILLIS = 1500;
/** Objects looked into, one level deep, so that a frame with many locals stays quick. */
const OBJECTS_OPENED = 12;

/** The value as an ID when it reads as one: digits, maybe quoted (a string) or with BigInt's `n`. */
export function idOfValue(value: string): string | undefined {
  const text = value.trim().replace(/^(['"`])(.*)\1$/, '$2').replace(/^(\d+)n$/, '$1');
  return /^\d+$/.test(text) && idValidationMessage('userId', text) === undefined ? text : undefined;
}

/** Names that say they hold a customer come first. */
function rank(name: string): number {
  return /user|customer|member/i.test(name) ? 0 : 1;
}

function withTimeout<T>(promise: Thenable<T>): Promise<T | undefined> {
  return Promise.race([Promise.resolve(promise), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ANSWER_MILLIS))]);
}

/** The IDs in the focused frame's locals, customer-like names first; none when no debug session is paused. */
export async function idsInPausedFrame(): Promise<FrameId[]> {
  const frame = vscode.debug.activeStackItem;
  if (!(frame instanceof vscode.DebugStackFrame)) return [];
  const session = frame.session;
  const variables = async (reference: number): Promise<DapVariable[]> => {
    const answer = (await withTimeout(session.customRequest('variables', { variablesReference: reference }))) as { variables?: DapVariable[] } | undefined;
    return answer?.variables ?? [];
  };
  try {
    const answer = (await withTimeout(session.customRequest('scopes', { frameId: frame.frameId }))) as
      | { scopes?: Array<{ name: string; variablesReference: number; expensive?: boolean }> }
      | undefined;
    // The frame's own scopes: globals are expensive and say nothing about this customer.
    const scopes = (answer?.scopes ?? []).filter((scope) => !scope.expensive && !/global/i.test(scope.name));
    const found: FrameId[] = [];
    let opened = 0;
    for (const scope of scopes) {
      for (const variable of await variables(scope.variablesReference)) {
        const id = idOfValue(variable.value);
        if (id !== undefined) found.push({ id, name: variable.name });
        else if (variable.variablesReference > 0 && opened < OBJECTS_OPENED) {
          opened++;
          for (const field of await variables(variable.variablesReference)) {
            const fieldId = idOfValue(field.value);
            if (fieldId !== undefined) found.push({ id: fieldId, name: `${variable.name}.${field.name}` });
          }
        }
      }
    }
    const seen = new Set<string>();
    return found
      .sort((a, b) => rank(a.name) - rank(b.name))
      .filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
  } catch {
    // The debugger could not answer: the wizard asks for the ID as usual.
    return [];
  }
}
