// A new user's routes through the product in the browser-hosted VS Code, by keyboard and mouse: the palette
// lookup, the sidebar, setting credentials, and bad input. Screenshots go to test-results/screenshots/.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { inputBoxText, openViewContainer, openWorkbench, quickInput, saveScreenshot, webviewContent, type Theme, type WorkbenchSession } from './workbench';
import { answerLookupWizard, answerPrompt, lookUpFromPalette, PROMPTS, runPaletteCommand, setBasicCredentials } from './wizard';

const SAMPLE_PROFILE = 'Sample (local)';

function profileSettings(api: SampleApi, name = SAMPLE_PROFILE): Record<string, unknown> {
  return {
    'capillary.profiles': [{ name, baseUrl: api.url, authType: 'basic' }],
    'capillary.activeProfile': name,
  };
}

for (const theme of ['light', 'dark'] as Theme[]) {
  describe(`palette lookup (${theme} theme)`, { timeout: 240_000 }, () => {
    let api: SampleApi;
    let workbench: WorkbenchSession;

    before(async () => {
      api = await startSampleApi({ largeUserEvents: 2000 });
      workbench = await openWorkbench({ theme, userSettings: profileSettings(api) });
      await setBasicCredentials(workbench.page, SAMPLE_CREDENTIALS.basic);
    });
    after(async () => {
      await workbench?.close();
      await api?.stop();
    });

    it('picking the customer\'s target shows the events grouped by period with counts and exact sums', async () => {
      const { page } = workbench;
      await lookUpFromPalette(page, SAMPLE_LOOKUPS.docExample.userId, { pick: 'Rule 1986' }, 'All periods');
      const table = webviewContent(page);
      const groups = table.locator('.group-row');
      await groups.first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await groups.count(), 3);
      const periods = (await table.locator('.group-row .group-period').allInnerTexts()).map((t) => t.trim());
      assert.deepEqual(periods, ['Period 9887', 'Period 9888', 'Period 9889']);
      const sums = (await table.locator('.group-row .group-sum').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.deepEqual(sums, ['Σ 9,000.92', 'Σ 3,999.54', 'Σ 2,000']);
      assert.equal(await table.locator('.event-row').count(), 10);
      await saveScreenshot(page, `table-${theme}`);
    });

    it('a malformed userId is refused as you type, saying what is wrong', async () => {
      const { page } = workbench;
      await runPaletteCommand(page, 'Capillary: Look Up Tracked Target Events');
      const input = quickInput(page).locator('input.input');
      await input.fill('12a4');
      await page.waitForFunction(() => /digit/i.test(document.querySelector('.quick-input-message')?.textContent ?? ''));
      const { message } = await inputBoxText(page);
      assert.match(message, /userId|customer/i);
      await saveScreenshot(page, `bad-user-id-${theme}`);
      await page.keyboard.press('Escape');
    });

    it('an unknown targetRuleId shows the plain-language message and hint in the table', async () => {
      const { page } = workbench;
      await lookUpFromPalette(page, SAMPLE_LOOKUPS.docExample.userId, { type: '424242' }, 'All periods');
      const table = webviewContent(page);
      const alert = table.locator('.state-view.error');
      await alert.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await alert.innerText(), /target rule/i);
      assert.ok((await alert.locator('.hint').innerText()).trim().length > 0, 'a hint says what to fix');
      await saveScreenshot(page, `unknown-rule-${theme}`);
    });
  });
}

