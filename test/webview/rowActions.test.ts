// Issue 14, the table: Ctrl/Cmd+F focuses the filter; Enter on an event opens its details; Ctrl/Cmd+C copies the
// selected rows as TSV through the extension (a typed `copy` message); a right-click menu copies a row as JSON or
// one of its IDs, or filters to its event name, from the keyboard too.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { dataMessage, documentationExample, tableData } from './fixtures';
import { pageErrors, send, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

const BIG_ID = '9223372036854775807';

async function openTable(page: Page): Promise<void> {
  const groups = documentationExample();
  groups[0].events[1].eventLogId = BIG_ID;
  await send(page, dataMessage(tableData(groups)));
  await page.waitForSelector('.event-row');
}

/** The text of the latest `copy` message, answered the way the extension does once the clipboard has it. */
async function copied(page: Page): Promise<string> {
  const message = await page.waitForFunction(() => {
    const messages = (window as unknown as { __posted: Array<{ type: string; requestId: number; text: string }> }).__posted;
    const last = messages.at(-1);
    return last?.type === 'copy' ? last : undefined;
  });
  const { requestId, text } = (await message.jsonValue()) as { requestId: number; text: string };
  await send(page, { type: 'reply', requestId, ok: true });
  return text;
}

async function clearPosted(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __posted: unknown[] }).__posted.length = 0;
  });
}

function row(page: Page, eventLogId: string) {
  return page.locator('.grid-body .event-row', { hasText: eventLogId });
}

describe('table webview: keyboard, details, copy and the row menu', () => {
  it('focuses the filter on Ctrl+F, and opens an event\u2019s details on Enter, every field copyable, Escape back to the row', async () => {
    const page = await harness.open();
    await openTable(page);
    await row(page, BIG_ID).click();
    await page.keyboard.press('Control+f');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('filter-text')), true);

    await row(page, BIG_ID).click();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.details-dialog');
    assert.equal(await page.textContent('.details-dialog h2'), `Event ${BIG_ID}`);
    const fields = await page.$$eval('.details-fields dt', (terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.querySelector('.details-value')?.textContent]));
    // The fields as sent, in EVENT_FIELDS' order (the tooltips' and exports' order too); derived figures as the table writes them.
    assert.deepEqual(fields.slice(0, 11), [
      ['eventLogId', BIG_ID],
      ['eventName', 'ADD_TRANSACTION'],
      ['eventDisplayName', '—'],
      ['customerId', '564332013'],
      ['uniqueId', 'u-75930618'],
      ['eventDate', '2025-01-09 12:00:12.0'],
      ['eventProcessedDate', '2025-01-09 12:00:12.0'],
      ['periodId', '9887'],
      ['targetGroupId', '1717'],
      ['targetRuleId', '1986'],
      ['targetValue', '2000.46'],
    ]);
    assert.deepEqual(fields.at(-1), ['Σ in period up to this event', '2,001.460']);
    await clearPosted(page);
    await page.click('.details-fields dd:has-text("2000.46") vscode-button');
    assert.equal(await copied(page), '2000.46');
    await page.waitForSelector('.status:has-text("Copied targetValue")');
    await page.click('.details-dialog vscode-button:has-text("Copy as JSON")');
    assert.match(await copied(page), new RegExp(`"eventLogId": ${BIG_ID},`), 'the JSON keeps the ID as an exact number');

    await page.keyboard.press('Escape');
    await page.waitForSelector('.details-dialog', { state: 'detached' });
    assert.match((await page.textContent('.grid-body .event-row:focus')) ?? '', new RegExp(BIG_ID), 'the keyboard is back on the row');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('copies the Shift-selected rows as TSV with Ctrl+C, exact, period headers left out', async () => {
    const page = await harness.open();
    await openTable(page);
    await row(page, '75930620').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    assert.equal(await page.$$eval('.grid-body .grid-row.selected', (rows) => rows.length), 3);
    await clearPosted(page);
    await page.keyboard.press('Control+c');
    const header = 'eventLogId\teventName\teventDisplayName\tcustomerId\tuniqueId\teventDate\teventProcessedDate\tperiodId\ttargetGroupId\ttargetRuleId\ttargetValue';
    assert.equal(
      await copied(page),
      [
        header,
        '75930620\tADD_TRANSACTION\t\t564332013\tu-75930620\t2025-01-09 13:00:12.0\t2025-01-16 19:30:12.0\t9887\t1717\t1986\t2000.00',
        '75930621\tADD_TRANSACTION\t\t564332013\tu-75930621\t2025-01-09 13:00:12.0\t2025-01-09 13:00:12.0\t9887\t1717\t1986\t2000.000',
        '',
      ].join('\n'),
      'the period 9888 header in the selection is not a row of events',
    );
    await page.waitForSelector('.status:has-text("Copied 2 rows as TSV")');
    await page.close();
  });

  it('offers a row menu on right-click and on the context-menu key: copy as JSON, copy IDs, filter to the event name', async () => {
    const page = await harness.open();
    await openTable(page);
    await clearPosted(page);
    await row(page, BIG_ID).click({ button: 'right' });
    await page.waitForSelector('.context-menu');
    assert.deepEqual(await page.$$eval('.context-menu [role="menuitem"]', (items) => items.map((item) => item.textContent)), [
      'Copy row as JSON',
      'Copy row as TSV',
      'Copy eventLogId',
      'Copy uniqueId',
      'Filter to this event name',
    ]);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Copy row as JSON', 'the menu has the keyboard');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await copied(page), BIG_ID);
    assert.equal(await page.$('.context-menu'), null);
    assert.match((await page.textContent('.grid-body .event-row:focus')) ?? '', new RegExp(BIG_ID));

    await page.keyboard.press('Shift+F10');
    await page.waitForSelector('.context-menu');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.context-menu', { state: 'detached' });
    assert.match((await page.textContent('.grid-body .event-row:focus')) ?? '', new RegExp(BIG_ID), 'Escape gives the keyboard back');

    await row(page, BIG_ID).click({ button: 'right' });
    await page.click('.context-menu [role="menuitem"]:has-text("Copy uniqueId")');
    assert.equal(await copied(page), 'u-75930618');
    await row(page, BIG_ID).click({ button: 'right' });
    await page.click('.context-menu [role="menuitem"]:has-text("Copy row as JSON")');
    const json = await copied(page);
    assert.match(json, new RegExp(`^\\{\\s*"eventLogId": ${BIG_ID},`));
    assert.match(json, /"targetValue": 2000\.46\s*\}$/);

    await row(page, '75930701').click({ button: 'right' });
    await page.click('.context-menu [role="menuitem"]:has-text("Filter to this event name")');
    await page.waitForFunction(() => document.querySelectorAll('.grid-body .event-row').length === 1);
    assert.match((await page.textContent('.grid-body .event-row')) ?? '', /75930701.*ENROL/);
    assert.equal(await page.$eval('vscode-dropdown', (element) => (element as HTMLElement & { value: string }).value), 'ENROL');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
