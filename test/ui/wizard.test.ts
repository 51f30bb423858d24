// The lookup wizard as a new user meets it: the large customer's rule listed once, "All periods" ready to take,
// and errors that stop the wizard with the whole message and the button that fixes them. Screenshots go to
// test-results/screenshots/.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../../sample-api/server';
import { quickInput, saveScreenshot, webviewContent } from './workbench';
import { SAMPLE_PROFILE, useSampleWorkbench } from './sampleWorkbench';
import { answerPrompt, pickItem, PROMPTS, runPaletteCommand, setBasicCredentials, typeIntoList } from './wizard';

const LOOKUP_COMMAND = 'Capillary: Look Up Tracked Target Events';

describe('wizard journeys', { timeout: 300_000 }, () => {
  // No command before the first test: it checks what shows at start-up.
  const sample = useSampleWorkbench({ withCredentials: false });

  it('the profile status bar item shows from start-up, before any command', async () => {
    const { page } = sample.workbench;
    await page.locator('.statusbar-item', { hasText: SAMPLE_PROFILE }).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('palette lookup: a pasted userId is trimmed, the rule is listed once, and Enter takes "All periods"', async () => {
    const { page } = sample.workbench;
    await setBasicCredentials(page, SAMPLE_CREDENTIALS.basic);
    await runPaletteCommand(page, LOOKUP_COMMAND);
    await answerPrompt(page, PROMPTS.userId, `  ${SAMPLE_LOOKUPS.large.userId} `);
    const widget = quickInput(page);
    await widget.locator(`input.input[placeholder*="${PROMPTS.targetPick}"]`).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await widget.locator('input.input').getAttribute('placeholder')) ?? '', /e\.g\. \d+\)$/, 'the placeholder shows a rule ID');
    const rule = widget.locator('.monaco-list-row', { hasText: `Rule ${SAMPLE_LOOKUPS.large.targetRuleId}` });
    await rule.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await widget.locator('.monaco-list-row').count(), 1, 'one entry for the rule, not one per period');
    assert.match(await rule.innerText(), /Current period \d+: [\d,.\u2212]+ of [\d,.]+/);
    await saveScreenshot(page, 'wizard-rule-step');
    await page.keyboard.press('Enter');
    await widget.locator(`input.input[placeholder*="${PROMPTS.periodPick}"]`).waitFor({ state: 'visible', timeout: 60_000 });
    await widget.locator('.monaco-list-row.focused', { hasText: 'All periods' }).waitFor({ state: 'visible' });
    await widget.locator('.monaco-list-row', { hasText: 'Period ' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await widget.locator('.monaco-list-row.focused', { hasText: 'All periods' }).waitFor({ state: 'visible' });
    await saveScreenshot(page, 'wizard-period-step');
    await page.keyboard.press('Enter');
    await webviewContent(page).locator('.group-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    await saveScreenshot(page, 'wizard-large-table');
  });

  it('wizard error: an unknown user stops the wizard with the whole message, and "Enter another user" asks again', async () => {
    const { page } = sample.workbench;
    await runPaletteCommand(page, LOOKUP_COMMAND);
    await answerPrompt(page, PROMPTS.userId, '999000111');
    const toast = page.locator('.notification-toast', { hasText: 'Invalid userId' });
    await toast.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await toast.innerText(), /no customer with this ID was found\. Check the userId/);
    await quickInput(page).waitFor({ state: 'hidden' });
    await saveScreenshot(page, 'wizard-error-unknown-user');
    await toast.locator('.monaco-button', { hasText: 'Enter another user' }).click();
    await quickInput(page).locator('.quick-input-message', { hasText: PROMPTS.userId }).waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
  });

  it('wizard error: refused credentials offer "Set Credentials for profile", which checks the new ones at once', async () => {
    const { page } = sample.workbench;
    await runPaletteCommand(page, 'Capillary: Set Credentials');
    await answerPrompt(page, 'Till username', SAMPLE_CREDENTIALS.basic.username);
    await answerPrompt(page, 'Password of', 'wrong-password');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await dialog.innerText(), /may not work[\s\S]*HTTP 401/);
    await saveScreenshot(page, 'credentials-refused');
    await dialog.locator('.monaco-button:focus', { hasText: 'Enter Again' }).waitFor({ state: 'visible' });
    await dialog.locator('.monaco-button', { hasText: 'Save Anyway' }).click();

    await runPaletteCommand(page, LOOKUP_COMMAND);
    await answerPrompt(page, PROMPTS.userId, SAMPLE_LOOKUPS.docExample.userId);
    const action = `Set Credentials for profile "${SAMPLE_PROFILE}"`;
    const toast = page.locator('.notification-toast', { has: page.locator('.monaco-button', { hasText: action }) });
    await toast.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await toast.innerText(), /Capillary refused the credentials \(HTTP 401\)\.[\s\S]*Check the profile/);
    await saveScreenshot(page, 'wizard-error-401');
    await toast.locator('.monaco-button', { hasText: action }).click();
    await answerPrompt(page, 'Till username', SAMPLE_CREDENTIALS.basic.username);
    await answerPrompt(page, 'Password of', SAMPLE_CREDENTIALS.basic.password);
    await page.locator('.notification-toast', { hasText: 'accepted the credentials' }).waitFor({ state: 'visible', timeout: 60_000 });
    // The wizard starts again with the customer ID filled in.
    const input = quickInput(page).locator('input.input');
    await quickInput(page).locator('.quick-input-message', { hasText: PROMPTS.userId }).waitFor({ state: 'visible' });
    assert.equal(await input.inputValue(), SAMPLE_LOOKUPS.docExample.userId);
    await page.keyboard.press('Escape');
  });
  it('targets refused (HTTP 403): the rule step names the customer, says why there is no list, and takes a typed rule and period', async () => {
    const { page } = sample.workbench;
    const { userId, targetRuleId } = SAMPLE_LOOKUPS.docExample;
    sample.api.setFaults({ targetGroupsFailStatus: 403 });
    try {
      await runPaletteCommand(page, LOOKUP_COMMAND);
      await answerPrompt(page, PROMPTS.userId, userId);
      const widget = quickInput(page);
      await widget.locator('.quick-input-title', { hasText: `target rules of customer ${userId}` }).waitFor({ state: 'visible', timeout: 60_000 });
      const why = widget.locator('.monaco-list-row', { hasText: 'cannot be listed with these credentials' });
      await why.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await why.innerText(), /Not authorized[\s\S]*Type the rule ID/);
      await saveScreenshot(page, 'wizard-targets-refused');
      await typeIntoList(page, PROMPTS.targetPick, targetRuleId, `Use targetRuleId ${targetRuleId}`);
      await widget.locator('.monaco-list-row', { hasText: 'Periods not listed for a typed rule' }).waitFor({ state: 'visible', timeout: 60_000 });
      await pickItem(page, PROMPTS.periodPick, 'All periods');
      await webviewContent(page).locator('.event-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    } finally {
      sample.api.resetFaults();
    }
  });

  it('a customer without targets gets a sentence saying so, not an empty list', async () => {
    const { page } = sample.workbench;
    const { userId } = SAMPLE_LOOKUPS.noEvents;
    await runPaletteCommand(page, LOOKUP_COMMAND);
    await answerPrompt(page, PROMPTS.userId, userId);
    const widget = quickInput(page);
    await widget.locator('.monaco-list-row', { hasText: `Customer ${userId} has no targets` }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await widget.locator('.monaco-list-row').count(), 1);
    await page.keyboard.press('Escape');
  });
});
