// The rows of a period's bills (notCountedRows): a line ("Not counted (n)", "Counted (n)", loading, unavailable,
// unplaced events) and a bill (number, why, store, time, type, amount, its evaluation log's button), built once and
// refilled in place as row elements are recycled; and their keys.
import type { ExplainedTransaction } from '../../src/shared/explanation';
import {
  formatApiDate,
  formatCount,
  formatDecimalText,
  NO_VALUE,
  notCountedHeading,
  notCountedReasonsText,
  plural,
  uncheckedFilterText,
} from '../../src/shared/display';
import { h, setText, textSlot } from '../dom';
import { unavailableText } from '../views/explainViews';
import { columns, EXPLAIN_ROW_BASE, isExplainRow, type RowList } from './model';
import { type ExplainRow, type ExplainRowActions, type ExplainRows, isSectionExpanded } from './notCountedRows';
import type { RowContext } from './rowContext';

export interface ExplainLineView {
  kind: 'explain-line';
  element: HTMLElement;
  chevron: HTMLElement;
  heading: Text;
  detail: Text;
}

export interface BillRowView {
  kind: 'bill';
  element: HTMLElement;
  cells: HTMLElement[];
  billNumber: Text;
  why: Text;
  unchecked: HTMLElement;
  uncheckedText: Text;
  store: Text;
  time: Text;
  type: Text;
  amount: Text;
}

export function createExplainLine(): ExplainLineView {
  const chevron = h('span', { className: 'chevron', attrs: { 'aria-hidden': 'true' } });
  const heading = h('strong', { className: 'explain-heading' });
  const detail = h('span', { className: 'explain-detail' });
  const cell = h(
    'div',
    { className: 'grid-cell explain-info', attrs: { role: 'gridcell', 'aria-colindex': '1', 'aria-colspan': String(columns.length) } },
    chevron,
    heading,
    detail,
  );
  const element = h('div', { className: 'grid-row explain-line', attrs: { role: 'row', 'aria-level': '2' } }, cell);
  return { kind: 'explain-line', element, chevron, heading: textSlot(heading), detail: textSlot(detail) };
}

export function createBillRow(): BillRowView {
  const cells = columns.map((column, index) =>
    h('div', {
      className: `grid-cell col-${column.id}${column.numeric ? ' numeric' : ''}`,
      attrs: { role: 'gridcell', 'aria-colindex': String(index + 1) },
    }),
  );
  const element = h('div', { className: 'grid-row bill-row', attrs: { role: 'row', 'aria-level': '3' } }, ...cells);
  const [numberCell, whyCell, storeCell, timeCell, typeCell, amountCell, logCell] = cells;
  const why = h('span', { className: 'bill-why' });
  const unchecked = h('span', { className: 'bill-unchecked' });
  whyCell.append(why, unchecked);
  // Not a tab stop: the row keeps the grid's one; Enter on the row and its menu reach the log from the keyboard.
  logCell.append(h('button', { className: 'evaluation-log-button', attrs: { type: 'button', tabindex: '-1' } }, 'Evaluation log'));
  return {
    kind: 'bill',
    element,
    cells,
    billNumber: textSlot(numberCell),
    why: textSlot(why),
    unchecked,
    uncheckedText: textSlot(unchecked),
    store: textSlot(storeCell),
    time: textSlot(timeCell),
    type: textSlot(typeCell),
    amount: textSlot(amountCell),
  };
}

/** "store 101 · S-101 · Downtown": the ID as sent, then what else was read of it. */
export function storeText(store: ExplainedTransaction['store']): string {
  if (!store) return NO_VALUE;
  return [`store ${store.id}`, store.code, store.name].filter((part) => part !== undefined && part !== '').join(' · ');
}

/** Why a bill did not count, or the tracked event it counted as. */
export function billWhyText(transaction: ExplainedTransaction): string {
  if (transaction.tracked) return transaction.eventLogId ? `counted as eventLogId ${transaction.eventLogId}` : 'counted';
  return notCountedReasonsText(transaction.reasons);
}

export function fillBillRow(view: BillRowView, context: RowContext, value: number): BillRowView {
  const row = context.explain!.row(value) as Extract<ExplainRow, { kind: 'bill' }>;
  const transaction = row.transaction;
  view.element.classList.toggle('counted', transaction.tracked);
  setText(view.billNumber, transaction.billNumber);
  view.cells[0].title = `Bill ${transaction.billNumber} · transaction ID ${transaction.id}`;
  const why = billWhyText(transaction);
  setText(view.why, why);
  const unchecked = (transaction.uncheckedFilters ?? []).map(uncheckedFilterText).join('; ');
  setText(view.uncheckedText, unchecked === '' ? '' : ` · ${unchecked}`);
  view.unchecked.hidden = unchecked === '';
  view.cells[1].title = unchecked === '' ? why : `${why}\n${unchecked}`;
  const store = storeText(transaction.store);
  setText(view.store, store);
  view.cells[2].title = store;
  setText(view.time, formatApiDate(transaction.billingTime));
  view.cells[3].title = transaction.billingTime;
  setText(view.type, transaction.type);
  setText(view.amount, formatDecimalText(transaction.amount));
  view.cells[5].title = transaction.amount;
  return view;
}

