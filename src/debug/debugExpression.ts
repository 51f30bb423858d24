// Evaluation in the paused debug session: the focused stack frame, through the Debug Adapter Protocol's `evaluate`
// request in the `watch` context, so that the value reads as it does in the Watch view.
import * as vscode from 'vscode';

const NOT_PAUSED =
  'No debug session is paused: start debugging and stop at a breakpoint (or pause), select the stack frame that ' +
  'holds the customer ID, then run Look Up From Debug Expression again.';

/** The value of `expression` in the focused frame, as the debugger prints it; rejects with what to fix. */
export async function evaluateInPausedFrame(expression: string): Promise<string> {
  const focused = vscode.debug.activeStackItem;
  if (!(focused instanceof vscode.DebugStackFrame)) throw new Error(NOT_PAUSED);
  let response: unknown;
  try {
    response = await focused.session.customRequest('evaluate', { expression, frameId: focused.frameId, context: 'watch' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not evaluate ${JSON.stringify(expression)} in the paused frame of "${focused.session.name}": ${reason}`);
  }
  const result = typeof response === 'object' && response !== null ? (response as { result?: unknown }).result : undefined;
  if (typeof result !== 'string') {
    throw new Error(`The debugger of "${focused.session.name}" gave no value for ${JSON.stringify(expression)}.`);
  }
  return result;
}
