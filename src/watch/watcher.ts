// Watched lookups: each is fetched again every `capillary.watchIntervalSeconds` while VS Code has the focus or
// a debug session runs (cheaply, from the held result's last page; every page every
// `capillary.watchFullFetchMinutes`, which an insertion or removal early in the list needs when the counts balance), backs off after errors (and says so), announces new events at most once a minute, and
// stops when neither its table nor its sidebar item is left.
import * as vscode from 'vscode';
import { isCancellation, type LookupResult } from '../capillary';
import { newEventsNotice } from '../tree/labels';
import { describeLookup, lookupKey, type Lookup, type LookupService } from '../lookup/lookups';
import { diffResults } from '../lookup/resultDiff';
import { WATCH_INTERVAL_BOUNDS, watchFullFetchMinutes, watchIntervalSeconds } from '../profiles/settings';

/** Where a watched lookup can be seen; a watch ends when it is seen nowhere. */
export interface WatchHost {
  isShown(lookup: Lookup): boolean;
  readonly onDidChangeShown: vscode.Event<void>;
}

/** What a watch is doing, for the tree and the status bar. */
export interface WatchStatus {
  intervalSeconds: number;
  /** Set while backing off after failed fetches. */
  backoff?: { failures: number; retryInSeconds: number; message: string };
}

/** One notification per lookup per this long. */
const NOTICE_INTERVAL_MS = 60_000;
/** Backoff doubles the interval per failure in a row, up to this (or the interval, when that is longer). */
const MAX_BACKOFF_SECONDS = 600;

interface Watch {
  lookup: Lookup;
  /** From the command's argument; otherwise the setting, read at each scheduling. */
  fixedIntervalSeconds?: number;
  timer?: NodeJS.Timeout;
  /** The fetch came due while VS Code was in the background: it runs when the window gets the focus again. */
  due: boolean;
  failures: number;
  lastError?: string;
  /** When the watch last fetched every page (or began). */
  fullFetchAt: number;
  /** The result new events are counted from: the one at the last notification (or when watching began). */
  noticeBaseline?: LookupResult;
  lastNoticeAt?: number;
  noticeTimer?: NodeJS.Timeout;
}

export class LookupWatcher implements vscode.Disposable {
  private readonly watches = new Map<string, Watch>();
  private readonly changed = new vscode.EventEmitter<Lookup | undefined>();
  /** Fires with the lookup whose watch started, stopped or changed state (undefined: several). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly lookups: LookupService,
    private readonly host: WatchHost,
  ) {
    this.disposables = [
      host.onDidChangeShown(() => this.stopUnshown()),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) this.runDue();
      }),
      vscode.debug.onDidStartDebugSession(() => this.runDue()),
    ];
  }

  watch(lookup: Lookup, intervalSeconds?: number): void {
    const key = lookupKey(lookup);
    const fixed = intervalSeconds === undefined ? undefined : Math.min(WATCH_INTERVAL_BOUNDS.max, Math.max(WATCH_INTERVAL_BOUNDS.min, intervalSeconds));
    const existing = this.watches.get(key);
    if (existing) {
      existing.fixedIntervalSeconds = fixed ?? existing.fixedIntervalSeconds;
      this.schedule(existing, this.intervalOf(existing));
      return;
    }
    const watch: Watch = { lookup, fixedIntervalSeconds: fixed, due: false, failures: 0, fullFetchAt: Date.now(), noticeBaseline: this.lookups.state(lookup).lastComplete?.result };
    this.watches.set(key, watch);
    // The first refresh comes at once (or rides on a fetch already under way), not after a whole interval.
    this.schedule(watch, 0);
    this.changed.fire(lookup);
  }

  /** Stops watching the lookup; false when it was not watched. */
  stop(lookup: Lookup): boolean {
    const key = lookupKey(lookup);
    const watch = this.watches.get(key);
    if (!watch) return false;
    this.clear(watch);
    this.watches.delete(key);
    this.changed.fire(lookup);
    return true;
  }

  /** Stops every watch; resolves to how many there were. */
  stopAll(): number {
    const count = this.watches.size;
    for (const watch of this.watches.values()) this.clear(watch);
    this.watches.clear();
    if (count > 0) this.changed.fire(undefined);
    return count;
  }

  isWatching(lookup: Lookup): boolean {
    return this.watches.has(lookupKey(lookup));
  }

  watched(): Lookup[] {
    return [...this.watches.values()].map((watch) => watch.lookup);
  }

