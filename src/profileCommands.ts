// Commands for connection profiles and their credentials. Each also takes an argument object so that it can
// be scripted (keybindings, tasks, tests) without prompts.
import * as vscode from 'vscode';
import { checkCredentials, md5Hex, type CredentialCheck } from './api';
import type { Connections } from './connections';
import type { SecretStore, StoredCredentials } from './secretStore';
import {
  activeProfile,
  baseUrlProblem,
  CLUSTERS,
  findProfile,
  hostOf,
  normaliseBaseUrl,
  readProfiles,
  saveProfile,
  setActiveProfile,
  type AuthType,
  type Profile,
} from './settings';

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The current choice first, so that Enter keeps it. */
function currentFirst<T>(choices: T[], isCurrent: (choice: T) => boolean): T[] {
  return [...choices.filter(isCurrent), ...choices.filter((choice) => !isCurrent(choice))];
}

/** Why checked credentials do not work (or could not be checked), with what to do. */
function checkProblem(check: CredentialCheck): string {
  const said = check.error ? `${check.error.message} ${check.error.hint}` : '';
  return check.verdict === 'unknown' ? `They could not be checked: ${said}` : said;
}

function profileNameArg(args: unknown): string | undefined {
  if (typeof args === 'string') return args;
  if (typeof args === 'object' && args !== null) {
    const { profile, name } = args as { profile?: unknown; name?: unknown };
    if (typeof profile === 'string') return profile;
    if (typeof name === 'string') return name;
  }
  return undefined;
}

