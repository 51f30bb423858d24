// The events table: one webview panel per lookup, restored after a reload. The panel relays between the
// LookupService and the webview app, through the typed protocol in src/shared/messages.ts: the lookup's state goes
// out as state messages (stateMessage.ts) whose rows are one row stream (rowStream.ts); the webview's requests and
// acknowledgements come back.
import * as vscode from 'vscode';
import type { Log } from '../log';
import { lookupKey, type Lookup, type LookupService } from '../lookup/lookups';
import { CapillaryApiError } from '../capillary';
import type { Explanations } from '../explain/explanations';
import { readLagWarningSeconds } from '../profiles/settings';
import { credentialsRefused } from '../shared/rules';
import { parseTablePanelState, parseWebviewMessage, type ComparisonInfo, type ExtensionToWebview, type RowsHeld, type WebviewToExtension } from '../shared/messages';
import { RowStream } from './rowStream';
import { panelTitle, rowSource, stateMessage } from './stateMessage';
import { tableHtml, tableResourceRoots } from './tableHtml';

export const TABLE_VIEW_TYPE = 'capillary.eventsTable';

/** What the table's buttons do; each resolves to a short text for the webview's status line. */
export interface TableActions {
  exportLookup(lookup: Lookup, format: 'csv' | 'json'): Promise<string | undefined>;
  copyCurl(lookup: Lookup): Promise<string>;
  openRawJson(lookup: Lookup): Promise<string>;
}

/** What a table panel reports of its row stream (the extension-host tests read it). */
export interface RowStreamReport {
  /** Whether the webview said ready: the panel posts only after that. */
  ready: boolean;
  /** What the webview holds once it took in every state message posted. */
  sent: RowsHeld;
  /** What the webview last said it holds, and how many times it said so since it was ready. */
  acknowledged?: RowsHeld;
  acknowledgements: number;
  /** Rows posted since the panel opened, over all generations. */
  rowsPosted: number;
  /** The lag warning threshold of the latest state message posted. */
  lagWarningSeconds?: number;
}

