// The column titles' row and the columns' widths: sort buttons with their indicators, and header edges that resize
// a column by drag or fit it to its content by double-click. Widths are CSS variables on the grid (--col-<id>),
// which the stylesheet's column tracks read.
import { COLUMN_WIDTH_BOUNDS, type ColumnWidths } from '../../src/shared/messages';
import { h } from '../dom';
import { columns, type ColumnId, type SortSpec } from './model';

export interface ColumnLayoutCallbacks {
  onSort(column: ColumnId): void;
  /** A column was resized by the user (drag or double-click on its header edge). */
  onColumnWidthsChange(widths: ColumnWidths): void;
}

const RUNNING_TOTAL_TITLE = 'Σ of the period up to this event, in the server\u2019s order';

function columnTitle(id: ColumnId): string {
  return columns.find((column) => column.id === id)?.title ?? id;
}

export class ColumnLayout {
  /** The column titles' row. */
  readonly headerRow: HTMLElement;
  private readonly headerCells = new Map<ColumnId, HTMLElement>();
  private widths: ColumnWidths = {};

  /**
   * `grid` carries the width variables; `body` holds the rendered rows whose cells a fit to content measures.
   */
  constructor(
    private readonly grid: HTMLElement,
    private readonly body: HTMLElement,
    private readonly callbacks: ColumnLayoutCallbacks,
  ) {
    this.headerRow = h('div', {
      className: 'grid-row grid-header-row',
      attrs: { role: 'row', 'aria-rowindex': '1' },
    });
    columns.forEach((column, index) => {
      const title = column.id === 'runningTotal' ? RUNNING_TOTAL_TITLE : column.title;
      const indicator = h('span', { className: 'sort-indicator', attrs: { 'aria-hidden': 'true' } });
      const label = h('span', { className: 'column-title' }, column.title);
      const button = h('button', { className: 'sort-button', attrs: { type: 'button', title } }, label, indicator);
      button.addEventListener('click', () => this.callbacks.onSort(column.id));
      const resizer = h('span', { className: 'col-resizer', attrs: { 'aria-hidden': 'true', title: 'Drag to resize; double-click to fit' } });
      const cell = h(
        'div',
        {
          className: `grid-cell col-${column.id}${column.numeric ? ' numeric' : ''}`,
          attrs: { role: 'columnheader', 'aria-sort': 'none', 'aria-colindex': String(index + 1) },
        },
        button,
        resizer,
      );
      this.makeResizable(column.id, cell, resizer);
      this.headerCells.set(column.id, cell);
      this.headerRow.append(cell);
    });
  }

  /** Gives columns the widths the user chose (the others keep the stylesheet's flexible tracks). */
  setWidths(widths: ColumnWidths): void {
    this.widths = { ...widths };
    for (const column of columns) {
      const width = this.widths[column.id];
      if (width === undefined) this.grid.style.removeProperty(`--col-${column.id}`);
      else this.grid.style.setProperty(`--col-${column.id}`, `${width}px`);
    }
  }

  /** What each column's widest value needs (see columnFit); a width the user chose still wins over it. */
  setFit(needed: Partial<Record<ColumnId, number>>): void {
    for (const column of columns) {
      const width = needed[column.id];
      if (width === undefined) this.grid.style.removeProperty(`--fit-${column.id}`);
      else this.grid.style.setProperty(`--fit-${column.id}`, `${width}px`);
    }
  }

  /**
   * Marks the sorted column and its direction on the column titles. Sorted rows no longer follow the server's
   * order that the running totals add up in: their column says so, and the stylesheet dims them.
   */
  showSort(sort: SortSpec | undefined): void {
    const runningTotal = this.headerCells.get('runningTotal');
    if (runningTotal) {
      (runningTotal.querySelector('.column-title') as HTMLElement).textContent = sort ? 'Σ in server order' : columnTitle('runningTotal');
      (runningTotal.querySelector('.sort-button') as HTMLElement).title = sort
        ? `${RUNNING_TOTAL_TITLE}: the rows are sorted, so these totals do not add up down the rows`
        : RUNNING_TOTAL_TITLE;
    }
    this.grid.classList.toggle('rows-sorted', sort !== undefined);
    for (const [column, cell] of this.headerCells) {
      const direction = sort?.column === column ? sort.direction : 'none';
      cell.setAttribute('aria-sort', direction);
      cell.classList.toggle('sorted', direction !== 'none');
      const indicator = cell.querySelector('.sort-indicator') as HTMLElement;
      indicator.textContent = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '';
    }
  }

  private resize(column: ColumnId, width: number): void {
    const bounded = Math.round(Math.min(COLUMN_WIDTH_BOUNDS.max, Math.max(COLUMN_WIDTH_BOUNDS.min, width)));
    this.setWidths({ ...this.widths, [column]: bounded });
  }

  private makeResizable(column: ColumnId, cell: HTMLElement, resizer: HTMLElement): void {
    resizer.addEventListener('pointerdown', (down: PointerEvent) => {
      down.preventDefault();
      resizer.setPointerCapture(down.pointerId);
      resizer.classList.add('dragging');
      const startWidth = cell.getBoundingClientRect().width;
      const onMove = (move: PointerEvent) => this.resize(column, startWidth + move.clientX - down.clientX);
      const dragging = new AbortController();
      const onUp = () => {
        dragging.abort();
        resizer.classList.remove('dragging');
        this.callbacks.onColumnWidthsChange({ ...this.widths });
      };
      resizer.addEventListener('pointermove', onMove, { signal: dragging.signal });
      resizer.addEventListener('pointerup', onUp, { signal: dragging.signal });
      resizer.addEventListener('pointercancel', onUp, { signal: dragging.signal });
    });
    resizer.addEventListener('dblclick', () => {
      this.resize(column, this.contentWidth(column, cell));
      this.callbacks.onColumnWidthsChange({ ...this.widths });
    });
  }

  /** The width a column's header and rendered cells need in full (only the visible rows exist to measure). */
  private contentWidth(column: ColumnId, headerCell: HTMLElement): number {
    let width = contentWidthOf(headerCell.querySelector('.sort-button') as HTMLElement);
    for (const cell of this.body.querySelectorAll<HTMLElement>(`.event-row > .col-${column}`)) width = Math.max(width, contentWidthOf(cell));
    // Layout widths are fractional: rounding up keeps the last character from being cut.
    return Math.ceil(width) + 1;
  }
}

/** What an element's content needs, padding included, whatever width its column gives it now. */
function contentWidthOf(element: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  const style = getComputedStyle(element);
  return range.getBoundingClientRect().width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
}
