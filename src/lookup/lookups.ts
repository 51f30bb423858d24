// The single source of truth for lookups: runs fetches, keeps each lookup's latest state, and tells the tree
// and the table panels when it changes. One fetch per lookup at a time; a new run supersedes the old one.
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import {
  CapillaryApiError,
  type CapillaryClient,
  type FetchProgress,
  type LookupResult,
  type TargetPeriod,
  type TargetProgressOptions,
  type UserTargetGroups,
} from '../capillary';
import type { Connections } from '../profiles/connections';
import { LookupStore, shownResult, type FetchTicket, type LookupState, type ShownResult, type TargetProgressPart } from './lookupState';
import { targetProgressInfo } from '../targetProgress/report';
import { findProfile, readLagFlagSeconds } from '../profiles/settings';
import type { TargetProgressInfo } from '../shared/messages';

export type { LookupState } from './lookupState';

export interface Lookup {
  profileName: string;
  userId: string;
  targetRuleId: string;
  periodId?: string;
}

export interface RunOptions {
  /** Pages and events fetched so far. */
  onFetchProgress?: (fetchProgress: FetchProgress) => void;
  /** The customer's targetGroups answer the wizard already holds: the target progress uses it instead of asking again. */
  targetGroups?: UserTargetGroups;
  /**
   * Fetch every page even when a complete result is held. Otherwise a held result is refreshed from its last page
   * (see FetchOptions.held): a watch, Refresh and Add Lookup cost a few requests for an unchanged lookup.
   */
  full?: boolean;
}

export function lookupKey(lookup: Lookup): string {
  return [lookup.profileName, lookup.userId, lookup.targetRuleId, lookup.periodId ?? '*'].join('|');
}

export function describeLookup(lookup: Lookup): string {
  const period = lookup.periodId ? ` · period ${lookup.periodId}` : '';
  return `user ${lookup.userId} · rule ${lookup.targetRuleId}${period}`;
}

