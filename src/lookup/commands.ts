// Commands that look events up: the palette wizard, the sidebar's add/refresh/remove, and the table,
// export and cURL actions on a lookup.
import * as vscode from 'vscode';
import { CapillaryApiError, type LookupResult, type UserTargetGroups } from '../capillary';
import { lookupArgs, parseArgs, type CommandArgs, type CommandId, type LookupArgs } from './commandArgs';
import type { Connections } from '../profiles/connections';
import { MissingCredentialsError } from '../profiles/connections';
import type { LookupExports } from '../export/exports';
import type { Log } from '../log';
import type { LookupTreeNode } from '../tree/lookupTree';
import { describeLookup, type Lookup, type LookupService } from './lookups';
import type { ProfileCommands } from '../profiles/commands';
import { targetProgressInfo, withProgress, type ReconciledLookupResult } from '../targetProgress/report';
import { idsInPausedFrame } from '../debug/frameIds';
import { pickPeriod, pickTarget, promptUserId } from './wizard';
import type { SavedLookups } from './savedLookups';
import { activeProfile, findProfile, readLagFlagSeconds, type Profile } from '../profiles/settings';
import type { TablePanels } from '../table/tablePanel';
import { wizardRecovery } from './wizardRecovery';
import { fetchProgressText } from '../shared/display';

/** The lookup an argument object names, with its profile resolved (the active one when it names none). */
function resolveLookup(args: LookupArgs): Lookup {
  const profileName = args.profile ?? activeProfile()?.name;
  if (!profileName) throw new Error('No Capillary profile is set up. Add one with "Capillary: Add Connection Profile".');
  if (!findProfile(profileName)) throw new Error(`There is no profile named "${profileName}".`);
  return { profileName, userId: args.userId, targetRuleId: args.targetRuleId, periodId: args.periodId };
}

/** Whether a command was invoked on a node of the Capillary tree (from its context menu or inline actions). */
function isLookupNode(value: unknown): value is LookupTreeNode {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as { kind?: unknown; lookup?: unknown };
  return typeof node.kind === 'string' && typeof node.lookup === 'object' && node.lookup !== null;
}

/** The lookup a tree node stands for: a period node stands for that period's lookup. */
function lookupOfNode(node: LookupTreeNode): Lookup {
  return node.kind === 'period' ? { ...node.lookup, periodId: node.group.periodId } : node.lookup;
}

/** What a command on one lookup acts on: the tree node it was invoked on, a lookup argument object, else the selection. */
function lookupOf(command: CommandId, arg: unknown, selection: readonly LookupTreeNode[]): Lookup | undefined {
  if (isLookupNode(arg)) return lookupOfNode(arg);
  const args = parseArgs(command, arg);
  if (args) return resolveLookup(lookupArgs(args));
  return selection[0] ? lookupOfNode(selection[0]) : undefined;
}

