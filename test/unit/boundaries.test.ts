// The import boundaries in eslint.config.mjs: each deliberate violation is reported by ESLint, and a permitted import
// of each part is not. Only the boundary rule runs, without type information, so that files need not exist.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const RULE = 'no-restricted-imports';

const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: { languageOptions: { parserOptions: { project: false, projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});

/** The boundary messages ESLint reports for `code` as the file at `filePath` (relative to the repo root). */
async function boundaryReports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, filePath) });
  const fatal = result.messages.filter((message) => message.fatal);
  assert.deepEqual(fatal, [], `${filePath} parses`);
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

async function assertReported(code: string, filePath: string): Promise<void> {
  assert.equal((await boundaryReports(code, filePath)).length, 1, `${code} in ${filePath} is reported`);
}

async function assertPermitted(code: string, filePath: string): Promise<void> {
  assert.deepEqual(await boundaryReports(code, filePath), [], `${code} in ${filePath} is permitted`);
}

describe('import boundaries', () => {
  it('the webview imports only webview/, src/shared/ and the UI toolkit', async () => {
    await assertReported("import { lookupToJson } from '../src/export/format';", 'webview/x.ts');
    await assertReported("import { reconcile } from '../../src/targetProgress/reconcile';", 'webview/table/x.ts');
    await assertReported("import type { LookupResult } from '../../src/capillary/types';", 'webview/app/x.ts');
    await assertReported("export { eventsToCsv } from '../../src/export/format';", 'webview/table/x.ts');
    await assertReported("import { fixtures } from '../../test/webview/fixtures';", 'webview/views/x.ts');
    await assertReported("import * as vscode from 'vscode';", 'webview/app/x.ts');
    await assertReported("import * as fs from 'node:fs';", 'webview/x.ts');
    await assertReported("import fetch from 'node-fetch';", 'webview/table/x.ts');
    await assertPermitted(
      [
        "import { sumDecimals } from '../../src/shared/rules';",
        "import type { PeriodReconciliation } from '../../src/shared/reconciliation';",
        "import { h } from '../dom';",
        "import { columns } from './model';",
        "import { provideVSCodeDesignSystem } from '@vscode/webview-ui-toolkit';",
      ].join('\n'),
      'webview/table/x.ts',
    );
    await assertPermitted("import { App } from './app/app';\nimport { eventsToTsv } from '../src/shared/exportFormat';", 'webview/x.ts');
  });

  it('src/shared imports nothing outside src/shared: no vscode, no node: module, no other src/ folder', async () => {
    await assertReported("import type { Reconciliation } from '../targetProgress/reconcile';", 'src/shared/x.ts');
    await assertReported("import type { LookupResult } from '../../capillary/types';", 'src/shared/rules/x.ts');
    await assertReported("import { App } from '../../webview/app/app';", 'src/shared/x.ts');
    await assertReported("import * as vscode from 'vscode';", 'src/shared/x.ts');
    await assertReported("import { createHash } from 'node:crypto';", 'src/shared/rules/x.ts');
    await assertPermitted("import { sumDecimals } from './rules';\nimport type { TrackedTargetEvent } from '../domain';", 'src/shared/rules/x.ts');
    await assertPermitted("import type { PeriodGroup } from './domain';", 'src/shared/x.ts');
  });

  it('src/capillary imports no vscode and, of src/, only itself and src/shared', async () => {
    await assertReported("import * as vscode from 'vscode';", 'src/capillary/x.ts');
    await assertReported("import { reconcile } from '../targetProgress/reconcile';", 'src/capillary/x.ts');
    await assertReported("import type { Log } from '../../log';", 'src/capillary/endpoints/x.ts');
    await assertReported("import { startSampleApi } from '../../../sample-api/server';", 'src/capillary/transport/x.ts');
    await assertPermitted(
      [
        "import * as https from 'node:https';",
        "import fetch from 'node-fetch';",
        "import { parseDecimal } from '../../shared/rules';",
        "import { CapillaryApiError } from '../transport/errors';",
        "import { idText } from './trackedTargetEvents/events';",
      ].join('\n'),
      'src/capillary/endpoints/x.ts',
    );
  });

  it('src/targetProgress imports no vscode', async () => {
    await assertReported("import * as vscode from 'vscode';", 'src/targetProgress/x.ts');
    await assertPermitted(
      "import type { TargetProgress } from '../capillary/endpoints/targetProgress';\nimport { runningTotals } from '../shared/rules';",
      'src/targetProgress/x.ts',
    );
  });

  it('leaves the extension side free to import vscode', async () => {
    await assertPermitted("import * as vscode from 'vscode';\nimport { reconcile } from '../targetProgress/reconcile';", 'src/table/x.ts');
  });
});
