// Issue 22, the table: while Capillary's rate limit pauses the profile's requests, the loading view and the refresh
// banner say so with the time the requests go again, not a bare spinner; they stop saying it once the pause ends.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataMessage, documentationExample, loadingMessage, lookup, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

/** 14:02:31 local time, today. */
function localMoment(hours: number, minutes: number, seconds: number): number {
  const date = new Date();
  date.setHours(hours, minutes, seconds, 0);
  return date.getTime();
}

describe('table webview: waiting for the rate limit', () => {
  it('the loading view says it waits for the rate limit until when, then only the pages', async () => {
    const page = await harness.open();
    await send(page, loadingMessage(lookup, { pagesFetched: 2, pagesExpected: 7, eventsFetched: 2000, rateLimitedUntil: localMoment(14, 2, 31) }));
    await page.waitForSelector('.loading vscode-progress-ring');
    assert.equal(await page.textContent('.loading .progress-text'), '2 of 7 pages loaded · 2,000 events · waiting for Capillary\u2019s rate limit until 14:02:31');
    await send(page, loadingMessage(lookup, { pagesFetched: 3, pagesExpected: 7, eventsFetched: 3000 }));
    await page.waitForSelector('.loading .progress-text:has-text("3 of 7 pages loaded")');
    assert.equal(await page.textContent('.loading .progress-text'), '3 of 7 pages loaded · 3,000 events');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('the refresh banner over the events on screen says it too', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    await send(page, loadingMessage(lookup, { pagesFetched: 0, eventsFetched: 0, rateLimitedUntil: localMoment(9, 5, 0) }, 'unchanged'));
    await page.waitForSelector('.banner.loading');
    assert.equal(await page.textContent('.banner.loading .progress-text'), '0 pages loaded · 0 events · waiting for Capillary\u2019s rate limit until 09:05:00');
    await page.close();
  });
});
