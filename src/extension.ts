// Wires the adapters together. Activation does no network or disk work: everything waits for a command or view.
// In ExtensionMode.Test (the extension-host tests) activate() also returns read-only views for the tests.
import * as vscode from 'vscode';
import { Connections } from './profiles/connections';
import { LookupExports } from './export/exports';
import { Log } from './log';
import { LookupCommands } from './lookup/commands';
import { LookupService, lookupKey, type Lookup } from './lookup/lookups';
import { LookupWatcher } from './watch/watcher';
import { LOOKUP_VIEW_ID, LookupTreeProvider, type LookupTreeNode } from './tree/lookupTree';
import { ProfileCommands } from './profiles/commands';
import { SavedLookups } from './lookup/savedLookups';
import { SecretStore } from './profiles/secretStore';
import { RAW_JSON_SCHEME, RawJsonDocuments } from './export/rawJson';
import { ProfileStatusBar } from './profiles/statusBar';
import { SetupContext } from './profiles/setupContext';
import { TABLE_VIEW_TYPE, TablePanels } from './table/tablePanel';
import { LookupUriHandler } from './lookup/uriHandler';
import { ValueLookup } from './debug/valueLookup';
import { WatchCommands } from './watch/commands';
import { WatchStatusBar } from './watch/statusBar';
import { Explanations } from './explain/explanations';
import { ExplainCommands } from './explain/commands';

export function activate(context: vscode.ExtensionContext) {
  const log = new Log();
  const secrets = new SecretStore(context.secrets);
  const connections = new Connections(secrets, log);
  const lookups = new LookupService(connections);
  const saved = new SavedLookups(context.globalState);
  const exports = new LookupExports(lookups);
  const explanations = new Explanations(lookups, connections);
  const panels = new TablePanels(context.extensionUri, lookups, explanations, exports, log);
  const watcher = new LookupWatcher(lookups, {
    isShown: (lookup) => panels.panelOf(lookup) !== undefined || saved.list().some((item) => lookupKey(item) === lookupKey(lookup)),
    onDidChangeShown: (listener) => vscode.Disposable.from(panels.onDidChangePanels(listener), saved.onDidChange(() => {
      listener();
    })),
  });
  const tree = new LookupTreeProvider(saved, lookups, watcher, explanations);
  const treeView = vscode.window.createTreeView<LookupTreeNode>(LOOKUP_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const profiles = new ProfileCommands(secrets, connections);
  const lookupCommands = new LookupCommands(lookups, saved, panels, exports, connections, profiles, log, () => treeView.selection);
  const statusBar = new ProfileStatusBar();
  const watchStatusBar = new WatchStatusBar(watcher);
  const selectedLookup = () => {
    const [node] = treeView.selection;
    return node?.kind === 'lookup' ? node.lookup : undefined;
  };
  const watchCommands = new WatchCommands(watcher, lookups, panels, (command, arg) => lookupCommands.lookupOfArgument(command, arg), selectedLookup);
  const uriHandler = new LookupUriHandler();
  const rawJson = new RawJsonDocuments(lookups);

  context.subscriptions.push(
    log,
    connections,
    lookups,
    explanations,
    saved,
    panels,
    tree,
    treeView,
    statusBar,
    new SetupContext(secrets, context.extension.id),
    watcher,
    watchStatusBar,
    secrets.onDidChangeCredentials((profileName) => panels.credentialsChanged(profileName)),
    vscode.window.registerWebviewPanelSerializer(TABLE_VIEW_TYPE, panels),
    vscode.window.registerUriHandler(uriHandler),
    rawJson,
    vscode.workspace.registerTextDocumentContentProvider(RAW_JSON_SCHEME, rawJson),
    vscode.commands.registerCommand('capillary.showLog', () => log.channel.show()),
    ...profiles.register(),
    ...lookupCommands.register(),
    ...new ValueLookup(lookupCommands).register(),
    ...watchCommands.register(),
    ...new ExplainCommands(lookups, explanations, panels, lookupCommands).register(),
  );

  // Only the extension's own extension-host tests (and the benchmark) see inside; for everyone else the
  // extension's API is its commands.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    lookupState: lookups.state.bind(lookups),
    targetProgressInfo: lookups.targetProgressInfo.bind(lookups),
    explanationInfo: (lookup: Lookup) => explanations.current(lookup)?.info,
    panelOf: panels.panelOf.bind(panels),
    tableRowStream: panels.rowStreamReport.bind(panels),
    onDidAcknowledgeTableRows: panels.onDidAcknowledgeRows,
    receiveTableMessage: panels.receive.bind(panels),
    savedLookups: () => saved.list(),
    treeProvider: tree,
    statusBarText: () => statusBar.text,
    watchStatusBarText: () => watchStatusBar.text,
    isWatching: (lookup: Lookup) => watcher.isWatching(lookup),
    watchStatus: (lookup: Lookup) => watcher.status(lookup),
    storedSecretKinds: (profileName: string) => secrets.storedKinds(profileName),
    logUri: context.logUri,
    openLink: (uri: vscode.Uri) => uriHandler.handleUri(uri),
    openRawJson: (lookup: Lookup) => exports.openRawJson(lookup),
    rawJsonDocuments: rawJson,
  };
}

export function deactivate(): void {}
