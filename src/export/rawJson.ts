// "Open raw JSON": a read-only document of the pages of a lookup's shown result, exactly as Capillary sent them,
// served by a content provider so that it is never an Untitled editor that asks to be saved.
import * as vscode from 'vscode';
import { lookupKey, type Lookup, type LookupService } from '../lookup/lookups';
import { samePages, shownResult } from '../lookup/lookupState';

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
  /** The pages each open document was given, by URI: firing makes VS Code provide, split and compare it all again. */
  private readonly provided = new Map<string, readonly string[] | undefined>();
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly lookups: LookupService) {
    this.listeners = [
      // An open document follows its lookup, but only when its pages change: a lookup changes on every progress
      // tick of a refresh, and each firing makes VS Code provide the whole text again and compare it line by line.
      lookups.onDidChange((lookup) => {
        const key = lookupKey(lookup);
        for (const document of vscode.workspace.textDocuments) {
          if (document.uri.scheme !== RAW_JSON_SCHEME) continue;
          const shown = lookupOfUri(document.uri);
          if (!shown || lookupKey(shown) !== key) continue;
          const uri = document.uri.toString();
          const pages = this.pagesOf(shown);
          // Same text: keep the current result's pages rather than hold on to a replaced result's.
          if (samePages(this.provided.get(uri), pages)) this.provided.set(uri, pages);
          else this.changed.fire(document.uri);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.provided.delete(document.uri.toString())),
    ];
  }

  private pagesOf(lookup: Lookup): string[] | undefined {
    return shownResult(this.lookups.state(lookup))?.result.rawPages;
  }

  /** A JSON array of the page bodies, each as received; pages are joined without re-formatting them. */
  provideTextDocumentContent(uri: vscode.Uri): string {
    const lookup = lookupOfUri(uri);
    const pages = lookup && this.pagesOf(lookup);
    this.provided.set(uri.toString(), pages);
    return pages ? `[\n${pages.join(',\n')}\n]\n` : '[]\n';
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.changed.dispose();
  }
}
