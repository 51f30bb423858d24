// Export, cURL and raw JSON for a lookup's events: what the table's buttons and the tree's context menu do.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { buildCurlScript } from './curl';
import { eventsToCsv, lookupToJson } from './format';
import type { Lookup, LookupService } from '../lookup/lookups';
import { rawJsonUri } from './rawJson';
import { shownResult, type ShownResult } from '../lookup/lookupState';
import { exportReconciliation } from '../targetProgress/report';
import { formatLocalDateTime, plural } from '../shared/display';
import { findProfile, readRequestSettings } from '../profiles/settings';
import type { TableActions } from '../table/tablePanel';

/** Which result an export holds: a refresh may have failed since the complete one was fetched. */
function describeShown({ complete, fetchedAt }: ShownResult): string {
  const what = complete ? 'the complete result' : 'partial: the fetch stopped early';
  return `${what}, fetched at ${formatLocalDateTime(fetchedAt)}`;
}

export class LookupExports implements TableActions {
  constructor(private readonly lookups: LookupService) {}

  /** The events the table shows: the last complete result, else a stopped fetch's partial one; refuses when there are none. */
  private fetched(lookup: Lookup): ShownResult {
    const shown = shownResult(this.lookups.state(lookup));
    if (!shown) throw new Error('Nothing has been fetched for this lookup yet. Refresh it first.');
    return shown;
  }

  async exportLookup(lookup: Lookup, format: 'csv' | 'json', target?: vscode.Uri): Promise<string | undefined> {
    const shown = this.fetched(lookup);
    const { result, complete } = shown;
    const reconciliation = this.reconciliation(lookup, shown);
    const content =
      format === 'csv'
        ? eventsToCsv(result.events, reconciliation.annotations)
        : lookupToJson(result, { complete, fetchedAt: shown.fetchedAt.toISOString() }, reconciliation);
    const suffix = lookup.periodId ? `-period-${lookup.periodId}` : '';
    const fileName = `capillary-events-${lookup.userId}-${lookup.targetRuleId}${suffix}${complete ? '' : '-partial'}.${format}`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, fileName),
        filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        title: `Export ${plural(result.events.length, 'event')} as ${format.toUpperCase()}`,
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
    return `Exported ${plural(result.events.length, 'event')} to ${uri.fsPath} (${describeShown(shown)}).`;
  }

  private reconciliation(lookup: Lookup, shown: ShownResult) {
    return exportReconciliation(shown.result, this.lookups.targetProgressInfo(lookup) ?? { status: 'loading' });
  }

  curlFor(lookup: Lookup): string {
    const profile = findProfile(lookup.profileName);
    if (!profile) throw new Error(`There is no profile named "${lookup.profileName}".`);
    return buildCurlScript({
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
    const shown = this.fetched(lookup);
    // vscode.open resolves once the editor shows the document; openTextDocument would also wait for the
    // document's copy in this extension host, which for 50,000 events takes seconds.
    await vscode.commands.executeCommand('vscode.open', rawJsonUri(lookup), { preview: false });
    const pages = shown.result.rawPages.length;
    return `Opened the ${plural(pages, 'page')} Capillary returned (${describeShown(shown)}).`;
  }
}
