// Commands for connection profiles and their credentials. Each also takes an argument object (`commandArgs.ts`)
// so that it can be scripted (keybindings, tasks, tests) without prompts.
import * as vscode from 'vscode';
import { md5Hex } from './api';
import { newProfileArgs, parseArgs, type CommandArgs } from './commandArgs';
import type { SecretStore } from './secretStore';
import {
  activeProfile,
  baseUrlProblem,
  CLUSTERS,
  findProfile,
  normaliseBaseUrl,
  readProfiles,
  saveProfile,
  setActiveProfile,
  type AuthType,
  type Profile,
} from './settings';

export class ProfileCommands {
  constructor(private readonly secrets: SecretStore) {}

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

  private async promptProfile(existing?: Profile): Promise<Profile | undefined> {
    const title = existing ? `Edit Profile "${existing.name}"` : 'Add Capillary Connection Profile';
    const custom = { label: '$(edit) Custom URL…', baseUrl: '' };
    const cluster = await vscode.window.showQuickPick(
      [...CLUSTERS.map((c) => ({ label: c.label, description: c.baseUrl, baseUrl: c.baseUrl })), custom],
      { title: `${title} (1/3)`, placeHolder: 'Which Capillary cluster?', ignoreFocusOut: true },
    );
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
    const auth = await vscode.window.showQuickPick<vscode.QuickPickItem & { authType: AuthType }>(
      [
        { label: 'Basic', description: 'till username and password (only its MD5 digest is kept)', authType: 'basic' },
        { label: 'OAuth', description: 'client key and secret; tokens are generated as needed', authType: 'oauth' },
      ],
      { title: `${title} (3/3)`, placeHolder: 'How does this profile authenticate?', ignoreFocusOut: true },
    );
    if (!auth) return undefined;
    return { name: name.trim(), baseUrl, authType: auth.authType };
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

  /** Asks for what the argument object does not give: the profile (default: the active one) and its credentials. */
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
    if (profile.authType === 'basic') {
      const username = args?.username ?? (await this.ask(profile, 'Till username', false));
      if (username === undefined) return false;
      const password = args?.password ?? (await this.ask(profile, `Password of ${username}`, true));
      if (password === undefined) return false;
      await this.secrets.setCredentials(profile.name, { kind: 'basic', username: username.trim(), passwordMd5: md5Hex(password) });
    } else {
      const clientKey = args?.clientKey ?? (await this.ask(profile, 'OAuth client key', false));
      if (clientKey === undefined) return false;
      const clientSecret = args?.clientSecret ?? (await this.ask(profile, 'OAuth client secret', true));
      if (clientSecret === undefined) return false;
      await this.secrets.setCredentials(profile.name, { kind: 'oauth', clientKey: clientKey.trim(), clientSecret });
    }
    if (!args) void vscode.window.showInformationMessage(`Credentials of "${profile.name}" saved in VS Code's secret storage.`);
    return true;
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
