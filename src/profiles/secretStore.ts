// Credentials per profile, only in VS Code's SecretStorage. Basic keeps the MD5 digest, never the password.
import type * as vscode from 'vscode';
import type { Auth, OAuthToken } from '../capillary';

export type StoredCredentials =
  | { kind: 'basic'; username: string; passwordMd5: string }
  | { kind: 'oauth'; clientKey: string; clientSecret: string };

const credentialsKey = (profileName: string) => `capillary.credentials/${profileName}`;
const tokenKey = (profileName: string) => `capillary.oauthToken/${profileName}`;

function parseCredentials(raw: string | undefined): StoredCredentials | undefined {
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    if (value.kind === 'basic' && typeof value.username === 'string' && typeof value.passwordMd5 === 'string') {
      return { kind: 'basic', username: value.username, passwordMd5: value.passwordMd5 };
    }
    if (value.kind === 'oauth' && typeof value.clientKey === 'string' && typeof value.clientSecret === 'string') {
      return { kind: 'oauth', clientKey: value.clientKey, clientSecret: value.clientSecret };
    }
  } catch {
    // A damaged entry counts as no credentials: the user is asked again.
  }
  return undefined;
}

function parseToken(raw: string | undefined): OAuthToken | undefined {
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    if (typeof value.accessToken === 'string' && typeof value.expiresAt === 'number') {
      return { accessToken: value.accessToken, expiresAt: value.expiresAt };
    }
  } catch {
    // An unreadable cached token is simply generated again.
  }
  return undefined;
}

export class SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** Fires when any entry changes (credentials set or cleared, a token cached), also from another window. */
  get onDidChange(): vscode.Event<vscode.SecretStorageChangeEvent> {
    return this.secrets.onDidChange;
  }

  /** Fires with a profile's name when its credentials are set or cleared (not when a token is cached). */
  onDidChangeCredentials(listener: (profileName: string) => void): vscode.Disposable {
    const prefix = credentialsKey('');
    return this.secrets.onDidChange((event) => {
      if (event.key.startsWith(prefix)) listener(event.key.slice(prefix.length));
    });
  }

  async getCredentials(profileName: string): Promise<StoredCredentials | undefined> {
    return parseCredentials(await this.secrets.get(credentialsKey(profileName)));
  }

  async setCredentials(profileName: string, credentials: StoredCredentials): Promise<void> {
    await this.secrets.delete(tokenKey(profileName));
    await this.secrets.store(credentialsKey(profileName), JSON.stringify(credentials));
  }

  async getToken(profileName: string): Promise<OAuthToken | undefined> {
    return parseToken(await this.secrets.get(tokenKey(profileName)));
  }

  async setToken(profileName: string, token: OAuthToken): Promise<void> {
    await this.secrets.store(tokenKey(profileName), JSON.stringify(token));
  }

  /** Removes every key this extension stores for the profile. */
  async clear(profileName: string): Promise<void> {
    await this.secrets.delete(credentialsKey(profileName));
    await this.secrets.delete(tokenKey(profileName));
  }

  async hasCredentials(profileName: string): Promise<boolean> {
    return (await this.getCredentials(profileName)) !== undefined;
  }

  /** The client's auth option for the profile, with the cached OAuth token when there is one. */
  async authFor(profileName: string): Promise<Auth | undefined> {
    const credentials = await this.getCredentials(profileName);
    if (credentials?.kind === 'basic') return credentials;
    if (credentials?.kind === 'oauth') {
      return { ...credentials, cachedToken: await this.getToken(profileName) };
    }
    return undefined;
  }

  /** Which kinds of entry exist for the profile (never their values), so that clearing can be verified. */
  async storedKinds(profileName: string): Promise<Array<'credentials' | 'oauthToken'>> {
    const kinds: Array<'credentials' | 'oauthToken'> = [];
    if ((await this.secrets.get(credentialsKey(profileName))) !== undefined) kinds.push('credentials');
    if ((await this.secrets.get(tokenKey(profileName))) !== undefined) kinds.push('oauthToken');
    return kinds;
  }
}
