// One request scheduler per API key (profile), shared by every client of that key, so that lookups, watches and
// explanations live within one rate limit together. Requests are started in arrival order, at most `limit` at once.
// A refusal for the rate limit (HTTP 429) pauses every request of the key: for the Retry-After the server sent, or
// for a backoff that doubles while refusals follow each other. The concurrency window halves on a refusal and climbs
// back by one per window of answered requests (additive increase, multiplicative decrease). Without a Retry-After,
// the rate the gateway accepted between two refusals sets a pace, which tightens slowly again; an optional
// requests-per-minute figure paces from the start, before the gateway has to refuse anything.
// (It imports nothing: the client's options name it, and the errors module depends on those.)

export interface SchedulerSettings {
  /** Most requests in flight at once. */
  maxConcurrency: number;
  /** Paces request starts so that no more than this many start in any minute; undefined: no pace until refused. */
  requestsPerMinute?: number;
  /** First pause after a refusal without Retry-After; it doubles per refusal in a row. */
  pauseBaseMs?: number;
  /** Longest pause without Retry-After. */
  maxPauseMs?: number;
}

/** How a request that held a slot ended. */
export type SlotOutcome = { kind: 'answered' } | { kind: 'rate-limited'; retryAfterMs?: number } | { kind: 'failed' };

/** A slot to send one request in; `release` says how it went (calling it twice releases once). */
export interface Slot {
  release(outcome: SlotOutcome): void;
}

/** Listens to the pause of every request of the key: the epoch millisecond it ends, or undefined when it ended. */
export type PauseListener = (pausedUntil: number | undefined) => void;

interface Waiter {
  grant: () => void;
}

const DEFAULT_PAUSE_BASE_MS = 1000;
const DEFAULT_MAX_PAUSE_MS = 30_000;
/** The learnt pace starts this much slower than the rate the gateway accepted, and tightens by this factor per answer. */
const PACE_MARGIN = 1.1;
const PACE_TIGHTENING = 0.99;
/** A learnt pace shorter than this is dropped: the gateway's limit is far away. */
const MIN_LEARNT_INTERVAL_MS = 5;

export class RequestScheduler {
  private settings: Required<Omit<SchedulerSettings, 'requestsPerMinute'>> & { requestsPerMinute?: number };
  /** The concurrency window: fractional while it climbs back. */
  private window: number;
  private active = 0;
  private readonly queue: Waiter[] = [];
  private pausedUntilMs = 0;
  private nextStartAt = 0;
  private learntIntervalMs = 0;
  /** Refusals in a row (no answered request between them): the backoff's exponent. */
  private refusalsInARow = 0;
  /** Counts refusal episodes; a slot remembers the one it started in, so that one burst of refusals halves the window once. */
  private episode = 0;
  private episodeStartedAt?: number;
  private answeredSinceEpisode = 0;
  private timer?: NodeJS.Timeout;
  private timerAt = 0;
  private readonly listeners = new Set<PauseListener>();

  constructor(settings: SchedulerSettings) {
    this.settings = { pauseBaseMs: DEFAULT_PAUSE_BASE_MS, maxPauseMs: DEFAULT_MAX_PAUSE_MS, ...settings };
    this.window = settings.maxConcurrency;
  }

  /** Takes changed settings (the user edited them); what was learnt about the gateway stays. */
  configure(settings: SchedulerSettings): void {
    this.settings = { pauseBaseMs: DEFAULT_PAUSE_BASE_MS, maxPauseMs: DEFAULT_MAX_PAUSE_MS, ...settings };
    this.window = Math.min(this.window, settings.maxConcurrency);
    this.pump();
  }

  /** When the pause of every request ends (epoch ms), while there is one. */
  get pausedUntil(): number | undefined {
    return this.pausedUntilMs > Date.now() ? this.pausedUntilMs : undefined;
  }

