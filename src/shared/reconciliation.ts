// The reconciliation's results as they cross the protocol: the extension computes them (src/targetProgress), the
// table and the tree show them. Shapes only: the computation stays in the extension.

export type EventFlag =
  | 'outside-period'
  | 'before-enrolment'
  | 'processed-after-period-end'
  | 'duplicate-uniqueId'
  | 'negative-value'
  | 'processing-lag';

/** `match`: Σ events equals the achieved value; `unknown`: no achieved value, or Σ is incomplete. */
export type Verdict = 'match' | 'differs' | 'unknown';

export interface StreakProgress {
  status?: string;
  currentCount?: string;
  totalTargetCountOfSequence?: string;
}

export interface MilestoneProgress {
  triggerName?: string;
  triggerValue?: string;
  isAchieved?: boolean;
  /** false for an inactive milestone (asked for with includeInactiveTargets): it tracks nothing. */
  active?: boolean;
}

export interface PeriodReconciliation {
  periodId: string;
  start?: string;
  end?: string;
  status?: string;
  /** When the customer enrolled, as the server wrote it: events before it are flagged 'before-enrolment'. */
  enrolledOn?: string;
  /** What the customer must reach (the targets' targetValue). */
  goal?: string;
  /** Capillary's targetAchievedValue. */
  achieved?: string;
  eventCount: number;
  /** Exact Σ of the listed events' contributions. */
  eventsSum: string;
  /** achieved − eventsSum, "0" on a match; absent when the verdict is unknown. */
  difference?: string;
  verdict: Verdict;
  /** Whether Capillary's achieved value reaches the goal. */
  goalReached?: boolean;
  /** goal − achieved while the goal is not reached. */
  remaining?: string;
  /** The event whose running total first reached the goal. */
  crossingEventLogId?: string;
  /** Plain-language causes of a difference, or why Σ cannot be compared. */
  reasons: string[];
  streaks?: StreakProgress[];
  milestones?: MilestoneProgress[];
}

export interface Reconciliation {
  targetGroupId: string;
  targetGroupName: string;
  trackingType?: string;
  timeZoneName?: string;
  periods: PeriodReconciliation[];
  /** Flags of the flagged events only, by eventLogId. */
  flags: Record<string, EventFlag[]>;
}
