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
import { capillaryCodeText, httpStatusText, otherCapillaryCodeText, type ErrorText } from '../../shared/display';
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

interface CodeText extends ErrorText {
  kind: CapillaryErrorKind;
}

/** The kind of each error code that has its own explanation; the wording is the display module's. */
const knownCodeKinds: Record<number, CapillaryErrorKind> = {
  [PERIOD_NOT_FOUND_CODE]: 'api',
  [TARGET_RULE_NOT_FOUND_CODE]: 'api',
  [INVALID_USER_ID_CODE]: 'api',
  [NO_EVENTS_CODE]: 'api',
  [INVALID_OAUTH_CLIENT_CODE]: 'auth',
  [NOT_AUTHORIZED_CODE]: 'auth',
  [AUTHORIZATION_UNAVAILABLE_CODE]: 'api',
};

/** Message, hint and kind of an error code that has its own explanation. */
export function knownCodeText(code: number | undefined): CodeText | undefined {
  const text = capillaryCodeText(code);
  return code === undefined || text === undefined ? undefined : { kind: knownCodeKinds[code], ...text };
}

/** Message, hint and kind for a Capillary error code; falls back to the server's own message. */
export function describeApiCode(code: number | undefined, serverMessage: string | undefined): CodeText {
  return knownCodeText(code) ?? { kind: 'api', ...otherCapillaryCodeText(code, serverMessage ? safeExcerpt(serverMessage, 200) : undefined) };
}

/** Message and hint for an HTTP status without a usable Capillary error code. */
export function describeHttpStatus(status: number): ErrorText {
  return httpStatusText(status);
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
