// Shared set-up for extension-host suites: the sample API on 127.0.0.1, profiles pointing at it, credentials
// set through the extension's own command, and the extension's read-only test API (ExtensionMode.Test only).
import * as vscode from 'vscode';
import type { activate } from '../../src/extension';
import { SAMPLE_CREDENTIALS, startSampleApi, type SampleApi } from '../../sample-api/server';

export const EXTENSION_ID = 'capillary-tools.capillary-target-events';
/** What activate() returns in ExtensionMode.Test (the mode of these tests); in any other mode it returns nothing. */
export type ExtensionApi = NonNullable<ReturnType<typeof activate>>;

export const BASIC_PROFILE = 'Sample basic';
export const OAUTH_PROFILE = 'Sample oauth';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  if (!api) throw new Error(`${EXTENSION_ID} returned no test API: the tests are not running in ExtensionMode.Test`);
  return api;
}

export async function setProfiles(profiles: Array<{ name: string; baseUrl: string; authType: 'basic' | 'oauth' }>, active: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('capillary');
  await config.update('profiles', profiles, vscode.ConfigurationTarget.Global);
  await config.update('activeProfile', active, vscode.ConfigurationTarget.Global);
}

/** Starts a sample API and points a Basic and an OAuth profile (with credentials) at it. */
export async function sampleEnvironment(options: { largeUserEvents?: number } = {}): Promise<SampleApi> {
  const api = await startSampleApi({ largeUserEvents: options.largeUserEvents ?? 3000 });
  await extensionApi();
  await setProfiles(
    [
      { name: BASIC_PROFILE, baseUrl: api.url, authType: 'basic' },
      { name: OAUTH_PROFILE, baseUrl: api.url, authType: 'oauth' },
    ],
    BASIC_PROFILE,
  );
  await vscode.commands.executeCommand('capillary.setCredentials', { profile: BASIC_PROFILE, ...SAMPLE_CREDENTIALS.basic });
  await vscode.commands.executeCommand('capillary.setCredentials', { profile: OAUTH_PROFILE, ...SAMPLE_CREDENTIALS.oauth });
  return api;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Registers a suite's set-up and tear-down of a sample environment; `api` is the running sample API. */
export function useSampleEnvironment(options: { largeUserEvents?: number } = {}): { readonly api: SampleApi } {
  const environment = {} as { api: SampleApi };
  suiteSetup(async () => {
    environment.api = await sampleEnvironment(options);
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await environment.api?.stop();
  });
  return environment;
}

/**
 * Polls until the condition holds (the UI updates asynchronously); fails with the description after the timeout,
 * a bound generous enough for a machine whose other CPU is busy (mocha's own limit is 30 s a test).
 */
export async function eventually<T>(description: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
