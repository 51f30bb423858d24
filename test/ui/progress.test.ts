// Reading the target progress in the workbench: a palette lookup of the documentation's example shows every period
// matching, and the sample customer whose event was processed after its period ended shows the difference and why.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROGRESS_LOOKUPS, SAMPLE_LOOKUPS } from '../../sample-api/server';
import { saveScreenshot, webviewContent } from './workbench';
import { useSampleWorkbench } from './sampleWorkbench';
import { lookUpFromPalette } from './wizard';

describe('target progress in the workbench', { timeout: 240_000 }, () => {
  const sample = useSampleWorkbench();

  it('the documentation example: each period shows its window, goal, achieved value, Σ and a matching verdict', async () => {
    const { page } = sample.workbench;
    await lookUpFromPalette(page, SAMPLE_LOOKUPS.docExample.userId, { pick: 'Rule 1986' }, 'All periods');
    const table = webviewContent(page);
    const verdicts = table.locator('.progress-row .verdict');
    await verdicts.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual((await verdicts.allInnerTexts()).map((t) => t.trim()), ['✓ match', '✓ match', '✓ match']);
    const figures = (await table.locator('.progress-row .progress-figures').allInnerTexts()).map((t) => t.trim());
    assert.equal(figures[0], 'goal 5,000.000 · achieved 9,000.92 · Σ 9,000.92 · goal reached');
    assert.equal(figures[1], 'goal 5,000.000 · achieved 3,999.54 · Σ 3,999.54 · needs 1,000.460 more');
    const milestones = (await table.locator('.progress-row .milestones').allInnerTexts()).map((t) => t.trim());
    assert.match(milestones[0], /^milestone “Goal reached” at 5,000\.000: ✓ achieved · milestone “Launch bonus \(retired\)” at 5,000\.000: inactive, tracks nothing$/);
    assert.match(milestones[1], /^milestone “Goal reached” at 5,000\.000: ✗ not achieved/);
    const windows = (await table.locator('.group-row .group-span').allInnerTexts()).map((t) => t.trim());
    assert.equal(windows[0], '2025-01-09 00:00:00 → 2025-01-19 23:59:59');
    assert.equal(await table.locator('.progress-chart .chart-bar').count(), 3);
    await saveScreenshot(page, 'progress-doc-example-dark');
  });

  it('the late-processed customer: January differs by −1000, with the event processed after the period ended as the reason', async () => {
    const { page } = sample.workbench;
    await lookUpFromPalette(page, PROGRESS_LOOKUPS.lateProcessed.userId, { pick: 'Rule 1987' }, 'All periods');
    const table = webviewContent(page);
    const january = table.locator('.progress-row').first();
    await january.locator('.verdict', { hasText: 'differs' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await january.locator('.verdict').innerText()).trim(), 'differs by −1,000');
    assert.match(await january.locator('.verdict-reason').innerText(), /1 event processed after the period ended \(Σ 1,000\)/);
    const flagged = table.locator('.event-row.flagged');
    assert.equal(await flagged.count(), 1);
    assert.match(await flagged.innerText(), /620000104[\s\S]*processed after the period ended/);
    // The events pass the goal, Capillary's achieved value does not: no "goal" chip, what Capillary credited instead.
    assert.match(await january.locator('.progress-figures').innerText(), /events add up past the goal; Capillary credited 8,000/);
    const chips = table.locator('.event-row .crossing:not([hidden])');
    assert.deepEqual((await chips.allInnerTexts()).map((t) => t.trim()), ['Σ ≥ goal']);
    await saveScreenshot(page, 'progress-mismatch-dark');
  });
});