  /** Hears each pause start, extension and end; returns the unsubscribe. */
  onPause(listener: PauseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for a slot: the pause over, the pace kept, a place in the window. Cancelling leaves the queue with `cancelled()`. */
  acquire(signal: AbortSignal | undefined, cancelled: () => Error): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.slot());
        },
      };
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        if (this.queue.length === 0) this.timer?.unref();
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Stops the timer; waiting requests stay queued (they end with their own cancellation). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private slot(): Slot {
    const startedIn = this.episode;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.active--;
        this.settle(outcome, startedIn);
        this.pump();
      },
    };
  }

  private settle(outcome: SlotOutcome, startedIn: number): void {
    if (outcome.kind === 'answered') {
      this.refusalsInARow = 0;
      this.answeredSinceEpisode++;
      this.window = Math.min(this.settings.maxConcurrency, this.window + 1 / this.window);
      if (this.learntIntervalMs > 0) {
        this.learntIntervalMs *= PACE_TIGHTENING;
        if (this.learntIntervalMs < MIN_LEARNT_INTERVAL_MS) this.learntIntervalMs = 0;
      }
      return;
    }
    if (outcome.kind !== 'rate-limited') return;
    const now = Date.now();
    if (startedIn === this.episode) {
      // The first refusal of a burst: the requests started before it get theirs too and change nothing more.
      this.episode++;
      this.window = Math.max(1, this.window / 2);
      this.refusalsInARow++;
      if (outcome.retryAfterMs === undefined && this.episodeStartedAt !== undefined && this.answeredSinceEpisode > 0) {
        const acceptedIntervalMs = (now - this.episodeStartedAt) / this.answeredSinceEpisode;
        this.learntIntervalMs = Math.max(this.learntIntervalMs, acceptedIntervalMs * PACE_MARGIN);
      }
      this.episodeStartedAt = now;
      this.answeredSinceEpisode = 0;
    }
    // Once a pace is learnt, a refusal means it ran slightly ahead of the gateway: a few intervals make up for it.
    const baseMs = this.learntIntervalMs > 0 ? Math.min(this.settings.pauseBaseMs, 2 * this.learntIntervalMs) : this.settings.pauseBaseMs;
    const pauseMs = outcome.retryAfterMs ?? Math.min(this.settings.maxPauseMs, baseMs * 2 ** Math.max(0, this.refusalsInARow - 1));
    const until = now + pauseMs;
    if (until > this.pausedUntilMs) {
      this.pausedUntilMs = until;
      this.tell(until);
    }
  }

  private intervalMs(): number {
    const perMinute = this.settings.requestsPerMinute;
    return Math.max(perMinute ? 60_000 / perMinute : 0, this.learntIntervalMs);
  }

  /** Grants every waiter that may start now; otherwise wakes up when the pause or the pace allows the next. */
  private pump(): void {
    while (this.queue.length > 0 && this.active < Math.floor(this.window)) {
      const now = Date.now();
      const startAt = Math.max(this.pausedUntilMs, this.nextStartAt);
      if (startAt > now) {
        this.wakeAt(startAt, true);
        return;
      }
      if (this.pausedUntilMs !== 0) {
        this.pausedUntilMs = 0;
        this.tell(undefined);
      }
      const waiter = this.queue.shift()!;
      this.active++;
      this.nextStartAt = now + this.intervalMs();
      waiter.grant();
    }
    if (this.pausedUntilMs !== 0 && this.pausedUntilMs <= Date.now()) {
      this.pausedUntilMs = 0;
      this.tell(undefined);
    } else if (this.pausedUntilMs !== 0) {
      this.wakeAt(this.pausedUntilMs, false);
    }
  }

  /** Pumps again at `at`; a wake-up only to announce the pause's end must not keep the process alive. */
  private wakeAt(at: number, requestsWait: boolean): void {
    if (this.timer && this.timerAt <= at) {
      if (requestsWait) this.timer.ref();
      return;
    }
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, at - Date.now()));
    if (!requestsWait) this.timer.unref();
  }

  private tell(pausedUntil: number | undefined): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(pausedUntil);
      } catch {
        // A listener's failure must not stop the requests.
      }
    }
  }
}
