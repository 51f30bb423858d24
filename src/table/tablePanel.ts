// The events table: one webview panel per lookup, restored after a reload. The panel only relays between the
// LookupService and the webview app, through the typed protocol in src/shared/messages.ts.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { CapillaryApiError, type TrackedTargetEvent } from '../capillary';
import type { Log } from '../log';
import { describeLookup, lookupKey, type Lookup, type LookupService } from '../lookup/lookups';
import { shownResult, type FetchPhase, type LookupState, type ResultChanges, type ShownResult } from '../lookup/lookupState';
import { findProfile, hostOf, readLagWarningSeconds, readProfiles } from '../profiles/settings';
import { formatCount } from '../shared/display';
import {
  parseTablePanelState,
  parseWebviewMessage,
  type ChangesInfo,
  type ComparisonInfo,
  type ErrorInfo,
  type ExtensionToWebview,
  type FetchInfo,
  type LookupInfo,
  type ProgressInfo,
  type ShownData,
  type TableData,
  type TableInfo,
  type WebviewToExtension,
} from '../shared/messages';

export const TABLE_VIEW_TYPE = 'capillary.eventsTable';

/** What the table's buttons do; each resolves to a short text for the webview's status line. */
export interface TableActions {
  exportLookup(lookup: Lookup, format: 'csv' | 'json'): Promise<string | undefined>;
  copyCurl(lookup: Lookup): Promise<string>;
  openRawJson(lookup: Lookup): Promise<string>;
}

function lookupInfo(lookup: Lookup): LookupInfo {
  const profile = findProfile(lookup.profileName);
  return {
    userId: lookup.userId,
    targetRuleId: lookup.targetRuleId,
    periodId: lookup.periodId,
    profileName: lookup.profileName,
    host: profile ? hostOf(profile.baseUrl) : 'unknown host',
  };
}

function changesInfo(changes: ResultChanges): ChangesInfo {
  const { diff } = changes;
  return {
    since: changes.since.fetchedAt.toISOString(),
    addedIds: diff.added.map((event) => event.eventLogId),
    changed: diff.changed.map((change) => ({ eventLogId: change.after.eventLogId, fields: change.fields })),
    removed: diff.removed,
  };
}

function tableInfo(lookup: Lookup, shown: ShownResult, changes: ResultChanges | undefined): TableInfo {
  const { result } = shown;
  return {
    // Changes describe the last complete result, so they go only with it.
    ...(shown.complete && changes ? { changes: changesInfo(changes) } : {}),
    lookup: lookupInfo(lookup),
    eventCount: result.events.length,
    pagesFetched: result.pagesFetched,
    total: result.total,
    warnings: result.warnings,
    fetchedAt: shown.fetchedAt.toISOString(),
    complete: shown.complete,
  };
}

function tableData(lookup: Lookup, shown: ShownResult, changes: ResultChanges | undefined): TableData {
  return { ...tableInfo(lookup, shown, changes), groups: shown.result.groups };
}

/** The events of a fetch under way that have arrived so far. */
function arrivedInfo(lookup: Lookup, arrived: readonly TrackedTargetEvent[], pagesFetched: number): TableInfo {
  return {
    lookup: lookupInfo(lookup),
    eventCount: arrived.length,
    pagesFetched,
    warnings: [],
    fetchedAt: new Date().toISOString(),
    complete: false,
  };
}

export function errorInfo(error: Error): ErrorInfo {
  if (error instanceof CapillaryApiError) {
    return {
      message: error.message,
      hint: error.hint,
      code: error.code,
      httpStatus: error.httpStatus,
      requestId: error.requestId,
      kind: error.kind,
    };
  }
  return { message: error.message, hint: 'See the "Capillary" output channel for details.', kind: 'unexpected' };
}

function fetchInfo(fetch: FetchPhase): FetchInfo {
  switch (fetch.phase) {
    case 'loading':
      return { phase: 'loading', progress: fetch.progress };
    case 'failed':
      return { phase: 'failed', error: errorInfo(fetch.error) };
    default:
      return { phase: fetch.phase };
  }
}

/**
 * What a webview holds: the shown result, or the rows of a set that grew while a fetch's pages arrived (its
 * count and ends, so that no array is kept alive for it), and the progress beside them, as last sent.
 */
export interface SentState {
  shown?: ShownResult;
  rows?: { count: number; first: TrackedTargetEvent; last: TrackedTargetEvent };
  progress?: ProgressInfo;
}

/** Whether `events` begin with the rows the webview holds (the same event objects: the client settles each once). */
function extendsRows(events: readonly TrackedTargetEvent[], rows: SentState['rows']): rows is NonNullable<SentState['rows']> {
  return rows !== undefined && events.length >= rows.count && events[0] === rows.first && events[rows.count - 1] === rows.last;
}

function rowsOf(events: readonly TrackedTargetEvent[]): SentState['rows'] {
  return events.length === 0 ? undefined : { count: events.length, first: events[0], last: events[events.length - 1] };
}

