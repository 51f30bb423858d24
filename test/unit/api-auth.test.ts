// Credentials without a server: the Basic header, token expiry, the shared token cache, and the messages of
// Capillary's error codes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CapillaryApiError, basicAuthHeader, isCancellation, md5Hex, type OAuthToken } from '../../src/capillary';
import { OAuthTokenCache, jwtExpiry, tokenExpiry } from '../../src/capillary/transport/auth';
import { describeApiCode, knownCodeText, safeExcerpt } from '../../src/capillary/transport/errors';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function jwt(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part(claims)}.signature`;
}

describe('Basic auth', () => {
  it('matches the test vector of the notes', () => {
    assert.equal(md5Hex('server123'), '8a16a6b70505eb1f1ff7cdc0cd5559a7');
    assert.equal(basicAuthHeader('store.server', md5Hex('server123')), 'Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3');
    assert.equal(basicAuthHeader('store.server', '8A16A6B70505EB1F1FF7CDC0CD5559A7'), basicAuthHeader('store.server', md5Hex('server123')));
    assert.equal(md5Hex('pässwörd'), '12841e4ba5e37d2fbfc78458c6714ade', 'UTF-8 bytes are hashed');
  });
});

describe('token expiry', () => {
  const now = 1_700_000_000_000;

  it('takes the earlier of ttlSeconds and the JWT exp, or assumes five minutes', () => {
    const token = jwt({ exp: now / 1000 + 100 });
    assert.equal(jwtExpiry(token), now + 100_000);
    assert.equal(tokenExpiry(token, 300, now), now + 100_000);
    assert.equal(tokenExpiry(token, 60, now), now + 60_000);
    assert.equal(tokenExpiry('opaque-token', 60, now), now + 60_000);
    assert.equal(tokenExpiry('opaque-token', undefined, now), now + 300_000);
    assert.equal(jwtExpiry('a.not-base64-json.c'), undefined);
  });
});

describe('OAuthTokenCache', () => {
  function cache(now: () => number, cached?: OAuthToken) {
    const calls: AbortSignal[] = [];
    const tokens: OAuthToken[] = [];
    let release: ((token: OAuthToken) => void) | undefined;
    const tokenCache = new OAuthTokenCache(
      (signal) => {
        calls.push(signal);
        return new Promise<OAuthToken>((resolve, reject) => {
          release = resolve;
          signal.addEventListener('abort', () => reject(new CapillaryApiError({ kind: 'cancelled', message: 'x', hint: 'y' })));
        });
      },
      (token) => tokens.push(token),
      cached,
      now,
    );
    return { tokenCache, calls, tokens, release: (token: OAuthToken) => release?.(token) };
  }

  it('generates once for parallel callers and reuses the token until 30 s before expiry', async () => {
    let clock = 0;
    const { tokenCache, calls, tokens, release } = cache(() => clock);
    const waiting = Promise.all([tokenCache.get(), tokenCache.get(), tokenCache.get()]);
    await tick();
    assert.equal(calls.length, 1);
    release({ accessToken: 'A', expiresAt: 300_000 });
    assert.deepEqual(await waiting, ['A', 'A', 'A']);
    assert.equal(tokens.length, 1);
    clock = 269_000;
    assert.equal(await tokenCache.get(), 'A');
    clock = 271_000;
    const renewed = tokenCache.get();
    await tick();
    assert.equal(calls.length, 2, 'renewed within 30 s of expiry');
    release({ accessToken: 'B', expiresAt: 600_000 });
    assert.equal(await renewed, 'B');
  });

  it('forgets only the token that was rejected', async () => {
    const { tokenCache, calls, release } = cache(() => 0, { accessToken: 'OLD', expiresAt: 3_600_000 });
    assert.equal(await tokenCache.get(), 'OLD');
    tokenCache.invalidate('SOMETHING-ELSE');
    assert.equal(await tokenCache.get(), 'OLD');
    tokenCache.invalidate('OLD');
    const next = tokenCache.get();
    await tick();
    release({ accessToken: 'NEW', expiresAt: 3_600_000 });
    assert.equal(await next, 'NEW');
    assert.equal(calls.length, 1);
  });

  it('stops a generation once every caller waiting for it cancelled', async () => {
    const { tokenCache, calls } = cache(() => 0);
    const first = new AbortController();
    const second = new AbortController();
    const a = tokenCache.get(first.signal);
    const b = tokenCache.get(second.signal);
    await tick();
    first.abort();
    assert.ok(isCancellation(await a.catch((error: unknown) => error)));
    assert.equal(calls[0].aborted, false, 'still wanted by the second caller');
    second.abort();
    assert.ok(isCancellation(await b.catch((error: unknown) => error)));
    assert.equal(calls[0].aborted, true);
  });
});

describe('error texts', () => {
  it('gives each documented code its own message and hint', () => {
    const codes = [310019, 310018, 310011, 310149, 320001, 4000, 4001];
    const texts = codes.map((code) => knownCodeText(code));
    assert.ok(texts.every((text) => text !== undefined));
    assert.equal(new Set(texts.map((text) => text?.message)).size, codes.length);
    assert.equal(new Set(texts.map((text) => text?.hint)).size, codes.length);
    codes.forEach((code, i) => assert.ok(texts[i]?.message.includes(String(code))));
    assert.equal(knownCodeText(320001)?.kind, 'auth');
  });

  it('falls back to the server\u2019s message for other codes, made safe', () => {
    const text = describeApiCode(12345, 'Something\u202eodd\nhappened');
    assert.equal(text.message, 'Capillary answered with an error (Capillary error 12345): Something odd happened');
    assert.equal(safeExcerpt('x'.repeat(500)).length, 121);
  });
});
