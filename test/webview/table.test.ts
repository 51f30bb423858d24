// The table webview, built (dist/webview.js) and run in headless Chromium under the extension's CSP.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataMessage, documentationExample, failedMessage, generatedGroups, loadingMessage, lookup, tableData } from './fixtures';
import {
  pageErrors,
  posted,
  savedStates,
  send,
  unexpectedCspViolations,
  WebviewHarness, cellTexts
} from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());


describe('table webview: handshake and states', () => {
  it('says ready first, then shows loading progress and persists only the lookup', async () => {
    const page = await harness.open();
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    const withPeriod = { ...lookup, periodId: '9887' };
    await send(page, loadingMessage(withPeriod, { pagesFetched: 3, pagesExpected: 10, eventsFetched: 300 }));
    await page.waitForSelector('.loading vscode-progress-ring');
    assert.equal(await page.textContent('.progress-text'), '3 of 10 pages loaded · 300 events');
    assert.match((await page.textContent('.loading h2')) ?? '', /User 564332013 · rule 1986 · period 9887/);
    await page.click('.loading vscode-button');
    assert.deepEqual((await posted(page)).at(-1), { type: 'cancel' });
    assert.deepEqual(await savedStates(page), [{ lookup: withPeriod }]);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows an error with its hint, code and request ID, and Retry posts refresh', async () => {
    const page = await harness.open();
    await send(page, failedMessage(lookup, { message: 'Target rule not found', hint: 'Check the targetRuleId.', code: 310018, httpStatus: 200, requestId: 'req-42', kind: 'api' }));
    await page.waitForSelector('.state-view.error');
    assert.equal(await page.textContent('.state-view.error h2'), 'Target rule not found');
    assert.equal(await page.textContent('.state-view.error .hint'), 'Check the targetRuleId.');
    assert.equal(await page.textContent('.error-details'), 'code 310018 · HTTP 200 · api · request ID req-42');
    await page.click('.state-view.error vscode-button');
    assert.deepEqual((await posted(page)).at(-1), { type: 'refresh' });
    assert.deepEqual(await savedStates(page), [{ lookup }], 'only the lookup is persisted');
    await page.close();
  });

  it('explains 310149 as an empty result with what to check next', async () => {
    const page = await harness.open();
    await send(page, failedMessage(lookup, { message: 'No record in user target', hint: 'The user has no events for this rule.', code: 310149, kind: 'api' }));
    await page.waitForSelector('.state-view.empty');
    assert.equal(await page.textContent('.state-view.empty h2'), 'No events recorded');
    const text = (await page.textContent('.state-view.empty')) ?? '';
    assert.match(text, /no tracked target events for user 564332013 under target rule 1986/);
    assert.match(text, /What to check next/);
    assert.match(text, /eu\.api\.capillarytech\.com/);
    assert.equal(await page.$('.state-view.error'), null, '310149 is not shown as a failure');
    await page.close();
  });

  it('shows a stopped fetch\'s partial events under one banner that says they are not the complete set', async () => {
    const page = await harness.open();
    const partial = tableData(documentationExample(), { complete: false, pagesFetched: 1 });
    await send(page, dataMessage(partial, { phase: 'cancelled' }));
    await page.waitForSelector('.banner.partial');
    assert.equal(
      await page.textContent('.banner.partial .banner-text'),
      'Cancelled.Showing the 7 events fetched before it stopped: not the complete set.',
    );
    const error = { message: 'Server error 503 on page 2', hint: 'Try again later.', httpStatus: 503, kind: 'http' };
    await send(page, dataMessage(partial, { phase: 'failed', error }));
    await page.waitForSelector('.banner.error');
    assert.match((await page.textContent('.banner.error')) ?? '', /Server error 503 on page 2.*not the complete set/);
    assert.equal(await page.$$eval('.banner', (banners) => banners.length), 1, 'one banner');
    assert.equal(await page.$$eval('.group-row', (rows) => rows.length), 2, 'the partial events stay visible');
    await page.close();
  });

  it('keeps the complete result on screen through a refresh and repeated failures, saying when it was fetched', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    assert.equal(await page.$('.banner'), null, 'a complete result of a fetch that succeeded needs no banner');
    await send(page, loadingMessage(lookup, { pagesFetched: 1, pagesExpected: 3, eventsFetched: 100 }, 'unchanged'));
    await page.waitForSelector('.banner.loading');
    assert.match((await page.textContent('.banner.loading')) ?? '', /Refreshing…1 of 3 pages loaded · 100 events/);
    await page.click('.banner.loading vscode-button');
    assert.deepEqual((await posted(page)).at(-1), { type: 'cancel' });
    const error = { message: 'Authentication failed (HTTP 401)', hint: 'Set the credentials again.', httpStatus: 401, requestId: 'req-7', kind: 'auth' };
    for (const attempt of [1, 2, 3]) {
      await send(page, loadingMessage(lookup, undefined, 'unchanged'));
      await page.waitForSelector('.banner.loading');
      await send(page, failedMessage(lookup, { ...error, message: `${error.message} #${attempt}` }, 'unchanged'));
      await page.waitForSelector(`.banner.error:has-text("#${attempt}")`);
      assert.equal(await page.$$eval('.banner', (banners) => banners.length), 1, 'one banner');
      assert.match(
        (await page.textContent('.banner.error .shown')) ?? '',
        /^Showing the result fetched at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.$/,
      );
      assert.equal(await page.$$eval('.group-row', (rows) => rows.length), 2, `the complete result stays after failure ${attempt}`);
    }
    const clipped = await page.$eval('.banner.error .banner-text', (text) => {
      const box = text.getBoundingClientRect();
      return [...text.children].filter((line) => {
        const lineBox = line.getBoundingClientRect();
        return lineBox.top < box.top - 0.5 || lineBox.bottom > box.bottom + 0.5;
      }).length;
    });
    assert.equal(clipped, 0, 'every line of the banner, the request ID included, is in view');
    // A refusal offers Set Credentials first (error-actions.test.ts); Retry stays beside it.
    await page.click('.banner.error vscode-button:has-text("Retry")');
    assert.deepEqual((await posted(page)).at(-1), { type: 'refresh' });
    await page.close();
  });
});

