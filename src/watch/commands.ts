// Commands on watching a lookup and comparing its fetches, from the table's title bar, the sidebar, the status
// bar, and scripts (`{ userId, targetRuleId, periodId?, profile?, intervalSeconds? }`).
import * as vscode from 'vscode';
import { parseArgs, type CommandId } from '../lookup/commandArgs';
import type { Lookup, LookupService } from '../lookup/lookups';
import type { LookupWatcher } from './watcher';
import { formatLocalDateTime, plural } from '../shared/display';
import type { ComparisonInfo } from '../shared/messages';
import { changesBetween, type HistoryEntry } from '../lookup/lookupState';
import type { TablePanels } from '../table/tablePanel';

/** Set while the active editor is the table of a watched lookup: the title bar then offers Stop Watching. */
const ACTIVE_TABLE_WATCHED = 'capillary.activeTableWatched';

/** A command's lookup from its argument: a tree node or a lookup object; none when the argument names no lookup. */
export type LookupResolver = (command: CommandId, arg: unknown) => Lookup | undefined;

/** The kept fetches `older` and `newer` (indices into the history, older first) compared. */
export function comparisonInfo(history: readonly HistoryEntry[], older: number, newer: number): ComparisonInfo {
  const diff = changesBetween(history, older, newer);
  return {
    olderFetchedAt: history[older].fetchedAt.toISOString(),
    newerFetchedAt: history[newer].fetchedAt.toISOString(),
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed.map(({ before, after, fields }) => ({ before, after, fields })),
  };
}

export class WatchCommands {
  constructor(
    private readonly watcher: LookupWatcher,
    private readonly lookups: LookupService,
    private readonly panels: TablePanels,
    private readonly resolve: LookupResolver,
    private readonly treeSelection: () => Lookup | undefined,
  ) {}

  register(): vscode.Disposable[] {
    const updateContext = () => {
      const active = this.panels.activeLookup();
      void vscode.commands.executeCommand('setContext', ACTIVE_TABLE_WATCHED, active !== undefined && this.watcher.isWatching(active));
    };
    return [
      this.panels.onDidChangePanels(updateContext),
      this.watcher.onDidChange(updateContext),
      vscode.commands.registerCommand('capillary.watchLookup', (arg?: unknown) => this.watch(arg)),
      vscode.commands.registerCommand('capillary.stopWatching', (arg?: unknown) => this.watcher.stop(this.lookupOf('capillary.stopWatching', arg))),
      vscode.commands.registerCommand('capillary.stopAllWatching', () => {
        const count = this.watcher.stopAll();
        void vscode.window.setStatusBarMessage(`Stopped watching ${plural(count, 'lookup')}`, 4000);
        return count;
      }),
      vscode.commands.registerCommand('capillary.compareFetches', (arg?: unknown, options?: unknown) => this.compare(this.lookupOf('capillary.compareFetches', arg), options)),
    ];
  }

  /** The argument's lookup; without one, the active table's, else the sidebar's selection. */
  private lookupOf(command: CommandId, arg: unknown): Lookup {
    const lookup = this.resolve(command, arg) ?? this.panels.activeLookup() ?? this.treeSelection();
    if (!lookup) throw new Error('Open a lookup\'s table or select a lookup in the Capillary view first.');
    return lookup;
  }

  /** From a script or the table, the table opens (or comes forward); from the sidebar, the lookup is watched where it is. */
  private watch(arg: unknown): Lookup {
    const lookup = this.lookupOf('capillary.watchLookup', arg);
    const fromTree = typeof arg === 'object' && arg !== null && 'kind' in arg;
    if (!fromTree) this.panels.show(lookup);
    this.watcher.watch(lookup, parseArgs('capillary.watchLookup', arg)?.intervalSeconds);
    return lookup;
  }

  /**
   * Compares two of the lookup's last complete results in its table. Options `{ older, newer }` (indices into the
   * results, oldest first) skip the pick; resolves to what the table shows.
   */
  private async compare(lookup: Lookup, options?: unknown): Promise<ComparisonInfo | undefined> {
    const history = this.lookups.state(lookup).history ?? [];
    if (history.length < 2) {
      void vscode.window.showInformationMessage(
        'Only one fetch of this lookup returned these events so far. Refresh it (or watch it) until its events change, then compare.',
      );
      return undefined;
    }
    const given = (options ?? {}) as { older?: unknown; newer?: unknown };
    const pair = typeof given.older === 'number' && typeof given.newer === 'number' ? [given.older, given.newer] : await this.pickTwo(history);
    const [older, newer] = pair ?? [];
    if (older === undefined || newer === undefined || !history[older] || !history[newer]) return undefined;
    const comparison = comparisonInfo(history, Math.min(older, newer), Math.max(older, newer));
    this.panels.showComparison(lookup, comparison);
    return comparison;
  }

  /** Two indices into the history, picked by the user. */
  private async pickTwo(history: readonly HistoryEntry[]): Promise<number[] | undefined> {
    const items = history
      .map((entry, index) => ({
        label: `Fetch of ${formatLocalDateTime(entry.fetchedAt)}`,
        description: `${plural(entry.eventCount, 'event')}${index === history.length - 1 ? ' · latest' : ''}`,
        index,
        picked: index >= history.length - 2,
      }))
      .reverse();
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Compare with an earlier fetch',
      placeHolder: 'Pick two fetches (those of the last hour that returned other events are kept)',
      canPickMany: true,
    });
    if (!picked) return undefined;
    if (picked.length !== 2) {
      void vscode.window.showWarningMessage(`Pick exactly two fetches to compare (${picked.length} picked).`);
      return undefined;
    }
    return picked.map((item) => item.index);
  }
}