export class ProfileCommands {
  constructor(
    private readonly secrets: SecretStore,
    private readonly connections: Connections,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('capillary.addProfile', (args?: unknown) => this.addProfile(args)),
      vscode.commands.registerCommand('capillary.editProfile', (args?: unknown) => this.editProfile(args)),
      vscode.commands.registerCommand('capillary.switchProfile', (args?: unknown) => this.switchProfile(args)),
      vscode.commands.registerCommand('capillary.setCredentials', (args?: unknown) => this.setCredentials(args)),
      vscode.commands.registerCommand('capillary.clearCredentials', (args?: unknown) => this.clearCredentials(args)),
    ];
  }

  /** Adds a profile from `{ name, baseUrl, authType }` or by prompting; resolves to the saved profile. */
  async addProfile(args?: unknown, existing?: Profile): Promise<Profile | undefined> {
    const profile = typeof args === 'object' && args !== null ? this.profileFromArgs(args) : await this.promptProfile(existing);
    if (!profile) return undefined;
    await saveProfile(profile, existing?.name);
    if (!activeProfile() || existing?.name === activeProfile()?.name) await setActiveProfile(profile.name);
    if (args === undefined && !(await this.secrets.hasCredentials(profile.name))) {
      const setNow = 'Set Credentials';
      if ((await vscode.window.showInformationMessage(`Profile "${profile.name}" saved. Set its credentials now?`, setNow)) === setNow) {
        await this.setCredentials({ profile: profile.name });
      }
    }
    return profile;
  }

  private profileFromArgs(args: object): Profile {
    const { name, baseUrl, authType } = args as Record<string, unknown>;
    if (!nonEmpty(name)) throw new Error('The profile needs a "name".');
    if (typeof baseUrl !== 'string' || baseUrlProblem(baseUrl)) {
      throw new Error(`"baseUrl" is not usable: ${typeof baseUrl === 'string' ? baseUrlProblem(baseUrl) : 'missing'}`);
    }
    if (authType !== 'basic' && authType !== 'oauth') throw new Error('"authType" must be "basic" or "oauth".');
    return { name: name.trim(), baseUrl: normaliseBaseUrl(baseUrl), authType };
  }

  /** Editing shows the profile's current values: its cluster and auth type come first, marked current; its name is filled in. */
  private async promptProfile(existing?: Profile): Promise<Profile | undefined> {
    const title = existing ? `Edit Profile "${existing.name}"` : 'Add Capillary Connection Profile';
    const isCurrent = (baseUrl: string) => existing !== undefined && normaliseBaseUrl(existing.baseUrl) === baseUrl;
    const knownCluster = CLUSTERS.some((c) => isCurrent(c.baseUrl));
    const custom = {
      label: '$(edit) Custom URL…',
      description: existing && !knownCluster ? `${existing.baseUrl} · current` : undefined,
      baseUrl: '',
    };
    const clusters = [
      ...CLUSTERS.map((c) => ({ label: c.label, description: isCurrent(c.baseUrl) ? `${c.baseUrl} · current` : c.baseUrl, baseUrl: c.baseUrl })),
      custom,
    ];
    const cluster = await vscode.window.showQuickPick(currentFirst(clusters, (c) => c.description?.endsWith(' · current') === true), {
      title: `${title} (1/3)`,
      placeHolder: existing ? `Which Capillary cluster? Now: ${existing.baseUrl}` : 'Which Capillary cluster?',
      ignoreFocusOut: true,
    });
    if (!cluster) return undefined;
    let baseUrl = cluster.baseUrl;
    if (cluster === custom) {
      const typed = await vscode.window.showInputBox({
        title: `${title} (1/3)`,
        prompt: 'Base URL of the Capillary API',
        value: existing?.baseUrl ?? 'https://',
        ignoreFocusOut: true,
        validateInput: (value) => baseUrlProblem(value),
      });
      if (typed === undefined) return undefined;
      baseUrl = normaliseBaseUrl(typed);
    }
    const name = await vscode.window.showInputBox({
      title: `${title} (2/3)`,
      prompt: 'Profile name',
      value: existing?.name ?? (cluster === custom ? '' : cluster.label),
      ignoreFocusOut: true,
      validateInput: (value) => {
        if (value.trim() === '') return 'Enter a name for the profile.';
        const clash = readProfiles().some((p) => p.name === value.trim() && p.name !== existing?.name);
        return clash ? `A profile named "${value.trim()}" exists already.` : undefined;
      },
    });
    if (name === undefined) return undefined;
    const authTypes = [
      { label: 'Basic', description: 'till username and password (only its MD5 digest is kept)', authType: 'basic' as AuthType },
      { label: 'OAuth', description: 'client key and secret; tokens are generated as needed', authType: 'oauth' as AuthType },
    ].map((choice) => (choice.authType === existing?.authType ? { ...choice, description: `${choice.description} · current` } : choice));
    const auth = await vscode.window.showQuickPick(currentFirst(authTypes, (choice) => choice.authType === existing?.authType), {
      title: `${title} (3/3)`,
      placeHolder: existing ? `How does this profile authenticate? Now: ${existing.authType === 'basic' ? 'Basic' : 'OAuth'}` : 'How does this profile authenticate?',
      ignoreFocusOut: true,
    });
    if (!auth) return undefined;
    return { name: name.trim(), baseUrl, authType: auth.authType };
  }

  async editProfile(args?: unknown): Promise<Profile | undefined> {
    const profile = await this.chooseProfile(args, 'Edit which profile?');
    if (!profile) return undefined;
    return this.addProfile(undefined, profile);
  }

  async switchProfile(args?: unknown): Promise<string | undefined> {
    const named = profileNameArg(args);
    if (named !== undefined) {
      if (!findProfile(named)) throw new Error(`There is no profile named "${named}".`);
      await setActiveProfile(named);
      return named;
    }
    const add = { label: '$(add) Add Profile…', name: '' };
    const current = activeProfile()?.name;
    const picked = await vscode.window.showQuickPick(
      [
        ...readProfiles().map((p) => ({
          label: p.name,
          description: `${p.baseUrl} · ${p.authType}${p.name === current ? ' · active' : ''}`,
          name: p.name,
        })),
        add,
      ],
      { title: 'Switch Capillary Profile', placeHolder: 'Profile used for new lookups' },
    );
    if (!picked) return undefined;
    if (picked === add) return (await this.addProfile())?.name;
    await setActiveProfile(picked.name);
    return picked.name;
  }

  /** Picks the profile named in args, else the active one, else asks; offers to add one when there is none. */
  async chooseProfile(args: unknown, placeHolder: string): Promise<Profile | undefined> {
    const named = profileNameArg(args);
    if (named !== undefined) {
      const profile = findProfile(named);
      if (!profile) throw new Error(`There is no profile named "${named}". Add it with "Capillary: Add Connection Profile".`);
      return profile;
    }
    const profiles = readProfiles();
    if (profiles.length === 0) return this.addProfile();
    if (profiles.length === 1) return profiles[0];
    const picked = await vscode.window.showQuickPick(
      profiles.map((p) => ({ label: p.name, description: p.baseUrl, profile: p })),
      { placeHolder },
    );
    return picked?.profile;
  }

  /**
   * Asks for the profile's credentials (or takes them from args) and saves them. Credentials that were typed are
   * checked at once with one request; ones that do not work are saved only when the user insists. Scripted
   * credentials are saved unchecked unless args has `verify: true`, which refuses to save ones that do not work.
   */
  async setCredentials(args?: unknown): Promise<boolean> {
    const profile = args !== undefined ? await this.chooseProfile(args, 'Set credentials of which profile?') : activeProfile() ?? (await this.chooseProfile(undefined, 'Set credentials of which profile?'));
    if (!profile) return false;
    const given = args as Partial<Record<'username' | 'password' | 'clientKey' | 'clientSecret' | 'verify', unknown>> | undefined;
    let credentials: StoredCredentials;
    let typed: boolean;
    if (profile.authType === 'basic') {
      typed = !nonEmpty(given?.username) || !nonEmpty(given?.password);
      const username = nonEmpty(given?.username) ? given.username : await this.ask(profile, 'Till username', false);
      if (username === undefined) return false;
      const password = nonEmpty(given?.password) ? given.password : await this.ask(profile, `Password of ${username}`, true);
      if (password === undefined) return false;
      credentials = { kind: 'basic', username: username.trim(), passwordMd5: md5Hex(password) };
    } else {
      typed = !nonEmpty(given?.clientKey) || !nonEmpty(given?.clientSecret);
      const clientKey = nonEmpty(given?.clientKey) ? given.clientKey : await this.ask(profile, 'OAuth client key', false);
      if (clientKey === undefined) return false;
      const clientSecret = nonEmpty(given?.clientSecret) ? given.clientSecret : await this.ask(profile, 'OAuth client secret', true);
      if (clientSecret === undefined) return false;
      credentials = { kind: 'oauth', clientKey: clientKey.trim(), clientSecret };
    }
    if (!typed && given?.verify !== true) {
      await this.secrets.setCredentials(profile.name, credentials);
      return true;
    }
    const check = await this.check(profile, credentials);
    if (check.verdict === 'accepted') {
      await this.secrets.setCredentials(profile.name, credentials);
      if (typed) {
        void vscode.window.showInformationMessage(
          `Capillary (${hostOf(profile.baseUrl)}) accepted the credentials of "${profile.name}"; they are saved in VS Code's secret storage.`,
        );
      }
      return true;
    }
    const problem = checkProblem(check);
    if (!typed) throw new Error(`The credentials of "${profile.name}" were not saved: ${problem}`);
    const saveAnyway = 'Save Anyway';
    const enterAgain = 'Enter Again';
    const chosen = await vscode.window.showWarningMessage(
      `The credentials of "${profile.name}" may not work.`,
      { modal: true, detail: `${problem}\n\nSave them anyway?` },
      saveAnyway,
      enterAgain,
    );
    if (chosen === enterAgain) return this.setCredentials({ profile: profile.name });
    if (chosen !== saveAnyway) return false;
    await this.secrets.setCredentials(profile.name, credentials);
    void vscode.window.showWarningMessage(`The credentials of "${profile.name}" are saved in VS Code's secret storage, unchecked: ${problem}`);
    return true;
  }

  private async check(profile: Profile, credentials: StoredCredentials): Promise<CredentialCheck> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the credentials of "${profile.name}" with ${hostOf(profile.baseUrl)}…` },
      async () => {
        const client = this.connections.clientWith(profile, credentials, 'check');
        try {
          return await checkCredentials(client);
        } finally {
          client.dispose();
        }
      },
    );
  }

  private async ask(profile: Profile, prompt: string, password: boolean): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title: `Credentials for "${profile.name}" (${profile.baseUrl})`,
      prompt,
      password,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? `${prompt} cannot be empty.` : undefined),
    });
  }

  async clearCredentials(args?: unknown): Promise<boolean> {
    const profile = await this.chooseProfile(args, 'Clear the credentials of which profile?');
    if (!profile) return false;
    await this.secrets.clear(profile.name);
    if (args === undefined) void vscode.window.showInformationMessage(`Credentials of "${profile.name}" removed.`);
    return true;
  }
}
