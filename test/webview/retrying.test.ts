// Issue 14, the table: while a page is retried after a failure, the loading view and the refresh banner say which
// retry it is ("retrying 2 of 3"), and stop saying it once a page arrives.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataMessage, documentationExample, loadingMessage, lookup, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

describe('table webview: retries under way', () => {
  it('says which retry is under way in the loading view, then only the pages once a page arrives', async () => {
    const page = await harness.open();
    await send(page, loadingMessage(lookup, { pagesFetched: 0, eventsFetched: 0, retrying: { attempt: 1, of: 3 } }));
    await page.waitForSelector('.loading vscode-progress-ring');
    assert.equal(await page.textContent('.loading .progress-text'), '0 pages loaded · 0 events · retrying 1 of 3 after a failure');
    await send(page, loadingMessage(lookup, { pagesFetched: 0, eventsFetched: 0, retrying: { attempt: 2, of: 3 } }));
    await page.waitForSelector('.loading .progress-text:has-text("retrying 2 of 3")');
    await send(page, loadingMessage(lookup, { pagesFetched: 1, pagesExpected: 2, eventsFetched: 100 }));
    await page.waitForSelector('.loading .progress-text:has-text("1 of 2 pages loaded")');
    assert.equal(await page.textContent('.loading .progress-text'), '1 of 2 pages loaded · 100 events');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('says it in the refresh banner over the events on screen', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    await send(page, loadingMessage(lookup, { pagesFetched: 1, pagesExpected: 3, eventsFetched: 100, retrying: { attempt: 2, of: 3 } }, 'unchanged'));
    await page.waitForSelector('.banner.loading');
    assert.equal(await page.textContent('.banner.loading .progress-text'), '1 of 3 pages loaded · 100 events · retrying 2 of 3 after a failure');
    assert.ok(await page.$('.banner.loading vscode-progress-ring'), 'with a progress ring');
    await page.close();
  });
});
