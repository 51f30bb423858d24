// Builds what a lookup's table is told about why bills did or did not count: the target's definition (read once),
// the customer's bills (or behavioural events) of the listed periods' windows (one ranged read, split per period),
// the stores' zones and concepts when a filter needs them, the join and the reasons. No vscode: the unit tests run
// it against the sample API. An endpoint that fails makes only its part unavailable, with Capillary's status and
// message; it never throws for an answer of Capillary's (only a cancellation).
import { isCancellation, isCapillaryApiError, type CapillarySource, type PeriodGroup, type ProgressPeriod, type StoreParents, type TargetProgress } from '../capillary';
import type { DefinitionInfo, ExplainedTransaction, ExplanationInfo, PeriodExplanation, TargetDefinition } from '../shared/explanation';
import { explanationUnavailableText, type EndpointFailure } from '../shared/display';
import { placeEvents } from './join';
import { notCountedReasons } from './reasons';
import { coveringWindow, inWindow, localDate, periodWindow, type DateWindow } from './windows';

export interface ExplainInput {
  userId: string;
  targetRuleId: string;
  targetGroupId: string;
  /** The shown events by period. */
  groups: readonly PeriodGroup[];
  /** The periods to explain. */
  periodIds: readonly string[];
  /** The target progress (its periods' windows, enrolment and time zone), or why it could not be read. */
  progress: TargetProgress | Error;
  /** The definition as already read for this lookup: it is read once. */
  definition?: DefinitionInfo;
}

/** A subject of the join: a bill, or a behavioural event for a target that counts events. */
interface Subject {
  transaction: Omit<ExplainedTransaction, 'tracked' | 'reasons'>;
  localDate?: string;
}

