// A status bar item naming the active profile; clicking it switches profiles. It only reads settings, so that
// it can show from start-up (activation onStartupFinished) at no cost; it is hidden while there is no profile.
import * as vscode from 'vscode';
import { activeProfile, hostOf, readProfiles } from './settings';

export class ProfileStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('capillary.profile', vscode.StatusBarAlignment.Left, 10);
  private readonly listener: vscode.Disposable;

  constructor() {
    this.item.name = 'Capillary Profile';
    this.item.command = 'capillary.switchProfile';
    this.update();
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('capillary')) this.update();
    });
  }

  private update(): void {
    if (readProfiles().length === 0) {
      this.item.hide();
      return;
    }
    this.item.show();
    const profile = activeProfile();
    this.item.text = `$(target) ${profile ? profile.name : 'No active Capillary profile'}`;
    this.item.tooltip = profile
      ? `Capillary profile "${profile.name}" · ${hostOf(profile.baseUrl)} · ${profile.authType}\nClick to switch.`
      : 'No Capillary profile is active. Click to choose one.';
  }

  /** What the item shows (tests read it). */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
