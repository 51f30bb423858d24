// Issue 14, the table: while a filter is active each period shows the exact Σ of the events shown beside its own
// Σ; figures get thousands separators (IDs never) and line up; the cell's title keeps the server's exact text.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataMessage, documentationExample, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness, cellTexts } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());


describe('table webview: sums under a filter, separators and alignment', () => {
  it('shows Σ shown beside Σ period while filtering, exact, also for a collapsed period', async () => {
    const page = await harness.open();
    const groups = documentationExample();
    groups[0].events[1].eventLogId = '9223372036854775807';
    await send(page, dataMessage(tableData(groups)));
    await page.waitForSelector('.group-row');
    assert.deepEqual(await cellTexts(page, '.grid-body .group-sum'), ['Σ 9,000.920', 'Σ 500.5']);

    await page.fill('vscode-text-field input', 'add_transaction');
    await page.waitForSelector('.grid-body .group-sum:has-text("shown")');
    // 2000.46 + 2999.46 + 2000.00 + 2000.000, to the most precise addend's digits.
    assert.deepEqual(await cellTexts(page, '.grid-body .group-sum'), ['Σ shown 8,999.920 · Σ period 9,000.920', 'Σ shown 500 · Σ period 500.5']);
    assert.match((await page.getAttribute('.grid-body .group-row[aria-rowindex="2"] .group-sum', 'title')) ?? '', /4 events shown: 8999\.920; of all 5 events in period 9887: 9000\.92/);

    await page.click('.grid-body .group-row[aria-rowindex="2"]');
    await page.waitForSelector('.grid-body .group-row[aria-expanded="false"]');
    assert.deepEqual(await cellTexts(page, '.grid-body .group-sum'), ['Σ shown 8,999.920 · Σ period 9,000.920', 'Σ shown 500 · Σ period 500.5'], 'a collapsed period keeps its shown sum');

    await page.fill('vscode-text-field input', '2999');
    await page.waitForSelector('.grid-body .group-sum:has-text("Σ shown 2,999.46")');
    assert.equal((await cellTexts(page, '.grid-body .group-sum')).length, 1, 'a period without matches is left out');

    await page.fill('vscode-text-field input', '');
    await page.waitForFunction(() => !document.querySelector('.grid-body .group-sum')?.textContent?.includes('shown'));
    assert.deepEqual(await cellTexts(page, '.grid-body .group-sum'), ['Σ 9,000.920', 'Σ 500.5']);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('groups the digits of figures but never of IDs, keeps the exact text in the title, and aligns figures right in tabular numerals', async () => {
    const page = await harness.open();
    const groups = documentationExample();
    groups[0].events[1].eventLogId = '9223372036854775807';
    await send(page, dataMessage(tableData(groups)));
    await page.waitForSelector('.event-row');
    assert.deepEqual((await cellTexts(page, '.event-row .col-eventLogId')).slice(0, 2), ['75930617', '9223372036854775807']);
    assert.deepEqual((await cellTexts(page, '.event-row .col-uniqueId')).slice(0, 1), ['u-75930617']);
    assert.deepEqual((await cellTexts(page, '.event-row .running-total')).slice(0, 5), ['1.000', '2,001.460', '5,000.920', '7,000.920', '9,000.920']);
    const titles = await page.$$eval('.event-row .col-targetValue', (cells) =>
      cells
        .map((cell) => ({ row: Number(cell.closest('[aria-rowindex]')?.getAttribute('aria-rowindex')), title: cell.getAttribute('title') }))
        .sort((a, b) => a.row - b.row)
        .map(({ title }) => title),
    );
    assert.deepEqual(titles, ['1.000', '2000.46', '2999.46', '2000.00', '2000.000', '500', '0.5']);
    const layout = await page.$$eval('.event-row .col-targetValue, .event-row .col-runningTotal', (cells) =>
      cells.map((cell) => {
        const style = getComputedStyle(cell);
        const range = document.createRange();
        range.selectNodeContents(cell);
        return {
          align: style.textAlign,
          numerals: style.fontVariantNumeric,
          gap: Math.round(cell.getBoundingClientRect().right - parseFloat(style.paddingRight) - range.getBoundingClientRect().right),
        };
      }),
    );
    for (const cell of layout) assert.deepEqual(cell, { align: 'right', numerals: 'tabular-nums', gap: 0 });
    await page.close();
  });
  it('once sorted, says that the running totals add up in the server\u2019s order, not down the rows', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.event-row');
    const header = '[role="columnheader"].col-runningTotal';
    const runningStyle = () => page.$eval('.event-row .running-total', (cell) => getComputedStyle(cell).fontStyle);
    assert.equal(await page.textContent(`${header} .column-title`), 'Σ in period');
    assert.equal(await runningStyle(), 'normal');
    await page.click('[role="columnheader"].col-targetValue button');
    await page.waitForSelector('[role="columnheader"].col-targetValue[aria-sort="ascending"]');
    assert.equal(await page.textContent(`${header} .column-title`), 'Σ in server order');
    assert.match((await page.getAttribute(`${header} button`, 'title')) ?? '', /sorted, so these totals do not add up down the rows/);
    assert.equal(await runningStyle(), 'italic', 'the totals are set apart from the sorted figures');
    // The totals themselves stay each event's, in the server's order: 1.000 is the first event's wherever it is listed.
    const totals = await page.$$eval('.event-row', (rows) =>
      rows.map((row) => [row.querySelector('.col-eventLogId')?.textContent, row.querySelector('.running-total')?.textContent]),
    );
    assert.deepEqual(totals.find(([id]) => id === '75930617'), ['75930617', '1.000']);
    await page.close();
  });
});
