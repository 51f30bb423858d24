// Deep links: vscode://<publisher>.capillary-target-events/lookup?userId=…&targetRuleId=…&periodId=…&profile=…
// The query uses the commands' argument vocabulary (`commandArgs.ts`) and goes to capillary.lookupEvents as is.
import * as vscode from 'vscode';
import { argsFromQuery, isOurArgs } from './commandArgs';

export class LookupUriHandler implements vscode.UriHandler {
  async handleUri(uri: vscode.Uri): Promise<void> {
    const args = argsFromQuery(uri.query);
    if (uri.path !== '/lookup' || !isOurArgs(args)) {
      const link = uri.query ? `${uri.path}?${uri.query}` : uri.path;
      void vscode.window.showErrorMessage(`Unknown Capillary link "${link}". Links look like …/lookup?userId=…&targetRuleId=….`);
      return;
    }
    try {
      await vscode.commands.executeCommand('capillary.lookupEvents', args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Capillary link: ${message}`);
    }
  }
}
