// The sample API's credentials and how a request proves them: Basic with base64(username:md5hex(password)), or an
// OAuth token it issued (header.payload.signature, HMAC-SHA256) that has not expired.

import type * as http from 'node:http';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { envelopeError, type Reply } from './reply';

export const SAMPLE_CREDENTIALS = {
  basic: { username: 'store.server', password: 'server123' },
  oauth: { clientKey: 'sample-key', clientSecret: 'sample-secret' },
} as const;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** One server's tokens and the check of every authenticated request. */
export class SampleAuth {
  private readonly tokenSecret = randomBytes(32);
  /** token -> expiry in epoch ms */
  private readonly tokens = new Map<string, number>();
  private readonly expectedBasic = `${SAMPLE_CREDENTIALS.basic.username}:${createHash('md5').update(SAMPLE_CREDENTIALS.basic.password).digest('hex')}`;

  constructor(readonly tokenTtlSeconds: number) {}

  issueToken(clientKey: string): string {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({ iss: 'sample-capillary-api', sub: clientKey, iat: nowSeconds, exp: nowSeconds + this.tokenTtlSeconds, jti: randomBytes(8).toString('hex') }),
    );
    const signature = base64url(createHmac('sha256', this.tokenSecret).update(`${header}.${payload}`).digest());
    const token = `${header}.${payload}.${signature}`;
    // Kept to the millisecond, so the server never expires a token before the second its `exp` claim names.
    this.tokens.set(token, Date.now() + this.tokenTtlSeconds * 1000);
    return token;
  }

  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  /** null when the request may proceed, else the refusal; expired or unknown tokens get `tokenExpiredStatus`. */
  check(req: http.IncomingMessage, tokenExpiredStatus: number): Reply | null {
    const token = req.headers['x-cap-api-oauth-token'];
    if (typeof token === 'string' && token !== '') {
      const expiresAt = this.tokens.get(token);
      if (expiresAt !== undefined && expiresAt > Date.now()) return null;
      const message = expiresAt === undefined ? 'Invalid OAuth token: generate a new one' : 'OAuth token expired: generate a new one';
      return envelopeError(tokenExpiredStatus, tokenExpiredStatus, message);
    }
    const authorization = req.headers.authorization;
    if (!authorization) {
      return envelopeError(401, 401, 'Missing credentials: send Authorization: Basic or X-CAP-API-OAUTH-TOKEN');
    }
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization);
    if (match && Buffer.from(match[1], 'base64').toString('utf8') === this.expectedBasic) return null;
    return envelopeError(401, 401, 'Invalid credentials: Basic must be base64(username:md5hex(password))');
  }
}
