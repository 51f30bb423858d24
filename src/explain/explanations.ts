// When and how a lookup's "why it did not count" is read. It is read in the background once the lookup's events are
// complete and its target progress has settled, and again only when the shown event list changes (a watch that
// brings the same events reads nothing); it never delays the rows. The definition is read once per lookup (the tree
// asks for it alone). Whoever shows it (the table, the tree, the commands) asks `current`, which starts the read.
import * as vscode from 'vscode';
import { CapillaryApiError, isCancellation, type CapillaryClient } from '../capillary';
import type { Connections } from '../profiles/connections';
import { findProfile } from '../profiles/settings';
import { lookupKey, type Lookup, type LookupService } from '../lookup/lookups';
import { shownResult, type ShownResult } from '../lookup/lookupState';
import type { DefinitionInfo, EvaluationLogInfo, ExplanationInfo, PeriodExplanation } from '../shared/explanation';
import { explainLookup, readDefinition, type ExplainInput } from './build';

interface DefinitionRead {
  info: DefinitionInfo;
  settled: Promise<DefinitionInfo>;
}

interface Entry {
  /** What the explanation was read for: the event list, its length and the target progress. */
  basis: string;
  revision: number;
  info: ExplanationInfo;
  controller: AbortController;
  settled: Promise<ExplanationInfo>;
}

