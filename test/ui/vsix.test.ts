// The packaged extension, as users install it: `npm run package` writes a .vsix; installed into a clean VS Code
// (no development path, so in production mode), its walkthrough shows every step's image from the package, and
// with credentials entered as a user does, the walkthrough's "Run a first lookup" button runs a lookup against the
// sample API. In production mode activate() returns nothing: this route uses only what a user has.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { REPO_ROOT } from '../runner/codeServer';
import { openWorkbench, runningExtensions, saveScreenshot, webviewContent, type WorkbenchSession } from './workbench';
import { openWalkthrough, pressStepButton, selectedStepImage, selectStep, showWalkthroughTab, stepDone, WALKTHROUGH, waitForStepDone } from './walkthrough';
import { answerLookupWizard, setBasicCredentials } from './wizard';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

describe('the packaged .vsix', { timeout: 300_000 }, () => {
  let api: SampleApi;
  let workbench: WorkbenchSession;
  let vsixDir: string;

  before(async () => {
    vsixDir = fs.mkdtempSync(path.join(os.tmpdir(), 'capillary-vsix-'));
    const vsix = path.join(vsixDir, 'capillary-target-events.vsix');
    const packaged = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000 });
    // Packaging builds the minified bundles into dist/; the development build is put back for the other tests.
    spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT });
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
    api = await startSampleApi({ largeUserEvents: 500 });
    workbench = await openWorkbench({
      theme: 'light',
      vsix,
      userSettings: {
        'capillary.profiles': [{ name: 'Sample (local)', baseUrl: api.url, authType: 'basic' }],
        'capillary.activeProfile': 'Sample (local)',
      },
    });
  });
  after(async () => {
    await workbench?.close();
    await api?.stop();
    if (vsixDir) fs.rmSync(vsixDir, { recursive: true, force: true });
  });

  it('the walkthrough shows each step with its image from the package', async () => {
    const { page } = workbench;
    await openWalkthrough(page);
    for (const step of WALKTHROUGH.steps) {
      await selectStep(page, step.id);
      const image = await selectedStepImage(page);
      assert.ok(image.width > 100 && image.height > 100, `the image of step "${step.id}" did not load from the .vsix`);
    }
    await saveScreenshot(page, 'vsix-walkthrough-light');
  });

  it('the walkthrough\'s first lookup activates the installed extension and shows the lookup in its table', async () => {
    const { page } = workbench;
    await setBasicCredentials(page, SAMPLE_CREDENTIALS.basic);
    assert.equal(await stepDone(page, 'lookup'), false);
    await pressStepButton(page, 'lookup');
    await answerLookupWizard(page, SAMPLE_LOOKUPS.docExample.userId, { pick: 'Rule 1986' }, 'All periods');
    const groups = webviewContent(page).locator('.group-row');
    await groups.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await groups.count(), 3);
    await saveScreenshot(page, 'vsix-table-light');
    await showWalkthroughTab(page);
    await waitForStepDone(page, 'lookup');
    const rows = await runningExtensions(page);
    assert.ok(
      rows.some((row) => row.startsWith(`${manifest.displayName} ${manifest.version} `)),
      `the installed ${manifest.displayName} is not running:\n${rows.join('\n')}`,
    );
  });
});
