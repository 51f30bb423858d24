// "Open raw JSON": a read-only document of the pages of a lookup's shown result, exactly as Capillary sent them,
// served by a content provider so that it is never an Untitled editor that asks to be saved.
import * as vscode from 'vscode';
import { lookupKey, type Lookup, type LookupService } from './lookups';
import { shownResult } from './lookupState';

export const RAW_JSON_SCHEME = 'capillary-raw';

/** The document of a lookup: its name says which lookup, its query holds the lookup itself. */
export function rawJsonUri(lookup: Lookup): vscode.Uri {
  const period = lookup.periodId ? `-period-${lookup.periodId}` : '';
  const query = new URLSearchParams({ profile: lookup.profileName, userId: lookup.userId, targetRuleId: lookup.targetRuleId });
  if (lookup.periodId) query.set('periodId', lookup.periodId);
  return vscode.Uri.from({
    scheme: RAW_JSON_SCHEME,
    path: `/${encodeURIComponent(lookup.profileName)}/pages-user-${lookup.userId}-rule-${lookup.targetRuleId}${period}.json`,
    query: query.toString(),
  });
}

function lookupOfUri(uri: vscode.Uri): Lookup | undefined {
  const query = new URLSearchParams(uri.query);
  const profileName = query.get('profile');
  const userId = query.get('userId');
  const targetRuleId = query.get('targetRuleId');
  if (profileName === null || userId === null || targetRuleId === null) return undefined;
  return { profileName, userId, targetRuleId, periodId: query.get('periodId') ?? undefined };
}

export class RawJsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly lookups: LookupService) {
    // An open document follows its lookup: a new result replaces the pages shown.
    this.listener = lookups.onDidChange((lookup) => {
      const key = lookupKey(lookup);
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme !== RAW_JSON_SCHEME) continue;
        const shown = lookupOfUri(document.uri);
        if (shown && lookupKey(shown) === key) this.changed.fire(document.uri);
      }
    });
  }

  /** A JSON array of the page bodies, each as received; pages are joined without re-formatting them. */
  provideTextDocumentContent(uri: vscode.Uri): string {
    const lookup = lookupOfUri(uri);
    const shown = lookup && shownResult(this.lookups.state(lookup));
    if (!shown) return '[]\n';
    return `[\n${shown.result.rawPages.join(',\n')}\n]\n`;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
