// `npm run test:desktop`: the same extension-host suite as `npm test`, under desktop VS Code through
// @vscode/test-electron (for machines that can download VS Code; these build machines cannot).
//   VSCODE_VERSION  desktop VS Code version to download (default 1.100.3, the one code-server carries)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './codeServer';

async function main(): Promise<void> {
  const extensionTestsPath = path.join(REPO_ROOT, 'out', 'test', 'vscode', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} does not exist: run 'npm run compile-tests'.`);
  const workspaceFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'capillary-desktop-workspace-'));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath,
      // Only the extension under test, in a throw-away folder.
      launchArgs: [workspaceFolder, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspaceFolder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(
    `Desktop extension tests failed: ${error instanceof Error ? error.message : String(error)}\n` +
      'If desktop VS Code could not be downloaded (no internet), run the same suite in the browser-hosted ' +
      "VS Code instead: 'npm run test:vscode'.",
  );
  process.exit(1);
});