/**
 * The message that shows a lookup's state in its table, and what the webview holds once it has it. `alreadySent`
 * is what it holds now: events go only when they are other ones, and as rows appended to those it holds when
 * they extend them (the pages of a fetch under way, then its result).
 */
export function stateUpdate(
  lookup: Lookup,
  state: LookupState,
  progress?: ProgressInfo,
  alreadySent: SentState = {},
  lagWarningSeconds = readLagWarningSeconds(),
): { message: ExtensionToWebview; sent: SentState } {
  const shown = shownResult(state);
  const fetch = state.fetch;
  let data: ShownData;
  let sent: SentState;
  if (shown) {
    const held = alreadySent.shown;
    const events = shown.result.events;
    if (held && shown.result === held.result && shown.complete === held.complete) data = { kind: 'unchanged' };
    else if (held && events === held.result.events && shown.complete === held.complete) {
      // Fetched again with the same events (a watch's refresh): no row is posted, only what is said about them.
      data = { kind: 'rows', start: events.length, events: [], info: tableInfo(lookup, shown, state.changes) };
    } else if (!held && extendsRows(events, alreadySent.rows)) {
      data = { kind: 'rows', start: alreadySent.rows.count, events: events.slice(alreadySent.rows.count), info: tableInfo(lookup, shown, state.changes) };
    } else data = { kind: 'new', data: tableData(lookup, shown, state.changes) };
    sent = { shown, progress };
  } else if (fetch.phase === 'loading' && fetch.arrived) {
    const arrived = fetch.arrived;
    const start = !alreadySent.shown && extendsRows(arrived, alreadySent.rows) ? alreadySent.rows.count : 0;
    data =
      start === arrived.length
        ? { kind: 'unchanged' }
        : { kind: 'rows', start, events: arrived.slice(start), info: arrivedInfo(lookup, arrived, fetch.progress?.pagesFetched ?? 0) };
    sent = { rows: rowsOf(arrived), progress };
  } else {
    data = { kind: 'none' };
    sent = { progress };
  }
  const progressHeld = progress === alreadySent.progress && (data.kind === 'unchanged' || (data.kind === 'rows' && data.start > 0));
  const message: ExtensionToWebview = {
    type: 'state',
    lookup: lookupInfo(lookup),
    fetch: fetchInfo(fetch),
    shown: data,
    progress: progressHeld ? { status: 'unchanged' } : (progress ?? { status: 'loading' }),
    lagWarningSeconds,
  };
  return { message, sent };
}

/**
 * "Events · user 564332013 · rule 1986 · EU (2 new)": the profile when there are several, so that two tabs of one
 * lookup can be told apart, and how many events the latest change brought.
 */
export function panelTitle(lookup: Lookup, state: LookupState): string {
  const profile = readProfiles().length > 1 ? ` · ${lookup.profileName}` : '';
  const added = state.changes?.diff.added.length ?? 0;
  return `Events · ${describeLookup(lookup)}${profile}${added > 0 ? ` (${formatCount(added)} new)` : ''}`;
}

function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

