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
