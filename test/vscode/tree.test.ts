import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LookupTreeNode } from '../../src/tree/lookupTree';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import { formatDecimalText } from '../../src/shared/display';
import { BASIC_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

/** The lookup's children but its target definition (test/vscode/explain reads that one). */
function withoutDefinition(nodes: LookupTreeNode[]): LookupTreeNode[] {
  return nodes.filter((node) => node.kind !== 'definition');
}

suite('Sidebar lookups', () => {
  const environment = useSampleEnvironment();
  const docLookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };

  test('addLookup saves the lookup (IDs and profile only) and it persists in globalState', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.addLookup', { ...SAMPLE_LOOKUPS.docExample });
    const saved = ext.savedLookups().find((l) => l.userId === docLookup.userId);
    assert.deepEqual(JSON.parse(JSON.stringify(saved)), { profileName: BASIC_PROFILE, userId: '564332013', targetRuleId: '1986' });
  });

  test('Add Lookup of a held result fetches it again (from its last page), and the lookup says when it was fetched', async () => {
    const ext = await extensionApi();
    const other = { userId: '564332013', targetRuleId: '1986', periodId: '9888' };
    const otherLookup = { profileName: BASIC_PROFILE, ...other };
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...other });
    const heldAt = ext.lookupState(otherLookup).lastComplete?.fetchedAt;
    assert.ok(heldAt);
    const asked = () => environment.api.requests.filter((request) => request.path.includes('/trackedTargetEvents/') && request.path.includes('periodId=9888')).length;
    const before = asked();
    await vscode.commands.executeCommand('capillary.addLookup', { ...other });
    await eventually('the held result was fetched again', () => {
      const fetchedAt = ext.lookupState(otherLookup).lastComplete?.fetchedAt;
      return fetchedAt && fetchedAt.getTime() > heldAt.getTime() && ext.lookupState(otherLookup).fetch.phase === 'done';
    });
    assert.equal(asked() - before, 1, 'one page: the held result refreshed from its last page');
    const tree = ext.treeProvider;
    const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.periodId === '9888');
    assert.ok(root);
    assert.match(String(tree.getTreeItem(root).description), new RegExp(`^${BASIC_PROFILE} · fetched \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$`));
    await vscode.commands.executeCommand('capillary.removeLookup', otherLookup);
  });

  test('the tree shows the lookup, its periods with counts and exact sums, and their events', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.refreshLookup', docLookup);
    await eventually('the lookup is fetched', () => ext.lookupState(docLookup).fetch.phase === 'done');
    const tree = ext.treeProvider;
    const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.userId === docLookup.userId);
    assert.ok(root);
    assert.equal(tree.getTreeItem(root).label, 'user 564332013 · rule 1986');
    const periods = withoutDefinition(tree.getChildren(root));
    assert.deepEqual(
      periods.map((node) => tree.getTreeItem(node).label),
      ['Period 9887 — 5 events · Σ 9,000.92', 'Period 9888 — 3 events · Σ 3,999.54', 'Period 9889 — 2 events · Σ 2,000'],
    );
    const events = tree.getChildren(periods[0]);
    assert.equal(events.length, 5);
    const first = tree.getTreeItem(events[0]);
    assert.equal(first.label, 'ADD_TRANSACTION');
    assert.match(typeof first.tooltip === 'string' ? first.tooltip : first.tooltip?.value ?? '', /eventLogId: 606066681/);
    assert.match(typeof first.tooltip === 'string' ? first.tooltip : first.tooltip?.value ?? '', /uniqueId: 880613909/);
  });

  test('the tree writes figures as the table does: Σ and values grouped by thousands, dates without a zero fraction', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.refreshLookup', docLookup);
    await eventually('the lookup is fetched', () => ext.lookupState(docLookup).fetch.phase === 'done');
    const tree = ext.treeProvider;
    const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.userId === docLookup.userId);
    assert.ok(root);
    const periods = withoutDefinition(tree.getChildren(root));
    // The table's Σ cells for this lookup read "Σ 9,000.92", … (test/webview/display.test.ts holds the two side by side).
    for (const node of periods) {
      assert.ok(node.kind === 'period');
      const label = tree.getTreeItem(node).label;
      assert.ok(typeof label === 'string' && label.endsWith(` · Σ ${formatDecimalText(node.group.totalTargetValue)}`), JSON.stringify(label));
    }
    const descriptions = periods.flatMap((node) => tree.getChildren(node)).map((node) => String(tree.getTreeItem(node).description));
    assert.ok(descriptions.length > 0);
    for (const description of descriptions) assert.match(description, /^\d{1,3}(,\d{3})*(\.\d+)? · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.ok(descriptions.includes('2,000.46 · 2025-01-09 13:00:12'), descriptions.join('\n'));
  });

  test('a failing lookup shows one error item with the message and hint', async () => {
    const ext = await extensionApi();
    const bad = { profileName: BASIC_PROFILE, userId: SAMPLE_LOOKUPS.docExample.userId, targetRuleId: '31337' };
    await vscode.commands.executeCommand('capillary.addLookup', bad);
    await vscode.commands.executeCommand('capillary.refreshLookup', bad);
    await eventually('the lookup failed', () => ext.lookupState(bad).fetch.phase === 'failed');
    const tree = ext.treeProvider;
    const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.targetRuleId === '31337');
    assert.ok(root);
    const children = withoutDefinition(tree.getChildren(root));
    assert.equal(children.length, 1);
    const item = tree.getTreeItem(children[0]);
    assert.equal(item.contextValue, 'error');
    assert.match(typeof item.label === 'string' ? item.label : item.label?.label ?? '', /target rule/i);
    assert.ok(String(item.description).length > 0, 'the hint is shown');
  });

  test('a failed refresh keeps the periods of the last complete result under one line saying what failed and what is shown', async () => {
    const ext = await extensionApi();
    const tree = ext.treeProvider;
    await vscode.commands.executeCommand('capillary.refreshLookup', docLookup);
    await eventually('the lookup is fetched', () => ext.lookupState(docLookup).fetch.phase === 'done');
    for (let attempt = 1; attempt <= 2; attempt++) {
      environment.api.setFaults({ xml401: 1 });
      await vscode.commands.executeCommand('capillary.refreshLookup', docLookup);
      await eventually(`refresh ${attempt} failed`, () => ext.lookupState(docLookup).fetch.phase === 'failed');
      const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.userId === docLookup.userId);
      assert.ok(root);
      const [status, ...periods] = withoutDefinition(tree.getChildren(root)).map((node) => tree.getTreeItem(node));
      assert.equal(status.contextValue, 'error');
      assert.match(String(status.description), /Showing the result fetched at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\./);
      assert.deepEqual(
        periods.map((item) => item.label),
        ['Period 9887 — 5 events · Σ 9,000.92', 'Period 9888 — 3 events · Σ 3,999.54', 'Period 9889 — 2 events · Σ 2,000'],
      );
    }
    environment.api.resetFaults();
    await vscode.commands.executeCommand('capillary.refreshLookup', docLookup);
    await eventually('the lookup is fetched again', () => ext.lookupState(docLookup).fetch.phase === 'done');
  });

  test('opening a period in the table opens a table for that period', async () => {
    const ext = await extensionApi();
    const tree = ext.treeProvider;
    const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.userId === docLookup.userId);
    assert.ok(root);
    const [period] = withoutDefinition(tree.getChildren(root));
    await vscode.commands.executeCommand('capillary.openInTable', period);
    const periodLookup = { ...docLookup, periodId: '9887' };
    assert.ok(ext.panelOf(periodLookup), 'a panel for period 9887 is open');
    const fetched = await eventually('the period is fetched', () => ext.lookupState(periodLookup).lastComplete);
    assert.ok(fetched.result.events.length > 0 && fetched.result.events.every((e) => e.periodId === '9887'));
  });

  test('removeLookup takes it out of the tree and of globalState', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.removeLookup', docLookup);
    assert.equal(ext.savedLookups().some((l) => l.userId === docLookup.userId && l.targetRuleId === docLookup.targetRuleId), false);
    assert.equal(ext.treeProvider.getChildren().some((n) => n.kind === 'lookup' && n.lookup.userId === docLookup.userId && n.lookup.targetRuleId === '1986'), false);
  });
});
