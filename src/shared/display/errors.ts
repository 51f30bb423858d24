// What each Capillary error code and HTTP status means for a user, in one table: what happened (message) and
// what to do about it (hint). The client attaches these to its errors; how a code is treated is not decided here.
import {
  AUTHORIZATION_UNAVAILABLE_CODE,
  INVALID_OAUTH_CLIENT_CODE,
  INVALID_USER_ID_CODE,
  NO_EVENTS_CODE,
  NOT_AUTHORIZED_CODE,
  PERIOD_NOT_FOUND_CODE,
  TARGET_RULE_NOT_FOUND_CODE,
} from '../rules/errorCodes';

export interface ErrorText {
  message: string;
  hint: string;
}

/** "Capillary error 310018": how a code is named wherever a message cites it. */
export function capillaryCodeName(code: number): string {
  return `Capillary error ${code}`;
}

const codeTexts: Readonly<Record<number, ErrorText>> = {
  [PERIOD_NOT_FOUND_CODE]: {
    message: `Target period not found (${capillaryCodeName(PERIOD_NOT_FOUND_CODE)}): the periodId is not a period of this target.`,
    hint: 'Check the periodId, pick one from the target group\u2019s periods, or leave periodId empty to see every period.',
  },
  [TARGET_RULE_NOT_FOUND_CODE]: {
    message: `Target rule not found (${capillaryCodeName(TARGET_RULE_NOT_FOUND_CODE)}): the targetRuleId is wrong or not known for this customer.`,
    hint: 'Check the targetRuleId; pick it from the customer\u2019s target groups instead of typing it.',
  },
  [INVALID_USER_ID_CODE]: {
    message: `Invalid userId (${capillaryCodeName(INVALID_USER_ID_CODE)}): no customer with this ID was found.`,
    hint: 'Check the userId: it is the Capillary customer ID (not a mobile number or email), on this cluster\u2019s host.',
  },
  [NO_EVENTS_CODE]: {
    message: `No events recorded for this customer and target (${capillaryCodeName(NO_EVENTS_CODE)}).`,
    hint: 'The customer has no tracked events for this target rule yet. Check that the customer is enrolled in the target and that events were processed.',
  },
  [INVALID_OAUTH_CLIENT_CODE]: {
    message: `Capillary refused the OAuth client key and secret (${capillaryCodeName(INVALID_OAUTH_CLIENT_CODE)}).`,
    hint: 'Check the client key and secret of this profile, and that they were created on the same cluster as the base URL.',
  },
  [NOT_AUTHORIZED_CODE]: {
    message: `Not authorized (${capillaryCodeName(NOT_AUTHORIZED_CODE)}): these credentials may not call this API.`,
    hint: 'Ask a Capillary admin to give the till or OAuth client the default access group for target APIs.',
  },
  [AUTHORIZATION_UNAVAILABLE_CODE]: {
    message: `Capillary could not check the authorization status just now (${capillaryCodeName(AUTHORIZATION_UNAVAILABLE_CODE)}).`,
    hint: 'This is on Capillary\u2019s side and usually passes: try again in a minute.',
  },
};

/** Message and hint of an error code that has its own explanation. */
export function capillaryCodeText(code: number | undefined): ErrorText | undefined {
  return code === undefined ? undefined : codeTexts[code];
}

/** Message and hint for a code without its own explanation; `serverMessage` must already be a safe excerpt. */
export function otherCapillaryCodeText(code: number | undefined, serverMessage: string | undefined): ErrorText {
  const said = serverMessage ? `: ${serverMessage}` : '';
  const codeText = code === undefined ? '' : ` (${capillaryCodeName(code)})`;
  return {
    message: `Capillary answered with an error${codeText}${said}`,
    hint: 'Check the IDs of the lookup; if they are right, give the request ID to Capillary support.',
  };
}

const statusTexts: Readonly<Record<number, ErrorText>> = {
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
    message: 'Capillary\u2019s rate limit was reached (HTTP 429) and kept refusing the requests for minutes.',
    hint: 'Wait a few minutes, or set requestsPerMinute on this profile below the limit agreed for the API key.',
  },
};

/** Message and hint for an HTTP status without a usable Capillary error code. */
export function httpStatusText(status: number): ErrorText {
  const known = statusTexts[status];
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
