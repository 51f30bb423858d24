// The one error type of the client. Every failure says what happened (message) and what to fix (hint).
import {
  AUTHORIZATION_UNAVAILABLE_CODE,
  INVALID_OAUTH_CLIENT_CODE,
  INVALID_USER_ID_CODE,
  NO_EVENTS_CODE,
  NOT_AUTHORIZED_CODE,
  PERIOD_NOT_FOUND_CODE,
  TARGET_RULE_NOT_FOUND_CODE,
} from '../../shared/rules';
import type { LookupResult } from '../types';

export type CapillaryErrorKind =
  | 'invalid-input'
  | 'config'
  | 'auth'
  | 'api'
  | 'http'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'redirect'
  | 'cancelled';

export interface CapillaryApiErrorInit {
  kind: CapillaryErrorKind;
  message: string;
  hint: string;
  code?: number;
  httpStatus?: number;
  requestId?: string;
  field?: string;
  partial?: LookupResult;
  cause?: unknown;
}

export class CapillaryApiError extends Error {
  readonly kind: CapillaryErrorKind;
  /** Capillary's error code from `errors[]`, e.g. 310018. */
  readonly code?: number;
  readonly httpStatus?: number;
  /** The X-Cap-Requestid response header, for support tickets. */
  readonly requestId?: string;
  /** What the user should do about it. */
  readonly hint: string;
  /** The input field at fault (invalid-input only). */
  readonly field?: string;
  /** Events fetched before the lookup failed or was cancelled; never complete. */
  partial?: LookupResult;

  constructor(init: CapillaryApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CapillaryApiError';
    this.kind = init.kind;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.hint = init.hint;
    this.field = init.field;
    this.partial = init.partial;
  }
}

export function isCapillaryApiError(error: unknown): error is CapillaryApiError {
  return error instanceof CapillaryApiError;
}

/** True when the error only means the caller cancelled (no popup needed). */
export function isCancellation(error: unknown): boolean {
  if (error instanceof CapillaryApiError) return error.kind === 'cancelled';
  return error instanceof Error && error.name === 'AbortError';
}

export function cancelledError(): CapillaryApiError {
  return new CapillaryApiError({
    kind: 'cancelled',
    message: 'The request was cancelled.',
    hint: 'Run the lookup again when you are ready.',
  });
}

interface CodeText {
  kind: CapillaryErrorKind;
  message: string;
  hint: string;
}

const knownCodes: Record<number, CodeText> = {
  [PERIOD_NOT_FOUND_CODE]: {
    kind: 'api',
    message: `Target period not found (Capillary error ${PERIOD_NOT_FOUND_CODE}): the periodId is not a period of this target.`,
    hint: 'Check the periodId, pick one from the target group\u2019s periods, or leave periodId empty to see every period.',
  },
  [TARGET_RULE_NOT_FOUND_CODE]: {
    kind: 'api',
    message: `Target rule not found (Capillary error ${TARGET_RULE_NOT_FOUND_CODE}): the targetRuleId is wrong or not known for this customer.`,
    hint: 'Check the targetRuleId; pick it from the customer\u2019s target groups instead of typing it.',
  },
  [INVALID_USER_ID_CODE]: {
    kind: 'api',
    message: `Invalid userId (Capillary error ${INVALID_USER_ID_CODE}): no customer with this ID was found.`,
    hint: 'Check the userId: it is the Capillary customer ID (not a mobile number or email), on this cluster\u2019s host.',
  },
  [NO_EVENTS_CODE]: {
    kind: 'api',
    message: `No events recorded for this customer and target (Capillary error ${NO_EVENTS_CODE}).`,
    hint: 'The customer has no tracked events for this target rule yet. Check that the customer is enrolled in the target and that events were processed.',
  },
  [INVALID_OAUTH_CLIENT_CODE]: {
    kind: 'auth',
    message: `Capillary refused the OAuth client key and secret (Capillary error ${INVALID_OAUTH_CLIENT_CODE}).`,
    hint: 'Check the client key and secret of this profile, and that they were created on the same cluster as the base URL.',
  },
  [NOT_AUTHORIZED_CODE]: {
    kind: 'auth',
    message: `Not authorized (Capillary error ${NOT_AUTHORIZED_CODE}): these credentials may not call this API.`,
    hint: 'Ask a Capillary admin to give the till or OAuth client the default access group for target APIs.',
  },
  [AUTHORIZATION_UNAVAILABLE_CODE]: {
    kind: 'api',
    message: `Capillary could not check the authorization status just now (Capillary error ${AUTHORIZATION_UNAVAILABLE_CODE}).`,
    hint: 'This is on Capillary\u2019s side and usually passes: try again in a minute.',
  },
};

/** Message, hint and kind of an error code that has its own explanation. */
export function knownCodeText(code: number | undefined): CodeText | undefined {
  return code === undefined ? undefined : knownCodes[code];
}

/** Message, hint and kind for a Capillary error code; falls back to the server's own message. */
export function describeApiCode(code: number | undefined, serverMessage: string | undefined): CodeText {
  const known = knownCodeText(code);
  if (known) return known;
  const said = serverMessage ? `: ${safeExcerpt(serverMessage, 200)}` : '';
  const codeText = code === undefined ? '' : ` (Capillary error ${code})`;
  return {
    kind: 'api',
    message: `Capillary answered with an error${codeText}${said}`,
    hint: 'Check the IDs of the lookup; if they are right, give the request ID to Capillary support.',
  };
}

const statusHints: Record<number, { message: string; hint: string }> = {
  400: {
    message: 'Capillary rejected the request as invalid (HTTP 400).',
    hint: 'Check the IDs of the lookup: they must be Capillary IDs (digits only).',
  },
  401: {
    message: 'Capillary refused the credentials (HTTP 401).',
    hint: 'Check the profile\u2019s credentials. For Basic auth: the till username and its password (sent as an MD5 digest). For OAuth: the client key and secret.',
  },
  403: {
    message: 'Capillary says these credentials may not call this API (HTTP 403).',
    hint: 'Ask a Capillary admin to give the till or OAuth client access to the target APIs.',
  },
  404: {
    message: 'Capillary answered Not Found (HTTP 404).',
    hint: 'Check the base URL: it should be the cluster\u2019s API host, e.g. https://eu.api.capillarytech.com, without a path.',
  },
  498: {
    message: 'Capillary rejected the OAuth token as expired or invalid (HTTP 498), also after a new token was generated.',
    hint: 'Check the client key and secret of this profile and the clock of this machine; then clear the cached token.',
  },
  429: {
    message: 'Capillary\u2019s rate limit was reached (HTTP 429) and retries did not get through.',
    hint: 'Wait a minute, or lower the concurrency setting so fewer requests run at once.',
  },
};

/** Message and hint for an HTTP status without a usable Capillary error code. */
export function describeHttpStatus(status: number): { message: string; hint: string } {
  const known = statusHints[status];
  if (known) return known;
  if (status >= 500) {
    return {
      message: `Capillary\u2019s server failed (HTTP ${status}) on every try.`,
      hint: 'This is on Capillary\u2019s side: try again later; if it persists, give the request ID to Capillary support.',
    };
  }
  return {
    message: `Capillary answered HTTP ${status}.`,
    hint: 'Check the base URL and the IDs of the lookup.',
  };
}

/** A short single-line excerpt of untrusted text, safe to show and log. */
export function safeExcerpt(text: string, maxLength = 120): string {
  // Control and bidi-override characters are replaced so that the excerpt cannot disguise itself.
  const cleaned = text
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}\u2026` : cleaned;
}
