// "Copy as cURL": a shell script that fetches every page of a lookup with curl, one response body per line.
// Credentials are never in it: it reads a shell variable, and its first lines say how to set that variable.
import { CapillaryApiError } from '../capillary/transport/errors';
import type { LookupParams } from '../capillary/types';
import { baseUrlValidationMessage, validateId } from '../capillary/validation';

export interface CurlRequest {
  baseUrl: string;
  params: LookupParams;
  authKind: 'basic' | 'oauth';
  pageSize: number;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function apiUrl(baseUrl: string, path: string): URL {
  const url = new URL(baseUrl.trim());
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}

/** The comment line that says how to set the credential variable the script reads. */
function credentialComment(request: CurlRequest): string {
  if (request.authKind === 'basic') {
    return `# First set the credential (Basic: base64 of "username:md5 of the password"): export CAPILLARY_BASIC_AUTH="$(printf '%s:%s' 'TILL_USERNAME' "$(printf '%s' 'PASSWORD' | md5sum | cut -d ' ' -f 1)" | base64)"`;
  }
  const tokenUrl = apiUrl(request.baseUrl, '/v3/oauth/token/generate').href;
  return `# First set the credential (an OAuth token): export CAPILLARY_OAUTH_TOKEN="$(curl -sS -X POST -H 'Content-Type: application/json' -d '{"key":"CLIENT_KEY","secret":"CLIENT_SECRET"}' ${shellQuote(tokenUrl)} | sed -n 's/.*"accessToken" *: *"\\([^"]*\\)".*/\\1/p')"`;
}

/**
 * A bash script that requests the lookup page by page (offset is the page index, as documented) and prints each
 * response body on its own line; it stops after the first page without events, or when curl fails (with the body).
 */
export function buildCurlScript(request: CurlRequest): string {
  const problem = baseUrlValidationMessage(request.baseUrl);
  if (problem) throw new CapillaryApiError({ kind: 'config', message: problem, hint: 'Fix the base URL of this profile.' });
  const userId = validateId('userId', request.params.userId);
  const targetRuleId = validateId('targetRuleId', request.params.targetRuleId);
  const url = apiUrl(request.baseUrl, `/v3/users/${userId}/trackedTargetEvents/${targetRuleId}`);
  if (request.params.periodId) url.searchParams.set('periodId', validateId('periodId', request.params.periodId));
  url.searchParams.set('limit', String(Math.trunc(request.pageSize)));
  const authHeader =
    request.authKind === 'basic' ? '"Authorization: Basic $CAPILLARY_BASIC_AUTH"' : '"X-CAP-API-OAUTH-TOKEN: $CAPILLARY_OAUTH_TOKEN"';
  const period = request.params.periodId ? `, period ${request.params.periodId}` : '';
  return [
    `# Every page of the tracked target events of user ${userId}, rule ${targetRuleId}${period}: one JSON body per line.`,
    credentialComment(request),
    `url=${shellQuote(url.href)}`,
    'offset=0',
    'while :; do',
    `  page=$(curl -sS --fail-with-body -H 'Accept: application/json' -H ${authHeader} "$url&offset=$offset") || { printf '%s\\n' "$page" >&2; break; }`,
    `  printf '%s\\n' "$page"`,
    `  printf '%s' "$page" | grep -Eq '"data"[[:space:]]*:[[:space:]]*\\[[[:space:]]*\\]' && break`,
    '  offset=$((offset + 1))',
    'done',
    '',
  ].join('\n');
}