export class Explanations implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** The definition per lookup, read once (the tree asks for nothing more). */
  private readonly definitions = new Map<string, DefinitionRead>();
  private nextRevision = 1;
  private readonly changed = new vscode.EventEmitter<Lookup>();
  /** A lookup's explanation began loading or arrived. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly lookups: LookupService,
    private readonly connections: Connections,
  ) {
    // A lookup forgotten (removed and not shown) forgets its explanation too.
    this.subscription = lookups.onDidChange((lookup) => {
      if (lookups.state(lookup).fetch.phase === 'idle' && !lookups.isRunning(lookup)) this.forget(lookup);
    });
  }

  /**
   * The explanation of the lookup's shown events and its revision (a new one whenever it changed); starts reading
   * it when the events are complete and not read for yet. Undefined while there is nothing complete to explain.
   */
  current(lookup: Lookup): { revision: number; info: ExplanationInfo } | undefined {
    const key = lookupKey(lookup);
    const shown = shownResult(this.lookups.state(lookup));
    if (!shown?.complete || shown.targetProgress.status === 'loading') return this.entries.get(key);
    const basis = basisOf(shown);
    const entry = this.entries.get(key);
    if (entry?.basis === basis) return entry;
    entry?.controller.abort();
    return this.start(lookup, shown, basis, entry);
  }

  /** Settles with the explanation of the lookup's complete events (read when needed); undefined when there are none. */
  settled(lookup: Lookup): Promise<ExplanationInfo> | undefined {
    return this.current(lookup) ? this.entries.get(lookupKey(lookup))?.settled : undefined;
  }

  /** The target's definition for the tree: read once, alone; undefined until the lookup's events name their group. */
  definition(lookup: Lookup): DefinitionInfo | undefined {
    const known = this.entries.get(lookupKey(lookup))?.info.definition;
    if (known && known.status !== 'loading') return known;
    const shown = shownResult(this.lookups.state(lookup));
    if (!shown?.complete || shown.targetProgress.status === 'loading') return { status: 'loading' };
    return this.readDefinitionOnce(lookup, groupIdOf(shown)).info;
  }

  /** Capillary's evaluation log of a bill, with the profile's credentials; never rejects but for a cancellation. */
  async evaluationLog(profileName: string, billNumber: string, transactionId?: string): Promise<EvaluationLogInfo> {
    try {
      return await this.withClient(profileName, (client) => client.getEvaluationLog({ billNumber, transactionId }));
    } catch (error) {
      if (isCancellation(error)) throw error;
      return { status: 'unavailable', billNumber, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The ID of a bill the lookup's explanation lists, for the evaluation log's second request form. */
  transactionIdOf(lookup: Lookup, billNumber: string): string | undefined {
    const periods = Object.values(this.entries.get(lookupKey(lookup))?.info.periods ?? {});
    for (const period of periods) {
      const found = period.status === 'ok' ? period.transactions.find((transaction) => transaction.billNumber === billNumber) : undefined;
      if (found) return found.id;
    }
    return undefined;
  }

  /** The lookup's definition, read once: what is known of it now, and when it settles. */
  private readDefinitionOnce(lookup: Lookup, targetGroupId: string | undefined): DefinitionRead {
    const key = lookupKey(lookup);
    const known = this.definitions.get(key);
    if (known) return known;
    const read: DefinitionRead = { info: { status: 'loading' }, settled: Promise.resolve<DefinitionInfo>({ status: 'loading' }) };
    const reading = targetGroupId
      ? this.withClient(lookup.profileName, (client) => readDefinition(client, { targetGroupId, targetRuleId: lookup.targetRuleId }))
      : Promise.resolve<DefinitionInfo>({ status: 'unavailable', message: 'The lookup names no target group: its events and target progress are missing.' });
    read.settled = reading
      .catch((error: unknown): DefinitionInfo => ({ status: 'unavailable', message: error instanceof Error ? error.message : String(error) }))
      .then((info) => {
        read.info = info;
        if (this.definitions.get(key) === read) this.changed.fire(lookup);
        return info;
      });
    this.definitions.set(key, read);
    return read;
  }

  private start(lookup: Lookup, shown: ShownResult, basis: string, previous: Entry | undefined): Entry {
    const key = lookupKey(lookup);
    // A definition that could not be read is asked for again with the lookup's next events.
    if (this.definitions.get(key)?.info.status === 'unavailable') this.definitions.delete(key);
    const controller = new AbortController();
    const periodIds = periodsToExplain(lookup, shown);
    const loading: ExplanationInfo = {
      definition: previous?.info.definition.status === 'ok' ? previous.info.definition : { status: 'loading' },
      // What is on screen stays while it is read again (a watch's new events); only new periods say loading.
      periods: Object.fromEntries(periodIds.map((periodId): [string, PeriodExplanation] => [periodId, previous?.info.periods[periodId] ?? { status: 'loading', periodId }])),
    };
    const entry: Entry = { basis, revision: this.nextRevision++, info: loading, controller, settled: Promise.resolve(loading) };
    entry.settled = this.read(lookup, shown, periodIds, controller.signal).then(
      (info) => {
        if (this.entries.get(key) === entry) {
          entry.info = info;
          entry.revision = this.nextRevision++;
          this.changed.fire(lookup);
        }
        return info;
      },
      (error: unknown) => {
        if (!isCancellation(error)) throw error;
        return entry.info;
      },
    );
    this.entries.set(key, entry);
    return entry;
  }

  private async read(lookup: Lookup, shown: ShownResult, periodIds: string[], signal: AbortSignal): Promise<ExplanationInfo> {
    const targetGroupId = groupIdOf(shown);
    const progress = shown.targetProgress;
    const definition = await this.readDefinitionOnce(lookup, targetGroupId).settled;
    if (!targetGroupId) return { definition, periods: {} };
    const input: ExplainInput = {
      userId: lookup.userId,
      targetRuleId: lookup.targetRuleId,
      targetGroupId,
      groups: shown.result.groups,
      periodIds,
      progress: progress.status === 'ok' ? progress.targetProgress : progress.status === 'unavailable' ? progress.error : new Error('Target progress not read'),
      definition,
    };
    try {
      return await this.withClient(lookup.profileName, (client) => explainLookup(client, input, signal));
    } catch (error) {
      if (isCancellation(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { definition, periods: Object.fromEntries(periodIds.map((periodId) => [periodId, { status: 'unavailable', periodId, message }])) };
    }
  }

  private async withClient<T>(profileName: string, action: (client: CapillaryClient) => Promise<T>): Promise<T> {
    const profile = findProfile(profileName);
    if (!profile) throw new CapillaryApiError({ kind: 'config', message: `There is no profile named "${profileName}".`, hint: 'Add it with "Capillary: Add Connection Profile".' });
    const client = await this.connections.clientFor(profile);
    try {
      return await action(client);
    } finally {
      client.dispose();
    }
  }

  forget(lookup: Lookup): void {
    const key = lookupKey(lookup);
    this.entries.get(key)?.controller.abort();
    this.entries.delete(key);
    this.definitions.delete(key);
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.controller.abort();
    this.entries.clear();
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function basisOf(shown: ShownResult): string {
  const progress = shown.targetProgress;
  const progressPart = progress.status === 'ok' ? `ok:${progress.targetProgress.targetGroupId}:${progress.targetProgress.periods.length}` : progress.status;
  return [shown.listId, shown.result.events.length, progressPart].join('|');
}

/** The lookup's target group: the target progress names it, else its events do. */
function groupIdOf(shown: ShownResult): string | undefined {
  const progress = shown.targetProgress;
  if (progress.status === 'ok') return progress.targetProgress.targetGroupId;
  return shown.result.events[0]?.targetGroupId;
}

/** The lookup's period, else the periods that have begun (from the calendar), else those of its events. */
function periodsToExplain(lookup: Lookup, shown: ShownResult): string[] {
  if (lookup.periodId) return [lookup.periodId];
  const progress = shown.targetProgress;
  const now = Date.now();
  const begun = progress.status === 'ok' ? progress.targetProgress.periods.filter((period) => period.startTime !== undefined && period.startTime <= now).map((period) => period.periodId) : [];
  const ids = new Set([...begun, ...shown.result.groups.map((group) => group.periodId)]);
  return [...ids];
}
