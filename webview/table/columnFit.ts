// Columns sized to the data at their default widths: the IDs and the figures a user compares, and an event's flag
// reasons, are never cut (two eventLogIds differing in the last digit must not both read "9223372…"). Only the few
// events with the longest texts are measured, filled into a hidden row laid out at max-content, so that 100,000
// events cost a scan of text lengths, not a layout each. A column the user sized keeps the user's width.
import type { PeriodReconciliation } from '../../src/shared/reconciliation';
import { flagLabels } from '../../src/shared/targetProgressText';
import { h } from '../dom';
import { createEventRow, fillEventRow } from './eventRow';
import type { ColumnId, TableModel } from './model';
import { columns } from './model';
import type { RowContext } from './rowContext';

/** The columns fitted to their widest value; the dates have fixed widths of their own. */
const FITTED: readonly ColumnId[] = ['eventLogId', 'event', 'uniqueId', 'targetValue', 'runningTotal'];

/** Length of a figure once written with separators: one more character per group of three integer digits. */
function figureLength(text: string): number {
  const integerDigits = (text.split('.')[0] ?? '').replace(/^[-+]/, '').length;
  return text.length + Math.max(0, Math.floor((integerDigits - 1) / 3));
}

/** The events whose cells are the widest candidates in some fitted column. */
export function widestEvents(model: TableModel, periods: ReadonlyArray<PeriodReconciliation | undefined>): number[] {
  const { events, labels, flags } = model;
  const picked = new Set<number>();
  const longest = (score: (index: number) => number): void => {
    let best = -1;
    let bestScore = -1;
    for (let index = 0; index < events.length; index++) {
      const value = score(index);
      if (value > bestScore) {
        best = index;
        bestScore = value;
      }
    }
    if (best >= 0) picked.add(best);
  };
  longest((index) => events[index].eventLogId.length);
  longest((index) => events[index].uniqueId.length);
  longest((index) => figureLength(events[index].targetValue));
  longest((index) => labels[index].length);
  longest((index) => {
    const eventFlags = flags[index];
    return eventFlags ? labels[index].length + eventFlags.reduce((sum, flag) => sum + flagLabels[flag].length + 3, 0) : -1;
  });
  // The running totals: per period its longest, from its Σ when no value is negative (the total then only grows,
  // and Σ is its last), so that only periods with a return compute their running totals here.
  let widestTotal = { index: -1, length: -1 };
  let widestCrossing = { index: -1, length: -1 };
  for (let g = 0; g < model.groups.length; g++) {
    const members = model.membersOf(g);
    if (members.length === 0) continue;
    const falls = members.some((index) => events[index].targetValue.startsWith('-'));
    const candidates = falls ? members : [members[members.length - 1]];
    for (const index of candidates) {
      const length = falls ? figureLength(model.runningTotal(index)) : figureLength(model.groups[g].totalTargetValue);
      if (length > widestTotal.length) widestTotal = { index, length };
    }
    // The goal chip stands beside its event's running total.
    const crossing = periods[g]?.crossingEventLogId;
    if (crossing === undefined) continue;
    const crossingIndex = members.find((index) => events[index].eventLogId === crossing);
    if (crossingIndex === undefined) continue;
    const length = falls ? figureLength(model.runningTotal(crossingIndex)) : figureLength(model.groups[g].totalTargetValue);
    if (length > widestCrossing.length) widestCrossing = { index: crossingIndex, length };
  }
  for (const { index } of [widestTotal, widestCrossing]) if (index >= 0) picked.add(index);
  return [...picked];
}

/**
 * The width in pixels each fitted column needs for the given events, measured in a hidden row of `body` whose
 * tracks are max-content.
 */
export function measureFit(body: HTMLElement, context: RowContext, eventIndices: readonly number[]): Partial<Record<ColumnId, number>> {
  const needed: Partial<Record<ColumnId, number>> = {};
  if (eventIndices.length === 0) return needed;
  const probe = h('div', { className: 'column-probe', attrs: { 'aria-hidden': 'true' } });
  const views = eventIndices.map((eventIndex) => fillEventRow(createEventRow(), context, eventIndex));
  for (const view of views) view.element.removeAttribute('role');
  probe.append(...views.map((view) => view.element));
  body.append(probe);
  // One layout for all of them: every row is in place before the first measurement.
  for (const view of views) {
    columns.forEach((column, columnIndex) => {
      if (!FITTED.includes(column.id)) return;
      // Layout widths are fractional: rounding up keeps the last character from being cut.
      const width = Math.ceil(view.cells[columnIndex].getBoundingClientRect().width) + 1;
      needed[column.id] = Math.max(needed[column.id] ?? 0, width);
    });
  }
  probe.remove();
  return needed;
}
