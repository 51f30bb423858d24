// Which action fixes an error that stopped the lookup wizard. Pure (no vscode import): the wizard shows the
// label as the error's button and runs the action when it is chosen.
import { CapillaryApiError } from '../capillary';
import { setCredentialsLabel } from '../shared/credentialActions';
import { credentialsRefused, isUnknownUser } from '../shared/rules';

export type WizardRecovery =
  | { action: 'setCredentials'; label: string }
  | { action: 'anotherUser'; label: string }
  | { action: 'again'; label: string };

/** Refused credentials are fixed by entering them again, an unknown user by another userId, the rest by trying again. */
export function wizardRecovery(error: unknown, profileName: string): WizardRecovery {
  if (error instanceof CapillaryApiError) {
    if (credentialsRefused(error)) return { action: 'setCredentials', label: setCredentialsLabel(profileName) };
    if (isUnknownUser(error)) return { action: 'anotherUser', label: 'Enter another user' };
  }
  return { action: 'again', label: 'Try Again' };
}
