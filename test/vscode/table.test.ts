// Issue 14, the table: the lag warning setting reaches the webview in every state message, and the webview's copy
// message puts its text on the clipboard (navigator.clipboard may be blocked inside a webview).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import type { ExtensionToWebview } from '../../src/shared/messages';
import { stateUpdate } from '../../src/table/tablePanel';
import { BASIC_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

suite('Table settings and messages', () => {
  useSampleEnvironment();
  const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };

  test('capillary.lagWarningSeconds defaults to an hour and goes to the webview with the state', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample });
    const configuration = () => vscode.workspace.getConfiguration('capillary');
    assert.equal(configuration().inspect<number>('lagWarningSeconds')?.defaultValue, 3600);
    const threshold = () => {
      const message = stateUpdate(lookup, ext.lookupState(lookup), ext.progressInfo(lookup)).message;
      return message.type === 'state' ? message.lagWarningSeconds : undefined;
    };
    assert.equal(threshold(), 3600);
    await configuration().update('lagWarningSeconds', 120, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(threshold(), 120);
    } finally {
      await configuration().update('lagWarningSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(threshold(), 3600);
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
    // Nothing held from other suites, and a first fetch that fails without events: the refresh below has nothing
    // complete to show.
    await vscode.commands.executeCommand('capillary.removeLookup', lookup);
    environment.api.setFaults({ errorCode: 1000 });
    const opened = vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.large });
    const panel = await eventually('the table opens', () => ext.panelOf(lookup));
    const posted: ExtensionToWebview[] = [];
    const postMessage = panel.webview.postMessage.bind(panel.webview);
    panel.webview.postMessage = (message: ExtensionToWebview) => {
      posted.push(message);
      return postMessage(message);
    };
    await opened.then(undefined, () => undefined);
    // The panel posts only once its webview said ready (maybe before the wrapper went in): a settings change makes
    // a ready panel post its state again.
    const configuration = () => vscode.workspace.getConfiguration('capillary');
    let probe = 0;
    await eventually('the webview is ready', async () => {
      await configuration().update('lagWarningSeconds', 3600 + ++probe, vscode.ConfigurationTarget.Global);
      return posted.some((message) => message.type === 'state');
    });
    await configuration().update('lagWarningSeconds', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(ext.lookupState(lookup).fetch.phase, 'failed');

    environment.api.setFaults({ errorCode: undefined, latencyMs: 100 });
    posted.length = 0;
    await ext.receiveTableMessage(lookup, { type: 'refresh' });
    await eventually('the refresh ended', () => ext.lookupState(lookup).fetch.phase === 'done');
    await eventually('the end was posted', () => posted.some((message) => message.type === 'state' && message.fetch.phase === 'done'));

    const states = posted.filter((message) => message.type === 'state');
    assert.ok(states.every((message) => message.shown.kind !== 'new'), 'nothing is sent whole');
    const rows = states.flatMap((message) => (message.shown.kind === 'rows' ? [{ ...message.shown, phase: message.fetch.phase }] : []));
    assert.ok(rows.filter((message) => message.phase === 'loading' && message.events.length > 0).length >= 2, 'rows went out while pages were in flight');
    let held = 0;
    for (const message of rows) {
      assert.equal(message.start, held, 'each message appends to what the webview holds');
      held += message.events.length;
    }
    const result = ext.lookupState(lookup).lastComplete!.result;
    assert.deepEqual(rows.flatMap((message) => message.events.map((event) => event.eventLogId)), result.events.map((event) => event.eventLogId));
    assert.equal(rows.at(-1)!.info.complete, true);
    const postedBytes = states.reduce((sum, message) => sum + JSON.stringify(message).length, 0);
    const jsonBytes = result.rawPages.reduce((sum, page) => sum + page.length, 0);
    assert.ok(postedBytes <= 1.5 * jsonBytes, `posted ${postedBytes} bytes for ${jsonBytes} bytes of JSON`);

    // Fetched again with the same events (what a watch does): no row is posted, only the new fetch time.
    environment.api.setFaults({ latencyMs: 0 });
    posted.length = 0;
    await ext.receiveTableMessage(lookup, { type: 'refresh' });
    await eventually('the second fetch\u2019s end was posted', () => posted.some((message) => message.type === 'state' && message.fetch.phase === 'done'));
    const again = posted.flatMap((message) => (message.type === 'state' && message.shown.kind !== 'unchanged' ? [message.shown] : []));
    assert.equal(again.length, 1, 'one message says something of the events');
    const [end] = again;
    assert.ok(end.kind === 'rows' && end.events.length === 0 && end.start === result.events.length && end.info.complete, 'and it carries no row');
    assert.equal(ext.lookupState(lookup).lastComplete!.result.events, result.events, 'the held events are the same array');
  });
});
