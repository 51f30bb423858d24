// "Why it did not count" in the real extension host against the sample API: capillary.explainPeriod opens the
// table and resolves with the rule and every bill's reasons, capillary.explainTransaction with a bill's evaluation
// log, the sidebar shows the target's definition, and an endpoint failing alone leaves the rest of the lookup intact.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPLAIN_BILLS, EXPLAIN_LOOKUPS } from '../../sample-api/server';
import type { ExplainPeriodResult, ExplainTransactionResult } from '../../src/explain/commands';
import { BASIC_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

const reasons = EXPLAIN_LOOKUPS.reasons;

function explainPeriod(periodId: string): Thenable<ExplainPeriodResult> {
  return vscode.commands.executeCommand<ExplainPeriodResult>('capillary.explainPeriod', { ...reasons, periodId, profile: BASIC_PROFILE });
}

function explainTransaction(billNumber: string): Thenable<ExplainTransactionResult> {
  return vscode.commands.executeCommand<ExplainTransactionResult>('capillary.explainTransaction', { billNumber, profile: BASIC_PROFILE });
}

suite('Why it did not count', () => {
  const environment = useSampleEnvironment({ largeUserEvents: 100 });
  teardown(() => environment.api.resetFaults());

  test('capillary.explainPeriod opens the table on the period and resolves with the rule and each bill\u2019s reasons', async () => {
    const result = await explainPeriod('22201');
    assert.equal(result.status, 'ok', result.message);
    assert.deepEqual(result.definition, {
      targetType: 'SALES',
      targetEntity: 'TRANSACTION',
      eventName: 'TransactionAdd',
      expression: 'currentTxn.value > 100',
      filters: [
        { entityType: 'STORE', entityIds: ['7001', '7002', '7004'] },
        { entityType: 'ZONE', entityIds: ['8001'] },
        { entityType: 'CONCEPT', entityIds: ['9001'] },
      ],
    });
    const byNumber = new Map(result.transactions.map((transaction) => [transaction.billNumber, transaction]));
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.tracked)?.tracked, true);
    assert.equal(byNumber.get(EXPLAIN_BILLS.tracked)?.eventLogId, '624000501');
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.return)?.reasons, ['return']);
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.beforeEnrolment)?.reasons, ['before-enrolment']);
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.storeFilter)?.reasons, ['store-filter']);
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.zoneFilter)?.reasons, ['zone-filter']);
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.outsidePeriod)?.reasons, ['outside-period']);
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.unknown)?.reasons, ['unknown']);
    assert.deepEqual(byNumber.get(EXPLAIN_BILLS.conceptUnchecked)?.uncheckedFilters, ['concept-filter']);
    assert.equal(result.unplacedEventCount, 1);
    const api = await extensionApi();
    const lookup = { profileName: BASIC_PROFILE, ...reasons, periodId: '22201' };
    assert.ok(api.panelOf(lookup), 'the table is open on the period');
    assert.equal(api.explanationInfo(lookup)?.periods['22201']?.status, 'ok', 'the table\u2019s state carries the explanation');
  });

  test('capillary.explainTransaction resolves with the bill\u2019s rules, or the tree\u2019s text when it has none', async () => {
    const log = await explainTransaction(EXPLAIN_BILLS.unknown);
    assert.equal(log.status, 'ok');
    assert.deepEqual(
      log.rules.map((rule) => [rule.id, rule.name, rule.expression, rule.result]),
      [
        ['126432533', 'Spend over 100', 'currentTxn.value > 100', false],
        ['126432534', 'Filtered stores', 'currentTxn.store in (7001, 7002, 7004) && zone == 8001', true],
      ],
    );
    assert.match(log.raw, /evaluationTree/);
    const unparsed = await explainTransaction(EXPLAIN_BILLS.unparseableTree);
    assert.equal(unparsed.status, 'unparsed');
    assert.deepEqual(unparsed.rules, []);
    assert.equal(unparsed.message, 'Evaluation skipped: <store concept unresolved>');
  });

  test('a cluster without the evaluation log says so; nothing throws', async () => {
    environment.api.setFaults({ explainFailStatus: { evaluationLog: 404 } });
    const log = await explainTransaction(EXPLAIN_BILLS.unknown);
    assert.equal(log.status, 'unavailable');
    assert.match(log.message ?? '', /not available on this cluster.*404/);
  });

  test('transactions refused alone: the period says unavailable with the status and message; events, progress and rule stay', async () => {
    environment.api.setFaults({ explainFailStatus: { transactions: 403 } });
    const result = await explainPeriod('22202');
    assert.equal(result.status, 'unavailable');
    assert.match(result.message ?? '', /bills could not be read.*403/);
    assert.match(result.message ?? '', /Not authorized/);
    assert.equal(result.definition?.expression, 'currentTxn.value > 100', 'the rule still shows');
    const api = await extensionApi();
    const lookup = { profileName: BASIC_PROFILE, ...reasons, periodId: '22202' };
    assert.deepEqual(api.lookupState(lookup).lastComplete?.result.events.map((event) => event.eventLogId), ['624000511', '624000512'], 'the events are intact');
    assert.equal(api.targetProgressInfo(lookup)?.status, 'ok', 'the target progress is intact');
  });

  test('the sidebar shows the target\u2019s definition under a lookup, as readable lines', async () => {
    await vscode.commands.executeCommand('capillary.addLookup', { ...reasons, profile: BASIC_PROFILE });
    const api = await extensionApi();
    const tree = api.treeProvider;
    const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.userId === reasons.userId && node.lookup.periodId === undefined);
    assert.ok(root);
    const definition = await eventually('the definition, read', () => tree.getChildren(root).find((node) => node.kind === 'definition' && node.info.status === 'ok'));
    assert.equal(tree.getTreeItem(definition).label, 'Target definition');
    const texts = tree.getChildren(definition).map((line) => {
      const lineItem = tree.getTreeItem(line);
      return `${typeof lineItem.label === 'string' ? lineItem.label : ''}: ${typeof lineItem.description === 'string' ? lineItem.description : ''}`;
    });
    assert.deepEqual(texts, [
      'Counts: SALES of TRANSACTION events "TransactionAdd"',
      'Rule: currentTxn.value > 100',
      'Filters: store 7001, 7002, 7004; zone 8001; concept 9001',
      'Enrolment: TRANSACTION',
    ]);
    await vscode.commands.executeCommand('capillary.removeLookup', { ...reasons, profile: BASIC_PROFILE });
  });
});
