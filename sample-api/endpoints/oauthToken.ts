// POST /v3/oauth/token/generate with body {"key","secret"}: a token for X-CAP-API-OAUTH-TOKEN and its lifetime.

import { SAMPLE_CREDENTIALS } from '../auth';
import { ERROR_MESSAGES, envelopeError, type Reply } from '../reply';
import type { SampleState } from '../state';

export const OAUTH_TOKEN_PATH = '/v3/oauth/token/generate';
/** Larger bodies are read to the end but answered 413. */
export const MAX_TOKEN_BODY_BYTES = 64 * 1024;

export function oauthTokenReply(state: SampleState, body: string): Reply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return envelopeError(400, 400, 'Body must be JSON: {"key": "...", "secret": "..."}');
  }
  const { key, secret } = (parsed ?? {}) as { key?: unknown; secret?: unknown };
  if (key !== SAMPLE_CREDENTIALS.oauth.clientKey || secret !== SAMPLE_CREDENTIALS.oauth.clientSecret) {
    return { status: 401, body: JSON.stringify({ data: null, errors: [{ code: 320001, message: ERROR_MESSAGES[320001] }] }) };
  }
  const accessToken = state.auth.issueToken(key);
  state.counters.tokensIssued++;
  return { status: 200, body: JSON.stringify({ data: { accessToken, ttlSeconds: state.auth.tokenTtlSeconds }, errors: null }) };
}
