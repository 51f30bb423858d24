// Context keys that tell the welcome view and the Get Started walkthrough how far set-up is, so that a user who
// already has a profile (and its credentials) sees those steps as done instead of being asked again.
import * as vscode from 'vscode';
import type { SecretStore } from './secretStore';
import { activeProfile, readProfiles } from './settings';

export const HAS_PROFILE = 'capillary.hasProfile';
export const HAS_CREDENTIALS = 'capillary.hasCredentials';

export class SetupContext implements vscode.Disposable {
  private readonly listeners: vscode.Disposable[];
  /** Counts updates, so that a slow secret read never overwrites a newer answer. */
  private generation = 0;

  constructor(private readonly secrets: SecretStore) {
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
    const hasCredentials = profile !== undefined && (await this.secrets.hasCredentials(profile.name));
    if (generation === this.generation) await vscode.commands.executeCommand('setContext', HAS_CREDENTIALS, hasCredentials);
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
  }
}
