// The sidebar tree: saved lookups → periods → events. Data comes from the LookupService; expanding an
// unfetched lookup fetches it with progress shown on the view.
import * as vscode from 'vscode';
import type { PeriodGroup, TrackedTargetEvent } from '../capillary';
import type { PeriodReconciliation } from '../targetProgress/reconcile';
import { eventItemText, periodLabel } from './labels';
import { describeLookup, lookupKey, type Lookup, type LookupService } from '../lookup/lookups';
import { shownResult, type FetchPhase, type ShownResult } from '../lookup/lookupState';
import type { LookupWatcher } from '../watch/watcher';
import { listedPeriods } from '../shared/listedPeriods';
import { periodDetails, periodSummary } from '../shared/targetProgressText';
import { fetchProgressText, formatDateSpan, formatLocalDateTime, plural, targetDefinitionLines } from '../shared/display';
import type { DefinitionInfo } from '../shared/explanation';
import type { Explanations } from '../explain/explanations';
import type { SavedLookups } from '../lookup/savedLookups';
import { errorInfo } from '../table/stateMessage';

export const LOOKUP_VIEW_ID = 'capillary.lookups';

/** A period shows at most this many events in the tree; the table shows them all. */
const EVENTS_SHOWN_PER_PERIOD = 500;

export type LookupTreeNode =
  | { kind: 'lookup'; lookup: Lookup }
  | { kind: 'period'; lookup: Lookup; group: PeriodGroup; progress?: PeriodReconciliation }
  | { kind: 'event'; lookup: Lookup; event: TrackedTargetEvent }
  | { kind: 'definition'; lookup: Lookup; info: DefinitionInfo }
  | { kind: 'message'; lookup: Lookup; label: string; detail?: string; isError: boolean; moreOfPeriod?: string };

