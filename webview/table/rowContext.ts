// What filling a row reads: the table's current data and display settings, gathered so that the row modules do not
// reach into the table.
import type { PeriodReconciliation } from '../../src/shared/reconciliation';
import { sumDecimals } from '../../src/shared/rules';
import type { RowsResult, TableModel } from './model';
import type { ExplainRowActions, ExplainRows } from './notCountedRows';

/** A row's change since the fetch before: "new", or "changed" with a title naming the fields. */
export interface RowMarker {
  kind: 'new' | 'changed';
  title: string;
}

export interface RowContext {
  readonly model: TableModel;
  readonly result: RowsResult;
  /** Each group's reconciliation (by group index), when the target progress is known. */
  readonly periods: ReadonlyArray<PeriodReconciliation | undefined>;
  readonly filtering: boolean;
  /** The events are those of a fetch under way: sums are "so far". */
  readonly partial: boolean;
  readonly lagWarningSeconds: number;
  readonly shownSums: ShownSums;
  isExpanded(groupIndex: number): boolean;
  markerOf(eventIndex: number): RowMarker | undefined;
  /** The periods' bills, when the explanation is known. */
  readonly explain?: ExplainRows;
  readonly explainActions?: ExplainRowActions;
}

/** Σ of each group's matching events under the current filter, computed only for the headers that are drawn. */
export class ShownSums {
  private readonly sums = new Map<number, string>();

  constructor(
    private readonly model: TableModel,
    private readonly result: RowsResult,
  ) {}

  /** Exact Σ targetValue of a group's events that match the filter. */
  of(groupIndex: number): string {
    let sum = this.sums.get(groupIndex);
    if (sum === undefined) {
      const { matched, matchStarts } = this.result;
      const events = this.model.events;
      const values: string[] = [];
      for (let k = matchStarts[groupIndex]; k < matchStarts[groupIndex + 1]; k++) values.push(events[matched[k]].targetValue);
      sum = sumDecimals(values);
      this.sums.set(groupIndex, sum);
    }
    return sum;
  }
}
