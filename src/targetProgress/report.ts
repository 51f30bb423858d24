// What the table, the tree, exports and the lookup command say about a lookup's target progress: the reconciliation
// of the shown events with the progress fetched beside them, or why there is none. Pure (no vscode import).
import { CapillaryApiError, type LookupResult, type TrackedTargetEvent } from '../capillary';
import { eventRunningTotals, reconcile, type EventFlag, type PeriodReconciliation } from './reconcile';
import { type EventAnnotations, type ProgressExport } from '../export/format';
import type { ShownResult } from '../lookup/lookupState';
import type { TargetProgressInfo } from '../shared/messages';

export interface ProgressOptions {
  /** The lookup's periodId filter. */
  periodId?: string;
  lagFlagSeconds?: number;
}

/** The shown events reconciled with their progress, or what keeps the progress from being shown. */
export function targetProgressInfo(shown: Pick<ShownResult, 'result' | 'complete' | 'targetProgress'>, options: ProgressOptions): TargetProgressInfo {
  const part = shown.targetProgress;
  switch (part.status) {
    case 'loading':
      return { status: 'loading' };
    case 'unavailable':
      return {
        status: 'unavailable',
        message: part.error.message,
        hint: part.error instanceof CapillaryApiError ? part.error.hint : 'See the "Capillary" output channel for details.',
      };
    case 'ok':
      return {
        status: 'ok',
        reconciliation: reconcile(shown.result, part.targetProgress, { ...options, complete: shown.complete }),
      };
  }
}

/** `result.progress` of `capillary.lookupEvents`: the contract scripts and tests rely on. */
export interface LookupProgress {
  status: 'ok' | 'unavailable';
  message?: string;
  targetGroupId?: string;
  targetGroupName?: string;
  trackingType?: string;
  timeZoneName?: string;
  periods: PeriodReconciliation[];
}

export interface AnnotatedEvent extends TrackedTargetEvent {
  flags: EventFlag[];
  /** Σ of the period's events up to and including this one. */
  runningTotal: string;
}

export type ReconciledLookupResult = Omit<LookupResult, 'events'> & { events: AnnotatedEvent[]; progress: LookupProgress };

/** The lookup result with its progress and every event's flags and running total; what it held before stays as it was. */
export function withProgress(result: LookupResult, info: TargetProgressInfo): ReconciledLookupResult {
  const flags = info.status === 'ok' ? info.reconciliation.flags : {};
  const totals = eventRunningTotals(result.groups);
  const events = result.events.map((event) => ({
    ...event,
    flags: flags[event.eventLogId] ?? [],
    runningTotal: totals.get(event.eventLogId) ?? event.targetValue,
  }));
  return { ...result, events, progress: lookupProgress(info) };
}

export function lookupProgress(info: TargetProgressInfo): LookupProgress {
  if (info.status === 'ok') {
    // The flags travel on each event of the result, not a second time in the progress.
    const { periods, targetGroupId, targetGroupName, trackingType, timeZoneName } = info.reconciliation;
    return { status: 'ok', periods, targetGroupId, targetGroupName, trackingType, timeZoneName };
  }
  return {
    status: 'unavailable',
    message: info.status === 'loading' ? 'The target progress had not arrived.' : info.message,
    periods: [],
  };
}

/** What an export carries of the reconciliation: the progress section and each event's running total and flags. */
export function exportReconciliation(result: LookupResult, info: TargetProgressInfo): { progress: ProgressExport; annotations: EventAnnotations } {
  const flags = info.status === 'ok' ? info.reconciliation.flags : {};
  return {
    progress: { ...lookupProgress(info), flags },
    annotations: { runningTotals: eventRunningTotals(result.groups), flags },
  };
}
