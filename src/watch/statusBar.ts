// A status bar item counting the watched lookups (warning while one backs off after errors); clicking it stops them all.
import * as vscode from 'vscode';
import { describeLookup } from '../lookup/lookups';
import { formatCount, plural } from '../shared/display';
import type { LookupWatcher } from './watcher';

export class WatchStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('capillary.watches', vscode.StatusBarAlignment.Left, 9);
  private readonly listener: vscode.Disposable;

  constructor(private readonly watcher: LookupWatcher) {
    this.item.name = 'Capillary Watches';
    this.item.command = 'capillary.stopAllWatching';
    this.listener = watcher.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const watched = this.watcher.watched();
    if (watched.length === 0) {
      this.item.hide();
      return;
    }
    const lines = watched.map((lookup) => {
      const status = this.watcher.status(lookup);
      const state = status?.backoff
        ? `paused after ${plural(status.backoff.failures, 'error')}, retrying in ${status.backoff.retryInSeconds} s`
        : `every ${status?.intervalSeconds} s`;
      return `${describeLookup(lookup)} (${lookup.profileName}): ${state}`;
    });
    const failing = watched.some((lookup) => this.watcher.status(lookup)?.backoff);
    this.item.text = `$(${failing ? 'warning' : 'eye'}) ${formatCount(watched.length)} watched`;
    this.item.tooltip = `Watching for newly tracked events:\n${lines.join('\n')}\nClick to stop watching all.`;
    this.item.show();
  }

  /** What the item shows, or undefined when hidden (tests read it). */
  get text(): string | undefined {
    return this.watcher.watched().length === 0 ? undefined : this.item.text;
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
