// Export, cURL and raw JSON for a lookup's events: what the table's buttons and the tree's context menu do.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { buildCurlCommand, eventsToCsv, lookupToJson, type LookupResult } from './api';
import type { Lookup, LookupService } from './lookups';
import { findProfile, readRequestSettings } from './settings';
import type { TableActions } from './tablePanel';

export class LookupExports implements TableActions {
  constructor(private readonly lookups: LookupService) {}

  /** The fetched events of a lookup, complete or partial; refuses when nothing was fetched yet. */
  private fetched(lookup: Lookup): { result: LookupResult; complete: boolean } {
    const state = this.lookups.state(lookup);
    if (state.status === 'done') return { result: state.result, complete: true };
    if (state.status === 'failed' && state.partial) return { result: state.partial, complete: false };
    throw new Error('Nothing has been fetched for this lookup yet. Refresh it first.');
  }

  async exportLookup(lookup: Lookup, format: 'csv' | 'json', target?: vscode.Uri): Promise<string | undefined> {
    const { result, complete } = this.fetched(lookup);
    const content = format === 'csv' ? eventsToCsv(result.events) : lookupToJson(result);
    const suffix = lookup.periodId ? `-period-${lookup.periodId}` : '';
    const fileName = `capillary-events-${lookup.userId}-${lookup.targetRuleId}${suffix}${complete ? '' : '-partial'}.${format}`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, fileName),
        filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        title: `Export ${result.events.length} events as ${format.toUpperCase()}`,
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
    const partialNote = complete ? '' : ' (partial: the fetch did not complete)';
    return `Exported ${result.events.length} events to ${uri.fsPath}${partialNote}`;
  }

  curlFor(lookup: Lookup): string {
    const profile = findProfile(lookup.profileName);
    if (!profile) throw new Error(`There is no profile named "${lookup.profileName}".`);
    return buildCurlCommand({
      baseUrl: profile.baseUrl,
      authKind: profile.authType,
      pageSize: readRequestSettings().pageSize,
      params: { userId: lookup.userId, targetRuleId: lookup.targetRuleId, periodId: lookup.periodId },
    });
  }

  async copyCurl(lookup: Lookup): Promise<string> {
    await vscode.env.clipboard.writeText(this.curlFor(lookup));
    return 'Copied the cURL command (credentials replaced by placeholders).';
  }

  async openRawJson(lookup: Lookup): Promise<string> {
    const { result } = this.fetched(lookup);
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: lookupToJson(result) });
    await vscode.window.showTextDocument(document, { preview: false });
    return `Opened ${result.events.length} events as JSON.`;
  }
}
