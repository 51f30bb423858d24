// The header of the period whose events are at the top, shown over them while its own header is scrolled away.
import { groupIndexOfRow, isExplainRow, isGroupRow, type RowsResult } from './model';
import { createGroupRow, fillGroupRow, type GroupRowView } from './periodRows';
import type { RowContext } from './rowContext';

export class StickyPeriodHeader {
  private readonly view: GroupRowView = createGroupRow('grid-row sticky-group');
  /** What the header was last filled from, so that scrolling within a period does not refill it. */
  private filledFrom?: { result: RowsResult; groupIndex: number };

  /**
   * `head` is the column titles' row group: the header is in it only while shown, so that it is never taken for
   * one of the rows. A click on it goes to the period's own header.
   */
  constructor(
    private readonly head: HTMLElement,
    onClick: (groupIndex: number) => void,
  ) {
    // A copy of a header that is in the row list too: assistive technology reads the real one.
    this.view.element.setAttribute('role', 'presentation');
    this.view.element.setAttribute('aria-hidden', 'true');
    this.view.element.addEventListener('click', () => onClick(Number(this.view.element.dataset.group)));
  }

  /** Shows the period of the top row over it, unless that row is the period's own header (or there is no row). */
  update(topRow: number | undefined, context: RowContext): void {
    const element = this.view.element;
    if (topRow === undefined || isGroupRow(topRow)) {
      element.remove();
      return;
    }
    const groupIndex = isExplainRow(topRow) ? context.explain!.groupOf(topRow) : topRow < 0 ? groupIndexOfRow(topRow) : context.model.groupOfEvent[topRow];
    if (this.filledFrom?.result !== context.result || this.filledFrom.groupIndex !== groupIndex) {
      fillGroupRow(this.view, context, groupIndex);
      this.filledFrom = { result: context.result, groupIndex };
    }
    if (!element.isConnected) this.head.append(element);
  }
}
