// The single source of truth for lookups: runs fetches, keeps each lookup's latest state, and tells the tree
// and the table panels when it changes. One fetch per lookup at a time; a new run supersedes the old one.
import * as vscode from 'vscode';
import { CapillaryApiError, type FetchProgress, type LookupResult } from './api';
import type { Connections } from './connections';
import { LookupStore, type LookupState } from './lookupState';
import { findProfile } from './settings';

export type { LookupState } from './lookupState';

export interface Lookup {
  profileName: string;
  userId: string;
  targetRuleId: string;
  periodId?: string;
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
  private readonly changed = new vscode.EventEmitter<Lookup>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly connections: Connections) {}

  state(lookup: Lookup): LookupState {
    return this.store.state(lookupKey(lookup));
  }

  isRunning(lookup: Lookup): boolean {
    return this.running.has(lookupKey(lookup));
  }

  /** Fetches the lookup again; a fetch already running for it is cancelled first. Its last complete result stays. */
  run(lookup: Lookup, onProgress?: (progress: FetchProgress) => void): Promise<LookupResult> {
    const key = lookupKey(lookup);
    this.running.get(key)?.abort();
    this.lookupsByKey.set(key, lookup);
    const controller = new AbortController();
    const promise = this.fetch(lookup, controller, onProgress);
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
  }

  private async fetch(
    lookup: Lookup,
    controller: AbortController,
    onProgress?: (progress: FetchProgress) => void,
  ): Promise<LookupResult> {
    const ticket = this.store.begin(lookupKey(lookup));
    try {
      const profile = findProfile(lookup.profileName);
      if (!profile) {
        throw new CapillaryApiError({
          kind: 'config',
          message: `There is no profile named "${lookup.profileName}".`,
          hint: 'Add it with "Capillary: Add Connection Profile", or remove this lookup.',
        });
      }
      const client = await this.connections.clientFor(profile);
      const result = await client
        .fetchTrackedTargetEvents(
          { userId: lookup.userId, targetRuleId: lookup.targetRuleId, periodId: lookup.periodId },
          {
            signal: controller.signal,
            onProgress: (progress) => {
              this.store.progress(ticket, progress);
              onProgress?.(progress);
            },
          },
        )
        .finally(() => client.dispose());
      this.store.complete(ticket, result, new Date());
      return result;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.store.fail(ticket, failure, new Date());
      throw failure;
    }
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    this.changed.dispose();
  }
}
