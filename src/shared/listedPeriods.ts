// Which periods a lookup lists, in which order, with their reconciliation: the calendar's periods (those without
// events too), or only the filtered one; without progress, the periods of the events as they came.
import type { PeriodReconciliation, Reconciliation } from './reconciliation';
import type { PeriodGroup } from './domain';

export interface ListedPeriod {
  group: PeriodGroup;
  period?: PeriodReconciliation;
}

/** A period without events: listed from the calendar, or (the webview) a period whose rows are still being filed. */
export function emptyPeriodGroup(periodId: string, targetGroupId = '', targetRuleId = ''): PeriodGroup {
  return {
    periodId,
    targetGroupId,
    targetRuleId,
    events: [],
    count: 0,
    totalTargetValue: '0',
    firstEventDate: '',
    lastEventDate: '',
    countsByEventName: {},
    maxProcessingLagSeconds: null,
  };
}

export function listedPeriods(
  groups: readonly PeriodGroup[],
  reconciliation: Reconciliation | undefined,
  lookup: { targetRuleId: string; periodId?: string },
): ListedPeriod[] {
  if (!reconciliation) return groups.map((group) => ({ group }));
  const byId = new Map(groups.map((group) => [group.periodId, group]));
  return reconciliation.periods
    .filter((period) => lookup.periodId === undefined || period.periodId === lookup.periodId || byId.has(period.periodId))
    .map((period) => ({
      group: byId.get(period.periodId) ?? emptyPeriodGroup(period.periodId, reconciliation.targetGroupId, lookup.targetRuleId),
      period,
    }));
}