describe('sidebar and credentials', { timeout: 240_000 }, () => {
  let api: SampleApi;
  let workbench: WorkbenchSession;

  before(async () => {
    api = await startSampleApi({ largeUserEvents: 2000 });
    // This profile starts without credentials, as a real one does: the first test enters them.
    workbench = await openWorkbench({ theme: 'dark', userSettings: profileSettings(api, 'Local basic') });
  });
  after(async () => {
    await workbench?.close();
    await api?.stop();
  });

  it('credentials are entered through the UI; the password is masked and never shown in clear', async () => {
    const { page } = workbench;
    await runPaletteCommand(page, 'Capillary: Set Credentials');
    await answerPrompt(page, 'Till username', SAMPLE_CREDENTIALS.basic.username);
    await quickInput(page).locator('.quick-input-message', { hasText: 'Password of' }).waitFor({ state: 'visible' });
    const input = quickInput(page).locator('input.input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(SAMPLE_CREDENTIALS.basic.password);
    await saveScreenshot(page, 'credentials-password-masked');
    const visibleText = await page.locator('.monaco-workbench').innerText();
    assert.ok(!visibleText.includes(SAMPLE_CREDENTIALS.basic.password), 'the password is not on screen');
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: 'secret storage' }).waitFor({ state: 'visible' });
  });

  it('a lookup added in the sidebar expands to its periods and opens a period in the table', async () => {
    const { page } = workbench;
    await openViewContainer(page, 'Capillary');
    // With a profile in the settings, the welcome view no longer offers to set one up.
    const welcome = page.locator('.welcome-view-content');
    await welcome.locator('a', { hasText: 'Add Lookup' }).first().waitFor({ state: 'visible' });
    assert.equal(await welcome.locator('a', { hasText: 'Set Up a Connection Profile' }).count(), 0);
    await page.locator('.welcome-view-content a', { hasText: 'Add Lookup' }).first().click();
    await answerLookupWizard(page, SAMPLE_LOOKUPS.docExample.userId, { pick: 'Rule 1986' }, 'All periods');
    const tree = page.locator('.pane-body .monaco-list[aria-label*="Tracked Target Events"], .sidebar .monaco-list').first();
    const lookupRow = tree.locator('.monaco-list-row', { hasText: 'user 564332013 · rule 1986' });
    await lookupRow.waitFor({ state: 'visible' });
    await lookupRow.click();
    await page.keyboard.press('ArrowRight');
    const periodRow = tree.locator('.monaco-list-row', { hasText: 'Period 9887 — 5 events · Σ 9,000.92' });
    await periodRow.waitFor({ state: 'visible', timeout: 30_000 });
    await periodRow.click();
    await page.keyboard.press('ArrowRight');
    await tree.locator('.monaco-list-row', { hasText: 'ADD_TRANSACTION' }).first().waitFor({ state: 'visible' });
    await saveScreenshot(page, 'sidebar-tree-dark');
    await periodRow.hover();
    await periodRow.locator('.action-label[aria-label="Open in Table"]').click();
    const table = webviewContent(page);
    await table.locator('.group-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual((await table.locator('.group-row .group-period').allInnerTexts()).map((t) => t.trim()), ['Period 9887']);
    assert.equal(await table.locator('.event-row').count(), 5);
    await saveScreenshot(page, 'sidebar-period-table-dark');
  });

  it('the view\'s + asks for a new lookup also while a tree item is selected', async () => {
    const { page } = workbench;
    const tree = page.locator('.sidebar .monaco-list').first();
    await tree.locator('.monaco-list-row', { hasText: 'user 564332013 · rule 1986' }).click();
    // VS Code passes the focused tree node to a view-title command; it must not be read as lookup arguments.
    await page.locator('.sidebar .action-label[aria-label="Add Lookup to Sidebar"]').first().click();
    await quickInput(page).locator('.quick-input-message', { hasText: PROMPTS.userId }).waitFor({ state: 'visible' });
    const errorToasts = page.locator('.notification-toast', { has: page.locator('.codicon-error') });
    assert.deepEqual(await errorToasts.allInnerTexts(), []);
    await page.keyboard.press('Escape');
  });

  it('Remove Lookup offers Undo in its notification, which puts the lookup back', async () => {
    const { page } = workbench;
    const tree = page.locator('.sidebar .monaco-list').first();
    const lookupRow = tree.locator('.monaco-list-row', { hasText: 'user 564332013 · rule 1986' });
    await lookupRow.click();
    await lookupRow.click({ button: 'right' });
    const remove = page.locator('.context-view .monaco-menu .action-label', { hasText: 'Remove Lookup' });
    // The menu takes a click once it tracks the pointer: the hovered item is marked focused.
    await remove.hover();
    await page.locator('.context-view .monaco-menu .action-item.focused', { hasText: 'Remove Lookup' }).waitFor({ state: 'visible' });
    await remove.click();
    await lookupRow.waitFor({ state: 'detached' });
    const toast = page.locator('.notification-toast', { hasText: 'Removed the lookup "user 564332013 · rule 1986"' });
    await toast.locator('.monaco-button', { hasText: 'Undo' }).click();
    await lookupRow.waitFor({ state: 'visible' });
  });
});