describe('table webview: the table', () => {
  it('paints groups with counts, exact sums, date spans, lag and every digit of big IDs', async () => {
    const page = await harness.open();
    const groups = documentationExample();
    groups[0].events[1].eventLogId = '9223372036854775807';
    groups[0].maxProcessingLagSeconds = 7 * 86400 + 6 * 3600 + 30 * 60;
    await send(page, dataMessage(tableData(groups, { warnings: ['total says 8 events, 7 arrived'] })));
    await page.waitForSelector('.group-row');
    assert.deepEqual(await cellTexts(page, '.group-period strong'), ['9887', '9888']);
    assert.deepEqual(await cellTexts(page, '.group-count'), ['5 events', '2 events']);
    assert.deepEqual(await cellTexts(page, '.group-sum'), ['Σ 9,000.920', 'Σ 500.5']);
    assert.deepEqual(await cellTexts(page, '.group-span'), ['2025-01-09 12:00:12 – 13:00:12', '2025-01-20 13:00:00 – 2025-01-21 09:00:00']);
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), [
      '75930617', '9223372036854775807', '75930619', '75930620', '75930621', '75930700', '75930701',
    ]);
    assert.deepEqual(await cellTexts(page, '.event-row .col-targetValue'), ['1.000', '2,000.46', '2,999.46', '2,000.00', '2,000.000', '500', '0.5']);
    assert.deepEqual(await cellTexts(page, '.event-row .event-label'), [
      'AppLogin', 'ADD_TRANSACTION', 'ADD_TRANSACTION', 'ADD_TRANSACTION', 'ADD_TRANSACTION', 'ADD_TRANSACTION', 'ENROL',
    ]);
    assert.deepEqual((await cellTexts(page, '.kind-badge')).slice(0, 2), ['behavioural', 'transactional']);
    assert.deepEqual(await cellTexts(page, '.event-row .lag.high'), ['+7d 6h']);
    const alignment = await page.$eval('.event-row .col-targetValue', (cell) => getComputedStyle(cell).textAlign);
    assert.equal(alignment, 'right');
    assert.equal(
      await page.textContent('.summary'),
      `7 events · 2 periods · 1 page fetched · profile demo (eu.api.capillarytech.com) · fetched ${await page.evaluate(() => {
        const d = new Date('2026-11-28T04:30:00.000Z');
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
      })}`,
    );
    assert.deepEqual(await cellTexts(page, '.warnings li'), ['total says 8 events, 7 arrived']);
    assert.equal(await page.$('.banner.partial'), null, 'complete data has no partial banner');
    assert.equal(await page.getAttribute('[role="treegrid"]', 'aria-rowcount'), '10');
    assert.deepEqual(await savedStates(page), [{ lookup }]);
    assert.deepEqual(await unexpectedCspViolations(page), []);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('sorts within groups by exact decimal and ID order, toggling direction and aria-sort', async () => {
    const page = await harness.open();
    const groups = documentationExample();
    const values = ['10.5', '9.75', '-3', '9007199254740993.01', '9007199254740993.001'];
    groups[0].events.forEach((event, index) => (event.targetValue = values[index]));
    const ids = ['9007199254740993', '9007199254740992', '10', '9', '18446744073709551615'];
    groups[0].events.forEach((event, index) => (event.eventLogId = ids[index]));
    await send(page, dataMessage(tableData(groups)));
    await page.waitForSelector('.group-row');
    const header = (id: string) => `[role="columnheader"].col-${id}`;
    await page.click(`${header('targetValue')} button`);
    assert.equal(await page.getAttribute(header('targetValue'), 'aria-sort'), 'ascending');
    assert.equal(await page.getAttribute(header('eventLogId'), 'aria-sort'), 'none');
    assert.deepEqual(await cellTexts(page, '.event-row .col-targetValue'), [
      '\u22123', '9.75', '10.5', '9,007,199,254,740,993.001', '9,007,199,254,740,993.01', '0.5', '500',
    ]);
    await page.click(`${header('targetValue')} button`);
    assert.equal(await page.getAttribute(header('targetValue'), 'aria-sort'), 'descending');
    assert.deepEqual((await cellTexts(page, '.event-row .col-targetValue')).slice(0, 5), [
      '9,007,199,254,740,993.01', '9,007,199,254,740,993.001', '10.5', '9.75', '\u22123',
    ]);
    await page.click(`${header('eventLogId')} button`);
    assert.deepEqual((await cellTexts(page, '.event-row .col-eventLogId')).slice(0, 5), [
      '9', '10', '9007199254740992', '9007199254740993', '18446744073709551615',
    ]);
    assert.deepEqual(await cellTexts(page, '.group-period strong'), ['9887', '9888'], 'groups keep their order');
    await page.close();
  });

  it('filters by text across fields and by event name, with match counts per group', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    await page.fill('vscode-text-field input', '2000.');
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), ['75930618', '75930620', '75930621']);
    assert.deepEqual(await cellTexts(page, '.group-count'), ['3 of 5 events']);
    assert.equal(await page.textContent('.match-count'), '3 of 7 events match');
    await page.fill('vscode-text-field input', 'applogin');
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), ['75930617']);
    await page.fill('vscode-text-field input', '');
    await page.click('vscode-dropdown');
    await page.click('vscode-option:has-text("ENROL")');
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), ['75930701']);
    assert.deepEqual(await cellTexts(page, '.group-period strong'), ['9888']);
    await page.close();
  });

  it('Escape in the filter after Ctrl+F clears it, like VS Code\u2019s find, and gives the keyboard back to the table', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    await page.keyboard.press('Control+f');
    await page.keyboard.type('applogin');
    await page.waitForFunction(() => document.querySelectorAll('.event-row').length === 1);
    assert.equal(await page.textContent('.match-count'), '1 of 7 events match');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('.event-row').length === 7);
    assert.equal(await page.$eval('vscode-text-field', (field) => (field as HTMLElement & { value: string }).value), '');
    assert.equal(await page.textContent('.match-count'), '');
    assert.ok(await page.evaluate(() => document.activeElement?.closest('.grid') !== null), 'the keyboard is back in the table');
    await page.keyboard.press('Escape');
    assert.equal(await page.$$eval('.event-row', (rows) => rows.length), 7, 'a second Escape changes nothing');
    await page.close();
  });

  it('keeps filters, sort and collapsed periods across a refresh, dropping an event filter that no longer applies', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    await page.click('vscode-dropdown');
    await page.click('vscode-option:has-text("ADD_TRANSACTION")');
    await page.fill('vscode-text-field input', '2000');
    await page.click('[role="columnheader"].col-targetValue button');
    await page.click('.group-row[aria-rowindex="2"]');
    await page.click('.group-row[aria-rowindex="2"]');
    assert.deepEqual(await cellTexts(page, '.event-row .col-targetValue'), ['2,000.00', '2,000.000', '2,000.46']);
    await send(page, loadingMessage(lookup, undefined, 'unchanged'));
    await page.waitForSelector('.banner.loading');
    await send(page, dataMessage(tableData(documentationExample(), { fetchedAt: '2026-11-28T05:00:00.000Z' })));
    await page.waitForSelector('.group-row');
    assert.deepEqual(await cellTexts(page, '.event-row .col-targetValue'), ['2,000.00', '2,000.000', '2,000.46']);
    assert.equal(await page.$eval('vscode-dropdown', (element) => (element as HTMLElement & { value: string }).value), 'ADD_TRANSACTION');
    assert.equal(await page.getAttribute('[role="columnheader"].col-targetValue', 'aria-sort'), 'ascending');
    await page.click('.group-row[aria-rowindex="2"]');
    assert.equal(await page.getAttribute('.group-row[aria-rowindex="2"]', 'aria-expanded'), 'false', 'collapsed by periodId');

    const onlyEnrol = documentationExample().slice(1);
    onlyEnrol[0].events = onlyEnrol[0].events.filter((event) => event.eventName === 'ENROL');
    await page.fill('vscode-text-field input', '');
    await send(page, dataMessage(tableData(onlyEnrol)));
    await page.waitForFunction(() => document.querySelectorAll('.event-row').length === 1);
    assert.deepEqual(await cellTexts(page, '.event-row .event-label'), ['ENROL']);
    assert.equal(await page.$eval('vscode-dropdown', (element) => (element as HTMLElement & { value: string }).value), '');
    await page.close();
  });

  it('collapses and expands groups by click and by Enter, Space and the arrow keys', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    const firstGroup = '.group-row[aria-rowindex="2"]';
    assert.equal(await page.getAttribute(firstGroup, 'aria-expanded'), 'true');
    await page.click(firstGroup);
    assert.equal(await page.getAttribute(firstGroup, 'aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')), '2', 'the clicked row keeps focus');
    assert.equal(await page.$$eval('.event-row', (rows) => rows.length), 2);
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute(firstGroup, 'aria-expanded'), 'true');
    await page.keyboard.press(' ');
    assert.equal(await page.getAttribute(firstGroup, 'aria-expanded'), 'false');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute(firstGroup, 'aria-expanded'), 'true');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getAttribute(firstGroup, 'aria-expanded'), 'false');
    await page.click('vscode-button:has-text("Expand all")');
    assert.equal(await page.$$eval('.event-row', (rows) => rows.length), 7);
    await page.close();
  });

  it('moves a roving focus with Up, Down, PageUp, PageDown, Home, End and Left to the parent', async () => {
    const page = await harness.open({ height: 600 });
    await send(page, dataMessage(tableData(generatedGroups(20, 50))));
    await page.waitForSelector('.group-row');
    const focusedRow = () =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        return { index: Number(active.getAttribute('aria-rowindex')), tabIndex: active.tabIndex, role: active.getAttribute('role') };
      });
    await page.click('.group-row[aria-rowindex="2"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await focusedRow(), { index: 3, tabIndex: 0, role: 'row' });
    await page.keyboard.press('ArrowDown');
    assert.equal((await focusedRow()).index, 4);
    await page.keyboard.press('ArrowLeft');
    assert.equal((await focusedRow()).index, 2, 'Left on an event goes to its period');
    await page.keyboard.press('PageDown');
    const afterPage = (await focusedRow()).index;
    assert.ok(afterPage > 10, `PageDown moved to ${afterPage}`);
    await page.keyboard.press('PageUp');
    assert.equal((await focusedRow()).index, 2);
    await page.keyboard.press('End');
    assert.equal((await focusedRow()).index, 20 * 51 + 1);
    assert.equal(await page.$$eval('[tabindex="0"]', (elements) => elements.filter((e) => e.getAttribute('role') === 'row').length), 1);
    await page.keyboard.press('Home');
    assert.equal((await focusedRow()).index, 2);
    assert.equal(await page.evaluate(() => document.querySelector('.grid')!.scrollTop), 0);
    await page.close();
  });
});

