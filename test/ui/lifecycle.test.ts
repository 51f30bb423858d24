// Lifecycle through the UI: cancelling a long fetch from the table keeps what arrived, marked partial; failures
// show in the table without a storm of popups; a reloaded window restores its open table.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_LOOKUPS, type SampleApi } from '../../sample-api/server';
import { useSampleWorkbench } from './sampleWorkbench';
import { saveScreenshot, webviewContent } from './workbench';
import { lookUpFromPalette, runPaletteCommand } from './wizard';

describe('lookup lifecycle', { timeout: 300_000 }, () => {
  // Pages of 100, so that the large customer's fetch has pages left to cancel (pages of 1,000 end it in one round).
  const sample = useSampleWorkbench({ userSettings: { 'capillary.pageSize': 100 } });

  it('Cancel in the table stops the fetch and shows the events that arrived under a partial banner', async () => {
    const { page } = sample.workbench;
    sample.api.setFaults({ latencyMs: 1000 });
    await lookUpFromPalette(page, SAMPLE_LOOKUPS.large.userId, { type: SAMPLE_LOOKUPS.large.targetRuleId }, 'All periods');
    const table = webviewContent(page);
    await table.locator('.progress-text', { hasText: /[2-9] (of \d+ )?pages|\d\d (of \d+ )?pages/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await saveScreenshot(page, 'loading-dark');
    await table.getByRole('button', { name: 'Cancel' }).click();
    const banner = table.locator('.banner.partial');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await banner.innerText(), /Cancelled\.[\s\S]*not the complete set/);
    const shown = await table.locator('.event-row').count();
    assert.ok(shown > 0, 'the events that arrived are shown');
    await saveScreenshot(page, 'partial-dark');
    sample.api.setFaults({ latencyMs: 0 });
  });

  it('failing lookups are reported in their tables, not in a storm of popups', async () => {
    const { page } = sample.workbench;
    for (const rule of ['424242', '434343']) {
      await lookUpFromPalette(page, SAMPLE_LOOKUPS.docExample.userId, { type: rule }, 'All periods');
      await webviewContent(page).locator('.state-view.error').waitFor({ state: 'visible', timeout: 30_000 });
    }
    const errorToasts = page.locator('.notification-toast', { has: page.locator('.codicon-error, .codicon-warning') });
    assert.deepEqual(await errorToasts.allInnerTexts(), []);
  });

  it('two failed refreshes in a row keep the complete result on screen under one banner', async () => {
    const { page } = sample.workbench;
    await runPaletteCommand(page, 'View: Close All Editors');
    await lookUpFromPalette(page, SAMPLE_LOOKUPS.docExample.userId, { type: SAMPLE_LOOKUPS.docExample.targetRuleId }, 'All periods');
    const table = webviewContent(page);
    await table.locator('.group-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    const failures: Array<{ faults: Parameters<SampleApi['setFaults']>[0]; message: RegExp; button: string }> = [
      { faults: { xml401: 1 }, message: /HTTP 401/, button: 'Refresh' },
      { faults: { errorCode: 310018 }, message: /Target rule not found/, button: 'Retry' },
    ];
    for (const { faults, message, button } of failures) {
      sample.api.setFaults(faults);
      await table.getByRole('button', { name: button, exact: true }).first().click();
      const banner = table.locator('.banner.error', { hasText: message });
      await banner.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await table.locator('.banner').count(), 1, 'one banner');
      assert.match(await banner.innerText(), /Showing the result fetched at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\./);
      // Counted from the summary: the periods' bills below their events may push a period's row out of the viewport.
      assert.match(await table.locator('.summary').innerText(), /10 events · 3 periods/, 'the complete result stays on screen');
      sample.api.resetFaults();
    }
    await saveScreenshot(page, 'refresh-failed-dark');
  });

  it('a reloaded window restores the open table and fetches it again', async () => {
    const { page } = sample.workbench;
    await runPaletteCommand(page, 'View: Close All Editors');
    await lookUpFromPalette(page, SAMPLE_LOOKUPS.docExample.userId, { type: SAMPLE_LOOKUPS.docExample.targetRuleId }, 'All periods');
    await webviewContent(page).locator('.group-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    await runPaletteCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    const tab = page.locator('.tab', { hasText: 'user 564332013 · rule 1986' });
    await tab.first().waitFor({ state: 'visible', timeout: 60_000 });
    await tab.first().click();
    const groups = webviewContent(page).locator('.group-row');
    await groups.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await groups.count(), 3);
    await saveScreenshot(page, 'restored-after-reload-dark');
  });
});
