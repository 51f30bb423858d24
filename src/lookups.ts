// The single source of truth for lookups: runs fetches, keeps each lookup's latest state, and tells the tree
// and the table panels when it changes. One fetch per lookup at a time; a new run supersedes the old one.
import * as vscode from 'vscode';
import { CapillaryApiError, type FetchProgress, type LookupResult } from './api';
import type { Connections } from './connections';
import { findProfile } from './settings';

export interface Lookup {
  profileName: string;
  userId: string;
  targetRuleId: string;
  periodId?: string;
}

export type LookupState =
  | { status: 'idle' }
  | { status: 'loading'; progress?: FetchProgress }
  | { status: 'done'; result: LookupResult; fetchedAt: Date }
  /**
   * `partial` holds what this fetch got before it failed; when it got nothing, the previous complete result is
   * kept there instead (never lost to a failed refresh), and `keptFrom` says when that one was fetched.
   */
  | { status: 'failed'; error: Error; partial?: LookupResult; fetchedAt: Date; keptFrom?: Date };

export function lookupKey(lookup: Lookup): string {
  return [lookup.profileName, lookup.userId, lookup.targetRuleId, lookup.periodId ?? '*'].join('|');
}

export function describeLookup(lookup: Lookup): string {
  const period = lookup.periodId ? ` · period ${lookup.periodId}` : '';
  return `user ${lookup.userId} · rule ${lookup.targetRuleId}${period}`;
}

interface RunningFetch {
  controller: AbortController;
  promise: Promise<LookupResult>;
}

export class LookupService implements vscode.Disposable {
  private readonly states = new Map<string, LookupState>();
  private readonly running = new Map<string, RunningFetch>();
  private readonly changed = new vscode.EventEmitter<Lookup>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly connections: Connections) {}

  state(lookup: Lookup): LookupState {
    return this.states.get(lookupKey(lookup)) ?? { status: 'idle' };
  }

  isRunning(lookup: Lookup): boolean {
    return this.running.has(lookupKey(lookup));
  }

  /** Fetches the lookup again; a fetch already running for it is cancelled first. */
  run(lookup: Lookup, onProgress?: (progress: FetchProgress) => void): Promise<LookupResult> {
    const key = lookupKey(lookup);
    this.running.get(key)?.controller.abort();
    const controller = new AbortController();
    const promise = this.fetch(lookup, controller, onProgress);
    const entry: RunningFetch = { controller, promise };
    this.running.set(key, entry);
    const settle = () => {
      if (this.running.get(key) === entry) this.running.delete(key);
    };
    promise.then(settle, settle);
    return promise;
  }

  cancel(lookup: Lookup): void {
    this.running.get(lookupKey(lookup))?.controller.abort();
  }

  forget(lookup: Lookup): void {
    this.cancel(lookup);
    this.states.delete(lookupKey(lookup));
    this.changed.fire(lookup);
  }

  private async fetch(
    lookup: Lookup,
    controller: AbortController,
    onProgress?: (progress: FetchProgress) => void,
  ): Promise<LookupResult> {
    const key = lookupKey(lookup);
    const isCurrent = () => this.running.get(key)?.controller === controller;
    const setState = (state: LookupState) => {
      if (!isCurrent()) return;
      this.states.set(key, state);
      this.changed.fire(lookup);
    };
    const previous = this.states.get(key);
    setState({ status: 'loading' });
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
              setState({ status: 'loading', progress });
              onProgress?.(progress);
            },
          },
        )
        .finally(() => client.dispose());
      setState({ status: 'done', result, fetchedAt: new Date() });
      return result;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const partial = failure instanceof CapillaryApiError ? failure.partial : undefined;
      if (!partial?.events.length && previous?.status === 'done') {
        setState({ status: 'failed', error: failure, partial: previous.result, fetchedAt: new Date(), keptFrom: previous.fetchedAt });
      } else {
        setState({ status: 'failed', error: failure, partial, fetchedAt: new Date() });
      }
      throw failure;
    }
  }

  dispose(): void {
    for (const { controller } of this.running.values()) controller.abort();
    this.running.clear();
    this.changed.dispose();
  }
}
