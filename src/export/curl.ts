// "Copy as cURL": a shell script that fetches every page of a lookup with curl, one response body per line.
// Credentials are never in it: it reads a shell variable, and its first lines say how to set that variable.
// The requests are the client's own (trackedTargetEventsRequest, oauthTokenRequest), so the paths are written once.
import {
  CapillaryApiError,
  baseUrlValidationMessage,
  oauthTokenRequest,
  requestUrl,
  trackedTargetEventsRequest,
  type LookupParams,
} from '../capillary';

export interface CurlRequest {
  baseUrl: string;
  params: LookupParams;
  authKind: 'basic' | 'oauth';
  pageSize: number;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The comment line that says how to set the credential variable the script reads. */
function credentialComment(request: CurlRequest): string {
  if (request.authKind === 'basic') {
    return `# First set the credential (Basic: base64 of "username:md5 of the password"): export CAPILLARY_BASIC_AUTH="$(printf '%s:%s' 'TILL_USERNAME' "$(printf '%s' 'PASSWORD' | md5sum | cut -d ' ' -f 1)" | base64)"`;
  }
  const tokenRequest = oauthTokenRequest('CLIENT_KEY', 'CLIENT_SECRET');
  const tokenUrl = requestUrl(new URL(request.baseUrl.trim()), tokenRequest).href;
  return `# First set the credential (an OAuth token): export CAPILLARY_OAUTH_TOKEN="$(curl -sS -X ${tokenRequest.method} -H 'Content-Type: application/json' -d ${shellQuote(tokenRequest.jsonBody ?? '')} ${shellQuote(tokenUrl)} | sed -n 's/.*"accessToken" *: *"\\([^"]*\\)".*/\\1/p')"`;
}

/**
 * A bash script that requests the lookup page by page (offset is the page index, as documented) and prints each
 * response body on its own line; it stops after the first page without events, or when curl fails (with the body).
 */
export function buildCurlScript(request: CurlRequest): string {
  const problem = baseUrlValidationMessage(request.baseUrl);
  if (problem) throw new CapillaryApiError({ kind: 'config', message: problem, hint: 'Fix the base URL of this profile.' });
  const { userId, targetRuleId } = request.params;
  const firstPage = trackedTargetEventsRequest(request.params, { limit: Math.trunc(request.pageSize), offset: 0 });
  const url = requestUrl(new URL(request.baseUrl.trim()), firstPage);
  // The script counts the offset itself.
  url.searchParams.delete('offset');
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
