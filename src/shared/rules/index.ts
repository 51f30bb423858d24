// The domain rules, in one place for both bundles: the extension (Node) and the table webview (browser) import
// them from here, so the tree, the table, the exports and the tests agree by construction. Pure functions and
// constants only: no `vscode`, no DOM, no `node:` module (test/unit/rules-isolation checks this).
export * from './dates';
export * from './decimals';
export * from './errorCodes';
export * from './events';
export * from './ids';
export * from './lag';
