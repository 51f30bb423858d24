// What the endpoints of one running sample API read and change.

import type { SampleAuth } from './auth';
import type { ExplainSeed, SampleCustomer, SampleTargetGroup } from './data/types';
import type { Faults } from './faults';
import type { LookupStore } from './lookups';

export interface SampleApiStats {
  requests: number;
  eventsRequests: number;
  inFlight: number;
  maxInFlight: number;
  tokensIssued: number;
  /** Requests refused with 429 by the rate limit (faults.rateLimitPerSecond). */
  rateLimited: number;
}

export interface SampleState {
  lookups: LookupStore;
  customers: ReadonlyMap<string, SampleCustomer>;
  targetGroups: ReadonlyMap<string, SampleTargetGroup>;
  /** Bills, target definitions, stores, behavioural events and evaluation trees ("why it did not count"). */
  explain: ExplainSeed;
  /** Replaced by setFaults; the "next N" counters are used up in place. */
  faults: Faults;
  auth: SampleAuth;
  counters: SampleApiStats;
}
