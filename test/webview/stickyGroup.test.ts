// Issue 14, the table: the period of the rows at the top stays in view while its events scroll under it, and a
// filter change goes back to the first match with its period in view.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { dataMessage, generatedGroups, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

const ROW_HEIGHT = 24;

async function scrollGridTo(page: Page, top: number): Promise<void> {
  await page.$eval('.grid', (grid, value) => {
    grid.scrollTop = value;
  }, top);
}

/** The period the sticky header shows, or undefined while there is none. */
async function stickyPeriod(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.querySelector('.sticky-group .group-period strong')?.textContent ?? undefined);
}

describe('table webview: sticky period header', () => {
  it('keeps the period of the top rows over them, under the column titles, and only then', async () => {
    const page = await harness.open({ width: 1280, height: 600 });
    await send(page, dataMessage(tableData(generatedGroups(3, 200))));
    await page.waitForSelector('.event-row');
    assert.equal(await stickyPeriod(page), undefined, 'at the top, the period header itself is in view');

    await scrollGridTo(page, 50 * ROW_HEIGHT);
    await page.waitForSelector('.sticky-group');
    assert.equal(await stickyPeriod(page), '100000');
    const [headBottom, stickyTop, stickyBottom] = await page.evaluate(() => [
      document.querySelector('.grid-header-row')!.getBoundingClientRect().bottom,
      document.querySelector('.sticky-group')!.getBoundingClientRect().top,
      document.querySelector('.sticky-group')!.getBoundingClientRect().bottom,
    ]);
    assert.ok(Math.abs(stickyTop - headBottom) <= 2, `sticky header at ${stickyTop}, column titles end at ${headBottom}`);
    const under = await page.evaluate((y) => document.elementFromPoint(400, y)?.closest('.grid-row')?.className, stickyTop + 5);
    assert.match(under ?? '', /sticky-group/, 'the sticky header is drawn over the events scrolled under it');
    assert.ok(stickyBottom - stickyTop >= ROW_HEIGHT - 1);

    // Row 201 + 100 is in the middle of the second period.
    await scrollGridTo(page, 301 * ROW_HEIGHT);
    await page.waitForFunction(() => document.querySelector('.sticky-group .group-period strong')?.textContent === '100001');
    assert.equal(await page.getAttribute('.sticky-group', 'aria-hidden'), 'true', 'screen readers read the real header row');

    await page.click('.sticky-group');
    await page.waitForFunction(() => document.activeElement?.classList.contains('group-row'));
    assert.match((await page.textContent(':focus')) ?? '', /Period 100001/, 'clicking it goes to the period\u2019s own header');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('goes back to the first match, with its period row in view, when the filter changes', async () => {
    const page = await harness.open({ width: 1280, height: 600 });
    const data = tableData(generatedGroups(3, 200));
    await send(page, dataMessage(data));
    await page.waitForSelector('.event-row');
    await scrollGridTo(page, 350 * ROW_HEIGHT);
    await page.waitForFunction(() => document.querySelector('.sticky-group .group-period strong')?.textContent === '100001');
    await page.fill('vscode-text-field input', 'RETURN_BILL');
    await page.waitForFunction(() => (document.querySelector('.grid') as HTMLElement).scrollTop === 0);
    const firstMatch = data.groups[0].events.find((event) => event.eventName === 'RETURN_BILL')!;
    const inView = await page.evaluate((id) => {
      const grid = document.querySelector('.grid')!.getBoundingClientRect();
      const visible = (element: Element | null | undefined) => {
        if (!element) return false;
        const box = element.getBoundingClientRect();
        return box.top >= grid.top && box.bottom <= grid.bottom;
      };
      const header = [...document.querySelectorAll('.grid-body .group-row')].find((row) => row.getAttribute('aria-rowindex') === '2');
      const match = [...document.querySelectorAll('.grid-body .event-row')].find((row) => row.textContent?.includes(id));
      return { header: visible(header), headerText: header?.textContent ?? '', match: visible(match) };
    }, firstMatch.eventLogId);
    assert.ok(inView.header, 'the first period row is in view');
    assert.match(inView.headerText, /Period 100000/);
    assert.ok(inView.match, 'the first match is in view');
    assert.equal(await stickyPeriod(page), undefined);
    await page.close();
  });
});
