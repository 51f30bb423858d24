// The workbench loads the extension, the command palette offers its commands by title, and opening its
// view container activates it. Titles and names come from package.json, so the test follows the manifest.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../runner/codeServer';
import {
  openCommandPalette,
  paletteEntry,
  openViewContainer,
  quickInput,
  runningExtensions,
  saveScreenshot,
  type WorkbenchSession,
  openWorkbench,
} from './workbench';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
// Commands with a `when` in the palette menu show only in that context (hidden for good with "false").
const notAlwaysInPalette = new Set<string>(
  (manifest.contributes?.menus?.commandPalette ?? [])
    .filter((entry: { when?: string }) => entry.when !== undefined)
    .map((entry: { command: string }) => entry.command),
);
const paletteTitles = (manifest.contributes?.commands ?? [])
  .filter((entry: ContributedCommand) => !notAlwaysInPalette.has(entry.command))
  .map((entry: ContributedCommand) => (entry.category ? `${entry.category}: ${entry.title}` : entry.title));
const activityBarContainer: { title: string } | undefined = manifest.contributes?.viewsContainers?.activitybar?.[0];

describe('workbench smoke test', { timeout: 240_000 }, () => {
  let workbench: WorkbenchSession;

  before(async () => {
    workbench = await openWorkbench({ theme: 'dark' });
  });

  after(async () => {
    await workbench?.close();
  });

  it('the command palette offers every command the manifest always shows there', async () => {
    const { page } = workbench;
    assert.ok(paletteTitles.length > 0, 'package.json contributes no command for the command palette');
    await openCommandPalette(page);
    const input = quickInput(page).locator('input.input');
    for (const title of paletteTitles) {
      // The palette keeps its leading '>' (command mode) in the input.
      await input.fill(`>${title}`);
      await paletteEntry(page, title)
        .waitFor({ state: 'visible', timeout: 10_000 })
        .catch(async () => {
          await saveScreenshot(page, 'smoke-command-palette-failure');
          assert.fail(`"${title}" is not offered by the command palette`);
        });
      if (title === paletteTitles[0]) await saveScreenshot(page, 'smoke-command-palette');
    }
    await page.keyboard.press('Escape');
  });

  it('opening its view container activates the extension', async () => {
    const { page } = workbench;
    assert.ok(activityBarContainer, 'package.json contributes no activity bar view container');
    await openViewContainer(page, activityBarContainer.title);
    await saveScreenshot(page, 'smoke-view-container');
    const rows = await runningExtensions(page);
    await saveScreenshot(page, 'smoke-running-extensions');
    // An extension under development is listed by its identifier, an installed one by its display name.
    const names = [`${manifest.publisher}.${manifest.name}`, manifest.displayName];
    assert.ok(
      rows.some((row) => names.some((name) => row.startsWith(`${name} ${manifest.version} `))),
      `${names.join(' / ')} is not among the running extensions:\n${rows.join('\n')}`,
    );
  });
});