/** The target's definition: its lines below it once read, else what it is waiting for or why it is unavailable. */
function definitionItem(lookup: Lookup, info: DefinitionInfo): vscode.TreeItem {
  const lines = info.status === 'ok' ? targetDefinitionLines(info.definition) : [];
  const item = new vscode.TreeItem('Target definition', lines.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${lookupKey(lookup)}|definition`;
  item.description = info.status === 'ok' ? lines[0]?.text : info.status === 'loading' ? 'loading…' : `unavailable: ${info.message}`;
  item.tooltip = info.status === 'ok' ? lines.map((line) => `${line.label}: ${line.text}`).join('\n') : String(item.description);
  item.contextValue = 'definition';
  item.iconPath = new vscode.ThemeIcon('symbol-ruler');
  return item;
}

export class LookupTreeProvider implements vscode.TreeDataProvider<LookupTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LookupTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Stable root nodes, so that a change to one lookup refreshes only its branch. */
  private readonly roots = new Map<string, LookupTreeNode & { kind: 'lookup' }>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly saved: SavedLookups,
    private readonly lookups: LookupService,
    private readonly watcher: Pick<LookupWatcher, 'status' | 'onDidChange'>,
    private readonly explanations: Pick<Explanations, 'definition' | 'onDidChange'>,
  ) {
    this.disposables = [
      saved.onDidChange(() => this.changed.fire(undefined)),
      watcher.onDidChange((lookup) => {
        const root = lookup && this.roots.get(lookupKey(lookup));
        this.changed.fire(root ?? undefined);
      }),
      lookups.onDidChange((lookup) => {
        const root = this.roots.get(lookupKey(lookup));
        if (root) this.changed.fire(root);
      }),
      explanations.onDidChange((lookup) => {
        const root = this.roots.get(lookupKey(lookup));
        if (root) this.changed.fire(root);
      }),
    ];
  }

  getChildren(node?: LookupTreeNode): LookupTreeNode[] {
    if (!node) return this.rootNodes();
    if (node.kind === 'lookup') return this.lookupChildren(node.lookup);
    if (node.kind === 'period') return this.periodChildren(node.lookup, node.group);
    if (node.kind === 'definition' && node.info.status === 'ok') {
      return targetDefinitionLines(node.info.definition).map((line) => ({ kind: 'message', lookup: node.lookup, label: line.label, detail: line.text, isError: false }));
    }
    return [];
  }

  private rootNodes(): LookupTreeNode[] {
    const saved = this.saved.list();
    const keys = new Set(saved.map(lookupKey));
    for (const key of [...this.roots.keys()]) if (!keys.has(key)) this.roots.delete(key);
    return saved.map((lookup) => {
      const key = lookupKey(lookup);
      let root = this.roots.get(key);
      if (!root) {
        root = { kind: 'lookup', lookup };
        this.roots.set(key, root);
      }
      return root;
    });
  }

  /** A line saying what the latest fetch is doing or how it ended (when it did not simply succeed), then the periods shown. */
  private lookupChildren(lookup: Lookup): LookupTreeNode[] {
    const state = this.lookups.state(lookup);
    if (state.fetch.phase === 'idle' && !this.lookups.isRunning(lookup)) this.fetchInView(lookup);
    const shown = shownResult(state);
    const status = this.statusNode(lookup, state.fetch, shown);
    const progress = this.lookups.targetProgressInfo(lookup);
    const reconciliation = progress?.status === 'ok' ? progress.reconciliation : undefined;
    const listed = shown ? listedPeriods(shown.result.groups, reconciliation, lookup) : [];
    const periods: LookupTreeNode[] =
      shown && listed.length === 0
        ? [{ kind: 'message', lookup, label: 'No events', isError: false }]
        : listed.map(({ group, period }) => ({ kind: 'period', lookup, group, progress: period }));
    const progressNote: LookupTreeNode | undefined =
      shown && progress?.status === 'unavailable'
        ? { kind: 'message', lookup, label: 'Target progress unavailable', detail: `${progress.message} ${progress.hint}`, isError: false }
        : undefined;
    const removed = shown?.complete ? state.changes?.diff.removed : undefined;
    const vanished: LookupTreeNode | undefined = removed?.length
      ? {
          kind: 'message',
          lookup,
          label: `${plural(removed.length, 'event')} no longer returned`,
          detail: removed.slice(0, 20).map((event) => event.eventLogId).join(', '),
          isError: false,
        }
      : undefined;
    const definitionInfo = shown ? this.explanations.definition(lookup) : undefined;
    const definition: LookupTreeNode | undefined = definitionInfo ? { kind: 'definition', lookup, info: definitionInfo } : undefined;
    return [status, definition, progressNote, vanished, ...periods].filter((node): node is LookupTreeNode => node !== undefined);
  }

  private statusNode(lookup: Lookup, fetch: FetchPhase, shown: ShownResult | undefined): LookupTreeNode | undefined {
    const showing = shown ? `Showing ${shown.complete ? 'the result' : `${plural(shown.result.events.length, 'event')} (partial)`} fetched at ${formatLocalDateTime(shown.fetchedAt)}.` : undefined;
    switch (fetch.phase) {
      case 'idle':
      case 'loading': {
        const progress = fetch.phase === 'loading' && fetch.fetchProgress ? ` ${fetchProgressText(fetch.fetchProgress)}` : '';
        return { kind: 'message', lookup, label: `${shown ? 'Refreshing' : 'Loading'}…${progress}`, detail: showing, isError: false };
      }
      case 'failed': {
        const info = errorInfo(fetch.error);
        return { kind: 'message', lookup, label: info.message, detail: showing ? `${info.hint} ${showing}` : info.hint, isError: true };
      }
      case 'cancelled':
        return { kind: 'message', lookup, label: 'Cancelled', detail: showing, isError: false };
      case 'done':
        return undefined;
    }
  }

  private periodChildren(lookup: Lookup, group: PeriodGroup): LookupTreeNode[] {
    const shown: LookupTreeNode[] = group.events
      .slice(0, EVENTS_SHOWN_PER_PERIOD)
      .map((event) => ({ kind: 'event', lookup, event }));
    const hidden = group.events.length - EVENTS_SHOWN_PER_PERIOD;
    if (hidden > 0) {
      shown.push({
        kind: 'message',
        lookup,
        label: `${plural(hidden, 'event')} more — open the period in the table`,
        isError: false,
        moreOfPeriod: group.periodId,
      });
    }
    return shown;
  }

  private fetchInView(lookup: Lookup): void {
    void vscode.window.withProgress({ location: { viewId: LOOKUP_VIEW_ID } }, () =>
      this.lookups.run(lookup).catch(() => undefined),
    );
  }

  getTreeItem(node: LookupTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'lookup': {
        const item = new vscode.TreeItem(describeLookup(node.lookup), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = lookupKey(node.lookup);
        const watch = this.watcher.status(node.lookup);
        const watching = !watch
          ? ''
          : watch.backoff
            ? ` · watch paused after an error, retrying in ${watch.backoff.retryInSeconds} s`
            : ` · watching every ${watch.intervalSeconds} s`;
        const shown = shownResult(this.lookups.state(node.lookup));
        const fetchedAt = shown ? ` · fetched ${formatLocalDateTime(shown.fetchedAt)}` : '';
        item.description = `${node.lookup.profileName}${fetchedAt}${watching}`;
        item.contextValue = watch ? 'lookupWatched' : 'lookup';
        item.iconPath = new vscode.ThemeIcon(this.lookups.isRunning(node.lookup) ? 'loading~spin' : 'target');
        item.tooltip = `${describeLookup(node.lookup)}\nProfile: ${node.lookup.profileName}`;
        return item;
      }
      case 'period': {
        const { group, progress } = node;
        const collapsible = group.count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
        const item = new vscode.TreeItem(periodLabel(group), collapsible);
        item.id = `${lookupKey(node.lookup)}|period|${group.periodId}`;
        item.contextValue = 'period';
        const events = group.count > 0 ? `\nEvents: ${formatDateSpan(group.firstEventDate, group.lastEventDate)}` : '';
        if (progress) {
          item.description = periodSummary(progress);
          item.iconPath = new vscode.ThemeIcon(progress.verdict === 'differs' ? 'warning' : progress.verdict === 'match' ? 'pass' : 'calendar');
          item.tooltip = `${periodDetails(progress)}\nTarget group ${group.targetGroupId}${events}`;
        } else {
          item.iconPath = new vscode.ThemeIcon('calendar');
          item.tooltip = `Period ${group.periodId} · target group ${group.targetGroupId}${events}`;
        }
        return item;
      }
      case 'event': {
        const text = eventItemText(node.event);
        const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
        const change = this.changeOf(node.lookup, node.event);
        item.description = change ? `${change} · ${text.description}` : text.description;
        item.tooltip = text.tooltip;
        item.contextValue = 'event';
        item.iconPath = new vscode.ThemeIcon(text.icon);
        return item;
      }
      case 'definition':
        return definitionItem(node.lookup, node.info);
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.detail;
        item.tooltip = node.detail ? `${node.label}\n${node.detail}` : node.label;
        item.contextValue = node.isError ? 'error' : 'message';
        item.iconPath = new vscode.ThemeIcon(node.isError ? 'error' : 'info');
        if (node.moreOfPeriod) {
          item.command = {
            command: 'capillary.openInTable',
            title: 'Open in Table',
            arguments: [{ ...node.lookup, periodId: node.moreOfPeriod }],
          };
        }
        return item;
      }
    }
  }

  /** "new", or "changed: targetValue", when the lookup's latest change brought or altered the event. */
  private changeOf(lookup: Lookup, event: TrackedTargetEvent): string | undefined {
    const changes = this.lookups.state(lookup).changes;
    if (!changes) return undefined;
    if (changes.diff.added.some((added) => added.eventLogId === event.eventLogId)) return 'new';
    const changed = changes.diff.changed.find((change) => change.after.eventLogId === event.eventLogId);
    return changed ? `changed: ${changed.fields.join(', ')}` : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.changed.dispose();
  }
}
