// A status bar item naming the active profile; clicking it switches profiles.
import * as vscode from 'vscode';
import { activeProfile, hostOf } from './settings';

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
    this.item.show();
  }

  private update(): void {
    const profile = activeProfile();
    this.item.text = `$(target) ${profile ? profile.name : 'No Capillary profile'}`;
    this.item.tooltip = profile
      ? `Capillary profile "${profile.name}" · ${hostOf(profile.baseUrl)} · ${profile.authType}\nClick to switch.`
      : 'No Capillary profile yet. Click to add one.';
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
