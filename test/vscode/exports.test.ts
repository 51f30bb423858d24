// IDs past 2^53 and decimals such as 1.000 and 2000.46 survive export (CSV, JSON), the raw JSON editor and cURL.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SAMPLE_LOOKUPS, type SampleApi } from '../../sample-api/server';
import { BASIC_PROFILE, closeAllEditors, extensionApi, sampleEnvironment } from './fixture';

suite('Exact values in exports, raw JSON and cURL', () => {
  let api: SampleApi;
  let tempDir: string;
  const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.bigIds };

  suiteSetup(async () => {
    api = await sampleEnvironment();
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'capillary-exact-'));
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.bigIds });
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await api.stop();
    await fs.rm(tempDir, { recursive: true, force: true });
  });

  /** The raw body the server sent, from which every exact ID and value is read as text. */
  async function serverEvents(): Promise<Array<{ eventLogId: string; periodId: string; targetValue: string }>> {
    const response = await fetch(`${api.url}/v3/users/${lookup.userId}/trackedTargetEvents/${lookup.targetRuleId}?limit=100&offset=0`, {
      headers: { authorization: `Basic ${Buffer.from('store.server:8a16a6b70505eb1f1ff7cdc0cd5559a7').toString('base64')}` },
    });
    const body = await response.text();
    const field = (name: string) => [...body.matchAll(new RegExp(`"${name}":\\s*([0-9.\\-]+)`, 'g'))].map((m) => m[1]);
    const ids = field('eventLogId');
    const periods = field('periodId');
    const values = field('targetValue');
    return ids.map((eventLogId, i) => ({ eventLogId, periodId: periods[i], targetValue: values[i] }));
  }

  test('CSV export keeps every digit and every decimal as sent', async () => {
    const expected = await serverEvents();
    assert.ok(expected.length >= 3 && expected.some((e) => BigInt(e.eventLogId) > 2n ** 53n));
    const target = vscode.Uri.file(path.join(tempDir, 'big.csv'));
    await vscode.commands.executeCommand('capillary.exportLookup', lookup, { format: 'csv', uri: target });
    const csv = await fs.readFile(target.fsPath, 'utf8');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    const columns = header.split(',');
    const at = (row: string, name: string) => row.split(',')[columns.indexOf(name)].replace(/^"|"$/g, '');
    assert.deepEqual(
      rows.map((row) => ({ eventLogId: at(row, 'eventLogId'), periodId: at(row, 'periodId'), targetValue: at(row, 'targetValue') })),
      expected,
    );
  });

  test('JSON export writes IDs and values as exact JSON numbers', async () => {
    const expected = await serverEvents();
    const target = vscode.Uri.file(path.join(tempDir, 'big.json'));
    await vscode.commands.executeCommand('capillary.exportLookup', lookup, { format: 'json', uri: target });
    const json = await fs.readFile(target.fsPath, 'utf8');
    for (const event of expected) {
      assert.match(json, new RegExp(`"eventLogId":\\s*${event.eventLogId}\\b`));
      assert.match(json, new RegExp(`"targetValue":\\s*${event.targetValue.replace('.', '\\.')}(?![0-9])`));
    }
  });

  test('the raw JSON editor shows the same exact text', async () => {
    const ext = await extensionApi();
    const expected = await serverEvents();
    await ext.openRawJson(lookup);
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.languageId, 'json');
    for (const event of expected) {
      assert.match(document.getText(), new RegExp(`"eventLogId":\\s*${event.eventLogId}\\b`));
    }
  });

  test('the cURL command names the exact IDs and uses placeholders for credentials', async () => {
    const curl = await vscode.commands.executeCommand<string>('capillary.copyCurl', lookup);
    assert.ok(curl.includes(`/v3/users/${lookup.userId}/trackedTargetEvents/${lookup.targetRuleId}`), curl);
    assert.match(curl, /\$CAPILLARY_BASIC_AUTH/);
    assert.doesNotMatch(curl, /c3RvcmUuc2VydmVy/);
  });
});
