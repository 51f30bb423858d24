// Deep links: vscode://<publisher>.capillary-target-events/lookup?userId=…&targetRuleId=…&periodId=…&profile=…
import * as vscode from 'vscode';

export class LookupUriHandler implements vscode.UriHandler {
  async handleUri(uri: vscode.Uri): Promise<void> {
    if (uri.path !== '/lookup') {
      void vscode.window.showErrorMessage(`Unknown Capillary link "${uri.path}". Links look like …/lookup?userId=…&targetRuleId=….`);
      return;
    }
    const query = new URLSearchParams(uri.query);
    const args = {
      userId: query.get('userId') ?? '',
      targetRuleId: query.get('targetRuleId') ?? '',
      periodId: query.get('periodId') ?? undefined,
      profile: query.get('profile') ?? undefined,
    };
    try {
      await vscode.commands.executeCommand('capillary.lookupEvents', args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Capillary link: ${message}`);
    }
  }
}
