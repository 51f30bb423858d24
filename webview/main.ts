// Entry of the table webview (bundled to dist/webview.js): registers the toolkit, builds the app, says ready.
import { App } from './app/app';
import { registerToolkit } from './toolkit';

registerToolkit();
const root = document.getElementById('app');
if (!root) throw new Error('The table webview needs a <div id="app"> in its HTML.');
new App(root).start();
