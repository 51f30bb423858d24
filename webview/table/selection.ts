// Which rows are selected: the active row (the one with the keyboard) and the anchor that a Shift+click or
// Shift+arrow selection runs from, both as indexes into the current row list.
import { groupIndexOfRow, isExplainRow, type RowList, type TableModel } from './model';

export class RowSelection {
  active = 0;
  anchor = 0;

  /** Makes a row active (clamped to the list); `extend` keeps the anchor, as Shift does. */
  moveTo(index: number, rowCount: number, extend: boolean): void {
    this.active = clampIndex(index, rowCount);
    if (!extend) this.anchor = this.active;
  }

  /** Back to one row: the active one. */
  collapse(): void {
    this.anchor = this.active;
  }

  /** Keeps both ends within a list of `rowCount` rows. */
  clamp(rowCount: number): void {
    this.active = clampIndex(this.active, rowCount);
    this.anchor = clampIndex(this.anchor, rowCount);
  }

  /** First and last row of the selection (one row when nothing was extended). */
  range(): [number, number] {
    return [Math.min(this.anchor, this.active), Math.max(this.anchor, this.active)];
  }

  /**
   * Rows were added to the same model: both ends follow their rows to where they now are. Row values of one model
   * name the same event or header, so finding them is one typed-array scan.
   */
  follow(oldRows: RowList, newRows: RowList): void {
    const follow = (index: number) => {
      const row = oldRows[index];
      const moved = row === undefined ? -1 : newRows.indexOf(row);
      return moved >= 0 ? moved : index;
    };
    this.active = follow(this.active);
    this.anchor = follow(this.anchor);
  }

  /** The events of the selected rows, in the order shown (period headers and progress lines are skipped). */
  selectedEvents(rows: RowList): number[] {
    const [start, end] = this.range();
    const events: number[] = [];
    for (let index = start; index <= end; index++) {
      const row = rows[index];
      if (row !== undefined && row >= 0) events.push(row);
    }
    return events;
  }
}

function clampIndex(index: number, rowCount: number): number {
  return Math.max(0, Math.min(index, rowCount - 1));
}

/**
 * What a row shows, across data sets: an event by eventLogId, a period by periodId (so that new data can keep the
 * same row active); undefined for no row.
 */
export function rowKey(model: TableModel, row: number | undefined): string | undefined {
  if (row === undefined) return undefined;
  // A bill's row keeps its value while the explanation stays.
  if (isExplainRow(row)) return `bill row ${row}`;
  return row < 0 ? `period ${model.groups[groupIndexOfRow(row)].periodId}` : `event ${model.events[row].eventLogId}`;
}

/** Index of the row with a key in a row list, or -1. */
export function rowOfKey(model: TableModel, rows: RowList, key: string): number {
  return rows.findIndex((row) => rowKey(model, row) === key);
}
