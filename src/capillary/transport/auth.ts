// Credentials: the Basic header (MD5 digest of the password, then base64) and OAuth tokens that are generated
// once, shared by every request, reused until shortly before they expire and never generated twice at once.
import { createHash } from 'node:crypto';
import { abortable } from './abort';
import type { OAuthToken } from '../types';

export function md5Hex(password: string): string {
  return createHash('md5').update(password, 'utf8').digest('hex');
}

/** `Basic base64(username:md5hex(password))`, as Capillary expects. */
export function basicAuthHeader(username: string, passwordMd5: string): string {
  return `Basic ${Buffer.from(`${username}:${passwordMd5.toLowerCase()}`, 'utf8').toString('base64')}`;
}

/** The `exp` claim of a JWT in epoch milliseconds, if the token is a readable JWT. */
export function jwtExpiry(accessToken: string): number | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

const renewBeforeExpiryMs = 30_000;
// Used when the server states no lifetime at all; a 401 still triggers a new token earlier if needed.
const assumedLifetimeMs = 5 * 60_000;

/** Expiry of a freshly generated token: the earlier of ttlSeconds and the JWT's exp. */
export function tokenExpiry(accessToken: string, ttlSeconds: number | undefined, now: number): number {
  const candidates: number[] = [];
  if (ttlSeconds !== undefined && ttlSeconds > 0) candidates.push(now + ttlSeconds * 1000);
  const exp = jwtExpiry(accessToken);
  if (exp !== undefined) candidates.push(exp);
  return candidates.length > 0 ? Math.min(...candidates) : now + assumedLifetimeMs;
}

interface PendingGeneration {
  promise: Promise<OAuthToken>;
  controller: AbortController;
  waiters: number;
}

export class OAuthTokenCache {
  private token?: OAuthToken;
  private reuseUntil = 0;
  private pending?: PendingGeneration;

  constructor(
    private readonly generate: (signal: AbortSignal) => Promise<OAuthToken>,
    private readonly onToken: ((token: OAuthToken) => void) | undefined,
    cachedToken: OAuthToken | undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (cachedToken) this.store(cachedToken, false);
  }

  /** A usable access token: the cached one, or one shared generation for all callers that need it now. */
  async get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.reuseUntil) return this.token.accessToken;
    const pending = this.pending ?? this.startGeneration();
    pending.waiters++;
    try {
      return (await abortable(pending.promise, signal)).accessToken;
    } finally {
      pending.waiters--;
      // Nobody wants this token any more: stop its request instead of leaving it running.
      if (pending.waiters === 0 && signal?.aborted && this.pending === pending) pending.controller.abort();
    }
  }

  /** Forgets `accessToken` after the server rejected it; a newer token is kept. */
  invalidate(accessToken: string): void {
    if (this.token?.accessToken === accessToken) {
      this.token = undefined;
      this.reuseUntil = 0;
    }
  }

  private store(token: OAuthToken, fresh: boolean): void {
    this.token = token;
    const lifetime = token.expiresAt - this.now();
    // A fresh token that lives under a minute would otherwise never be reused: renew it at half its lifetime.
    const margin = fresh ? Math.min(renewBeforeExpiryMs, Math.max(0, lifetime / 2)) : renewBeforeExpiryMs;
    this.reuseUntil = token.expiresAt - margin;
  }

  private startGeneration(): PendingGeneration {
    const controller = new AbortController();
    const promise = (async () => {
      try {
        // Deferred by a tick so that `this.pending` is set before the finally below can clear it.
        const token = await Promise.resolve().then(() => this.generate(controller.signal));
        this.store(token, true);
        try {
          this.onToken?.(token);
        } catch {
          // A failing cache callback must not fail the request that needed the token.
        }
        return token;
      } finally {
        this.pending = undefined;
      }
    })();
    // Waiters receive the failure; this keeps a failure nobody waits for from being an unhandled rejection.
    promise.catch(() => undefined);
    const pending: PendingGeneration = { promise, controller, waiters: 0 };
    this.pending = pending;
    return pending;
  }
}
