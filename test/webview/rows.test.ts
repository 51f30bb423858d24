// Issue 12, first rows first: rows are painted as each page arrives (sums "so far" until complete), the view the
// user set up (scroll, sort, filter, focus) stays put while rows are added, and the final table is the one a
// single message of the whole result paints. A refetch with the same events posts no rows.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { groupByPeriod } from '../../src/shared/grouping';
import type { TrackedTargetEvent } from '../../src/capillary/types';
import { dataMessage, generatedGroups, rowsMessage, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

/** The events of generated periods in server order, with 5 of period 0's events arriving at `lateAt`, among later periods'. */
function serverOrder(periods: number, perPeriod: number, lateAt: number): TrackedTargetEvent[] {
  const events = generatedGroups(periods, perPeriod).flatMap((group) => group.events);
  const late = events.splice(perPeriod - 5, 5);
  events.splice(lateAt, 0, ...late);
  return events;
}

/** Sends `events` as pages of `pageSize` rows of a fetch under way, then the end of the fetch. */
async function sendPages(page: Page, events: TrackedTargetEvent[], pageSize: number, afterEach?: (sent: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < events.length; start += pageSize) {
    const pages = start / pageSize + 1;
    await send(page, rowsMessage(events.slice(start, start + pageSize), start, { pagesFetched: pages }));
    await page.waitForFunction((count) => document.querySelector('.summary')?.textContent?.startsWith(`${count} events`), Math.min(events.length, start + pageSize).toLocaleString('en-US'));
    await afterEach?.(Math.min(events.length, start + pageSize));
  }
  await send(page, rowsMessage([], events.length, { pagesFetched: Math.ceil(events.length / pageSize), complete: true }, { phase: 'done' }));
}

/** What the table shows: the summary, the row count and the rows on screen at a few scroll positions. */
async function screenText(page: Page): Promise<string[]> {
  const texts = [(await page.textContent('.summary')) ?? '', (await page.getAttribute('.grid', 'aria-rowcount')) ?? ''];
  for (const fraction of [0, 0.37, 1]) {
    await page.$eval('.grid', (grid, at) => (grid.scrollTop = at * grid.scrollHeight), fraction);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    texts.push(
      await page.$$eval('.grid-body .grid-row', (rows) =>
        rows
          .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
          .map((row) => `${row.getAttribute('aria-rowindex')}: ${row.textContent}`)
          .join('\n'),
      ),
    );
  }
  return texts;
}

async function topEventId(page: Page): Promise<string | null> {
  return page.$eval('.grid', (grid) => {
    const top = grid.querySelector('.grid-body')!.getBoundingClientRect().top;
    const rows = [...grid.querySelectorAll<HTMLElement>('.grid-body .event-row')];
    const first = rows
      .map((row) => ({ row, offset: row.getBoundingClientRect().top - Math.max(top, grid.getBoundingClientRect().top) }))
      .filter(({ offset }) => offset >= 0)
      .sort((a, b) => a.offset - b.offset)[0];
    return first?.row.querySelector('.col-eventLogId')?.textContent ?? null;
  });
}

describe('table webview: rows while the pages arrive', () => {
  it('paints the first page at once, marks sums "so far", and ends identical to the whole result sent at once', async () => {
    const events = serverOrder(6, 40, 50);
    const progressive = await harness.open();
    await send(progressive, rowsMessage(events.slice(0, 25), 0));
    await progressive.waitForSelector('.event-row');
    assert.match((await progressive.textContent('.grid-body .group-sum')) ?? '', /^Σ so far /);
    assert.match((await progressive.textContent('.banner.loading')) ?? '', /Loading….*25 events that have arrived so far/s);
    await sendPages(progressive, events, 25);
    await progressive.waitForFunction(() => !document.querySelector('.banner.loading') && !document.querySelector('.grid-body .group-sum')?.textContent?.includes('so far'));

    const oneShot = await harness.open();
    await send(oneShot, dataMessage(tableData(groupByPeriod(events), { pagesFetched: Math.ceil(events.length / 25) })));
    await oneShot.waitForSelector('.event-row');
    assert.deepEqual(await screenText(progressive), await screenText(oneShot));
    assert.deepEqual(
      await progressive.$$eval('vscode-option', (options) => options.map((option) => option.textContent)),
      await oneShot.$$eval('vscode-option', (options) => options.map((option) => option.textContent)),
      'the event filter lists the same names and counts',
    );
    assert.deepEqual(pageErrors(progressive), []);
    await progressive.close();
    await oneShot.close();
  });

  it('keeps the scroll position, sort, filter and focused row while rows are added above and below', async () => {
    const events = serverOrder(8, 60, 250);
    const page = await harness.open();
    await send(page, rowsMessage(events.slice(0, 200), 0));
    await page.waitForSelector('.event-row');
    await page.click('.grid-header-row .col-targetValue');
    await page.waitForSelector('.grid-header-row .col-targetValue[aria-sort="ascending"]');
    await page.fill('vscode-text-field input', 'txn');
    await page.$eval('.grid', (grid) => (grid.scrollTop = 80 * 24));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const rowIndex = await page.$eval('.grid', (grid) => Math.floor(grid.scrollTop / 24) + 8);
    const focusedId = await page.textContent(`.grid-body .event-row[aria-rowindex="${rowIndex}"] .col-eventLogId`);
    await page.click(`.grid-body .event-row[aria-rowindex="${rowIndex}"] .col-uniqueId`);
    const top = await topEventId(page);
    assert.ok(top);

    // The rest of the events: 5 of them in period 0, above the rows on screen.
    await send(page, rowsMessage(events.slice(200), 200, { pagesFetched: 2 }));
    await page.waitForFunction((count) => document.querySelector('.summary')?.textContent?.startsWith(`${count} events`), events.length.toLocaleString('en-US'));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    assert.equal(await topEventId(page), top, 'the row at the top stays at the top');
    assert.equal(await page.evaluate(() => document.activeElement?.querySelector('.col-eventLogId')?.textContent), focusedId, 'focus stays on its event');
    assert.equal(await page.getAttribute('.grid-header-row .col-targetValue', 'aria-sort'), 'ascending');
    assert.equal(await page.inputValue('vscode-text-field input'), 'txn');
    assert.match((await page.textContent('.match-count')) ?? '', new RegExp(`^${events.length.toLocaleString('en-US')} of ${events.length.toLocaleString('en-US')} events match`));
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('a refetch with the same events (no rows posted) keeps every row element and shows the new fetch time', async () => {
    const groups = generatedGroups(3, 30);
    const page = await harness.open();
    await send(page, dataMessage(tableData(groups)));
    await page.waitForSelector('.event-row');
    await page.$$eval('.grid-body .grid-row', (rows) => rows.forEach((row) => row.setAttribute('data-kept', '')));
    const before = await page.$$eval('.grid-body .grid-row', (rows) => rows.length);
    await send(page, rowsMessage([], 90, { complete: true, fetchedAt: '2026-11-28T05:45:00.000Z' }, { phase: 'done' }));
    await page.waitForFunction(() => !document.querySelector('.summary')?.textContent?.includes('04:30'));
    assert.equal(await page.$$eval('.grid-body .grid-row[data-kept]', (rows) => rows.length), before, 'no row was rebuilt');
    assert.doesNotMatch((await page.textContent('.grid-body .group-sum')) ?? '', /so far/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
