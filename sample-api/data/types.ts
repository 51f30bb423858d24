// Shapes of the sample API's seed data. IDs and targetValue are strings so that Longs past 2^53 and decimals such
// as "1.000" are emitted exactly.

export interface SampleEvent {
  eventLogId: string;
  eventName: string;
  customerId: string;
  eventDisplayName: string | null;
  uniqueId: string;
  eventDate: string;
  eventProcessedDate: string;
  periodId: string;
  targetGroupId: string;
  targetRuleId: string;
  targetValue: string;
}

export interface LookupIds {
  userId: string;
  targetRuleId: string;
}

export interface SeedLookup extends LookupIds {
  events: SampleEvent[];
  /** When the customer enrolled in the target (`YYYY-MM-DD HH:MM:SS`); activity before it earns no credit. */
  enrolledOn?: string;
}

export interface SampleCustomer {
  firstName: string;
  lastName: string;
  mobile: string;
  email: string;
  externalId: string;
}

/** A period of a group's calendar, dates as `YYYY-MM-DD` (the end date is inclusive). */
export interface SampleCalendarPeriod {
  periodId: string;
  startDate: string;
  endDate: string;
}

export interface SampleTargetGroup {
  name: string;
  trackingType: 'DEFAULT' | 'STREAKS';
  /** The goal of each period's target, as decimal text. */
  targetGoal: string;
  /** The period calendar; without one, periods are derived from the events. A calendar may hold periods without events. */
  calendar?: SampleCalendarPeriod[];
}

export interface Seed {
  lookups: SeedLookup[];
  customers: Map<string, SampleCustomer>;
  targetGroups: Map<string, SampleTargetGroup>;
}

/** One case's share of the seed: its lookups, its customers and its target groups, each keyed by ID. */
export interface SeedCase {
  lookups: SeedLookup[];
  customers: Array<[string, SampleCustomer]>;
  targetGroups: Array<[string, SampleTargetGroup]>;
}
