// Issue 14, the table: the lag warning setting reaches the webview in every state message, and the webview's copy
// message puts its text on the clipboard (navigator.clipboard may be blocked inside a webview).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import { stateMessage } from '../../src/tablePanel';
import { BASIC_PROFILE, extensionApi, useSampleEnvironment } from './fixture';

suite('Table settings and messages', () => {
  useSampleEnvironment();
  const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };

  test('capillary.lagWarningSeconds defaults to an hour and goes to the webview with the state', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample });
    const configuration = () => vscode.workspace.getConfiguration('capillary');
    assert.equal(configuration().inspect<number>('lagWarningSeconds')?.defaultValue, 3600);
    const threshold = () => {
      const message = stateMessage(lookup, ext.lookupState(lookup), ext.progressInfo(lookup));
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
