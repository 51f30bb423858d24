// The table webview app: filled in by the webview module.
