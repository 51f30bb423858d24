// Context keys that tell the welcome view and the Get Started walkthrough how far set-up is, so that a user who
// already has a profile (and its credentials) sees those steps as done instead of being asked again.
import * as vscode from 'vscode';
import type { SecretStore } from './secretStore';
import { activeProfile, readProfiles } from './settings';

export const HAS_PROFILE = 'capillary.hasProfile';
export const HAS_CREDENTIALS = 'capillary.hasCredentials';
/** The walkthrough's ID in package.json (contributes.walkthroughs). */
const WALKTHROUGH_ID = 'capillary.gettingStarted';

export class SetupContext implements vscode.Disposable {
  private readonly listeners: vscode.Disposable[];
  /** Counts updates, so that a slow secret read never overwrites a newer answer. */
  private generation = 0;

  /** `extensionId`: the walkthrough's steps are named `<extension ID>#<walkthrough ID>#<step ID>`. */
  constructor(
    private readonly secrets: SecretStore,
    private readonly extensionId: string,
  ) {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('capillary')) void this.update();
      }),
      secrets.onDidChange(() => void this.update()),
    ];
    // After activation returns: reading SecretStorage is not activation's work.
    setImmediate(() => void this.update());
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const hasProfile = readProfiles().length > 0;
    await vscode.commands.executeCommand('setContext', HAS_PROFILE, hasProfile);
    const profile = activeProfile();
    if (hasProfile) await this.markStepDone('addProfile');
    const hasCredentials = profile !== undefined && (await this.secrets.hasCredentials(profile.name));
    if (generation !== this.generation) return;
    await vscode.commands.executeCommand('setContext', HAS_CREDENTIALS, hasCredentials);
    if (hasCredentials) await this.markStepDone('setCredentials');
  }

  /**
   * The step's `onContext:` completion event alone is not enough: VS Code 1.100 creates its walkthrough service
   * lazily, and a context key already true when the service registers the walkthrough marks the event as fired
   * without completing the step (nor ever after). Marking the step done directly works whenever the service starts.
   */
  private async markStepDone(stepId: string): Promise<void> {
    try {
      await vscode.commands.executeCommand('welcome.markStepComplete', `${this.extensionId}#${WALKTHROUGH_ID}#${stepId}`);
    } catch {
      // A VS Code without the command still has the completion events.
    }
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
  }
}
