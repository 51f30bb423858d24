// Development helper that only `npm start` installs next to the extension (never part of the .vsix): at start-up
// it sets the sample profile's credentials the way a script would, through the extension's own
// "Capillary: Set Credentials" command. `npm start` writes credentials.json (profile, username, password) next
// to this file in the copy it installs.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

async function activate() {
  try {
    const args = JSON.parse(fs.readFileSync(path.join(__dirname, 'credentials.json'), 'utf8'));
    await vscode.commands.executeCommand('capillary.setCredentials', args);
    // Says when the profile is ready, for the person who opened the URL and for the test that waits for it.
    vscode.window.setStatusBarMessage(`Sample credentials set for "${args.profile}"`, 120_000);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`npm start could not set the sample credentials: ${message}`);
  }
}

module.exports = { activate, deactivate() {} };
