// The table's HTTP 401 page names the profile whose credentials were refused and offers to set them.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataMessage, documentationExample, failedMessage, lookup, tableData } from './fixtures';
import { pageErrors, posted, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

describe('table webview: error actions', () => {
  it('on HTTP 401 it names the profile, and its first button posts setCredentials', async () => {
    const page = await harness.open();
    await send(page, failedMessage(lookup, { message: 'Capillary refused the credentials (HTTP 401).', hint: 'Check the credentials.', httpStatus: 401, code: 401, kind: 'auth' }));
    await page.waitForSelector('.state-view.error');
    assert.equal(await page.textContent('.state-view.error .profile'), `Profile "${lookup.profileName}" (${lookup.host}) was refused.`);
    const buttons = await page.$$eval('.state-view.error vscode-button', (elements) => elements.map((element) => element.textContent));
    assert.deepEqual(buttons, [`Set Credentials for profile "${lookup.profileName}"`, 'Retry']);
    await page.click('.state-view.error vscode-button >> nth=0');
    assert.deepEqual((await posted(page)).at(-1), { type: 'setCredentials' });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('on a table holding data, a refusal\u2019s banner names the profile and offers to set its credentials first', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.event-row');
    const refused = failedMessage(lookup, { message: 'Capillary refused the credentials (HTTP 401).', hint: 'Check the credentials.', httpStatus: 401, code: 401, kind: 'auth' }, 'unchanged');
    await send(page, refused);
    await page.waitForSelector('.banner.error');
    assert.equal(await page.textContent('.banner.error .profile'), `Profile "${lookup.profileName}" (${lookup.host}) was refused.`);
    const buttons = await page.$$eval('.banner.error vscode-button', (elements) => elements.map((element) => element.textContent));
    assert.deepEqual(buttons, [`Set Credentials for profile "${lookup.profileName}"`, 'Retry']);
    await page.click('.banner.error vscode-button >> nth=0');
    assert.deepEqual((await posted(page)).at(-1), { type: 'setCredentials' });
    assert.equal(await page.$$eval('.event-row', (rows) => rows.length) > 0, true, 'the events stay');
    // The credentials work again: the lookup succeeds and the banner goes.
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.banner.error', { state: 'detached' });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('other errors offer Retry only', async () => {
    const page = await harness.open();
    await send(page, failedMessage(lookup, { message: 'Capillary\u2019s server failed (HTTP 503) on every try.', hint: 'Try again later.', httpStatus: 503, kind: 'http' }));
    await page.waitForSelector('.state-view.error');
    assert.equal(await page.$('.state-view.error .profile'), null);
    const buttons = await page.$$eval('.state-view.error vscode-button', (elements) => elements.map((element) => element.textContent));
    assert.deepEqual(buttons, ['Retry']);
    await page.close();
  });
});
