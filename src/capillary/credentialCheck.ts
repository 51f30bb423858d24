// Whether a client's credentials work, found with one cheap authenticated request.
//
// The request is a one-event page of the tracked target events API for customer 1 and rule 1: the very API the
// extension calls, so that credentials which authenticate but lack the target APIs' access group (HTTP 403,
// code 4000) are caught too, which a targetGroups request would not show. Capillary checks the credentials
// before it looks the customer up, so any answer about the customer (such as 310011, unknown user) means they
// were accepted; a refusal (credentialsRefused: HTTP 401, 498, or 320001 for OAuth) means refused.
import { AUTHORIZATION_UNAVAILABLE_CODE, NOT_AUTHORIZED_CODE, credentialsRefused } from '../shared/rules';
import { CapillaryApiError } from './transport/errors';
import type { CapillarySource } from './source';

export type CredentialVerdict =
  /** Capillary accepted them. */
  | 'accepted'
  /** Capillary refused them (wrong username, password, key or secret). */
  | 'refused'
  /** They authenticate, but may not call the target APIs. */
  | 'notAllowed'
  /** The check itself failed (network, timeout, server error): nothing is known. */
  | 'unknown';

export interface CredentialCheck {
  verdict: CredentialVerdict;
  /** The error behind any verdict other than accepted. */
  error?: CapillaryApiError;
}

export function credentialVerdict(error: CapillaryApiError): CredentialVerdict {
  if (error.httpStatus === 403 || error.code === NOT_AUTHORIZED_CODE) return 'notAllowed';
  if (error.kind === 'auth' || credentialsRefused(error)) return 'refused';
  // Code 4001 (authorization status unavailable) says nothing about the credentials.
  if (error.kind === 'api' && error.code !== AUTHORIZATION_UNAVAILABLE_CODE) return 'accepted';
  return 'unknown';
}

export async function checkCredentials(client: CapillarySource, signal?: AbortSignal): Promise<CredentialCheck> {
  try {
    await client.fetchTrackedTargetEventsPage({ userId: '1', targetRuleId: '1', limit: 1, offset: 0 }, { signal });
    return { verdict: 'accepted' };
  } catch (error) {
    if (!(error instanceof CapillaryApiError)) throw error;
    const verdict = credentialVerdict(error);
    return verdict === 'accepted' ? { verdict } : { verdict, error };
  }
}
