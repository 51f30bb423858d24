// What features read Capillary through. createCapillaryClient (client.ts) implements it over the target APIs; a
// future source (Capillary's Loyalty Promotions APIs) is one more module implementing it.
import type { TargetProgress, ProgressParams, TargetProgressOptions } from './targetProgress';
import type { UserTargetGroups } from './endpoints/targetGroups';
import type { TargetPeriod } from './endpoints/targetPeriods';
import type { CustomerTransaction, TransactionWindow } from './endpoints/customerTransactions';
import type { BehaviouralEvent, EventsSearch } from './endpoints/eventsSearch';
import type { StoreParents } from './endpoints/orgEntities';
import type { EvaluationLogInfo, TargetDefinition } from '../shared/explanation';
import type { EventsPage, FetchOptions, LookupParams, LookupResult, PageParams } from './types';

export interface CapillarySource {
  /** Every event of the lookup, page by page. */
  fetchTrackedTargetEvents(params: LookupParams, options?: FetchOptions): Promise<LookupResult>;
  /** One page, as asked for. */
  fetchTrackedTargetEventsPage(params: PageParams, options?: { signal?: AbortSignal }): Promise<EventsPage>;
  /** The customer's target groups with every cycle: for the wizard, and to hand to getTargetProgress. */
  getUserTargetGroups(userId: string, options?: { signal?: AbortSignal }): Promise<UserTargetGroups>;
  getTargetPeriods(targetGroupId: string, options?: { signal?: AbortSignal }): Promise<TargetPeriod[]>;
  /**
   * The customer's goal and achieved value per period of the target, with the group's period calendar;
   * `options.targetGroups` (getUserTargetGroups' answer for the same user) spares asking for them again.
   */
  getTargetProgress(params: ProgressParams, options?: TargetProgressOptions): Promise<TargetProgress>;
  /** What each target of the group counts (its rule, filters and enrolment method). */
  getTargetDefinitions(targetGroupId: string, options?: { signal?: AbortSignal }): Promise<TargetDefinition[]>;
  /** The customer's bills (regular and returns) in a date window, every page. */
  getCustomerTransactions(window: TransactionWindow, options?: { signal?: AbortSignal }): Promise<CustomerTransaction[]>;
  /** The customer's behavioural events of one name in a window, every page. */
  searchBehaviouralEvents(search: EventsSearch, options?: { signal?: AbortSignal }): Promise<BehaviouralEvent[]>;
  /** The zone and concept of the stores Capillary lists among `storeIds`. */
  getStoreParents(storeIds: readonly string[], options?: { signal?: AbortSignal }): Promise<Map<string, StoreParents>>;
  /** A bill's evaluation log; an endpoint this cluster does not offer is an `unavailable` answer, not an error. */
  getEvaluationLog(bill: { billNumber: string; transactionId?: string }, options?: { signal?: AbortSignal }): Promise<EvaluationLogInfo>;
  /** Closes idle keep-alive sockets; call when the source is no longer needed. */
  dispose(): void;
}

/** The name callers know the source by. */
export type CapillaryClient = CapillarySource;