class TablePanel implements vscode.Disposable {
  private ready = false;
  /** What the webview holds, so that a state change re-sends events and progress only when they changed. */
  private sent: SentState = {};
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly lookup: Lookup,
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly lookups: LookupService,
    private readonly actions: TableActions,
    private readonly log: Log,
    private readonly onDisposed: () => void,
  ) {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    this.showTab();
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      lookups.onDidChange((changed) => {
        if (lookupKey(changed) !== lookupKey(this.lookup)) return;
        this.showTab();
        this.postState();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    // The fetch starts with the panel, in parallel with the webview loading; the webview gets the state when ready.
    if (this.lookups.state(lookup).fetch.phase === 'idle' && !this.lookups.isRunning(lookup)) this.refresh();
  }

  /** Title and icon of the tab: a failed lookup's tab shows an error icon, also while the tab is in the background. */
  showTab(): void {
    const media = (file: string) => vscode.Uri.joinPath(this.extensionUri, 'media', file);
    const failed = this.lookups.state(this.lookup).fetch.phase === 'failed';
    this.panel.iconPath = failed ? { light: media('table-error-light.svg'), dark: media('table-error-dark.svg') } : media('capillary.svg');
    this.panel.title = panelTitle(this.lookup, this.lookups.state(this.lookup));
  }

  private html(): string {
    const webview = this.panel.webview;
    const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'table.css'));
    const scriptNonce = nonce();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${scriptNonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>Capillary events</title>
</head>
<body>
<div id="app"></div>
<script nonce="${scriptNonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
  }

  postComparison(comparison: ComparisonInfo): void {
    this.post({ type: 'comparison', comparison });
  }

  private post(message: ExtensionToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  postState(): void {
    const state = this.lookups.state(this.lookup);
    if (!this.ready) return;
    const { message, sent } = stateUpdate(this.lookup, state, this.lookups.progressInfo(this.lookup), this.sent);
    this.post(message);
    this.sent = sent;
  }

  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Ignored a malformed message from the table webview (type ${describeType(raw)}).`);
      return;
    }
    await this.handle(message);
  }

  private async handle(message: WebviewToExtension): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A webview that says ready (again, after a reload) holds nothing yet.
        this.ready = true;
        this.sent = {};
        this.postState();
        return;
      case 'refresh':
        this.refresh();
        return;
      case 'cancel':
        this.lookups.cancel(this.lookup);
        return;
      case 'setCredentials':
        if (await vscode.commands.executeCommand<boolean>('capillary.setCredentials', { profile: this.lookup.profileName })) this.refresh();
        return;
      case 'export':
        return this.reply(message.requestId, () => this.actions.exportLookup(this.lookup, message.format));
      case 'copyCurl':
        return this.reply(message.requestId, () => this.actions.copyCurl(this.lookup));
      case 'openRawJson':
        return this.reply(message.requestId, () => this.actions.openRawJson(this.lookup));
      case 'copy':
        return this.reply(message.requestId, async () => {
          await vscode.env.clipboard.writeText(message.text);
          return undefined;
        });
    }
  }

  refresh(): void {
    // Failures are shown in the table from the lookup's state; nothing else to report here.
    this.lookups.run(this.lookup).catch(() => undefined);
  }

  private async reply(requestId: number, action: () => Promise<string | undefined>): Promise<void> {
    try {
      const text = await action();
      this.post({ type: 'reply', requestId, ok: true, message: text });
    } catch (error) {
      this.post({ type: 'reply', requestId, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }

  dispose(): void {
    // Closing the panel mid-fetch stops the requests it started; the lookup keeps whatever arrived, marked partial.
    this.lookups.cancel(this.lookup);
    this.onDisposed();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function describeType(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof raw;
}

export class TablePanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, TablePanel>();
  private readonly panelsChanged = new vscode.EventEmitter<void>();
  /** A table opened, closed, or became the active editor or stopped being it. */
  readonly onDidChangePanels = this.panelsChanged.event;
  private readonly configurationListener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('capillary.profiles')) for (const panel of this.panels.values()) panel.showTab();
    if (event.affectsConfiguration('capillary.lagWarningSeconds')) for (const panel of this.panels.values()) panel.postState();
  });

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly lookups: LookupService,
    private readonly actions: TableActions,
    private readonly log: Log,
  ) {}

  /** Reveals the lookup's table, creating it (and fetching) when there is none. */
  show(lookup: Lookup): vscode.WebviewPanel {
    const existing = this.panels.get(lookupKey(lookup));
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    // The webview's own options (scripts, resource roots) are set by TablePanel, for created and restored panels alike.
    const panel = vscode.window.createWebviewPanel(TABLE_VIEW_TYPE, panelTitle(lookup, this.lookups.state(lookup)), vscode.ViewColumn.Active, {
      retainContextWhenHidden: true,
    });
    return this.adopt(lookup, panel).panel;
  }

  /** The open panel of a lookup, if any (tests and commands use it). */
  panelOf(lookup: Lookup): vscode.WebviewPanel | undefined {
    return this.panels.get(lookupKey(lookup))?.panel;
  }

  /** Handles a message as if the lookup's webview had posted it (the extension-host tests use it). */
  receive(lookup: Lookup, raw: unknown): Promise<void> {
    return this.panels.get(lookupKey(lookup))?.receive(raw) ?? Promise.resolve();
  }

  /** The lookup of the table that is the active editor, if one is. */
  activeLookup(): Lookup | undefined {
    return [...this.panels.values()].find((tablePanel) => tablePanel.panel.active)?.lookup;
  }

  /** Shows a comparison of two fetches in the lookup's table, opening it when needed. */
  showComparison(lookup: Lookup, comparison: ComparisonInfo): void {
    this.show(lookup);
    this.panels.get(lookupKey(lookup))?.postComparison(comparison);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parseTablePanelState(state);
    if (!restored) {
      panel.dispose();
    } else {
      const { userId, targetRuleId, periodId, profileName } = restored.lookup;
      this.adopt({ userId, targetRuleId, periodId, profileName }, panel);
    }
    return Promise.resolve();
  }

  private adopt(lookup: Lookup, panel: vscode.WebviewPanel): TablePanel {
    const key = lookupKey(lookup);
    const tablePanel = new TablePanel(lookup, panel, this.extensionUri, this.lookups, this.actions, this.log, () => {
      if (this.panels.get(key) === tablePanel) this.panels.delete(key);
      viewState.dispose();
      this.panelsChanged.fire();
    });
    const viewState = panel.onDidChangeViewState(() => this.panelsChanged.fire());
    this.panels.set(key, tablePanel);
    this.panelsChanged.fire();
    return tablePanel;
  }

  dispose(): void {
    this.configurationListener.dispose();
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panelsChanged.dispose();
  }
}
