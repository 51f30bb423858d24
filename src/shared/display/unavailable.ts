// Why part of "why it did not count" could not be shown: an endpoint that failed or was refused, with Capillary's
// HTTP status and message, so that nothing is left to guess.

export interface EndpointFailure {
  httpStatus?: number;
  message: string;
}

function statusAndMessage(failure: EndpointFailure): string {
  // Capillary's errors usually name their status already.
  if (failure.httpStatus === undefined || failure.message.includes(`HTTP ${failure.httpStatus}`)) return failure.message;
  return `HTTP ${failure.httpStatus}: ${failure.message}`;
}

/** "The customer's bills could not be read (HTTP 403: Not authorized)". */
export function explanationUnavailableText(what: string, failure: EndpointFailure): string {
  return `${what} could not be read (${statusAndMessage(failure)})`;
}

/** The evaluation log endpoint is not in Capillary's public reference: a refusal or a missing path means this cluster does not offer it. */
export function evaluationLogUnavailableText(failure: EndpointFailure): string {
  return `The evaluation log is not available on this cluster (${statusAndMessage(failure)})`;
}

/** An evaluation log answer that holds no tree for the bill. */
export const NO_EVALUATION_TREE_TEXT = 'Capillary sent no evaluation tree for this bill.';
