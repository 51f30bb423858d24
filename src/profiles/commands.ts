// Commands for connection profiles and their credentials. Each also takes an argument object (`commandArgs.ts`)
// so that it can be scripted (keybindings, tasks, tests) without prompts.
import * as vscode from 'vscode';
import { checkCredentials, md5Hex, type CredentialCheck } from '../capillary';
import { newProfileArgs, parseArgs, type CommandArgs } from '../lookup/commandArgs';
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

/** The current choice first, so that Enter keeps it. */
function currentFirst<T>(choices: T[], isCurrent: (choice: T) => boolean): T[] {
  return [...choices.filter(isCurrent), ...choices.filter((choice) => !isCurrent(choice))];
}

/** Why checked credentials do not work (or could not be checked), with what to do. */
function checkProblem(check: CredentialCheck): string {
  const said = check.error ? `${check.error.message} ${check.error.hint}` : '';
  return check.verdict === 'unknown' ? `They could not be checked: ${said}` : said;
}

export class ProfileCommands {
  constructor(
    private readonly secrets: SecretStore,
    private readonly connections: Connections,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('capillary.addProfile', (arg?: unknown) => this.addProfile(arg)),
      vscode.commands.registerCommand('capillary.editProfile', (arg?: unknown) => this.editProfile(arg)),
      vscode.commands.registerCommand('capillary.switchProfile', (arg?: unknown) => this.switchProfile(arg)),
      vscode.commands.registerCommand('capillary.setCredentials', (arg?: unknown) => this.setCredentials(arg)),
      vscode.commands.registerCommand('capillary.clearCredentials', (arg?: unknown) => this.clearCredentials(arg)),
    ];
  }

  /** Adds a profile from `{ name, baseUrl, authType }` or by prompting; resolves to the saved profile. */
  async addProfile(arg?: unknown, existing?: Profile): Promise<Profile | undefined> {
    const args = parseArgs('capillary.addProfile', arg);
    const profile = args ? this.profileFromArgs(args) : await this.promptProfile(existing);
    if (!profile) return undefined;
    await saveProfile(profile, existing?.name);
    if (!activeProfile() || existing?.name === activeProfile()?.name) await setActiveProfile(profile.name);
    if (!args && !(await this.secrets.hasCredentials(profile.name))) {
      const setNow = 'Set Credentials';
      if ((await vscode.window.showInformationMessage(`Profile "${profile.name}" saved. Set its credentials now?`, setNow)) === setNow) {
        await this.setCredentials({ profile: profile.name });
      }
    }
    return profile;
  }

  private profileFromArgs(args: CommandArgs): Profile {
    const { name, baseUrl, authType } = newProfileArgs(args);
    return { name, baseUrl: normaliseBaseUrl(baseUrl), authType };
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
    const authTypes: Array<vscode.QuickPickItem & { authType: AuthType }> = [
      { label: 'Basic', description: 'till username and password (only its MD5 digest is kept)', authType: 'basic' },
      { label: 'OAuth', description: 'client key and secret; tokens are generated as needed', authType: 'oauth' },
    ];
    const choices = authTypes.map((choice) => (choice.authType === existing?.authType ? { ...choice, description: `${choice.description} · current` } : choice));
    const auth = await vscode.window.showQuickPick(currentFirst(choices, (choice) => choice.authType === existing?.authType), {
      title: `${title} (3/3)`,
      placeHolder: existing ? `How does this profile authenticate? Now: ${existing.authType === 'basic' ? 'Basic' : 'OAuth'}` : 'How does this profile authenticate?',
      ignoreFocusOut: true,
    });
    if (!auth) return undefined;
    // Editing keeps the pace set in the settings.
    const pace = existing?.requestsPerMinute === undefined ? {} : { requestsPerMinute: existing.requestsPerMinute };
    return { name: name.trim(), baseUrl, authType: auth.authType, ...pace };
  }

  async editProfile(arg?: unknown): Promise<Profile | undefined> {
    const profile = await this.chooseProfile(parseArgs('capillary.editProfile', arg)?.profile, 'Edit which profile?');
    if (!profile) return undefined;
    return this.addProfile(undefined, profile);
  }

  async switchProfile(arg?: unknown): Promise<string | undefined> {
    const named = parseArgs('capillary.switchProfile', arg)?.profile;
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

  /** The profile of that name, else the only one, else asks; offers to add one when there is none. */
  async chooseProfile(named: string | undefined, placeHolder: string): Promise<Profile | undefined> {
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
   * Asks for what the argument object does not give: the profile (default: the active one) and its credentials,
   * then saves them. Credentials that were typed are checked at once with one request; ones that do not work are
   * saved only when the user insists. Given credentials are saved unchecked unless `verify: true`, which refuses to
   * save ones that do not work.
   */
  async setCredentials(arg?: unknown): Promise<boolean> {
    const args = parseArgs('capillary.setCredentials', arg);
    const placeHolder = 'Set credentials of which profile?';
    const profile =
      args?.profile !== undefined
        ? await this.chooseProfile(args.profile, placeHolder)
        : activeProfile() ?? (await this.chooseProfile(undefined, placeHolder));
    if (!profile) return false;
    const otherKind = profile.authType === 'basic' ? (['clientKey', 'clientSecret'] as const) : (['username', 'password'] as const);
    const misplaced = otherKind.filter((key) => args?.[key] !== undefined);
    if (misplaced.length > 0) {
      const wanted = profile.authType === 'basic' ? '"username" and "password"' : '"clientKey" and "clientSecret"';
      throw new Error(`Profile "${profile.name}" uses ${profile.authType === 'basic' ? 'Basic' : 'OAuth'} auth: give ${wanted}, not ${misplaced.map((key) => `"${key}"`).join(' or ')}.`);
    }
    let credentials: StoredCredentials;
    let typed: boolean;
    if (profile.authType === 'basic') {
      typed = args?.username === undefined || args.password === undefined;
      const username = args?.username ?? (await this.ask(profile, 'Till username', false));
      if (username === undefined) return false;
      const password = args?.password ?? (await this.ask(profile, `Password of ${username}`, true));
      if (password === undefined) return false;
      credentials = { kind: 'basic', username: username.trim(), passwordMd5: md5Hex(password) };
    } else {
      typed = args?.clientKey === undefined || args.clientSecret === undefined;
      const clientKey = args?.clientKey ?? (await this.ask(profile, 'OAuth client key', false));
      if (clientKey === undefined) return false;
      const clientSecret = args?.clientSecret ?? (await this.ask(profile, 'OAuth client secret', true));
      if (clientSecret === undefined) return false;
      credentials = { kind: 'oauth', clientKey: clientKey.trim(), clientSecret };
    }
    if (!typed && args?.verify !== true) {
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
      // The first is the default button: Enter must not keep credentials that Capillary refused.
      enterAgain,
      saveAnyway,
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

  async clearCredentials(arg?: unknown): Promise<boolean> {
    const args = parseArgs('capillary.clearCredentials', arg);
    const profile = await this.chooseProfile(args?.profile, 'Clear the credentials of which profile?');
    if (!profile) return false;
    await this.secrets.clear(profile.name);
    if (!args) void vscode.window.showInformationMessage(`Credentials of "${profile.name}" removed.`);
    return true;
  }
}
