// Why a bill did or did not count: the target's definition and the customer's bills of each period, joined to the
// tracked events. The extension builds these (src/explain/); the table and the tree show them. Amounts are exact
// decimal text and IDs decimal strings, like the events.

/** What the target counts, from `GET /v3/targetGroups/{groupId}/targets`. */
export interface TargetDefinition {
  targetRuleId: string;
  /** e.g. "QUANTITY", "VALUE", "VISIT" as Capillary sent it. */
  targetType: string;
  /** e.g. "TRANSACTION" or "EVENT" as Capillary sent it. */
  targetEntity: string;
  /** The event the rule listens to, e.g. "TransactionAdd" or a behavioural event's name. */
  eventName: string;
  /** The rule's expression as text; empty when none was sent. */
  expression: string;
  /** The expression's JSON form, pretty-printed, when Capillary sent one. */
  expressionJson?: string;
  filters: TargetFilter[];
  /** e.g. "AUTOMATIC", "MANUAL" as Capillary sent it. */
  enrolmentMethod?: string;
}

export type FilterEntityType = 'STORE' | 'ZONE' | 'CONCEPT' | (string & {});

export interface TargetFilter {
  entityType: FilterEntityType;
  entityIds: string[];
}

/** Why a bill did not count, as far as the data shows. `unknown`: none of the others applies; never a guess. */
export type NotCountedReason =
  | 'store-filter'
  | 'zone-filter'
  | 'concept-filter'
  | 'return'
  | 'before-enrolment'
  | 'outside-period'
  | 'unknown';

export const NOT_COUNTED_REASONS: readonly NotCountedReason[] = [
  'store-filter',
  'zone-filter',
  'concept-filter',
  'return',
  'before-enrolment',
  'outside-period',
  'unknown',
];

/** One of the customer's bills in a period's window (a behavioural target: one of the customer's events). */
export interface ExplainedTransaction {
  /** Capillary's transaction ID (behavioural targets: the event's ID). */
  id: string;
  billNumber: string;
  /** As the server sent it. */
  billingTime: string;
  /** Exact decimal text. */
  amount: string;
  /** REGULAR, RETURN, ... as Capillary sent it (behavioural targets: the event's name). */
  type: string;
  store?: { id: string; code?: string; name?: string };
  /** True when a tracked event of the period was joined to this bill. */
  tracked: boolean;
  /** The joined tracked event's eventLogId. */
  eventLogId?: string;
  /** Empty when tracked. */
  reasons: NotCountedReason[];
  /** Filters that apply to the target but could not be checked for this bill (its store's zone or concept unread). */
  uncheckedFilters?: Array<'zone-filter' | 'concept-filter'>;
}

/** The bills of one period joined to its tracked events, or why they could not be read. */
export type PeriodExplanation =
  | {
      status: 'ok';
      periodId: string;
      /** The window the bills were asked for: date-only, inclusive, in the target group's time zone. */
      window: { startDate: string; endDate: string };
      transactions: ExplainedTransaction[];
      /** Tracked events of the period the join could not place on any bill. */
      unplacedEventCount: number;
    }
  | { status: 'loading'; periodId: string }
  | { status: 'unavailable'; periodId: string; message: string; httpStatus?: number };

/** The definition of a lookup's target, or why it could not be read. */
export type DefinitionInfo =
  | { status: 'ok'; definition: TargetDefinition }
  | { status: 'loading' }
  | { status: 'unavailable'; message: string; httpStatus?: number };

/** Everything the table is told about why bills did or did not count. */
export interface ExplanationInfo {
  definition: DefinitionInfo;
  /** By periodId; a period not listed has not been asked about. */
  periods: Record<string, PeriodExplanation>;
}

/** One rule line of a bill's evaluation tree: `Rule[id, name] expression -> true|false`. */
export interface EvaluatedRule {
  id: string;
  name: string;
  expression: string;
  result: boolean;
}

/** Capillary's evaluation log of one bill: its rules, or the raw answer when the tree could not be parsed. */
export type EvaluationLogInfo =
  | { status: 'ok'; billNumber: string; rules: EvaluatedRule[]; raw: string }
  | { status: 'unparsed'; billNumber: string; text: string; raw: string }
  | { status: 'unavailable'; billNumber: string; message: string; httpStatus?: number };
