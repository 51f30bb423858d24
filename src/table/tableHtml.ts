// The table webview's HTML shell: the bundled app and its stylesheets under a strict CSP (nothing by default, only
// the extension's own styles, fonts and images, and only the script carrying this page's nonce).
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { TABLE_STYLESHEETS } from './stylesheets';

/** The folders the webview may load from: the bundle and the media. */
export function tableResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function tableHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const styleLinks = TABLE_STYLESHEETS.map(
    (file) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString()}">`,
  ).join('\n');
  const scriptNonce = crypto.randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${scriptNonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styleLinks}
<title>Capillary events</title>
</head>
<body>
<div id="app"></div>
<script nonce="${scriptNonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
