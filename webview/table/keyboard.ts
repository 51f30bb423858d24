// The tree grid's keys: arrows, Page Up/Down, Home/End move the active row (Shift extends the selection); Left and
// Right collapse, expand or move between a period and its rows; Enter opens an event's details or toggles a period;
// Ctrl/Cmd+C copies the selection; the context-menu key (or Shift+F10) opens an event's menu.
import { EXPLAIN_ROW_BASE, groupIndexOfRow, isExplainRow, isProgressRow, type RowList } from './model';

/** What the keys read from and act on in the table. */
export interface KeyboardTarget {
  /** Read again after a toggle, which replaces the rows and may move the active row. */
  rows(): RowList;
  activeRow(): number;
  /** Rows that a Page Up/Down moves by. */
  readonly pageRows: number;
  /** Where the active row is on screen, when it is rendered. */
  activeRowBox(): DOMRect | undefined;
  rowOfGroup(groupIndex: number): number;
  groupOfEvent(eventIndex: number): number;
  isExpanded(groupIndex: number): boolean;
  focusRow(index: number, extend: boolean): void;
  onToggleGroup(groupIndex: number, expand?: boolean): void;
  onCopySelection(): void;
  onContextMenu(eventIndex: number, x: number, y: number): void;
  onOpenDetails(eventIndex: number): void;
  /** A key on a row of a period's bills (notCountedRow): true when it was used. */
  onExplainKey(event: KeyboardEvent, row: number): boolean;
}

export function handleGridKey(event: KeyboardEvent, table: KeyboardTarget): void {
  if ((event.target as HTMLElement).closest('.grid-head')) return;
  const rows = table.rows();
  if (rows.length === 0) return;
  const index = table.activeRow();
  const row = rows[index];
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
    event.preventDefault();
    table.onCopySelection();
    return;
  }
  if (isExplainRow(row) && table.onExplainKey(event, row)) return;
  if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
    event.preventDefault();
    const box = table.activeRowBox();
    if (row >= 0 && box) table.onContextMenu(row, box.left + 48, box.bottom);
    return;
  }
  if (event.key === 'Enter' && row >= 0) {
    event.preventDefault();
    table.onOpenDetails(row);
    return;
  }
  const target = moveTarget(event.key, table, index, row);
  if (target === null) return;
  event.preventDefault();
  table.focusRow(target ?? table.activeRow(), event.shiftKey && target !== undefined);
}

/** The row a key moves to; undefined for a key that only toggles (or does nothing here), null for a key not handled. */
function moveTarget(key: string, table: KeyboardTarget, index: number, row: number): number | undefined | null {
  const rows = table.rows();
  switch (key) {
    case 'ArrowDown':
      return index + 1;
    case 'ArrowUp':
      return index - 1;
    case 'PageDown':
      return index + table.pageRows;
    case 'PageUp':
      return index - table.pageRows;
    case 'Home':
      return 0;
    case 'End':
      return rows.length - 1;
    case 'ArrowLeft':
      if (isProgressRow(row)) return table.rowOfGroup(groupIndexOfRow(row));
      if (row < 0 && table.isExpanded(groupIndexOfRow(row))) table.onToggleGroup(groupIndexOfRow(row), false);
      else if (row >= 0) return table.rowOfGroup(table.groupOfEvent(row));
      return undefined;
    case 'ArrowRight':
      if (row < 0 && !table.isExpanded(groupIndexOfRow(row))) table.onToggleGroup(groupIndexOfRow(row), true);
      else if (row < 0 && index + 1 < rows.length && (rows[index + 1] >= 0 || rows[index + 1] <= EXPLAIN_ROW_BASE)) return index + 1;
      return undefined;
    case 'Enter':
    case ' ':
      if (row < 0) table.onToggleGroup(groupIndexOfRow(row));
      return undefined;
    default:
      return null;
  }
}
