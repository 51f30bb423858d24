// Issue 14, the table: a processing lag is amber only above the capillary.lagWarningSeconds setting, which comes
// with every state message, so that a changed setting recolours the rows already on screen.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { TrackedTargetEvent } from '../../src/capillary/types';
import type { ExtensionToWebview, TableData } from '../../src/shared/messages';
import { dataMessage, documentationExample, groupOf, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

/** One period with events processed 30 minutes, 2 hours and 30 hours late. */
function laggingData(): TableData {
  const [template] = documentationExample()[0].events;
  const lagging = (eventLogId: string, processed: string): TrackedTargetEvent => ({
    ...template,
    eventLogId,
    eventDate: '2025-01-09 12:00:00.0',
    eventProcessedDate: processed,
  });
  const group = groupOf([
    lagging('1', '2025-01-09 12:30:00.0'),
    lagging('2', '2025-01-09 14:00:00.0'),
    lagging('3', '2025-01-10 18:00:00.0'),
  ]);
  group.maxProcessingLagSeconds = 30 * 3600;
  return tableData([group]);
}

async function amber(page: Page): Promise<string[]> {
  return page.$$eval('.grid-body .lag.high', (lags) => lags.map((lag) => lag.textContent ?? ''));
}

/** The state message of a settings change: the same events, another threshold. */
function thresholdChange(data: TableData, lagWarningSeconds: number): ExtensionToWebview {
  return { type: 'state', lookup: data.lookup, fetch: { phase: 'done' }, rows: { kind: 'unchanged' }, targetProgress: { status: 'unchanged' }, lagWarningSeconds };
}

describe('table webview: lag warning threshold', () => {
  it('shows a lag in amber only above the threshold the state message carries, and recolours on a change', async () => {
    const page = await harness.open();
    const data = laggingData();
    await send(page, dataMessage(data));
    await page.waitForSelector('.event-row');
    assert.deepEqual(await page.$$eval('.grid-body .lag', (lags) => lags.map((lag) => lag.textContent)), ['max lag +1d 6h', '+30m', '+2h', '+1d 6h']);
    assert.deepEqual(await amber(page), ['max lag +1d 6h', '+2h', '+1d 6h'], 'the default: above an hour');

    await send(page, thresholdChange(data, 2 * 86400));
    await page.waitForFunction(() => document.querySelectorAll('.grid-body .lag.high').length === 0);
    assert.deepEqual(await amber(page), []);

    await send(page, thresholdChange(data, 600));
    await page.waitForFunction(() => document.querySelectorAll('.grid-body .lag.high').length === 4);
    assert.deepEqual(await amber(page), ['max lag +1d 6h', '+30m', '+2h', '+1d 6h']);

    await send(page, { ...(dataMessage(data) as Extract<ExtensionToWebview, { type: 'state' }>), lagWarningSeconds: 7200 });
    await page.waitForFunction(() => document.querySelectorAll('.grid-body .lag.high').length === 2);
    assert.deepEqual(await amber(page), ['max lag +1d 6h', '+1d 6h'], 'exactly 2 hours is not above 2 hours');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
