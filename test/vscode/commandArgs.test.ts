// Command arguments in a real VS Code: what VS Code itself passes from the view's title bar (the focused tree node
// and the selection) opens the prompts; `profile` names the profile for every command alike; and activate()'s
// inspection API is there in ExtensionMode.Test, which these tests run in.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../../sample-api/server';
import { BASIC_PROFILE, EXTENSION_ID, OAUTH_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a command the way a view-title button does, with the focused node and the selection, and checks that it
 * waits for input (a prompt is open) instead of settling at once; then closes the prompt as Escape does and
 * returns what the command resolved to.
 */
async function runFromViewTitle(command: string, node: unknown): Promise<unknown> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command, node, [node])).finally(() => {
    settled = true;
  });
  await delay(500);
  assert.equal(settled, false, `${command} waits for its prompt`);
  // The prompt may still be opening: close until the command gives up.
  return eventually(`${command} ends once its prompt is closed`, async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await delay(100);
    return settled ? { value: await running } : undefined;
  }).then((outcome) => outcome.value);
}

suite('Command arguments', () => {
  const environment = useSampleEnvironment();
  const docLookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };
  let tempDir: string;

  suiteSetup(async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'capillary-args-'));
    await vscode.commands.executeCommand('capillary.addLookup', docLookup);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('capillary.removeLookup', docLookup);
    await fs.rm(tempDir, { recursive: true, force: true });
  });

  test("the view's + with a tree node focused asks for the lookup instead of failing on the node", async () => {
    const ext = await extensionApi();
    const node = ext.treeProvider.getChildren().find((n) => n.kind === 'lookup' && n.lookup.userId === docLookup.userId);
    assert.ok(node, 'the saved lookup is in the tree');
    const before = ext.savedLookups().length;
    assert.equal(await runFromViewTitle('capillary.addLookup', node), undefined);
    assert.equal(ext.savedLookups().length, before, 'nothing was saved');
  });

  test('the other view-title commands given a tree node prompt too', async () => {
    const ext = await extensionApi();
    const [node] = ext.treeProvider.getChildren();
    assert.equal(await runFromViewTitle('capillary.switchProfile', node), undefined);
    assert.equal(await runFromViewTitle('capillary.setCredentials', node), false);
    assert.equal(vscode.workspace.getConfiguration('capillary').get('activeProfile'), BASIC_PROFILE);
  });

  test('a command on one lookup acts on the tree node it is invoked on', async () => {
    const ext = await extensionApi();
    const node = ext.treeProvider.getChildren().find((n) => n.kind === 'lookup' && n.lookup.userId === docLookup.userId);
    assert.ok(node);
    const curl = await vscode.commands.executeCommand<string>('capillary.copyCurl', node, [node]);
    assert.match(curl, /\/v3\/users\/564332013\/trackedTargetEvents\/1986/);
  });

  test('`profile` names the profile for lookupEvents, exportLookup, setCredentials and switchProfile alike', async () => {
    const ext = await extensionApi();
    environment.api.clearRequests();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample, profile: OAUTH_PROFILE });
    assert.ok(
      environment.api.requests.some((r) => r.path.includes('/trackedTargetEvents/') && r.headers['x-cap-api-oauth-token']),
      'lookupEvents used the OAuth profile',
    );
    assert.equal(ext.lookupState({ profileName: OAUTH_PROFILE, ...SAMPLE_LOOKUPS.docExample }).fetch.phase, 'done');

    const target = vscode.Uri.file(path.join(tempDir, 'behavioural.json'));
    await vscode.commands.executeCommand('capillary.exportLookup', {
      ...SAMPLE_LOOKUPS.behavioural,
      profile: OAUTH_PROFILE,
      format: 'json',
      uri: target.toString(),
    });
    assert.match(await fs.readFile(target.fsPath, 'utf8'), /"eventDisplayName":\s*"testBehavioural"/);
    assert.equal(ext.lookupState({ profileName: OAUTH_PROFILE, ...SAMPLE_LOOKUPS.behavioural }).fetch.phase, 'done');

    await vscode.commands.executeCommand('capillary.clearCredentials', { profile: OAUTH_PROFILE });
    assert.equal(await vscode.commands.executeCommand('capillary.setCredentials', { profile: OAUTH_PROFILE, ...SAMPLE_CREDENTIALS.oauth }), true);
    assert.deepEqual(await ext.storedSecretKinds(OAUTH_PROFILE), ['credentials']);

    assert.equal(await vscode.commands.executeCommand('capillary.switchProfile', { profile: OAUTH_PROFILE }), OAUTH_PROFILE);
    assert.equal(vscode.workspace.getConfiguration('capillary').get('activeProfile'), OAUTH_PROFILE);
    // `profileName`, the field of a saved lookup, is its alias.
    assert.equal(await vscode.commands.executeCommand('capillary.switchProfile', { profileName: BASIC_PROFILE }), BASIC_PROFILE);
    assert.equal(vscode.workspace.getConfiguration('capillary').get('activeProfile'), BASIC_PROFILE);
  });

  test('a key the command does not take, or credentials of the other kind, are refused with a message', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('capillary.switchProfile', { name: OAUTH_PROFILE })), /does not take "name"/);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('capillary.setCredentials', { profile: OAUTH_PROFILE, ...SAMPLE_CREDENTIALS.basic })),
      /uses OAuth auth: give "clientKey" and "clientSecret"/,
    );
    assert.equal(vscode.workspace.getConfiguration('capillary').get('activeProfile'), BASIC_PROFILE);
  });
});

suite('activate() in ExtensionMode.Test', () => {
  test('returns the read-only inspection API that these tests use', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const api = await extension.activate();
    assert.ok(api, 'activate() returned its API: this host runs the extension in ExtensionMode.Test');
    for (const name of ['lookupState', 'panelOf', 'savedLookups', 'statusBarText', 'storedSecretKinds', 'openLink', 'openRawJson']) {
      assert.equal(typeof api[name], 'function', name);
    }
    assert.strictEqual(extension.exports, api);
  });
});