class TablePanel implements vscode.Disposable {
  private ready = false;
  /** The rows the webview holds or is sent. */
  private readonly rows = new RowStream();
  /** The revision of the target progress the webview holds (see LookupService.reconciledTargetProgress). */
  private targetProgressRevision?: number;
  /** The revision of the explanation the webview holds (see Explanations.current). */
  private explanationRevision?: number;
  private acknowledged?: RowsHeld;
  private acknowledgements = 0;
  private lagWarningSeconds?: number;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly lookup: Lookup,
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly lookups: LookupService,
    private readonly explanations: Explanations,
    private readonly actions: TableActions,
    private readonly log: Log,
    private readonly onDisposed: () => void,
    private readonly onRowsHeld: (held: RowsHeld) => void,
  ) {
    // Listening before the page is set, so that no `ready` can come before the panel hears it.
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      lookups.onDidChange((changed) => {
        if (lookupKey(changed) !== lookupKey(this.lookup)) return;
        this.showTab();
        this.postState();
      }),
      explanations.onDidChange((changed) => {
        if (lookupKey(changed) === lookupKey(this.lookup)) this.postState();
      }),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => this.noteSeen()),
    );
    panel.webview.options = { enableScripts: true, localResourceRoots: tableResourceRoots(extensionUri) };
    this.showTab();
    panel.webview.html = tableHtml(panel.webview, extensionUri);
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

  get report(): RowStreamReport {
    return {
      ready: this.ready,
      sent: this.rows.held,
      acknowledged: this.acknowledged,
      acknowledgements: this.acknowledgements,
      rowsPosted: this.rows.rowsPosted,
      lagWarningSeconds: this.lagWarningSeconds,
    };
  }

  postComparison(comparison: ComparisonInfo): void {
    this.post({ type: 'comparison', comparison });
  }

  private post(message: ExtensionToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Tells the webview what changed: new rows of the stream, the target progress when it is another one. */
  postState(): void {
    if (!this.ready) return;
    const state = this.lookups.state(this.lookup);
    const rows = this.rows.next(rowSource(this.lookup, state));
    const reconciled = this.lookups.reconciledTargetProgress(this.lookup);
    // No events shown: no target progress either (revision 0, "loading").
    const revision = reconciled?.revision ?? 0;
    const targetProgress = revision === this.targetProgressRevision ? { status: 'unchanged' as const } : (reconciled?.info ?? { status: 'loading' as const });
    this.targetProgressRevision = revision;
    this.lagWarningSeconds = readLagWarningSeconds();
    // Asking for it starts its read once the events are complete; it follows in a later state message.
    const explained = this.explanations.current(this.lookup);
    const explanation = explained && (explained.revision === this.explanationRevision ? { status: 'unchanged' as const } : explained.info);
    this.explanationRevision = explained?.revision;
    this.post(stateMessage(this.lookup, state, rows, targetProgress, this.lagWarningSeconds, explanation));
    this.noteSeen();
  }

  /** A visible table shows the lookup's changes marked: they count as seen. */
  private noteSeen(): void {
    if (this.ready && this.panel.visible) this.lookups.markChangesSeen(this.lookup);
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
        this.rows.restart();
        this.targetProgressRevision = undefined;
        this.explanationRevision = undefined;
        this.acknowledged = undefined;
        this.acknowledgements = 0;
        this.postState();
        return;
      case 'rowsHeld':
        this.acknowledged = { generation: message.generation, offset: message.offset };
        this.acknowledgements++;
        this.onRowsHeld(this.acknowledged);
        return;
      case 'rowsMissing':
        this.log.warn(`The table of ${lookupKey(this.lookup)} missed rows after row ${message.offset} of generation ${message.generation}: sending them again.`);
        this.rows.resendAfter(message);
        this.postState();
        return;
      case 'refresh':
        this.refresh();
        return;
      case 'cancel':
        this.lookups.cancel(this.lookup);
        return;
      case 'setCredentials':
        // Saved credentials usually start the refresh already (credentialsChanged); this covers an unchanged save.
        if (await vscode.commands.executeCommand<boolean>('capillary.setCredentials', { profile: this.lookup.profileName })) {
          if (!this.lookups.isRunning(this.lookup)) this.refresh();
        }
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
      case 'explainBill': {
        const { requestId, billNumber } = message;
        const log = await this.explanations.evaluationLog(this.lookup.profileName, billNumber, this.explanations.transactionIdOf(this.lookup, billNumber));
        this.post({ type: 'evaluationLog', requestId, log });
        return;
      }
    }
  }

  /**
   * The profile's credentials were set, from the table or anywhere else: a lookup they had been refused for runs
   * again, so that the refusal's banner goes once they work.
   */
  credentialsChanged(): void {
    const fetch = this.lookups.state(this.lookup).fetch;
    if (fetch.phase !== 'failed' || !(fetch.error instanceof CapillaryApiError) || !credentialsRefused(fetch.error)) return;
    if (!this.lookups.isRunning(this.lookup)) this.refresh();
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
  private readonly rowsHeld = new vscode.EventEmitter<{ lookup: Lookup; held: RowsHeld }>();
  /** A table's webview said which rows it holds (the extension-host tests follow the row stream with it). */
  readonly onDidAcknowledgeRows = this.rowsHeld.event;
  private readonly configurationListener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('capillary.profiles')) for (const panel of this.panels.values()) panel.showTab();
    if (event.affectsConfiguration('capillary.lagWarningSeconds')) for (const panel of this.panels.values()) panel.postState();
  });

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly lookups: LookupService,
    private readonly explanations: Explanations,
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

  /** What the lookup's open panel reports of its row stream (the extension-host tests use it). */
  rowStreamReport(lookup: Lookup): RowStreamReport | undefined {
    return this.panels.get(lookupKey(lookup))?.report;
  }

  /** Handles a message as if the lookup's webview had posted it (the extension-host tests use it). */
  receive(lookup: Lookup, raw: unknown): Promise<void> {
    return this.panels.get(lookupKey(lookup))?.receive(raw) ?? Promise.resolve();
  }

  /** A profile's credentials were set or cleared: its tables whose lookup they were refused for run again. */
  credentialsChanged(profileName: string): void {
    for (const panel of this.panels.values()) if (panel.lookup.profileName === profileName) panel.credentialsChanged();
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
    const tablePanel = new TablePanel(lookup, panel, this.extensionUri, this.lookups, this.explanations, this.actions, this.log, () => {
      if (this.panels.get(key) === tablePanel) this.panels.delete(key);
      viewState.dispose();
      this.panelsChanged.fire();
    }, (held) => this.rowsHeld.fire({ lookup, held }));
    const viewState = panel.onDidChangeViewState(() => this.panelsChanged.fire());
    this.panels.set(key, tablePanel);
    this.panelsChanged.fire();
    return tablePanel;
  }

  dispose(): void {
    this.configurationListener.dispose();
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panelsChanged.dispose();
    this.rowsHeld.dispose();
  }
}