function exportTarget(uri: CommandArgs['uri']): vscode.Uri | undefined {
  if (uri === undefined || uri instanceof vscode.Uri) return uri;
  if (typeof uri === 'string') return vscode.Uri.parse(uri);
  throw new Error('"uri" must be a file URI, as text (file:///…) or a vscode.Uri.');
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

  /** The lookup a command's argument names (a tree node or an argument object of ours); none for anything else. */
  lookupOfArgument(command: CommandId, arg: unknown): Lookup | undefined {
    if (isLookupNode(arg)) return lookupOfNode(arg);
    const args = parseArgs(command, arg);
    return args ? resolveLookup(lookupArgs(args)) : undefined;
  }

  register(): vscode.Disposable[] {
    const onLookup = <T>(command: CommandId, action: (lookup: Lookup, arg: unknown, rest: unknown[]) => T) =>
      vscode.commands.registerCommand(command, (arg?: unknown, ...rest: unknown[]) => {
        const lookup = lookupOf(command, arg, this.treeSelection());
        if (!lookup) throw new Error('Select a lookup in the Capillary view first.');
        return action(lookup, arg, rest);
      });
    return [
      vscode.commands.registerCommand('capillary.lookupEvents', (arg?: unknown) => this.lookupEvents(arg)),
      vscode.commands.registerCommand('capillary.addLookup', (arg?: unknown) => this.addLookup(arg)),
      vscode.commands.registerCommand('capillary.refreshAll', () => this.refreshAll()),
      onLookup('capillary.refreshLookup', (lookup) => this.lookups.run(lookup).catch(() => undefined)),
      onLookup('capillary.openInTable', (lookup) => this.openInTable(lookup)),
      onLookup('capillary.removeLookup', (lookup) => this.removeLookup(lookup)),
      onLookup('capillary.copyCurl', (lookup) => this.copyCurl(lookup)),
      // `{ format, uri }` may come with the lookup object, or after a tree node or lookup object.
      onLookup('capillary.exportLookup', (lookup, arg, [options]) =>
        this.exportLookup(lookup, {
          ...parseArgs('capillary.exportLookup', arg),
          ...parseArgs('capillary.exportLookup', options),
        }),
      ),
    ];
  }

  /**
   * With `{ userId, targetRuleId, periodId?, profile? }` it skips the prompts and resolves to the lookup result
   * with its target progress and each event's flags (rejecting with the error); with anything else, it asks step by
   * step, and the table shows any error.
   */
  async lookupEvents(arg?: unknown): Promise<ReconciledLookupResult | undefined> {
    const args = parseArgs('capillary.lookupEvents', arg);
    if (args) return this.fetchReconciled(resolveLookup(lookupArgs(args)));
    const prompted = await this.promptLookup();
    if (!prompted) return undefined;
    return this.fetchReconciled(prompted.lookup, prompted.targetGroups).catch(() => undefined);
  }

  /** The events as soon as they arrive (the table shows them), then resolved with the target progress fetched beside them. */
  private async fetchReconciled(lookup: Lookup, targetGroups?: UserTargetGroups): Promise<ReconciledLookupResult> {
    const result = await this.fetchWithProgress(lookup, targetGroups);
    const part = await this.lookups.targetProgressSettled(lookup);
    const info = targetProgressInfo(
      { result, complete: true, targetProgress: part },
      { periodId: lookup.periodId, lagFlagSeconds: readLagFlagSeconds() },
    );
    return withProgress(result, info);
  }

  /** The wizard from its target step, for a customer already known (read from a value). */
  async lookupForCustomer(userId: string, profileName?: string): Promise<LookupResult | undefined> {
    const prompted = await this.promptLookup({ userId, profileName });
    if (!prompted) return undefined;
    return this.fetchWithProgress(prompted.lookup, prompted.targetGroups).catch(() => undefined);
  }

  /** Saves the lookup an argument object names; from the view's + (which passes the focused node) it asks. */
  async addLookup(arg?: unknown): Promise<Lookup | undefined> {
    const args = parseArgs('capillary.addLookup', arg);
    const lookup = args ? resolveLookup(lookupArgs(args)) : (await this.promptLookup())?.lookup;
    if (!lookup) return undefined;
    await this.saved.add(lookup);
    // A result held from before is refreshed (cheaply, from its last page) rather than shown as it was.
    this.lookups.run(lookup).catch(() => undefined);
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
    const index = await this.saved.remove(lookup);
    if (!this.panels.panelOf(lookup)) this.lookups.forget(lookup);
    if (index !== -1) void this.offerUndo(lookup, index);
  }

  /** Undo puts the lookup back where it stood in the sidebar, which fetches it again when it is expanded. */
  private async offerUndo(lookup: Lookup, index: number): Promise<void> {
    const undo = 'Undo';
    const chosen = await vscode.window.showInformationMessage(`Removed the lookup "${describeLookup(lookup)}" from the sidebar.`, undo);
    if (chosen === undo) await this.saved.restore(lookup, index);
  }

  async copyCurl(lookup: Lookup): Promise<string> {
    const message = await this.exports.copyCurl(lookup);
    void vscode.window.setStatusBarMessage(message, 4000);
    return this.exports.curlFor(lookup);
  }

  /** `format` and `uri` skip the prompts (scripts and tests). */
  async exportLookup(lookup: Lookup, options: Pick<CommandArgs, 'format' | 'uri'>): Promise<string | undefined> {
    const format =
      options.format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: 'CSV', format: 'csv' as const },
            { label: 'JSON', format: 'json' as const },
          ],
          { placeHolder: `Export ${describeLookup(lookup)} as` },
        )
      )?.format;
    if (!format) return undefined;
    const target = exportTarget(options.uri);
    if (this.lookups.state(lookup).fetch.phase === 'idle') await this.lookups.run(lookup);
    const message = await this.exports.exportLookup(lookup, format, target);
    if (message && !target) void vscode.window.showInformationMessage(message);
    return message;
  }

  /** `targetGroups`: the wizard's answer, which the lookup's target progress uses instead of asking again. */
  private fetchWithProgress(lookup: Lookup, targetGroups?: UserTargetGroups): Promise<LookupResult> {
    const fetched = vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Capillary: fetching events for ${describeLookup(lookup)}`,
        cancellable: true,
      },
      (progress, token) => {
        token.onCancellationRequested(() => this.lookups.cancel(lookup));
        return this.lookups.run(lookup, {
          targetGroups,
          onFetchProgress: (fetchProgress) => progress.report({ message: fetchProgressText(fetchProgress) }),
        });
      },
    );
    this.panels.show(lookup);
    return Promise.resolve(fetched);
  }

  /**
   * The wizard: profile (and credentials) first, then userId, target rule and period; `known` skips those steps. An
   * error (unknown user, refused credentials, network) stops it with the whole message and the action that fixes it,
   * which starts the wizard again. Resolves with the customer's targetGroups answer the rule list was made of.
   */
  private async promptLookup(
    known: { userId?: string; profileName?: string } = {},
  ): Promise<{ lookup: Lookup; targetGroups?: UserTargetGroups } | undefined> {
    const named = known.profileName === undefined ? undefined : findProfile(known.profileName);
    if (known.profileName !== undefined && !named) throw new Error(`There is no profile named "${known.profileName}".`);
    const profile = named ?? activeProfile() ?? (await this.profiles.chooseProfile(undefined, 'Look up events with which profile?'));
    if (!profile) return undefined;
    let userId = known.userId;
    let askUserId = userId === undefined;
    for (;;) {
      const client = await this.readyClient(profile);
      if (!client) return undefined;
      try {
        if (askUserId) userId = await promptUserId(userId, await idsInPausedFrame());
        if (!userId) return undefined;
        const target = await pickTarget(client, userId);
        if (!target) return undefined;
        const periodId = await pickPeriod(client, target);
        if (periodId === undefined) return undefined;
        const lookup = { profileName: profile.name, userId, targetRuleId: target.targetRuleId, periodId: periodId || undefined };
        return { lookup, targetGroups: target.targetGroups };
      } catch (error) {
        const recovery = await this.offerRecovery(error, profile);
        if (!recovery) return undefined;
        if (recovery === 'anotherUser') {
          userId = undefined;
          askUserId = true;
        }
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
