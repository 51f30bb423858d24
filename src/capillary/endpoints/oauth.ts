// POST /v3/oauth/token/generate: an OAuth access token for a client key and secret. The request carries no
// credentials header (the key and secret are its body); later requests send the token (transport/http.ts).
import { CapillaryApiError } from '../transport/errors';
import { tokenExpiry } from '../transport/auth';
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { JsonNumber, isJsonObject } from '../transport/json';
import type { OAuthToken } from '../types';

export function oauthTokenRequest(clientKey: string, clientSecret: string): ApiRequest {
  return {
    method: 'POST',
    path: '/v3/oauth/token/generate',
    jsonBody: JSON.stringify({ key: clientKey, secret: clientSecret }),
    authenticated: false,
  };
}

export async function generateOAuthToken(
  transport: Transport,
  clientKey: string,
  clientSecret: string,
  signal: AbortSignal,
): Promise<OAuthToken> {
  return readOAuthToken(await transport.send(oauthTokenRequest(clientKey, clientSecret), signal), Date.now());
}

/** The token of an answer, expiring at the earlier of its `ttlSeconds` and its JWT's `exp`. */
export function readOAuthToken(response: Pick<ApiResponse, 'body' | 'status' | 'requestId'>, now: number): OAuthToken {
  const data = response.body.data;
  const accessToken = isJsonObject(data) ? data.accessToken : undefined;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new CapillaryApiError({
      kind: 'invalid-response',
      httpStatus: response.status,
      requestId: response.requestId,
      message: 'Capillary\u2019s token endpoint answered without an access token.',
      hint: 'Check that the base URL is a Capillary API host that supports OAuth.',
    });
  }
  const ttl = isJsonObject(data) ? data.ttlSeconds : undefined;
  const ttlSeconds = ttl instanceof JsonNumber ? Number(ttl.text) : undefined;
  return { accessToken, expiresAt: tokenExpiry(accessToken, ttlSeconds, now) };
}
