// The single source of truth for lookups: runs fetches, keeps each lookup's latest state, and tells the tree
// and the table panels when it changes. One fetch per lookup at a time; a new run supersedes the old one.
import * as vscode from 'vscode';
import { CapillaryApiError, type CapillaryClient, type FetchProgress, type LookupResult, type UserTargetGroups } from '../capillary';
import type { Connections } from '../profiles/connections';
import { LookupStore, shownResult, type FetchTicket, type LookupState, type ProgressPart, type ShownResult } from './lookupState';
import { progressInfo } from '../targetProgress/report';
import { findProfile, readLagFlagSeconds } from '../profiles/settings';
import type { ProgressInfo } from '../shared/messages';

export type { LookupState } from './lookupState';

export interface Lookup {
  profileName: string;
  userId: string;
  targetRuleId: string;
  periodId?: string;
}

export interface RunOptions {
  /** Pages and events fetched so far. */
  onFetchProgress?: (progress: FetchProgress) => void;
  /** The customer's targetGroups answer the wizard already holds: the target progress uses it instead of asking again. */
  targetGroups?: UserTargetGroups;
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
  private readonly progressParts = new Map<string, Promise<ProgressPart>>();
  /** The last reconciliation per lookup, with what it was computed from, so that every reader shares one. */
  private readonly reconciled = new Map<string, { shown: ShownResult; lagFlagSeconds?: number; info: ProgressInfo }>();
  private readonly changed = new vscode.EventEmitter<Lookup>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly connections: Connections) {}

  state(lookup: Lookup): LookupState {
    return this.store.state(lookupKey(lookup));
  }

  /** The target progress beside the shown events, reconciled with them; undefined while no events are shown. */
  progressInfo(lookup: Lookup): ProgressInfo | undefined {
    const key = lookupKey(lookup);
    const shown = shownResult(this.store.state(key));
    if (!shown) return undefined;
    const lagFlagSeconds = readLagFlagSeconds();
    const cached = this.reconciled.get(key);
    // A refetch that brought the same events and the same progress (a watch's refresh) reuses the reconciliation,
    // so that the table is told nothing changed.
    const same =
      cached &&
      cached.shown.result.events === shown.result.events &&
      sameProgressPart(cached.shown.progress, shown.progress) &&
      cached.shown.complete === shown.complete &&
      cached.lagFlagSeconds === lagFlagSeconds;
    if (same) return cached.info;
    const info = progressInfo(shown, { periodId: lookup.periodId, lagFlagSeconds });
    this.reconciled.set(key, { shown, lagFlagSeconds, info });
    return info;
  }

  /** Settles once the target progress of the lookup's latest fetch arrived or failed. */
  progressSettled(lookup: Lookup): Promise<ProgressPart> {
    return this.progressParts.get(lookupKey(lookup)) ?? Promise.resolve({ status: 'loading' });
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
    this.progressParts.delete(key);
    this.reconciled.delete(key);
  }

  private async fetch(
    lookup: Lookup,
    controller: AbortController,
    options: RunOptions,
  ): Promise<LookupResult> {
    const key = lookupKey(lookup);
    const ticket = this.store.begin(key);
    let resolveProgress: (part: ProgressPart) => void = () => undefined;
    this.progressParts.set(key, new Promise<ProgressPart>((resolve) => (resolveProgress = resolve)));
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
      const progress = this.fetchProgress(client, lookup, ticket, controller.signal, options.targetGroups).then(resolveProgress);
      const events = client.fetchTrackedTargetEvents(
        { userId: lookup.userId, targetRuleId: lookup.targetRuleId, periodId: lookup.periodId },
        {
          signal: controller.signal,
          onFetchProgress: (progress) => {
            this.store.progress(ticket, progress);
            options.onFetchProgress?.(progress);
          },
          onEvents: (arrived) => this.store.arrive(ticket, arrived),
        },
      );
      const used = client;
      void Promise.allSettled([events, progress]).then(() => used.dispose());
      return this.store.complete(ticket, await events, new Date());
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (!client) {
        // Without a client there is no progress either, for the same reason.
        const part = { status: 'unavailable', error: failure } as const;
        this.store.settleProgress(ticket, part);
        resolveProgress(part);
      }
      this.store.fail(ticket, failure, new Date());
      throw failure;
    }
  }

  private async fetchProgress(
    client: CapillaryClient,
    lookup: Lookup,
    ticket: FetchTicket,
    signal: AbortSignal,
    targetGroups: UserTargetGroups | undefined,
  ): Promise<ProgressPart> {
    let part: Exclude<ProgressPart, { status: 'loading' }>;
    try {
      const progress = await client.getTargetProgress({ userId: lookup.userId, targetRuleId: lookup.targetRuleId }, { signal, targetGroups });
      part = { status: 'ok', progress };
    } catch (error) {
      part = { status: 'unavailable', error: error instanceof Error ? error : new Error(String(error)) };
    }
    this.store.settleProgress(ticket, part);
    return part;
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    this.changed.dispose();
  }
}

function sameProgressPart(a: ProgressPart, b: ProgressPart): boolean {
  if (a === b) return true;
  if (a.status === 'ok' && b.status === 'ok') return JSON.stringify(a.progress) === JSON.stringify(b.progress);
  if (a.status === 'unavailable' && b.status === 'unavailable') return a.error.message === b.error.message;
  return a.status === b.status;
}