export class LookupService implements vscode.Disposable {
  private readonly lookupsByKey = new Map<string, Lookup>();
  private readonly store = new LookupStore((key) => {
    const lookup = this.lookupsByKey.get(key);
    if (lookup) this.changed.fire(lookup);
  });
  /** The abort controller of each lookup's fetch in flight. */
  private readonly running = new Map<string, AbortController>();
  /** The target progress of each lookup's latest fetch, once it arrived or failed. */
  private readonly targetProgressParts = new Map<string, Promise<TargetProgressPart>>();
  /** The period calendars each lookup's refreshes reuse; a fetch of every page starts them afresh. */
  private readonly calendars = new Map<string, Map<string, readonly TargetPeriod[]>>();
  /** The last reconciliation per lookup, with what it was computed from, so that every reader shares one. */
  private readonly reconciled = new Map<string, Reconciled>();
  /** Counts the reconciliations computed, so that each tells its readers whether it is another one. */
  private nextRevision = 1;
  private readonly changed = new vscode.EventEmitter<Lookup>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly connections: Connections) {}

  state(lookup: Lookup): LookupState {
    return this.store.state(lookupKey(lookup));
  }

  /** The lookup's changes were on screen: the next change replaces them rather than adding to them. */
  markChangesSeen(lookup: Lookup): void {
    this.store.markChangesSeen(lookupKey(lookup));
  }

  /** The target progress beside the shown events, reconciled with them; undefined while no events are shown. */
  targetProgressInfo(lookup: Lookup): TargetProgressInfo | undefined {
    return this.reconciledTargetProgress(lookup)?.info;
  }

  /**
   * The target progress beside the shown events, and its revision: a new revision only when it was reconciled
   * from other events, another target progress or another lag setting. A refetch that brought the same events and
   * the same target progress (a watch's refresh) keeps the revision, so that the table is told nothing changed.
   */
  reconciledTargetProgress(lookup: Lookup): { revision: number; info: TargetProgressInfo } | undefined {
    const key = lookupKey(lookup);
    const shown = shownResult(this.store.state(key));
    if (!shown) return undefined;
    const lagFlagSeconds = readLagFlagSeconds();
    const cached = this.reconciled.get(key);
    if (cached && reconciledFrom(cached, shown, lagFlagSeconds)) return cached;
    const info = targetProgressInfo(shown, { periodId: lookup.periodId, lagFlagSeconds });
    const reconciled = { listId: shown.listId, eventCount: shown.result.events.length, complete: shown.complete, part: shown.targetProgress, lagFlagSeconds, revision: this.nextRevision++, info };
    this.reconciled.set(key, reconciled);
    return reconciled;
  }

  /** Settles once the target progress of the lookup's latest fetch arrived or failed. */
  targetProgressSettled(lookup: Lookup): Promise<TargetProgressPart> {
    return this.targetProgressParts.get(lookupKey(lookup)) ?? Promise.resolve({ status: 'loading' });
  }

  isRunning(lookup: Lookup): boolean {
    return this.running.has(lookupKey(lookup));
  }

  /** Fetches the lookup again; a fetch already running for it is cancelled first. Its last complete result stays. */
  run(lookup: Lookup, options: RunOptions = {}): Promise<LookupResult> {
    const key = lookupKey(lookup);
    this.running.get(key)?.abort();
    this.lookupsByKey.set(key, lookup);
    const controller = new AbortController();
    const promise = this.fetch(lookup, controller, options);
    this.running.set(key, controller);
    const settle = () => {
      if (this.running.get(key) === controller) this.running.delete(key);
    };
    promise.then(settle, settle);
    return promise;
  }

  cancel(lookup: Lookup): void {
    this.running.get(lookupKey(lookup))?.abort();
  }

  forget(lookup: Lookup): void {
    const key = lookupKey(lookup);
    this.cancel(lookup);
    this.store.forget(key);
    this.lookupsByKey.delete(key);
    this.targetProgressParts.delete(key);
    this.reconciled.delete(key);
    this.calendars.delete(key);
  }

  private async fetch(
    lookup: Lookup,
    controller: AbortController,
    options: RunOptions,
  ): Promise<LookupResult> {
    const key = lookupKey(lookup);
    const held = options.full ? undefined : this.store.state(key).lastComplete?.result;
    let calendars = this.calendars.get(key);
    if (!held || !calendars) this.calendars.set(key, (calendars = new Map<string, readonly TargetPeriod[]>()));
    const ticket = this.store.begin(key);
    let resolveTargetProgress: (part: TargetProgressPart) => void = () => undefined;
    this.targetProgressParts.set(key, new Promise<TargetProgressPart>((resolve) => (resolveTargetProgress = resolve)));
    let client: CapillaryClient | undefined;
    try {
      const profile = findProfile(lookup.profileName);
      if (!profile) {
        throw new CapillaryApiError({
          kind: 'config',
          message: `There is no profile named "${lookup.profileName}".`,
          hint: 'Add it with "Capillary: Add Connection Profile", or remove this lookup.',
        });
      }
      client = await this.connections.clientFor(profile);
      // The target progress is asked for beside the events; it never delays or fails them.
      const targetProgress = this.fetchTargetProgress(client, lookup, ticket, { signal: controller.signal, targetGroups: options.targetGroups, calendars }).then(
        resolveTargetProgress,
      );
      const events = client.fetchTrackedTargetEvents(
        { userId: lookup.userId, targetRuleId: lookup.targetRuleId, periodId: lookup.periodId },
        {
          signal: controller.signal,
          onFetchProgress: (fetchProgress) => {
            this.store.reportFetchProgress(ticket, fetchProgress);
            options.onFetchProgress?.(fetchProgress);
          },
          onEvents: (arrived, groups) => this.store.arrive(ticket, arrived, groups, new Date()),
          held,
        },
      );
      const used = client;
      void Promise.allSettled([events, targetProgress]).then(() => used.dispose());
      const result = await events;
      this.store.complete(ticket, result, new Date());
      return result;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (!client) {
        // Without a client there is no target progress either, for the same reason.
        const part = { status: 'unavailable', error: failure } as const;
        this.store.settleTargetProgress(ticket, part);
        resolveTargetProgress(part);
      }
      this.store.fail(ticket, failure, new Date());
      throw failure;
    }
  }

  private async fetchTargetProgress(
    client: CapillaryClient,
    lookup: Lookup,
    ticket: FetchTicket,
    options: TargetProgressOptions,
  ): Promise<TargetProgressPart> {
    let part: Exclude<TargetProgressPart, { status: 'loading' }>;
    try {
      const targetProgress = await client.getTargetProgress({ userId: lookup.userId, targetRuleId: lookup.targetRuleId }, options);
      part = { status: 'ok', targetProgress };
    } catch (error) {
      part = { status: 'unavailable', error: error instanceof Error ? error : new Error(String(error)) };
    }
    this.store.settleTargetProgress(ticket, part);
    return part;
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    this.changed.dispose();
  }
}

/** A reconciliation and what it was computed from. */
interface Reconciled {
  listId: number;
  eventCount: number;
  complete: boolean;
  part: TargetProgressPart;
  lagFlagSeconds?: number;
  revision: number;
  info: TargetProgressInfo;
}

/** Whether the reconciliation was computed from these events (the same list, as long), target progress and setting. */
function reconciledFrom(reconciled: Reconciled, shown: ShownResult, lagFlagSeconds: number | undefined): boolean {
  return (
    reconciled.listId === shown.listId &&
    reconciled.eventCount === shown.result.events.length &&
    reconciled.complete === shown.complete &&
    reconciled.lagFlagSeconds === lagFlagSeconds &&
    sameTargetProgressPart(reconciled.part, shown.targetProgress)
  );
}

function sameTargetProgressPart(a: TargetProgressPart, b: TargetProgressPart): boolean {
  if (a.status === 'ok' && b.status === 'ok') return isDeepStrictEqual(a.targetProgress, b.targetProgress);
  if (a.status === 'unavailable' && b.status === 'unavailable') return a.error.message === b.error.message;
  return a.status === b.status;
}
