// Around the table: tab titles and icons, the raw JSON document of a 50,000-event lookup, the welcome view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, type SampleApi } from '../../sample-api/server';
import { md5Hex } from '../../src/capillary';
import { BASIC_PROFILE, EXTENSION_ID, closeAllEditors, eventually, extensionApi, setProfiles, useSampleEnvironment } from './fixture';

function iconFiles(panel: vscode.WebviewPanel): string[] {
  const icon = panel.iconPath;
  if (icon instanceof vscode.Uri) return [icon.path.split('/').pop() ?? ''];
  return icon ? [icon.light.path.split('/').pop() ?? '', icon.dark.path.split('/').pop() ?? ''] : [];
}

suite('Table tabs', () => {
  const environment = useSampleEnvironment();

  test('with several profiles the tab names the profile; with one it does not', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample });
    const panel = ext.panelOf({ profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample });
    assert.ok(panel);
    assert.equal(panel.title, `Events · user ${SAMPLE_LOOKUPS.docExample.userId} · rule ${SAMPLE_LOOKUPS.docExample.targetRuleId} · ${BASIC_PROFILE}`);
    const profiles = vscode.workspace.getConfiguration('capillary').get<Array<{ name: string; baseUrl: string; authType: 'basic' | 'oauth' }>>('profiles') ?? [];
    await setProfiles(profiles.filter((p) => p.name === BASIC_PROFILE), BASIC_PROFILE);
    try {
      await eventually('the title drops the profile', () => panel.title === `Events · user ${SAMPLE_LOOKUPS.docExample.userId} · rule ${SAMPLE_LOOKUPS.docExample.targetRuleId}`);
    } finally {
      await setProfiles(profiles, BASIC_PROFILE);
    }
  });

  test('a failed lookup\'s tab has the error icon, and loses it when a refresh succeeds', async () => {
    const ext = await extensionApi();
    const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.behavioural };
    environment.api.setFaults({ xml401: 1 });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.behavioural })));
    const panel = ext.panelOf(lookup);
    assert.ok(panel);
    assert.deepEqual(iconFiles(panel), ['table-error-light.svg', 'table-error-dark.svg']);
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.behavioural });
    assert.deepEqual(iconFiles(panel), ['capillary.svg']);
  });

  test('credentials refused on a table holding data: setting them, from anywhere, runs the lookup again and the failure goes', async () => {
    const ext = await extensionApi();
    const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample });
    environment.api.setFaults({ xml401: 1 });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample })));
    const panel = ext.panelOf(lookup);
    assert.ok(panel);
    assert.equal(ext.lookupState(lookup).fetch.phase, 'failed');
    assert.equal(ext.lookupState(lookup).lastComplete?.result.events.length, 10, 'the table still holds the events');
    // Set from the palette's command, not from the table's button: the table hears of it all the same.
    await vscode.commands.executeCommand('capillary.setCredentials', { profile: BASIC_PROFILE, ...SAMPLE_CREDENTIALS.basic });
    await eventually('the lookup ran again and succeeded', () => ext.lookupState(lookup).fetch.phase === 'done');
    assert.deepEqual(iconFiles(panel), ['capillary.svg']);
  });
});

suite('Raw JSON of the 50,000-event customer', () => {
  const environment = useSampleEnvironment({ largeUserEvents: 50_000 });
  const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.large };

  suiteSetup(async function () {
    this.timeout(180_000);
    // Fetched without a table, so that no webview is being sent 50,000 events while the opening is timed.
    await vscode.commands.executeCommand('capillary.refreshLookup', lookup);
    const ext = await extensionApi();
    assert.equal(ext.lookupState(lookup).lastComplete?.result.events.length, 50_000);
  });

  async function pageBody(api: SampleApi, page: number, limit: number): Promise<string> {
    const auth = Buffer.from(`${SAMPLE_CREDENTIALS.basic.username}:${md5Hex(SAMPLE_CREDENTIALS.basic.password)}`).toString('base64');
    const response = await fetch(`${api.url}/v3/users/${lookup.userId}/trackedTargetEvents/${lookup.targetRuleId}?limit=${limit}&offset=${page}`, {
      headers: { authorization: `Basic ${auth}` },
    });
    return response.text();
  }

  async function openedDocument(): Promise<vscode.TextDocument> {
    const ext = await extensionApi();
    await ext.openRawJson(lookup);
    return eventually('the editor\'s document reaches this extension host', () => vscode.window.activeTextEditor?.document, 60_000);
  }

  // Its speed (a second for 50,000 events) is a figure for the benchmark, not a timed test on a shared machine.
  test('opens as a read-only provider document of the pages as received', async () => {
    const document = await openedDocument();
    assert.equal(document.uri.scheme, 'capillary-raw');
    assert.equal(document.isUntitled, false);
    assert.equal(document.isDirty, false);
    assert.equal(document.languageId, 'json');
    const pages = JSON.parse(document.getText()) as Array<{ data: unknown[]; pagination: { limit: number } }>;
    assert.equal(pages.reduce((sum, page) => sum + page.data.length, 0), 50_000);
    // Every page, fetched again with plain HTTP at the page size the lookup asked for: the document is their bodies
    // joined, byte for byte.
    const bodies = await Promise.all(pages.map((_, page) => pageBody(environment.api, page, pages[0].pagination.limit)));
    assert.ok(document.getText() === `[\n${bodies.join(',\n')}\n]\n`, 'the document is exactly the bodies the server sent');
  });

  test('closing it asks nothing: no editor is left dirty', async () => {
    const ext = await extensionApi();
    await ext.openRawJson(lookup);
    await closeAllEditors();
    assert.equal(vscode.workspace.textDocuments.filter((document) => document.isDirty).length, 0);
  });

  // Last in the suite: it adds an event to the customer.
  test('a refresh re-provides the open document only when the pages changed', async function () {
    this.timeout(180_000);
    const ext = await extensionApi();
    const document = await openedDocument();
    let provided = 0;
    const listener = ext.rawJsonDocuments.onDidChange(() => provided++);
    try {
      // Its progress ticks and its result (new strings, same text) change the lookup, not the pages.
      await vscode.commands.executeCommand('capillary.refreshLookup', lookup);
      assert.equal(provided, 0, 'a refresh that fetched the same pages re-provided the document');
      environment.api.addEvents(lookup.userId, lookup.targetRuleId, 1);
      await vscode.commands.executeCommand('capillary.refreshLookup', lookup);
      assert.equal(provided, 1);
      const rawPages = ext.lookupState(lookup).lastComplete?.result.rawPages ?? [];
      await eventually('the document shows the new pages', () => document.getText() === `[\n${rawPages.join(',\n')}\n]\n`, 60_000);
    } finally {
      listener.dispose();
    }
  });
});

suite('Welcome view', () => {
  test('it names the palette command that looks events up', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: Array<{ command: string; title: string; category: string }>; viewsWelcome: Array<{ contents: string }> };
    };
    const lookupCommand = manifest.contributes.commands.find((entry) => entry.command === 'capillary.lookupEvents');
    assert.ok(lookupCommand);
    const paletteTitle = `${lookupCommand.category}: ${lookupCommand.title}`;
    assert.ok(manifest.contributes.viewsWelcome.some((welcome) => welcome.contents.includes(paletteTitle)), paletteTitle);
  });
});
