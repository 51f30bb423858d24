// The rows held, filed under their periods. The extension groups the events (src/shared/grouping) as they arrive
// and sends, beside each update's rows, the summaries of the periods those rows belong to; here each row only goes
// into its period's event list, so that taking in 50,000 rows reads no date and adds no decimal.
import type { PeriodGroup, PeriodSummary, TrackedTargetEvent } from '../../src/shared/domain';
import { groupByPeriod, periodSummary } from '../../src/shared/grouping';
import { emptyPeriodGroup } from '../../src/shared/listedPeriods';

export class RowGroups {
  /** In the order periods first appear among the rows; live: a new period is appended, a known one grows in place. */
  readonly groups: PeriodGroup[] = [];
  private readonly byPeriod = new Map<string, PeriodGroup>();

  /** Appends rows, and takes the summaries of their periods (over every row held once these are added). */
  add(events: readonly TrackedTargetEvent[], periods: readonly PeriodSummary[]): this {
    let group: PeriodGroup | undefined;
    for (const event of events) {
      // Rows come period after period in most results: the period of the row before is checked first.
      if (group?.periodId !== event.periodId) group = this.byPeriod.get(event.periodId) ?? this.newGroup(event.periodId);
      group.events.push(event);
    }
    const summarised = new Set<string>();
    for (const summary of periods) {
      const known = this.byPeriod.get(summary.periodId);
      if (known) Object.assign(known, summary);
      summarised.add(summary.periodId);
    }
    // A period whose rows came without its summary (the extension always sends it) is summarised here, by the same rule.
    for (const event of events) {
      if (summarised.has(event.periodId)) continue;
      summarised.add(event.periodId);
      const unsummarised = this.byPeriod.get(event.periodId)!;
      Object.assign(unsummarised, periodSummary(groupByPeriod(unsummarised.events)[0]));
    }
    return this;
  }

  private newGroup(periodId: string): PeriodGroup {
    const group = emptyPeriodGroup(periodId);
    this.byPeriod.set(periodId, group);
    this.groups.push(group);
    return group;
  }
}
