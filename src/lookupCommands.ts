// Commands that look events up: the palette wizard, the sidebar's add/refresh/remove, and the table,
// export and cURL actions on a lookup.
import * as vscode from 'vscode';
import { CapillaryApiError, validateId, type LookupResult } from './api';
import type { Connections } from './connections';
import { MissingCredentialsError } from './connections';
import type { LookupExports } from './exports';
import type { Log } from './log';
import type { LookupTreeNode } from './lookupTree';
import { describeLookup, type Lookup, type LookupService } from './lookups';
import type { ProfileCommands } from './profileCommands';
import { pickPeriod, pickTarget, promptUserId } from './prompts';
import type { SavedLookups } from './savedLookups';
import { activeProfile, findProfile, type Profile } from './settings';
import type { TablePanels } from './tablePanel';
import { wizardRecovery } from './wizardRecovery';

/** Reads `{ userId, targetRuleId, periodId?, profile? }`; IDs may be strings or safe integers. */
function lookupFromArgs(args: object): Lookup {
  const raw = args as Record<string, unknown>;
  const id = (field: string, value: unknown) =>
    validateId(field, typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : (value as string));
  const profileName = typeof raw.profile === 'string' ? raw.profile : typeof raw.profileName === 'string' ? raw.profileName : activeProfile()?.name;
  if (!profileName) throw new Error('No Capillary profile is set up. Add one with "Capillary: Add Connection Profile".');
  if (!findProfile(profileName)) throw new Error(`There is no profile named "${profileName}".`);
  return {
    profileName,
    userId: id('userId', raw.userId),
    targetRuleId: id('targetRuleId', raw.targetRuleId),
    periodId: raw.periodId === undefined || raw.periodId === null || raw.periodId === '' ? undefined : id('periodId', raw.periodId),
  };
}

/** A command's lookup argument: a tree node, a lookup object, or nothing (then the tree's selection). */
function lookupOf(arg: unknown, selection: readonly LookupTreeNode[]): Lookup | undefined {
  const node = (arg ?? selection[0]) as LookupTreeNode | Lookup | undefined;
  if (!node) return undefined;
  if ('kind' in node) {
    return node.kind === 'period' ? { ...node.lookup, periodId: node.group.periodId } : node.lookup;
  }
  return lookupFromArgs(node);
}

function progressMessage(pagesFetched: number, eventsFetched: number, pagesExpected?: number): string {
  const pages = pagesExpected ? `${pagesFetched} of ${pagesExpected} pages` : `${pagesFetched} pages`;
  return `${pages}, ${eventsFetched} events`;
}

export class LookupCommands {
  constructor(
    private readonly lookups: LookupService,
    private readonly saved: SavedLookups,
    private readonly panels: TablePanels,
    private readonly exports: LookupExports,
    private readonly connections: Connections,
    private readonly profiles: ProfileCommands,
    private readonly log: Log,
    private readonly treeSelection: () => readonly LookupTreeNode[],
  ) {}

  register(): vscode.Disposable[] {
    const onLookup = <T>(action: (lookup: Lookup, rest: unknown[]) => T) => (arg?: unknown, ...rest: unknown[]) => {
      const lookup = lookupOf(arg, this.treeSelection());
      if (!lookup) throw new Error('Select a lookup in the Capillary view first.');
      return action(lookup, rest);
    };
    return [
      vscode.commands.registerCommand('capillary.lookupEvents', (args?: unknown) => this.lookupEvents(args)),
      vscode.commands.registerCommand('capillary.addLookup', (args?: unknown) => this.addLookup(args)),
      vscode.commands.registerCommand('capillary.refreshAll', () => this.refreshAll()),
      vscode.commands.registerCommand('capillary.refreshLookup', onLookup((lookup) => this.lookups.run(lookup).catch(() => undefined))),
      vscode.commands.registerCommand('capillary.openInTable', onLookup((lookup) => this.openInTable(lookup))),
      vscode.commands.registerCommand('capillary.removeLookup', onLookup((lookup) => this.removeLookup(lookup))),
      vscode.commands.registerCommand('capillary.copyCurl', onLookup((lookup) => this.copyCurl(lookup))),
      vscode.commands.registerCommand(
        'capillary.exportLookup',
        onLookup((lookup, [options]) => this.exportLookup(lookup, options)),
      ),
    ];
  }

  /**
   * With `{ userId, targetRuleId, periodId?, profile? }` it skips the prompts and resolves to the lookup result
   * (rejecting with the error); without, it asks step by step, and the table shows any error.
   */
  async lookupEvents(args?: unknown): Promise<LookupResult | undefined> {
    if (typeof args === 'object' && args !== null) {
      const lookup = lookupFromArgs(args);
      return this.fetchWithProgress(lookup);
    }
    const lookup = await this.promptLookup();
    if (!lookup) return undefined;
    return this.fetchWithProgress(lookup).catch(() => undefined);
  }

