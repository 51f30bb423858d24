// The target progress contract of capillary.lookupEvents, the tree's period verdicts, and the reconciliation in
// exports, in the real extension host against the sample API's progress cases.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LookupTreeNode } from '../../src/tree/lookupTree';
import { PROGRESS_LOOKUPS, SAMPLE_LOOKUPS } from '../../sample-api/server';
import type { ReconciledLookupResult } from '../../src/targetProgress/report';
import { BASIC_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

/** The lookup's children but its target definition (test/vscode/explain reads that one). */
function withoutDefinition(nodes: LookupTreeNode[]): LookupTreeNode[] {
  return nodes.filter((node) => node.kind !== 'definition');
}

function tooltipText(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

async function lookUp(args: Record<string, unknown>): Promise<ReconciledLookupResult> {
  return await vscode.commands.executeCommand<ReconciledLookupResult>('capillary.lookupEvents', args);
}

suite('Target progress beside the events', () => {
  const environment = useSampleEnvironment();
  let tempDir: string;
  suiteSetup(async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'capillary-progress-'));
  });
  suiteTeardown(() => fs.rm(tempDir, { recursive: true, force: true }));
  teardown(() => environment.api.resetFaults());

  test('the documentation example resolves with its progress: every period matches; what it returned before is intact', async () => {
    const result = await lookUp({ ...SAMPLE_LOOKUPS.docExample });
    assert.deepEqual(
      result.groups.map((g) => [g.periodId, g.count, g.totalTargetValue]),
      [
        ['9887', 5, '9000.92'],
        ['9888', 3, '3999.54'],
        ['9889', 2, '2000'],
      ],
    );
    assert.equal(result.progress.status, 'ok');
    assert.equal(result.progress.targetGroupId, '1717');
    assert.equal(result.progress.trackingType, 'DEFAULT');
    assert.deepEqual(
      result.progress.periods.map((p) => [p.periodId, p.status, p.goal, p.achieved, p.eventsSum, p.difference, p.verdict, p.goalReached]),
      [
        ['9887', 'ENDED', '5000.000', '9000.92', '9000.92', '0', 'match', true],
        ['9888', 'ENDED', '5000.000', '3999.54', '3999.54', '0', 'match', false],
        ['9889', 'RUNNING', '5000.000', '2000', '2000', '0', 'match', false],
      ],
    );
    assert.equal(result.progress.periods[0].crossingEventLogId, '606068043');
    assert.deepEqual(
      result.events.slice(0, 5).map((event) => [event.eventLogId, event.targetValue, event.runningTotal, event.flags]),
      [
        ['606066681', '1000', '1000', []],
        ['606066721', '2000', '3000', []],
        ['606068043', '2000', '5000', []],
        ['606072487', '2000.46', '7000.46', []],
        ['608082820', '2000.46', '9000.92', []],
      ],
    );
  });

  test('an event processed after its period ended: the difference, its reason and the event\u2019s flag', async () => {
    const result = await lookUp({ ...PROGRESS_LOOKUPS.lateProcessed });
    const [january, february] = result.progress.periods;
    assert.deepEqual([january.achieved, january.eventsSum, january.difference, january.verdict], ['8000', '9000', '-1000', 'differs']);
    assert.match(january.reasons.join('\n'), /processed after the period ended \(Σ 1,000\): without them Σ equals the achieved value exactly/);
    assert.equal(february.verdict, 'match');
    const flagged = result.events.filter((event) => event.flags.length > 0);
    assert.deepEqual(flagged.map((event) => [event.eventLogId, event.flags]), [['620000104', ['processed-after-period-end']]]);
  });

  test('a periodId filter: the other periods are not compared, and say why', async () => {
    const result = await lookUp({ ...SAMPLE_LOOKUPS.docExample, periodId: '9889' });
    const byId = new Map(result.progress.periods.map((p) => [p.periodId, p]));
    assert.equal(byId.get('9889')?.verdict, 'match');
    assert.equal(byId.get('9887')?.verdict, 'unknown');
    assert.equal(byId.get('9887')?.difference, undefined);
    assert.match(byId.get('9887')?.reasons[0] ?? '', /filtered to period 9889/);
  });

  test('targetGroups failing: the events still arrive, the progress says unavailable and why', async () => {
    environment.api.setFaults({ targetGroupsFailStatus: 403 });
    const result = await lookUp({ ...PROGRESS_LOOKUPS.withReturn });
    assert.equal(result.events.length, 4);
    assert.equal(result.progress.status, 'unavailable');
    assert.match(result.progress.message ?? '', /authori[sz]ed|access/i);
    assert.deepEqual(result.progress.periods, []);
    assert.ok(result.events.every((event) => Array.isArray(event.flags)));
    const ext = await extensionApi();
    const lookup = { profileName: BASIC_PROFILE, ...PROGRESS_LOOKUPS.withReturn };
    assert.equal(ext.lookupState(lookup).fetch.phase, 'done');
    assert.equal(ext.targetProgressInfo(lookup)?.status, 'unavailable');
  });

  test('the tree lists every calendar period in order with its verdict, the month without events too', async () => {
    const ext = await extensionApi();
    const quiet = { profileName: BASIC_PROFILE, ...PROGRESS_LOOKUPS.quietPeriod };
    await vscode.commands.executeCommand('capillary.addLookup', { ...PROGRESS_LOOKUPS.quietPeriod });
    await vscode.commands.executeCommand('capillary.refreshLookup', quiet);
    await eventually('the progress is reconciled', () => ext.targetProgressInfo(quiet)?.status === 'ok');
    const tree = ext.treeProvider;
    const root = tree.getChildren().find((node) => node.kind === 'lookup' && node.lookup.userId === quiet.userId);
    assert.ok(root);
    const items = withoutDefinition(tree.getChildren(root)).map((node) => tree.getTreeItem(node));
    assert.deepEqual(
      items.map((item) => [item.label, item.description]),
      [
        ['Period 22101 — 2 events · Σ 5,500', 'goal reached · ✓ match'],
        ['Period 22102 — 1 event · Σ 1,800', 'needs 3,200 more · ✓ match'],
        ['Period 22103 — 0 events · Σ 0', 'needs 5,000 more · ✓ match'],
        ['Period 22104 — 1 event · Σ 5,200', 'goal reached · ✓ match'],
      ],
    );
    assert.match(tooltipText(items[2]), /Window: 2025-03-01 00:00:00 → 2025-03-31 23:59:59/);
    assert.match(tooltipText(items[2]), /Goal: 5,000/);
  });

  test('exports carry the reconciliation: CSV running totals and flags, JSON a progress section with exact numbers', async () => {
    const lookup = { profileName: BASIC_PROFILE, ...PROGRESS_LOOKUPS.lateProcessed };
    await lookUp({ ...PROGRESS_LOOKUPS.lateProcessed });
    const csvUri = vscode.Uri.file(path.join(tempDir, 'late.csv'));
    await vscode.commands.executeCommand('capillary.exportLookup', lookup, { format: 'csv', uri: csvUri });
    const [header, ...rows] = (await fs.readFile(csvUri.fsPath, 'utf8')).trim().split(/\r\n/);
    const columns = header.split(',');
    assert.deepEqual(columns.slice(-2), ['runningTotal', 'flags']);
    const cell = (row: string, name: string) => row.split(',')[columns.indexOf(name)];
    assert.deepEqual(
      rows.map((row) => [cell(row, 'eventLogId'), cell(row, 'runningTotal'), cell(row, 'flags')]),
      [
        ['620000101', '3000', ''],
        ['620000102', '5500', ''],
        ['620000103', '8000', ''],
        ['620000104', '9000', 'processed-after-period-end'],
        ['620000105', '4200.50', ''],
      ],
    );

    const jsonUri = vscode.Uri.file(path.join(tempDir, 'late.json'));
    await vscode.commands.executeCommand('capillary.exportLookup', lookup, { format: 'json', uri: jsonUri });
    const text = await fs.readFile(jsonUri.fsPath, 'utf8');
    const json = JSON.parse(text) as { progress: { status: string; periods: Array<{ periodId: number; difference: number; verdict: string }>; flags: Record<string, string[]> } };
    assert.equal(json.progress.status, 'ok');
    assert.deepEqual(json.progress.periods.map((p) => [p.periodId, p.difference, p.verdict]), [[21801, -1000, 'differs'], [21802, 0, 'match']]);
    assert.deepEqual(json.progress.flags, { '620000104': ['processed-after-period-end'] });
    assert.match(text, /"achieved": 4200\.50,/, 'decimals keep their digits');
  });
});
