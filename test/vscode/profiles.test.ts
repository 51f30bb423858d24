import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { md5Hex } from '../../src/capillary';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../../sample-api/server';
import { BASIC_PROFILE, OAUTH_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${md5Hex(password)}`).toString('base64')}`;
}

suite('Profiles and credentials', () => {
  const environment = useSampleEnvironment();

  test('addProfile with arguments saves it to settings without any secret', async () => {
    const saved = await vscode.commands.executeCommand('capillary.addProfile', {
      name: 'EU prod',
      baseUrl: 'https://eu.api.capillarytech.com/',
      authType: 'oauth',
    });
    assert.deepEqual(saved, { name: 'EU prod', baseUrl: 'https://eu.api.capillarytech.com', authType: 'oauth' });
    const profiles = vscode.workspace.getConfiguration('capillary').get<Array<Record<string, unknown>>>('profiles') ?? [];
    const entry = profiles.find((p) => p.name === 'EU prod');
    assert.deepEqual(entry, { name: 'EU prod', baseUrl: 'https://eu.api.capillarytech.com', authType: 'oauth' });
  });

  test('addProfile refuses plain http to a remote host, saying what to fix', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('capillary.addProfile', { name: 'x', baseUrl: 'http://eu.api.capillarytech.com', authType: 'basic' })),
      /https/,
    );
  });

  test('switching the profile updates settings and the status bar', async () => {
    const ext = await extensionApi();
    await vscode.commands.executeCommand('capillary.switchProfile', OAUTH_PROFILE);
    await eventually('status bar shows the OAuth profile', () => ext.statusBarText().includes(OAUTH_PROFILE));
    await vscode.commands.executeCommand('capillary.switchProfile', BASIC_PROFILE);
    await eventually('status bar shows the Basic profile', () => ext.statusBarText().includes(BASIC_PROFILE));
    assert.equal(vscode.workspace.getConfiguration('capillary').get('activeProfile'), BASIC_PROFILE);
  });

  test('Basic credentials are sent as base64(username:md5(password)) — the store.server test vector', async () => {
    environment.api.clearRequests();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample, profile: BASIC_PROFILE });
    const header = environment.api.requests.find((r) => r.path.includes('/trackedTargetEvents/'))?.headers.authorization;
    assert.equal(header, 'Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3');
    assert.equal(header, basicHeader(SAMPLE_CREDENTIALS.basic.username, SAMPLE_CREDENTIALS.basic.password));
  });

  test('the OAuth token is generated once and reused across lookups', async () => {
    environment.api.resetStats();
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample, profile: OAUTH_PROFILE });
    await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.behavioural, profile: OAUTH_PROFILE });
    assert.ok(environment.api.stats().tokensIssued <= 1, `tokens issued: ${environment.api.stats().tokensIssued}`);
  });

  test('wrong Basic credentials give a clear auth error', async () => {
    await vscode.commands.executeCommand('capillary.setCredentials', { profile: BASIC_PROFILE, username: 'store.server', password: 'wrong' });
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample, profile: BASIC_PROFILE })),
      (error: { kind?: string; httpStatus?: number }) => error.kind === 'auth' || error.httpStatus === 401,
    );
    await vscode.commands.executeCommand('capillary.setCredentials', { profile: BASIC_PROFILE, ...SAMPLE_CREDENTIALS.basic });
  });

  test('clearing credentials removes every key: the next lookup asks for credentials', async () => {
    const ext = await extensionApi();
    assert.deepEqual(await ext.storedSecretKinds(OAUTH_PROFILE), ['credentials', 'oauthToken']);
    await vscode.commands.executeCommand('capillary.clearCredentials', { profile: OAUTH_PROFILE });
    assert.deepEqual(await ext.storedSecretKinds(OAUTH_PROFILE), []);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample, profile: OAUTH_PROFILE })),
      /has no credentials yet/,
    );
    await vscode.commands.executeCommand('capillary.setCredentials', { profile: OAUTH_PROFILE, ...SAMPLE_CREDENTIALS.oauth });
    assert.deepEqual(await ext.storedSecretKinds(OAUTH_PROFILE), ['credentials']);
  });
});
