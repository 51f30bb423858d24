// Why bills did or did not count, in the table app: the target's definition once above the periods, each period's
// bills in the table's rows (notCountedRows), and a bill in the details pane with its evaluation log, asked for on
// request. What sections the user opened or closed is view state kept here, like the open dialog.
import type { DefinitionInfo, ExplainedTransaction, ExplanationInfo } from '../../src/shared/explanation';
import type { RowsResult, TableModel } from '../table/model';
import { type ExplainRowActions, ExplainRows } from '../table/notCountedRows';
import type { VirtualTable } from '../table/virtualTable';
import { ContextMenu } from '../views/contextMenu';
import { billList } from '../views/billList';
import { billPane, showLog, showLogLoading } from '../views/evaluationLog';
import { definitionNotice } from '../views/explainViews';
import type { ExtensionClient } from './messaging';
import type { ViewSettings } from './state';

export interface ExplainContext {
  root: HTMLElement;
  client: ExtensionClient;
  table: VirtualTable;
  /** The rows must be laid out again: a section was opened or closed. */
  onLayoutChange(): void;
}

export class ExplainController implements ExplainRowActions {
  private rows?: ExplainRows;
  /** How many groups the rows were built for: a growing model's groups list gains periods in place. */
  private builtForGroups = 0;
  private toggled: ReadonlySet<string> = new Set();
  /** The definition's notice, kept while the definition is the same, so that an unfolded JSON form stays open. */
  private definition?: { info: DefinitionInfo; element: HTMLElement };
  /** The open bill pane, the element to give the keyboard back to, and the latest log request it waits for. */
  private pane?: { dialog: HTMLElement; log: HTMLElement; returnFocus: HTMLElement | null; transaction: ExplainedTransaction; request: number };
  private requests = 0;
  private readonly menu: ContextMenu;

  constructor(private readonly context: ExplainContext) {
    this.menu = new ContextMenu(context.root);
  }

  get toggledSections(): ReadonlySet<string> {
    return this.toggled;
  }

  /** The definition for the notices above the table; null before any was asked for. */
  notice(explanation: ExplanationInfo | undefined): HTMLElement | null {
    if (!explanation) return null;
    if (this.definition?.info !== explanation.definition) this.definition = { info: explanation.definition, element: definitionNotice(explanation.definition) };
    return this.definition.element;
  }

  /** The no-events screen with the periods' bills under it, once they were asked for: why nothing counted. */
  withBills(view: HTMLElement, explanation: ExplanationInfo | undefined): HTMLElement {
    if (explanation) (view.querySelector('.state-text') ?? view).append(billList(explanation, (transaction) => this.openBill(transaction, true)));
    return view;
  }

  /** The model's rows with each period's bills after its events; the table is told of them before it takes the rows. */
  layout(model: TableModel, result: RowsResult, view: ViewSettings, explanation: ExplanationInfo | undefined): RowsResult {
    if (!explanation) {
      this.rows = undefined;
      this.context.table.setExplainRows(undefined, this);
      return result;
    }
    if (this.rows?.groups !== model.groups || this.rows.explanation !== explanation || this.builtForGroups !== model.groups.length) {
      this.rows = new ExplainRows(model.groups, explanation);
      this.builtForGroups = model.groups.length;
    }
    const rows = this.rows;
    const merged = rows.merge(
      result,
      {
        needle: view.filterText.trim().toLowerCase(),
        eventsOnly: view.eventLabel !== '' || view.flaggedOnly,
        isGroupCollapsed: (groupIndex) => view.collapsedPeriods.has(model.groups[groupIndex].periodId),
        toggledSections: this.toggled,
      },
      model.withProgressRows,
    );
    this.context.table.setExplainRows(rows.isEmpty ? undefined : rows, this);
    return merged;
  }

  toggleSection(key: string): void {
    const toggled = new Set(this.toggled);
    if (!toggled.delete(key)) toggled.add(key);
    this.toggled = toggled;
    this.context.onLayoutChange();
  }

  /** The bill in the details pane, over the table until Escape or Close; `requestLog` asks for its evaluation log. */
  openBill(transaction: ExplainedTransaction, requestLog: boolean): void {
    const returnFocus = this.pane?.returnFocus ?? (document.activeElement as HTMLElement | null);
    this.closeBill(false);
    const { dialog, log } = billPane(transaction, { onRequestLog: () => this.requestLog(), onClose: () => this.closeBill(true) });
    this.pane = { dialog, log, returnFocus, transaction, request: 0 };
    this.context.root.append(dialog);
    dialog.focus();
    if (requestLog) this.requestLog();
  }

  openBillMenu(transaction: ExplainedTransaction, x: number, y: number): void {
    this.menu.open(
      [
        { label: 'Evaluation log', run: () => this.openBill(transaction, true) },
        { label: 'Bill details', run: () => this.openBill(transaction, false) },
      ],
      x,
      y,
    );
  }

  /** Posts `explainBill`; the answer shows if the pane still waits for it (a later request or another bill wins). */
  private requestLog(): void {
    const pane = this.pane;
    if (!pane) return;
    const request = ++this.requests;
    pane.request = request;
    showLogLoading(pane.log, pane.transaction.billNumber);
    void this.context.client.explainBill(pane.transaction.billNumber).then((log) => {
      if (this.pane === pane && pane.request === request) showLog(pane.log, log);
    });
  }

  private closeBill(restoreFocus: boolean): void {
    const pane = this.pane;
    if (!pane) return;
    this.pane = undefined;
    pane.dialog.remove();
    if (restoreFocus && pane.returnFocus?.isConnected) pane.returnFocus.focus({ preventScroll: true });
  }
}