  status(lookup: Lookup): WatchStatus | undefined {
    const watch = this.watches.get(lookupKey(lookup));
    if (!watch) return undefined;
    const intervalSeconds = this.intervalOf(watch);
    if (watch.failures === 0) return { intervalSeconds };
    return {
      intervalSeconds,
      backoff: { failures: watch.failures, retryInSeconds: this.backoffSeconds(watch), message: watch.lastError ?? '' },
    };
  }

  private intervalOf(watch: Watch): number {
    return watch.fixedIntervalSeconds ?? watchIntervalSeconds();
  }

  private backoffSeconds(watch: Watch): number {
    const interval = this.intervalOf(watch);
    return Math.min(interval * 2 ** watch.failures, Math.max(interval, MAX_BACKOFF_SECONDS));
  }

  private schedule(watch: Watch, seconds: number): void {
    clearTimeout(watch.timer);
    watch.due = false;
    watch.timer = setTimeout(() => void this.tick(watch), seconds * 1000);
  }

  private isCurrent(watch: Watch): boolean {
    return this.watches.get(lookupKey(watch.lookup)) === watch;
  }

  /** VS Code in the foreground, or a program under the debugger: someone may be waiting for the events. */
  private static isActive(): boolean {
    return vscode.window.state.focused || vscode.debug.activeDebugSession !== undefined;
  }

  private async tick(watch: Watch): Promise<void> {
    if (!this.isCurrent(watch)) return;
    if (!this.host.isShown(watch.lookup)) {
      this.stop(watch.lookup);
      return;
    }
    if (!LookupWatcher.isActive()) {
      watch.due = true;
      return;
    }
    // A fetch someone started by hand is as good as the watch's own.
    if (this.lookups.isRunning(watch.lookup)) {
      this.schedule(watch, this.intervalOf(watch));
      return;
    }
    try {
      const full = Date.now() - watch.fullFetchAt >= watchFullFetchMinutes() * 60_000;
      if (full) watch.fullFetchAt = Date.now();
      const result = await this.lookups.run(watch.lookup, { full });
      if (!this.isCurrent(watch)) return;
      const recovered = watch.failures > 0;
      watch.failures = 0;
      watch.lastError = undefined;
      this.schedule(watch, this.intervalOf(watch));
      if (recovered) this.changed.fire(watch.lookup);
      this.announce(watch, result);
    } catch (error) {
      if (!this.isCurrent(watch)) return;
      if (isCancellation(error)) {
        this.schedule(watch, this.intervalOf(watch));
        return;
      }
      watch.failures++;
      watch.lastError = error instanceof Error ? error.message : String(error);
      const retryIn = this.backoffSeconds(watch);
      this.schedule(watch, retryIn);
      this.changed.fire(watch.lookup);
      // Said once per run of failures; the tree and the status bar keep saying it while it lasts.
      if (watch.failures === 1) {
        void vscode.window.showWarningMessage(
          `Watching ${describeLookup(watch.lookup)} paused after an error: ${watch.lastError} Retrying in ${retryIn} s, then less often while it fails.`,
        );
      }
    }
  }

  private runDue(): void {
    for (const watch of this.watches.values()) if (watch.due) void this.tick(watch);
  }

  /** New events since the last notification, announced at most once a minute; later ones wait for the minute's end. */
  private announce(watch: Watch, latest: LookupResult): void {
    const baseline = watch.noticeBaseline;
    if (!baseline) {
      watch.noticeBaseline = latest;
      return;
    }
    const { added } = diffResults(baseline, latest);
    if (added.length === 0) {
      watch.noticeBaseline = latest;
      return;
    }
    const wait = watch.lastNoticeAt === undefined ? 0 : watch.lastNoticeAt + NOTICE_INTERVAL_MS - Date.now();
    if (wait > 0) {
      watch.noticeTimer ??= setTimeout(() => {
        watch.noticeTimer = undefined;
        const current = this.lookups.state(watch.lookup).lastComplete?.result;
        if (this.isCurrent(watch) && current) this.announce(watch, current);
      }, wait);
      return;
    }
    watch.noticeBaseline = latest;
    watch.lastNoticeAt = Date.now();
    void vscode.window.showInformationMessage(newEventsNotice(watch.lookup.userId, added, baseline.groups, latest.groups));
  }

  private stopUnshown(): void {
    for (const watch of [...this.watches.values()]) if (!this.host.isShown(watch.lookup)) this.stop(watch.lookup);
  }

  private clear(watch: Watch): void {
    clearTimeout(watch.timer);
    clearTimeout(watch.noticeTimer);
  }

  dispose(): void {
    for (const watch of this.watches.values()) this.clear(watch);
    this.watches.clear();
    for (const disposable of this.disposables) disposable.dispose();
    this.changed.dispose();
  }
}
