// Capillary's error codes (the `code` of an entry in a response's `errors[]`) that this extension treats on
// their own. The client's messages and hints (src/capillary/transport/errors.ts) and the table's states are keyed by these.

/** Target period not found: the periodId is not a period of this target. */
export const PERIOD_NOT_FOUND_CODE = 310019;
/** Target rule not found for this customer. */
export const TARGET_RULE_NOT_FOUND_CODE = 310018;
/** Invalid userId: no customer with this ID. */
export const INVALID_USER_ID_CODE = 310011;
/** No record in user target: not a failure, the customer has no tracked events for the target. */
export const NO_EVENTS_CODE = 310149;
/** The OAuth client key and secret were refused. */
export const INVALID_OAUTH_CLIENT_CODE = 320001;
/** The credentials may not call this API. */
export const NOT_AUTHORIZED_CODE = 4000;
/** Capillary could not check the authorization just now (transient). */
export const AUTHORIZATION_UNAVAILABLE_CODE = 4001;

/** Capillary's code for "no customer with this userId" (the same code as INVALID_USER_ID_CODE). */
export const UNKNOWN_USER_CODE = INVALID_USER_ID_CODE;

/**
 * HTTP statuses (and the same numbers as body codes) with which Capillary refuses credentials: 401, and 498 for
 * an expired or invalid OAuth token.
 */
export const CREDENTIALS_REFUSED_STATUSES: readonly number[] = [401, 498];

/** Whether an HTTP status or body code says the credentials (or the OAuth token) were refused. */
export function isCredentialRefusalStatus(status: number | undefined): boolean {
  return status !== undefined && CREDENTIALS_REFUSED_STATUSES.includes(status);
}

/** Whether an error says the credentials were refused: HTTP 401 or 498, or code 401, 498 or 320001 (OAuth key and secret). */
export function credentialsRefused(error: { httpStatus?: number; code?: number }): boolean {
  return isCredentialRefusalStatus(error.httpStatus) || isCredentialRefusalStatus(error.code) || error.code === INVALID_OAUTH_CLIENT_CODE;
}

/** Whether an error says Capillary knows no customer with the userId. */
export function isUnknownUser(error: { code?: number }): boolean {
  return error.code === UNKNOWN_USER_CODE;
}
