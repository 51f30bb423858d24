// capillary.lookupFromValue: every form a userId comes in from editors, debug views and logs, with the contract's
// targetRuleId skipping the prompts, and the refusals (with what was found) that fetch nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LookupResult } from '../../src/capillary';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import { eventually, useSampleEnvironment } from './fixture';

const { userId, targetRuleId } = SAMPLE_LOOKUPS.docExample;

function lookUpFromValue(arg: unknown): Thenable<LookupResult | undefined> {
  return vscode.commands.executeCommand<LookupResult | undefined>('capillary.lookupFromValue', arg);
}

suite('Looking up from a value (capillary.lookupFromValue)', () => {
  const environment = useSampleEnvironment();

  for (const form of [userId, `"${userId}"`, `${userId}L`, `${userId}n`, `Long(${userId})`, `NumberLong("${userId}")`]) {
    test(`${form} with a targetRuleId resolves to the lookup's events`, async () => {
      const result = await lookUpFromValue({ value: form, targetRuleId });
      assert.equal(result?.events.length, 10);
      assert.ok(result.events.every((event) => event.customerId === userId));
    });
  }

  test('JSON text carrying userId, targetRuleId and periodId is looked up without prompts', async () => {
    const result = await lookUpFromValue(`{"userId": ${userId}, "targetRuleId": "${targetRuleId}", "periodId": 9889, "amount": 10}`);
    assert.deepEqual(result?.events.map((event) => event.eventLogId), ['615460983', '615461137']);
  });

  test('object text with customerId, and a targetRuleId from the argument', async () => {
    const result = await lookUpFromValue({ value: `Txn{customerId=${userId}L, amount=10}`, targetRuleId: Number(targetRuleId) });
    assert.equal(result?.events.length, 10);
  });

  test('a debug variable (as the Variables and Watch views pass it) with targetRuleId and periodId', async () => {
    const result = await lookUpFromValue({
      variable: { name: 'userId', value: `${userId}n`, evaluateName: 'order.userId' },
      targetRuleId,
      periodId: '9888',
    });
    assert.equal(result?.events.length, 3);
  });

  for (const [arg, says] of [
    ['Object', /Found "Object".*Expected a customer ID/],
    ['0123', /"0123".*leading zeros/],
    [{ value: '{"name": "Ann"}', targetRuleId }, /Found .*name.*Expected/],
    [{ variable: { name: 'targetRuleId', value: '1986' }, targetRuleId }, /holds a targetRuleId, not a customer ID/],
    [{ variable: { name: 'order', value: 'Order@12' }, targetRuleId }, /variable "order".*"Order@12"/],
    [{ value: userId, targetRuleId: '19x6' }, /targetRuleId must contain only the digits/],
  ] as const) {
    test(`${JSON.stringify(arg)} is refused with what was found, and nothing is fetched`, async () => {
      const before = environment.api.stats().requests;
      await assert.rejects(Promise.resolve(lookUpFromValue(arg)), (error: Error) => {
        assert.match(error.message, says);
        return true;
      });
      assert.equal(environment.api.stats().requests, before, 'no request was sent');
    });
  }

  test('from the editor: the number under the cursor, with the argument VS Code passes (the document)', async () => {
    const document = await vscode.workspace.openTextDocument({ content: `const order = { userId: ${userId}L, total: 10 };\n`, language: 'typescript' });
    const editor = await vscode.window.showTextDocument(document);
    const column = document.lineAt(0).text.indexOf(userId) + 3;
    editor.selection = new vscode.Selection(0, column, 0, column);
    // Without a targetRuleId the wizard continues at the target step: the quick pick opening shows it got the userId.
    environment.api.clearRequests();
    const running = lookUpFromValue(document.uri);
    await eventually('the target step lists the customer\'s targets', () =>
      environment.api.requests.some((request) => request.path.startsWith(`/v3/users/${userId}/targetGroups`)),
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await running, undefined, 'closing the target pick ends the lookup without a result');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
