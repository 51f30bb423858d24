// capillary.lookupFromDebugExpression: an expression evaluated in the paused frame of a real debug session (VS Code's
// built-in JavaScript debugger running a small Node program), its value read like Look Up From Value reads one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LookupResult } from '../../src/capillary';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import { eventually, useSampleEnvironment } from './fixture';

const { userId, targetRuleId } = SAMPLE_LOOKUPS.docExample;

function lookUpFromDebugExpression(arg: object): Thenable<LookupResult | undefined> {
  return vscode.commands.executeCommand<LookupResult | undefined>('capillary.lookupFromDebugExpression', arg);
}

/** Starts the program under VS Code's JavaScript debugger and resolves once it is paused at its `debugger` statement. */
async function pausedAt(program: string): Promise<vscode.DebugSession> {
  const paused = new Promise<vscode.DebugSession>((resolve) => {
    const listener = vscode.debug.onDidChangeActiveStackItem((item) => {
      if (item instanceof vscode.DebugStackFrame) {
        listener.dispose();
        resolve(item.session);
      }
    });
  });
  const started = await vscode.debug.startDebugging(undefined, { type: 'node', request: 'launch', name: 'capillary debug-expression test', program, console: 'internalConsole' });
  assert.ok(started, 'the debug session started');
  return paused;
}

suite('Looking up from a debug expression (capillary.lookupFromDebugExpression)', () => {
  const environment = useSampleEnvironment();
  let folder: string;
  let session: vscode.DebugSession | undefined;

  suiteSetup(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'capillary-debug-'));
  });
  suiteTeardown(async () => {
    if (session) await vscode.debug.stopDebugging(session);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('with no paused debug session it refuses, saying how to pause, and fetches nothing', async () => {
    const before = environment.api.stats().requests;
    await assert.rejects(Promise.resolve(lookUpFromDebugExpression({ expression: 'order.userId', targetRuleId })), /No debug session is paused/);
    assert.equal(environment.api.stats().requests, before);
  });

  test('evaluates in the paused frame: a field of a local object, a BigInt, and an expression that fails', async () => {
    const program = path.join(folder, 'order.js');
    fs.writeFileSync(program, `const order = { customer: { userId: '${userId}', name: 'Ann' }, amount: 10 };\nconst big = ${userId}n;\ndebugger;\nconsole.log(order, big);\n`);
    session = await pausedAt(program);

    const fromField = await lookUpFromDebugExpression({ expression: 'order.customer.userId', targetRuleId });
    assert.equal(fromField?.events.length, 10);
    assert.ok(fromField.events.every((event) => event.customerId === userId));

    const fromObject = await lookUpFromDebugExpression({ expression: 'order.customer', targetRuleId, periodId: '9888' });
    assert.equal(fromObject?.events.length, 3, 'the userId read from the object preview, the period from the argument');

    const fromBigInt = await lookUpFromDebugExpression({ expression: 'big', targetRuleId });
    assert.equal(fromBigInt?.events.length, 10);

    await assert.rejects(Promise.resolve(lookUpFromDebugExpression({ expression: 'order.missing.userId', targetRuleId })), /Could not evaluate "order.missing.userId" in the paused frame/);
    await assert.rejects(Promise.resolve(lookUpFromDebugExpression({ expression: 'order.amount + 0.5', targetRuleId })), /not a customer ID/);
  });
  test('the wizard, opened while paused, offers the IDs among the focused frame\u2019s locals, a customer-like name first', async function () {
    // A debug session's start-up comes first, and takes its time on a busy machine.
    this.timeout(120_000);
    if (session) await vscode.debug.stopDebugging(session);
    const program = path.join(folder, 'checkout.js');
    fs.writeFileSync(program, `const basketSize = 3;\nconst customerId = '${userId}';\nconst note = 'not an id';\ndebugger;\nconsole.log(basketSize, customerId, note);\n`);
    session = await pausedAt(program);
    // Enter takes the selected entry of each step: the frame's customerId, the customer's rule, "All periods".
    let settled = false;
    const lookup = Promise.resolve(vscode.commands.executeCommand<LookupResult | undefined>('capillary.lookupEvents')).finally(() => {
      settled = true;
    });
    await eventually('the wizard accepted every step', async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    }, 60_000);
    const result = await lookup;
    assert.equal(result?.events.length, 10);
    assert.ok(result.events.every((event) => event.customerId === userId && event.targetRuleId === targetRuleId));
  });
});