  async addLookup(args?: unknown): Promise<Lookup | undefined> {
    const lookup = typeof args === 'object' && args !== null ? lookupFromArgs(args) : await this.promptLookup();
    if (!lookup) return undefined;
    await this.saved.add(lookup);
    await vscode.commands.executeCommand('capillary.lookups.focus');
    return lookup;
  }

  refreshAll(): Promise<unknown> {
    return Promise.allSettled(this.saved.list().map((lookup) => this.lookups.run(lookup)));
  }

  openInTable(lookup: Lookup): vscode.WebviewPanel {
    return this.panels.show(lookup);
  }

  async removeLookup(lookup: Lookup): Promise<void> {
    await this.saved.remove(lookup);
    if (!this.panels.panelOf(lookup)) this.lookups.forget(lookup);
  }

  async copyCurl(lookup: Lookup): Promise<string> {
    const message = await this.exports.copyCurl(lookup);
    void vscode.window.setStatusBarMessage(message, 4000);
    return this.exports.curlFor(lookup);
  }

  /** Options `{ format, uri }` skip the prompts (scripts and tests). */
  async exportLookup(lookup: Lookup, options?: unknown): Promise<string | undefined> {
    const given = (options ?? {}) as { format?: unknown; uri?: unknown };
    const format =
      given.format === 'csv' || given.format === 'json'
        ? given.format
        : (
            await vscode.window.showQuickPick(
              [
                { label: 'CSV', format: 'csv' as const },
                { label: 'JSON', format: 'json' as const },
              ],
              { placeHolder: `Export ${describeLookup(lookup)} as` },
            )
          )?.format;
    if (!format) return undefined;
    if (this.lookups.state(lookup).fetch.phase === 'idle') await this.lookups.run(lookup);
    const target = given.uri instanceof vscode.Uri ? given.uri : typeof given.uri === 'string' ? vscode.Uri.parse(given.uri) : undefined;
    const message = await this.exports.exportLookup(lookup, format, target);
    if (message && !target) void vscode.window.showInformationMessage(message);
    return message;
  }

  private fetchWithProgress(lookup: Lookup): Promise<LookupResult> {
    const fetched = vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Capillary: fetching events for ${describeLookup(lookup)}`,
        cancellable: true,
      },
      (progress, token) => {
        token.onCancellationRequested(() => this.lookups.cancel(lookup));
        return this.lookups.run(lookup, ({ pagesFetched, eventsFetched, pagesExpected }) =>
          progress.report({ message: progressMessage(pagesFetched, eventsFetched, pagesExpected) }),
        );
      },
    );
    this.panels.show(lookup);
    return Promise.resolve(fetched);
  }

  /**
   * The wizard: profile (and credentials) first, then userId, target rule and period. An error (unknown user,
   * refused credentials, network) stops it with the whole message and the action that fixes it, which starts
   * the wizard again.
   */
  private async promptLookup(): Promise<Lookup | undefined> {
    const profile = activeProfile() ?? (await this.profiles.chooseProfile(undefined, 'Look up events with which profile?'));
    if (!profile) return undefined;
    let userId: string | undefined;
    for (;;) {
      const client = await this.readyClient(profile);
      if (!client) return undefined;
      try {
        userId = await promptUserId(userId);
        if (!userId) return undefined;
        const target = await pickTarget(client, userId);
        if (!target) return undefined;
        const periodId = await pickPeriod(client, target);
        if (periodId === undefined) return undefined;
        return { profileName: profile.name, userId, targetRuleId: target.targetRuleId, periodId: periodId || undefined };
      } catch (error) {
        const recovery = await this.offerRecovery(error, profile);
        if (!recovery) return undefined;
        if (recovery === 'anotherUser') userId = undefined;
      } finally {
        client.dispose();
      }
    }
  }

  /** Shows a wizard error with its fix; resolves to how the wizard goes on, or undefined to stop. */
  private async offerRecovery(error: unknown, profile: Profile): Promise<'anotherUser' | 'again' | undefined> {
    const text = error instanceof CapillaryApiError ? `${error.message} ${error.hint}` : error instanceof Error ? error.message : String(error);
    this.log.warn(`The lookup wizard stopped: ${text}`);
    const recovery = wizardRecovery(error, profile.name);
    const chosen = await vscode.window.showErrorMessage(text, recovery.label);
    if (chosen !== recovery.label) return undefined;
    if (recovery.action === 'setCredentials') {
      return (await this.profiles.setCredentials({ profile: profile.name })) ? 'again' : undefined;
    }
    return recovery.action;
  }

  /** A client for the profile; missing credentials are asked for first, and the lookup then continues. */
  private async readyClient(profile: Profile) {
    try {
      return await this.connections.clientFor(profile);
    } catch (error) {
      if (!(error instanceof MissingCredentialsError)) throw error;
      if (!(await this.profiles.setCredentials({ profile: profile.name }))) return undefined;
      return this.connections.clientFor(profile);
    }
  }
}
