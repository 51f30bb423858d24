// Row elements recycled as the view scrolls: a row that leaves the viewport is kept, per kind, for the next one
// that enters, so that scrolling refills text nodes instead of building elements. First released, first reused: rows
// released in order and taken again in order keep their DOM order (the reading order of a screen reader).
import { createEventRow, type EventRowView } from './eventRow';
import { type BillRowView, createBillRow, createExplainLine, type ExplainLineView } from './notCountedRow';
import { createGroupRow, createProgressRow, type GroupRowView, type ProgressRowView } from './periodRows';

export type RowView = EventRowView | GroupRowView | ProgressRowView | ExplainLineView | BillRowView;

export class RowPool {
  private readonly events: EventRowView[] = [];
  private readonly groups: GroupRowView[] = [];
  private readonly progress: ProgressRowView[] = [];
  private readonly explainLines: ExplainLineView[] = [];
  private readonly bills: BillRowView[] = [];

  eventRow(): EventRowView {
    return this.events.shift() ?? createEventRow();
  }

  groupRow(): GroupRowView {
    return this.groups.shift() ?? createGroupRow();
  }

  progressRow(): ProgressRowView {
    return this.progress.shift() ?? createProgressRow();
  }

  explainLine(): ExplainLineView {
    return this.explainLines.shift() ?? createExplainLine();
  }

  billRow(): BillRowView {
    return this.bills.shift() ?? createBillRow();
  }

  release(view: RowView): void {
    if (view.kind === 'event') this.events.push(view);
    else if (view.kind === 'group') this.groups.push(view);
    else if (view.kind === 'explain-line') this.explainLines.push(view);
    else if (view.kind === 'bill') this.bills.push(view);
    else this.progress.push(view);
  }

  /** Takes the rows not in use out of the document. */
  detachFree(): void {
    for (const view of [...this.events, ...this.groups, ...this.progress, ...this.explainLines, ...this.bills]) view.element.remove();
  }
}
