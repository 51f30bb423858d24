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
  explain: ExplainSeed;
}

/** One case's share of the seed: its lookups, its customers and its target groups, each keyed by ID. */
export interface SeedCase {
  lookups: SeedLookup[];
  customers: Array<[string, SampleCustomer]>;
  targetGroups: Array<[string, SampleTargetGroup]>;
}

/** A customer's bill, as GET /v2/customers/{id}/transactions lists it. */
export interface SampleBill {
  id: string;
  billNumber: string;
  /** `YYYY-MM-DD HH:MM:SS`, the server's clock (UTC). */
  billingTime: string;
  type: 'REGULAR' | 'RETURN';
  amount: string;
  storeId: string;
}

/** A target as GET /v3/targetGroups/{groupId}/targets describes it. */
export interface SampleTargetDefinition {
  targetRuleId: string;
  targetType: string;
  targetEntity: string;
  eventName: string;
  expression: string;
  filters: Array<{ entityType: 'STORE' | 'ZONE' | 'CONCEPT'; entityIds: string[] }>;
  enrolmentMethod: string;
}

/** A store of the organisation, with its zone and concept when it has them. */
export interface SampleStore {
  id: string;
  code: string;
  name: string;
  zoneId?: string;
  conceptId?: string;
}

/** A behavioural event as GET /v2/events/search lists it. */
export interface SampleBehaviouralEvent {
  eventId: string;
  eventName: string;
  customerId: string;
  /** ISO 8601. */
  date: string;
}

/** What "why it did not count" reads beyond the lookups: bills, target definitions, stores, events, evaluation trees. */
export interface ExplainSeed {
  /** By customer; customers not listed get one bill per transactional tracked event. */
  bills: Map<string, SampleBill[]>;
  /** By target group; groups not listed get a definition derived from their lookups. */
  definitions: Map<string, SampleTargetDefinition[]>;
  stores: Map<string, SampleStore>;
  behaviouralEvents: SampleBehaviouralEvent[];
  /** By bill number: the HTML evaluation tree; bills not listed get one rule line from their amount. */
  evaluationTrees: Map<string, string>;
}
