// Issue 14, the table: cut-off cells show their whole value on hover; columns resize by drag or double-click and
// keep their widths across a reload of the panel.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { dataMessage, documentationExample, generatedGroups, lookup, tableData } from './fixtures';
import { pageErrors, savedStates, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

async function columnWidth(page: Page, column: string): Promise<number> {
  return page.$eval(`.grid-header-row .col-${column}`, (cell) => cell.getBoundingClientRect().width);
}

describe('table webview: cut-off cells and column widths', () => {
  it('gives cut-off cells, period details and event options a title with the whole value', async () => {
    const page = await harness.open({ width: 900 });
    const data = tableData(generatedGroups(2, 20));
    await send(page, dataMessage(data));
    await page.waitForSelector('.event-row');
    const firstEvent = data.groups[0].events[0];
    const row = page.locator('.event-row', { hasText: firstEvent.eventLogId }).first();
    assert.equal(await row.locator('.col-eventLogId').getAttribute('title'), firstEvent.eventLogId);
    // The generated lookup's first event was processed 30 hours late.
    assert.equal(await row.locator('.col-eventProcessedDate').getAttribute('title'), `${firstEvent.eventProcessedDate} (lag +1d 6h)`);
    assert.equal(await page.locator('.group-row .group-target').first().getAttribute('title'), `target group ${data.groups[0].targetGroupId}`);
    const options = await page.$$eval('vscode-option', (elements) => elements.map((option) => [option.textContent, option.getAttribute('title')]));
    assert.ok(options.length > 2);
    for (const [text, title] of options) assert.equal(title, text);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('resizes a column by dragging its header edge, fits it on double-click, and persists the widths', async () => {
    const page = await harness.open({ width: 1280 });
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.event-row');
    const before = await columnWidth(page, 'uniqueId');
    const handle = (await page.locator('.grid-header-row .col-uniqueId .col-resizer').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 120, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    const dragged = await columnWidth(page, 'uniqueId');
    assert.ok(Math.abs(dragged - (before + 120)) <= 2, `dragged from ${before} to ${dragged}`);
    const cellWidth = await page.$eval('.event-row .col-uniqueId', (cell) => cell.getBoundingClientRect().width);
    assert.ok(Math.abs(cellWidth - dragged) <= 1, 'the rows follow the header');
    const saved = (await savedStates(page)).at(-1) as { lookup: unknown; columnWidths: Record<string, number> };
    assert.deepEqual(saved.lookup, lookup);
    assert.ok(Math.abs(saved.columnWidths.uniqueId - dragged) <= 1, `saved ${JSON.stringify(saved.columnWidths)}`);

    await page.dblclick('.grid-header-row .col-uniqueId .col-resizer');
    const fitted = await columnWidth(page, 'uniqueId');
    assert.ok(fitted < dragged, `fitted to ${fitted}, dragged to ${dragged}`);
    const clipped = await page.$$eval('.event-row .col-uniqueId', (cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth).length);
    assert.equal(clipped, 0, 'no uniqueId is cut off after fitting');
    const state = (await savedStates(page)).at(-1);
    await page.close();

    const reopened = await harness.open({ width: 1280, initialState: state });
    await send(reopened, dataMessage(tableData(documentationExample())));
    await reopened.waitForSelector('.event-row');
    assert.ok(Math.abs((await columnWidth(reopened, 'uniqueId')) - fitted) <= 1, 'the width survives a reload');
    await reopened.close();
  });
});
