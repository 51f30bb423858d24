// A watched lookup's refresh in the table: new data keeps the scroll position, sort, filter and the selected row,
// marks the rows that are new or changed, counts the new ones in the title, lists vanished events; and the
// compare view of two fetches.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PeriodGroup } from '../../src/capillary/types';
import { dataMessage, generatedGroups, groupOf, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

const header = (id: string) => `[role="columnheader"].col-${id}`;

describe('table webview: watch refreshes', () => {
  it('new data keeps scroll, sort, filter and selection, and marks new and changed rows', async () => {
    const page = await harness.open({ height: 600 });
    const groups = generatedGroups(4, 60);
    await send(page, dataMessage(tableData(groups)));
    await page.waitForSelector('.event-row');
    await page.click(`${header('eventLogId')} button`);
    await page.click(`${header('eventLogId')} button`);
    assert.equal(await page.getAttribute(header('eventLogId'), 'aria-sort'), 'descending');
    await page.fill('vscode-text-field input', '2025-01');
    await page.waitForFunction(() => /of 240 events match/.test(document.querySelector('.match-count')?.textContent ?? ''));
    await page.evaluate(() => {
      document.querySelector('.grid')!.scrollTop = 1500;
    });
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.event-row')].some((row) => Number(row.dataset.row) > 70));
    const target = page.locator('.event-row[data-row="70"]');
    await target.click();
    const selectedId = (await target.locator('.log-id').textContent())!;
    const scrollTop = await page.evaluate(() => document.querySelector('.grid')!.scrollTop);

    // The next fetch: one event more at the top of the first period (so every row below moves), one changed.
    const [first, ...rest] = groups;
    const added = { ...first.events[0], eventLogId: '9007199254749999', uniqueId: 'txn-new', targetValue: '999.99' };
    // The last of the period, so that the descending sort puts it on screen at the top.
    const changedEvent = { ...first.events[59], targetValue: '1.5' };
    const refreshed: PeriodGroup[] = [groupOf([added, ...first.events.slice(0, 59), changedEvent]), ...rest];
    await send(
      page,
      dataMessage(
        tableData(refreshed, {
          changes: {
            since: '2025-01-09T10:00:00.000Z',
            addedIds: [added.eventLogId],
            changed: [{ eventLogId: changedEvent.eventLogId, fields: ['targetValue'] }],
            removed: [{ ...first.events[5], eventLogId: '123456789' }],
          },
        }),
      ),
    );
    await page.waitForFunction(() => /of 241 events match/.test(document.querySelector('.match-count')?.textContent ?? ''));
    assert.match((await page.textContent('.title')) ?? '', /· 1 new$/);
    assert.equal(await page.evaluate(() => document.querySelector('.grid')!.scrollTop), scrollTop, 'the scroll position stays');
    assert.equal(await page.getAttribute(header('eventLogId'), 'aria-sort'), 'descending', 'the sort stays');
    assert.equal(await page.inputValue('vscode-text-field input'), '2025-01', 'the filter stays');
    assert.equal(await page.locator('.event-row.active .log-id').textContent(), selectedId, 'the selected event stays selected');
    assert.match((await page.textContent('.removed summary')) ?? '', /1 event no longer returned/);

    await page.evaluate(() => {
      document.querySelector('.grid')!.scrollTop = 0;
    });
    const newRow = page.locator('.event-row', { has: page.locator('.log-id', { hasText: added.eventLogId }) });
    await newRow.waitFor();
    assert.equal(await newRow.locator('.row-marker').textContent(), 'new');
    const changedRow = page.locator('.event-row', { has: page.locator('.log-id', { hasText: changedEvent.eventLogId }) });
    assert.equal(await changedRow.locator('.row-marker').textContent(), 'changed');
    assert.match((await changedRow.locator('.row-marker').getAttribute('title')) ?? '', /targetValue/);
    assert.equal(await page.locator('.event-row .row-marker.new').count(), 1, 'only the new event is marked new');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('the compare view lists added, removed and changed events as text, and goes back to the table', async () => {
    const page = await harness.open();
    const groups = generatedGroups(1, 5);
    await send(page, dataMessage(tableData(groups)));
    await page.waitForSelector('.event-row');
    const [a, b, c] = groups[0].events;
    await send(page, {
      type: 'comparison',
      comparison: {
        olderFetchedAt: '2025-01-09T10:00:00.000Z',
        newerFetchedAt: '2025-01-09T10:01:00.000Z',
        added: [{ ...a, eventLogId: '42', eventName: '<img src=x onerror=alert(1)>' }],
        removed: [b],
        changed: [{ before: c, after: { ...c, targetValue: '7.25' }, fields: ['targetValue'] }],
      },
    });
    await page.waitForSelector('.compare-view');
    assert.equal(await page.isHidden('.data-screen'), true);
    assert.equal(await page.textContent('.compare-counts'), '1 event added · 1 event removed · 1 event changed');
    assert.deepEqual(await page.locator('.compare-row .compare-kind').allTextContents(), ['added', 'removed', 'changed']);
    assert.match((await page.locator('.compare-row.added').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
    assert.equal(await page.locator('.compare-row img').count(), 0, 'server text stays text');
    assert.equal(await page.locator('.compare-row.changed .compare-what').textContent(), `targetValue: ${c.targetValue} → 7.25`);
    await page.click('.compare-view vscode-button');
    await page.waitForSelector('.data-screen:not([hidden]) .event-row');
    assert.equal(await page.locator('.compare-view').count(), 0);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
