// Wires the adapters together. Activation does no network or disk work: everything waits for a command or view.
import * as vscode from 'vscode';
import { Connections } from './connections';
import { LookupExports } from './exports';
import { Log } from './log';
import { LookupCommands } from './lookupCommands';
import { LookupService, type Lookup } from './lookups';
import { LOOKUP_VIEW_ID, LookupTreeProvider, type LookupTreeNode } from './lookupTree';
import { ProfileCommands } from './profileCommands';
import { SavedLookups } from './savedLookups';
import { SecretStore } from './secretStore';
import { RAW_JSON_SCHEME, RawJsonDocuments } from './rawJson';
import { ProfileStatusBar } from './statusBar';
import { TABLE_VIEW_TYPE, TablePanels } from './tablePanel';
import { LookupUriHandler } from './uriHandler';

export function activate(context: vscode.ExtensionContext) {
  const log = new Log();
  const secrets = new SecretStore(context.secrets);
  const connections = new Connections(secrets, log);
  const lookups = new LookupService(connections);
  const saved = new SavedLookups(context.globalState);
  const exports = new LookupExports(lookups);
  const panels = new TablePanels(context.extensionUri, lookups, exports, log);
  const tree = new LookupTreeProvider(saved, lookups);
  const treeView = vscode.window.createTreeView<LookupTreeNode>(LOOKUP_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const profiles = new ProfileCommands(secrets, connections);
  const lookupCommands = new LookupCommands(lookups, saved, panels, exports, connections, profiles, log, () => treeView.selection);
  const statusBar = new ProfileStatusBar();
  const uriHandler = new LookupUriHandler();
  const rawJson = new RawJsonDocuments(lookups);

  context.subscriptions.push(
    log,
    lookups,
    saved,
    panels,
    tree,
    treeView,
    statusBar,
    vscode.window.registerWebviewPanelSerializer(TABLE_VIEW_TYPE, panels),
    vscode.window.registerUriHandler(uriHandler),
    rawJson,
    vscode.workspace.registerTextDocumentContentProvider(RAW_JSON_SCHEME, rawJson),
    vscode.commands.registerCommand('capillary.showLog', () => log.channel.show()),
    ...profiles.register(),
    ...lookupCommands.register(),
  );

  /** For tests and other extensions: read-only views of what the extension holds. */
  return {
    lookupState: lookups.state.bind(lookups),
    panelOf: panels.panelOf.bind(panels),
    savedLookups: () => saved.list(),
    treeProvider: tree,
    statusBarText: () => statusBar.text,
    storedSecretKinds: (profileName: string) => secrets.storedKinds(profileName),
    logUri: context.logUri,
    openLink: (uri: vscode.Uri) => uriHandler.handleUri(uri),
    openRawJson: (lookup: Lookup) => exports.openRawJson(lookup),
  };
}

export function deactivate(): void {}