describe('table webview: requests and replies', () => {
  it('sends each action with a fresh requestId and shows the matching reply', async () => {
    const page = await harness.open();
    await send(page, dataMessage(tableData(documentationExample())));
    await page.waitForSelector('.group-row');
    await page.click('vscode-button:has-text("Export CSV")');
    await page.click('vscode-button:has-text("Copy as cURL")');
    await page.click('vscode-button:has-text("Export JSON")');
    await page.click('vscode-button:has-text("Open raw JSON")');
    await page.click('vscode-button:has-text("Refresh")');
    const messages = (await posted(page)).filter((m) => m.type !== 'ready' && m.type !== 'rowsHeld');
    assert.deepEqual(messages.map((m) => m.type), ['export', 'copyCurl', 'export', 'openRawJson', 'refresh']);
    assert.equal(messages[0].format, 'csv');
    assert.equal(messages[2].format, 'json');
    const ids = messages.slice(0, 4).map((m) => m.requestId);
    assert.equal(new Set(ids).size, 4, `request IDs are distinct: ${ids.join(', ')}`);
    assert.ok(ids.every((id) => Number.isSafeInteger(id)));
    assert.equal(await page.getAttribute('vscode-button:has-text("Export CSV")', 'disabled'), '', 'busy until its reply');

    await send(page, { type: 'reply', requestId: 999_999, ok: true, message: 'not ours' });
    await send(page, { type: 'reply', requestId: ids[1] as number, ok: true, message: 'Copied the cURL command (credentials as placeholders)' });
    await page.waitForSelector('.status:has-text("Copied the cURL")');
    assert.equal(await page.getAttribute('vscode-button:has-text("Export CSV")', 'disabled'), '', 'the CSV export still waits');
    await send(page, { type: 'reply', requestId: ids[0] as number, ok: false, message: 'Disk full' });
    await page.waitForSelector('.status.error');
    assert.equal(await page.textContent('.status'), 'Export CSV failed: Disk full');
    assert.equal(await page.getAttribute('vscode-button:has-text("Export CSV")', 'disabled'), null);
    await page.close();
  });
});
