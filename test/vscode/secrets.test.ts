// After a scripted session that sets both kinds of credentials, runs good and failing lookups, exports,
// copies cURL and logs, no credential appears in anything the extension wrote or sent.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { md5Hex } from '../../src/capillary';
import type { Lookup } from '../../src/lookup/lookups';
import { RowStream } from '../../src/table/rowStream';
import { rowSource, stateMessage } from '../../src/table/stateMessage';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, type SampleApi } from '../../sample-api/server';
import { BASIC_PROFILE, OAUTH_PROFILE, closeAllEditors, eventually, extensionApi, sampleEnvironment } from './fixture';

async function readTree(uri: vscode.Uri): Promise<string[]> {
  const texts: string[] = [];
  let entries: [string, vscode.FileType][] = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(uri);
  } catch {
    return texts;
  }
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(uri, name);
    if (type === vscode.FileType.Directory) texts.push(...(await readTree(child)));
    else texts.push(Buffer.from(await vscode.workspace.fs.readFile(child)).toString('utf8'));
  }
  return texts;
}

suite('No credential leaks', () => {
  let api: SampleApi;
  let tempDir: string;

  suiteSetup(async () => {
    api = await sampleEnvironment();
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'capillary-export-'));
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await api.stop();
    await fs.rm(tempDir, { recursive: true, force: true });
  });

  test('settings, globalState, logs, webview HTML and messages, exports and cURL hold no secret', async () => {
    const ext = await extensionApi();
    const basicLookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };
    const oauthLookup = { profileName: OAUTH_PROFILE, ...SAMPLE_LOOKUPS.behavioural };
    const failing = { profileName: OAUTH_PROFILE, userId: '1', targetRuleId: '2' };

    await vscode.commands.executeCommand('capillary.addLookup', basicLookup);
    await vscode.commands.executeCommand('capillary.addLookup', oauthLookup);
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample, profile: BASIC_PROFILE });
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.behavioural, profile: OAUTH_PROFILE });
    await Promise.resolve(vscode.commands.executeCommand('capillary.lookupEvents', { userId: '1', targetRuleId: '2', profile: OAUTH_PROFILE })).catch(() => undefined);

    // Everything a table webview is told of a lookup: the state message of a webview that holds nothing yet.
    const wholeState = (lookup: Lookup) => {
      const state = ext.lookupState(lookup);
      return stateMessage(lookup, state, new RowStream().next(rowSource(lookup, state)), ext.targetProgressInfo(lookup) ?? { status: 'loading' }, 3600);
    };
    const written: Record<string, string> = {};
    for (const [name, lookup] of [['basic', basicLookup], ['oauth', oauthLookup]] as const) {
      for (const format of ['csv', 'json'] as const) {
        const target = vscode.Uri.file(path.join(tempDir, `${name}.${format}`));
        await vscode.commands.executeCommand('capillary.exportLookup', lookup, { format, uri: target });
        written[`export ${name}.${format}`] = await fs.readFile(target.fsPath, 'utf8');
      }
      written[`curl ${name}`] = await vscode.commands.executeCommand<string>('capillary.copyCurl', lookup);
      written[`clipboard ${name}`] = await vscode.env.clipboard.readText();
      const panel = ext.panelOf(lookup);
      assert.ok(panel, `a table is open for ${name}`);
      written[`webview html ${name}`] = panel.webview.html;
      written[`webview message ${name}`] = JSON.stringify(wholeState(lookup));
    }
    written['webview message failing'] = JSON.stringify(wholeState(failing));
    written.settings = JSON.stringify(vscode.workspace.getConfiguration('capillary'));
    written.globalState = JSON.stringify(ext.savedLookups());
    const logs = await eventually('the request log was written', async () => {
      const texts = await readTree(ext.logUri);
      return texts.some((text) => text.includes('/trackedTargetEvents/')) ? texts.join('\n') : undefined;
    });
    written.logs = logs;

    // The files and texts are real: each holds what it is for.
    assert.match(written['export basic.csv'], /606066681/);
    assert.match(written['export oauth.json'], /31748158/);
    assert.match(written['curl basic'], /\$CAPILLARY_BASIC_AUTH/);
    assert.match(written['curl oauth'], /\$CAPILLARY_OAUTH_TOKEN/);
    assert.match(written.logs, /GET \/v3\/users\/564332013\/trackedTargetEvents\/1986/);

    const tokens = api.requests.flatMap((r) => {
      const token = r.headers['x-cap-api-oauth-token'];
      return typeof token === 'string' ? [token] : [];
    });
    assert.ok(tokens.length > 0, 'an OAuth token was used');
    const basicHeader = Buffer.from(`${SAMPLE_CREDENTIALS.basic.username}:${md5Hex(SAMPLE_CREDENTIALS.basic.password)}`).toString('base64');
    const secrets: Record<string, string> = {
      password: SAMPLE_CREDENTIALS.basic.password,
      'password MD5': md5Hex(SAMPLE_CREDENTIALS.basic.password),
      'Basic header': basicHeader,
      'OAuth secret': SAMPLE_CREDENTIALS.oauth.clientSecret,
      ...Object.fromEntries([...new Set(tokens)].map((token, i) => [`access token ${i + 1}`, token])),
    };
    for (const [place, text] of Object.entries(written)) {
      for (const [secretName, secret] of Object.entries(secrets)) {
        assert.ok(!text.includes(secret), `${secretName} leaked into ${place}`);
      }
    }
  });

  test('the webview HTML has a strict CSP with nonce-only scripts', async () => {
    const ext = await extensionApi();
    const panel = ext.panelOf({ profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample });
    assert.ok(panel);
    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'the page declares a CSP');
    assert.match(csp, /^default-src 'none';/);
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    assert.match(scriptSrc, /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.ok(scripts.length > 0 && scripts.every((attrs) => attrs.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
    assert.deepEqual(
      panel.webview.options.localResourceRoots?.map((uri) => path.basename(uri.path)),
      ['dist', 'media'],
    );
  });
});
