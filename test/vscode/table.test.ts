// Issue 14, the table: the lag warning setting reaches the webview in every state message, and the webview's copy
// message puts its text on the clipboard (navigator.clipboard may be blocked inside a webview). The row stream, as
// the webview acknowledges it: rows while the pages arrive, each posted once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import { lookupKey } from '../../src/lookup/lookups';
import type { RowsHeld } from '../../src/shared/messages';
import { BASIC_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

suite('Table settings and messages', () => {
  useSampleEnvironment();
  const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };

  test('capillary.lagWarningSeconds defaults to an hour and goes to the webview with the state', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample });
    const configuration = () => vscode.workspace.getConfiguration('capillary');
    assert.equal(configuration().inspect<number>('lagWarningSeconds')?.defaultValue, 3600);
    const posted = (seconds: number) => eventually(`the table was told ${seconds} s`, () => ext.tableRowStream(lookup)?.lagWarningSeconds === seconds);
    await posted(3600);
    await configuration().update('lagWarningSeconds', 120, vscode.ConfigurationTarget.Global);
    try {
      await posted(120);
    } finally {
      await configuration().update('lagWarningSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    await posted(3600);
  });

  test('a copy message from the table puts its exact text on the clipboard; a malformed one is ignored', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample });
    assert.ok(ext.panelOf(lookup), 'the table is open');
    const text = `eventLogId\ttargetValue\n9223372036854775807\t2000.460\n`;
    await ext.receiveTableMessage(lookup, { type: 'copy', requestId: 1, text });
    assert.equal(await vscode.env.clipboard.readText(), text);
    await ext.receiveTableMessage(lookup, { type: 'copy', requestId: 2, text: 42 });
    await ext.receiveTableMessage(lookup, { type: 'copy', text: 'no request ID' });
    assert.equal(await vscode.env.clipboard.readText(), text);
  });
});

suite('Rows while the pages arrive', () => {
  const environment = useSampleEnvironment();
  const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.large };

  test('each page\u2019s rows are posted once, appended, while later pages are in flight; the end posts no row twice; a refetch of the same events posts none', async () => {
    const ext = await extensionApi();
    const stream = () => ext.tableRowStream(lookup);
    /** The webview holds all that was posted to it (it said so). */
    const caughtUp = () => {
      const report = stream();
      return report?.ready && report.acknowledged && sameHeld(report.acknowledged, report.sent) ? report : undefined;
    };
    // Nothing held from other suites, and a first fetch that fails without events: the refresh below has nothing
    // complete to show.
    await vscode.commands.executeCommand('capillary.removeLookup', lookup);
    environment.api.setFaults({ errorCode: 1000 });
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.large }).then(undefined, () => undefined);
    assert.equal(ext.lookupState(lookup).fetch.phase, 'failed');
    const failed = await eventually('the webview is ready and holds no rows', () => (caughtUp()?.sent.offset === 0 ? stream() : undefined));
    const acknowledged: RowsHeld[] = [];
    const listener = ext.onDidAcknowledgeTableRows((ack) => {
      if (lookupKey(ack.lookup) === lookupKey(lookup)) acknowledged.push(ack.held);
    });
    try {
      environment.api.setFaults({ errorCode: undefined, latencyMs: 100 });
      await ext.receiveTableMessage(lookup, { type: 'refresh' });
      await eventually('the refresh ended', () => ext.lookupState(lookup).fetch.phase === 'done');
      const events = ext.lookupState(lookup).lastComplete!.result.events;
      const filled = await eventually('the webview holds every row', () => (caughtUp()?.sent.offset === events.length ? stream() : undefined));
      const [first] = acknowledged;
      assert.ok(first && first.generation > failed.sent.generation, 'the arrived rows are a new generation');
      assert.ok(acknowledged.every((held) => held.generation === first.generation), 'the pages and the result are one generation');
      assert.ok(acknowledged.every((held, index) => index === 0 || held.offset >= acknowledged[index - 1].offset), 'rows are only appended');
      const whileInFlight = new Set(acknowledged.filter((held) => held.offset > 0 && held.offset < events.length).map((held) => held.offset));
      assert.ok(whileInFlight.size >= 2, `rows went out while pages were in flight (held: ${acknowledged.map((held) => held.offset).join(', ')})`);
      assert.equal(filled.rowsPosted - failed.rowsPosted, events.length, 'each row was posted once');

      // Fetched again with the same events (what a watch does): no row is posted, only the new fetch time.
      environment.api.setFaults({ latencyMs: 0 });
      const acknowledgements = filled.acknowledgements;
      await ext.receiveTableMessage(lookup, { type: 'refresh' });
      const again = await eventually('the second fetch\u2019s end was taken in', () => {
        const report = caughtUp();
        return ext.lookupState(lookup).fetch.phase === 'done' && report && report.acknowledgements > acknowledgements ? report : undefined;
      });
      assert.deepEqual(again.sent, filled.sent, 'the same generation, as many rows');
      assert.equal(again.rowsPosted, filled.rowsPosted, 'no row was posted');
    } finally {
      listener.dispose();
    }
  });
});

function sameHeld(a: RowsHeld, b: RowsHeld): boolean {
  return a.generation === b.generation && a.offset === b.offset;
}