export function fillExplainLine(view: ExplainLineView, context: RowContext, value: number): ExplainLineView {
  const explain = context.explain!;
  const row = explain.row(value);
  const element = view.element;
  element.className = `grid-row explain-line ${row.kind}`;
  view.chevron.hidden = row.kind !== 'section';
  element.removeAttribute('aria-expanded');
  element.removeAttribute('aria-busy');
  switch (row.kind) {
    case 'state':
      if (row.period.status === 'loading') {
        setText(view.heading, 'Not counted: loading the customer\u2019s bills\u2026');
        setText(view.detail, '');
        element.setAttribute('aria-busy', 'true');
      } else {
        setText(view.heading, 'Not counted: unavailable');
        setText(view.detail, unavailableText(row.period.message, row.period.httpStatus));
        element.classList.add('unavailable');
      }
      break;
    case 'section': {
      const matches = explain.matchesOf(value);
      const expanded = matches !== undefined || isSectionExpanded(row, context.explainActions?.toggledSections ?? new Set());
      element.setAttribute('aria-expanded', String(expanded));
      setText(view.heading, row.section === 'not-counted' ? notCountedHeading(row.bills) : `Counted (${formatCount(row.bills)})`);
      const window = `bills of ${row.period.window.startDate} \u2013 ${row.period.window.endDate}`;
      setText(view.detail, matches === undefined ? window : `${plural(matches, 'bill')} match \u00b7 ${window}`);
      break;
    }
    case 'unplaced':
      setText(view.heading, `${plural(row.count, 'tracked event')} of this period could not be placed on a bill`);
      setText(view.detail, '');
      break;
    case 'bill':
      break;
  }
  element.title = `${view.heading.data}${view.detail.data ? ` \u00b7 ${view.detail.data}` : ''}`;
  return view;
}

/** What the keys on a bill's rows read and do. */
export interface ExplainKeyTarget {
  rows: RowList;
  index: number;
  explain: ExplainRows;
  actions: ExplainRowActions;
  activeRowBox(): DOMRect | undefined;
  rowOfGroup(groupIndex: number): number;
  focusRow(index: number): void;
}

/**
 * Enter opens a bill (in the details pane) or toggles a section; Left collapses a section or goes to what holds the
 * row; Right expands a section or enters it; the context-menu key opens a bill's menu. True when the key was used.
 */
export function handleExplainKey(event: KeyboardEvent, value: number, target: ExplainKeyTarget): boolean {
  const row = target.explain.row(value);
  const { rows, index, actions } = target;
  const expanded = row.kind === 'section' && (target.explain.matchesOf(value) !== undefined || isSectionExpanded(row, actions.toggledSections));
  const filtering = target.explain.matchesOf(value) !== undefined;
  switch (event.key) {
    case 'Enter':
    case ' ':
      if (row.kind === 'bill') actions.openBill(row.transaction, false);
      else if (row.kind === 'section' && !filtering) actions.toggleSection(row.key);
      break;
    case 'ArrowLeft':
      if (row.kind === 'section' && expanded && !filtering) actions.toggleSection(row.key);
      else if (row.kind === 'bill' && rows.indexOf(EXPLAIN_ROW_BASE - row.sectionRow) >= 0) target.focusRow(rows.indexOf(EXPLAIN_ROW_BASE - row.sectionRow));
      else target.focusRow(target.rowOfGroup(row.group));
      break;
    case 'ArrowRight':
      if (row.kind === 'section' && !expanded) actions.toggleSection(row.key);
      else if (row.kind === 'section' && index + 1 < rows.length && isExplainRow(rows[index + 1]) && target.explain.row(rows[index + 1]).kind === 'bill') target.focusRow(index + 1);
      break;
    case 'ContextMenu':
    case 'F10': {
      if (event.key === 'F10' && !event.shiftKey) return false;
      const box = target.activeRowBox();
      if (row.kind === 'bill' && box) actions.openBillMenu(row.transaction, box.left + 48, box.bottom);
      break;
    }
    default:
      return false;
  }
  event.preventDefault();
  return true;
}