function failureOf(error: unknown): EndpointFailure {
  if (isCancellation(error)) throw error;
  if (isCapillaryApiError(error)) return { httpStatus: error.httpStatus, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

function unavailable(periodId: string, what: string, failure: EndpointFailure): PeriodExplanation {
  return { status: 'unavailable', periodId, message: explanationUnavailableText(what, failure), ...(failure.httpStatus === undefined ? {} : { httpStatus: failure.httpStatus }) };
}

/** The target's definition from its group's targets. */
export async function readDefinition(source: CapillarySource, input: Pick<ExplainInput, 'targetGroupId' | 'targetRuleId'>, signal?: AbortSignal): Promise<DefinitionInfo> {
  try {
    const definitions = await source.getTargetDefinitions(input.targetGroupId, { signal });
    const definition = definitions.find((candidate) => candidate.targetRuleId === input.targetRuleId);
    if (definition) return { status: 'ok', definition };
    return { status: 'unavailable', message: `Target group ${input.targetGroupId} lists no target with rule ${input.targetRuleId}.` };
  } catch (error) {
    const failure = failureOf(error);
    return { status: 'unavailable', message: explanationUnavailableText("The target's definition", failure), ...(failure.httpStatus === undefined ? {} : { httpStatus: failure.httpStatus }) };
  }
}

function isBehavioural(definition: TargetDefinition): boolean {
  return definition.targetEntity.toUpperCase() === 'EVENT';
}

async function readSubjects(source: CapillarySource, definition: TargetDefinition, input: ExplainInput, window: DateWindow, timeZone: string | undefined, signal?: AbortSignal): Promise<Subject[]> {
  if (isBehavioural(definition)) {
    const events = await source.searchBehaviouralEvents(
      { customerId: input.userId, eventName: definition.eventName, fromDate: `${window.startDate}T00:00:00`, tillDate: `${window.endDate}T23:59:59` },
      { signal },
    );
    return events.map((event) => ({
      transaction: { id: event.eventId, billNumber: '', billingTime: event.date, amount: '', type: event.eventName },
      localDate: localDate(event.date, timeZone),
    }));
  }
  const bills = await source.getCustomerTransactions({ customerId: input.userId, ...window }, { signal });
  return bills.map((bill) => ({
    transaction: { id: bill.id, billNumber: bill.billNumber, billingTime: bill.billingTime, amount: bill.amount, type: bill.type, ...(bill.store ? { store: bill.store } : {}) },
    localDate: localDate(bill.billingTime, timeZone),
  }));
}

/** The stores' zones and concepts, read only when a ZONE or CONCEPT filter needs them; undefined when unreadable. */
async function readStoreParents(source: CapillarySource, definition: TargetDefinition, subjects: readonly Subject[], signal?: AbortSignal): Promise<Map<string, StoreParents> | undefined> {
  if (!definition.filters.some((filter) => ['ZONE', 'CONCEPT'].includes(filter.entityType.toUpperCase()))) return new Map();
  const storeIds = [...new Set(subjects.flatMap((subject) => (subject.transaction.store ? [subject.transaction.store.id] : [])))];
  try {
    return await source.getStoreParents(storeIds, { signal });
  } catch (error) {
    failureOf(error);
    return undefined;
  }
}

function explainPeriod(period: ProgressPeriod, window: DateWindow, subjects: readonly Subject[], group: PeriodGroup | undefined, definition: TargetDefinition, stores: Map<string, StoreParents> | undefined): PeriodExplanation {
  const inPeriod = subjects.filter((subject) => inWindow(subject.localDate, window));
  const { eventBySubject, unplacedCount } = placeEvents(inPeriod.map((subject) => subject.transaction.id), group?.events ?? []);
  const transactions = inPeriod.map(({ transaction }): ExplainedTransaction => {
    const event = eventBySubject.get(transaction.id);
    if (event) return { ...transaction, tracked: true, eventLogId: event.eventLogId, reasons: [] };
    const storeId = transaction.store?.id;
    const parents = storeId === undefined ? undefined : stores?.get(storeId);
    const verdict = notCountedReasons(
      { time: transaction.billingTime, type: transaction.type, storeId, parents },
      { periodStart: period.start, periodEnd: period.end, enrolledOn: period.enrolledOn, filters: isBehavioural(definition) ? [] : definition.filters },
    );
    return { ...transaction, tracked: false, reasons: verdict.reasons, ...(verdict.uncheckedFilters.length > 0 ? { uncheckedFilters: verdict.uncheckedFilters } : {}) };
  });
  return { status: 'ok', periodId: period.periodId, window, transactions, unplacedEventCount: unplacedCount };
}

export async function explainLookup(source: CapillarySource, input: ExplainInput, signal?: AbortSignal): Promise<ExplanationInfo> {
  const definitionInfo = input.definition?.status === 'ok' ? input.definition : await readDefinition(source, input, signal);
  const periods: Record<string, PeriodExplanation> = {};
  const progress = input.progress;
  if (progress instanceof Error) {
    const failure = failureOf(progress);
    for (const periodId of input.periodIds) periods[periodId] = unavailable(periodId, "The period's window (from the target progress)", failure);
    return { definition: definitionInfo, periods };
  }
  if (definitionInfo.status !== 'ok') {
    const failure = { message: definitionInfo.status === 'unavailable' ? definitionInfo.message : 'not read', httpStatus: definitionInfo.status === 'unavailable' ? definitionInfo.httpStatus : undefined };
    for (const periodId of input.periodIds) periods[periodId] = { status: 'unavailable', periodId, message: `Needs the target's definition: ${failure.message}`, ...(failure.httpStatus === undefined ? {} : { httpStatus: failure.httpStatus }) };
    return { definition: definitionInfo, periods };
  }
  const definition = definitionInfo.definition;
  const windows = new Map<string, { period: ProgressPeriod; window: DateWindow }>();
  for (const periodId of input.periodIds) {
    const period = progress.periods.find((candidate) => candidate.periodId === periodId);
    const window = period && periodWindow(period.start, period.end, progress.timeZoneName);
    if (period && window) windows.set(periodId, { period, window });
    else periods[periodId] = unavailable(periodId, "The period's window", { message: `the target progress gives no bounds for period ${periodId}` });
  }
  const covering = coveringWindow([...windows.values()].map((entry) => entry.window));
  if (!covering) return { definition: definitionInfo, periods };
  let subjects: Subject[];
  try {
    subjects = await readSubjects(source, definition, input, covering, progress.timeZoneName, signal);
  } catch (error) {
    const failure = failureOf(error);
    const what = isBehavioural(definition) ? "The customer's events" : "The customer's bills";
    for (const periodId of windows.keys()) periods[periodId] = unavailable(periodId, what, failure);
    return { definition: definitionInfo, periods };
  }
  const stores = await readStoreParents(source, definition, subjects, signal);
  const groups = new Map(input.groups.map((group) => [group.periodId, group]));
  for (const [periodId, { period, window }] of windows) periods[periodId] = explainPeriod(period, window, subjects, groups.get(periodId), definition, stores);
  return { definition: definitionInfo, periods };
}
