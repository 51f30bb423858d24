// Issue 20 in the table: the target's definition once above the periods; under each period's events "Not counted (n)"
// with each bill's amount, store, time and reason, filterable; "unavailable" with the HTTP status and Capillary's
// message while the events and target progress stay; loading; a bill's evaluation log on request (rules, unparsed
// text, not available); keyboard access to all of it.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { notCountedReasonText, targetDefinitionLines, uncheckedFilterText } from '../../src/shared/display';
import type { EvaluationLogInfo } from '../../src/shared/explanation';
import { definition, explainedState, explanation, LONG_STORE_ID } from './explainFixtures';
import type { ExtensionToWebview } from '../../src/shared/messages';
import { failedMessage, lookup } from './fixtures';
import { cellTexts, pageErrors, posted, send, unexpectedCspViolations, WebviewHarness } from './harness';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

async function openExplained(page: Page): Promise<void> {
  await send(page, explainedState(explanation()));
  await page.waitForSelector('.bill-row');
}

/** The row's texts in the table's order (headers, progress lines, events and bills). */
async function rowKinds(page: Page): Promise<string[]> {
  return page.$$eval('.grid-body [role="row"]', (rows) =>
    rows
      .map((row) => ({ index: Number(row.getAttribute('aria-rowindex')), row: row as HTMLElement }))
      .sort((a, b) => a.index - b.index)
      .map(({ row }) => {
        if (row.classList.contains('group-row')) return `period ${row.querySelector('.group-period strong')?.textContent}`;
        if (row.classList.contains('progress-row')) return 'progress';
        if (row.classList.contains('event-row')) return `event ${row.querySelector('.col-eventLogId')?.textContent}`;
        if (row.classList.contains('bill-row')) return `bill ${row.querySelector('.col-eventLogId')?.textContent}`;
        return `line ${row.querySelector('.explain-heading')?.textContent}`;
      }),
  );
}

/** The `explainBill` message posted after the first `seen` of them. */
async function nextExplainBill(page: Page, seen: number): Promise<{ requestId: number; billNumber: string }> {
  const message = await page.waitForFunction((count) => {
    const messages = (window as unknown as { __posted: Array<{ type: string; requestId: number; billNumber: string }> }).__posted;
    const requests = messages.filter((message) => message.type === 'explainBill');
    return requests.length > count ? requests.at(-1) : undefined;
  }, seen);
  return (await message.jsonValue()) as { requestId: number; billNumber: string };
}

async function explainBillCount(page: Page): Promise<number> {
  return (await posted(page)).filter((message) => message.type === 'explainBill').length;
}

describe('table webview: why a bill did not count', () => {
  it('shows the definition once above the periods, and under each period "Not counted (n)" with amount, store, time and reason', async () => {
    const page = await harness.open();
    const info = explanation();
    const january = info.periods['21801'];
    if (january.status === 'ok') january.unplacedEventCount = 1;
    await send(page, explainedState(info));
    await page.waitForSelector('.bill-row');
    assert.equal(await page.locator('.target-definition').count(), 1);
    const above = await page.evaluate(() => {
      const notice = document.querySelector('.target-definition')!;
      return (notice.compareDocumentPosition(document.querySelector('.grid')!) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    assert.ok(above, 'the definition comes before the table');
    const lines = await page.$$eval('.definition-lines dt', (terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent]));
    assert.deepEqual(lines, targetDefinitionLines(definition).map(({ label, text }) => [label, text]));
    assert.deepEqual(lines[0], ['Counts', 'VALUE of TRANSACTION events "TransactionAdd"']);
    assert.deepEqual(lines[2], ['Filters', `store 101, ${LONG_STORE_ID}; zone 7`], 'filters with their IDs as sent');
    assert.equal(await page.textContent('.definition-json pre'), definition.expressionJson);

    assert.deepEqual(await rowKinds(page), [
      'period 21801', 'progress', 'event 620000101', 'event 620000102',
      'line Not counted (3)', 'bill B-102', 'bill B-103', 'bill B-104', 'line 1 tracked event of this period could not be placed on a bill', 'line Counted (2)',
      'period 21802', 'progress', 'line Not counted (1)', 'bill B-201',
      'period 21803', 'progress', 'event 620000105', 'line Not counted: unavailable',
    ]);
    assert.deepEqual(await cellTexts(page, '.bill-row .col-targetValue'), ['1,234,567.5', '\u221215.25', '42.000', '77.7']);
    assert.deepEqual(await cellTexts(page, '.bill-row .col-uniqueId'), [`store ${LONG_STORE_ID} · S-AIR · Airport`, 'store 101', 'store 102 · S-102', '—']);
    assert.deepEqual(await cellTexts(page, '.bill-row .col-eventDate'), ['2025-01-12 17:45:30', '2025-01-13 08:00:00', '2025-01-20 12:00:00', '2025-02-03 10:00:00']);
    assert.deepEqual(await cellTexts(page, '.bill-row .col-eventProcessedDate'), ['REGULAR', 'RETURN', 'REGULAR', 'REGULAR']);
    assert.deepEqual(await cellTexts(page, '.bill-row .bill-why'), [
      notCountedReasonText('store-filter'),
      notCountedReasonText('return'),
      notCountedReasonText('unknown'),
      notCountedReasonText('before-enrolment'),
    ]);
    assert.equal(notCountedReasonText('store-filter'), "outside the target's store filter");
    assert.deepEqual(await cellTexts(page, '.bill-row .bill-unchecked'), ['', '', ` · ${uncheckedFilterText('zone-filter')}`, '']);
    assert.deepEqual(await cellTexts(page, '.explain-line.section .explain-detail'), ['bills of 2025-01-01 – 2025-01-31', 'bills of 2025-01-01 – 2025-01-31', 'bills of 2025-02-01 – 2025-02-28']);
    assert.deepEqual(await unexpectedCspViolations(page), []);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('says "unavailable" with the HTTP status and Capillary\u2019s message, while the events and target progress still show', async () => {
    const page = await harness.open();
    await openExplained(page);
    assert.equal(await page.textContent('.explain-line.unavailable .explain-detail'), 'HTTP 403 · Access denied for this org (code 1101)');
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), ['620000101', '620000102', '620000105']);
    assert.equal(await page.locator('.progress-row').count(), 3);
    assert.match((await cellTexts(page, '.progress-row .progress-figures'))[2], /^goal 8,500 · achieved 5,500/);

    // The definition refused too, later: the rows of the events, the progress and the other periods' bills stay.
    const refused = explanation();
    refused.definition = { status: 'unavailable', httpStatus: 401, message: 'Not permitted to read targets' };
    await send(page, explainedState(refused, 'unchanged'));
    await page.waitForSelector('.definition-unavailable');
    assert.equal(await page.textContent('.definition-unavailable .definition-reason'), 'HTTP 401 · Not permitted to read targets');
    assert.equal(await page.locator('.target-definition').count(), 0);
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), ['620000101', '620000102', '620000105']);
    assert.equal(await page.locator('.progress-row').count(), 3);
    assert.deepEqual(await cellTexts(page, '.bill-row .col-eventLogId'), ['B-102', 'B-103', 'B-104', 'B-201']);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows loading for the definition and the bills, then the bills when they arrive, keeping the events', async () => {
    const page = await harness.open();
    await send(page, explainedState({ definition: { status: 'loading' }, periods: { '21801': { status: 'loading', periodId: '21801' } } }));
    await page.waitForSelector('.explain-line.state');
    assert.equal(await page.textContent('.definition-note'), 'Loading the target\u2019s definition…');
    assert.deepEqual(await rowKinds(page), [
      'period 21801', 'progress', 'event 620000101', 'event 620000102', 'line Not counted: loading the customer\u2019s bills…',
      'period 21802', 'progress',
      'period 21803', 'progress', 'event 620000105',
    ]);
    // `unchanged` keeps what is held.
    await send(page, explainedState({ status: 'unchanged' }, 'unchanged'));
    await send(page, explainedState(explanation(), 'unchanged'));
    await page.waitForSelector('.bill-row');
    assert.equal(await page.locator('.explain-line.state:not(.unavailable)').count(), 0);
    assert.equal(await page.locator('.target-definition').count(), 1);
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), ['620000101', '620000102', '620000105']);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('finds bills with the filter box by reason words, bill number and store', async () => {
    const page = await harness.open();
    await openExplained(page);
    await page.fill('vscode-text-field input', 'store filter');
    await page.waitForFunction(() => document.querySelectorAll('.bill-row').length === 1);
    assert.deepEqual(await rowKinds(page), ['period 21801', 'progress', 'line Not counted (3)', 'bill B-102']);
    assert.equal(await page.textContent('.explain-line.section .explain-detail'), '1 bill match · bills of 2025-01-01 – 2025-01-31');

    await page.fill('vscode-text-field input', 'enrolment');
    await page.waitForFunction(() => document.querySelector('.bill-row .col-eventLogId')?.textContent === 'B-201');
    assert.deepEqual(await rowKinds(page), ['period 21802', 'progress', 'line Not counted (1)', 'bill B-201']);

    // A counted bill is found too, though its section is folded.
    await page.fill('vscode-text-field input', 'b-105');
    await page.waitForFunction(() => document.querySelector('.bill-row .col-eventLogId')?.textContent === 'B-105');
    assert.deepEqual(await cellTexts(page, '.bill-row .bill-why'), ['counted as eventLogId 620000102']);

    await page.fill('vscode-text-field input', 's-air');
    await page.waitForFunction(() => document.querySelector('.bill-row .col-eventLogId')?.textContent === 'B-102');
    await page.fill('vscode-text-field input', '');
    await page.waitForFunction(() => document.querySelectorAll('.bill-row').length === 4);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('asks for a bill\u2019s evaluation log from its row\u2019s button and shows the rules, the unparsed text, or not available', async () => {
    const page = await harness.open();
    await openExplained(page);
    await page.locator('.bill-row', { hasText: 'B-103' }).locator('.evaluation-log-button').click();
    const request = await nextExplainBill(page, 0);
    assert.equal(request.billNumber, 'B-103');
    await page.waitForSelector('.bill-dialog .evaluation-loading');
    assert.equal(await page.textContent('.bill-dialog h2'), 'Bill B-103');
    const log: EvaluationLogInfo = {
      status: 'ok',
      billNumber: 'B-103',
      rules: [
        { id: '55', name: 'Spend', expression: 'currentTxn.value > 100', result: false },
        { id: '56', name: 'Store', expression: 'currentTxn.store in [101]', result: true },
      ],
      raw: 'Rule[55, Spend] currentTxn.value > 100 -> false',
    };
    await send(page, { type: 'evaluationLog', requestId: request.requestId, log });
    await page.waitForSelector('.evaluated-rule');
    const rules = await page.$$eval('.evaluated-rule', (items) => items.map((item) => [...item.children].map((child) => child.textContent)));
    assert.deepEqual(rules, [
      ['false', 'Rule 55 · Spend', 'currentTxn.value > 100'],
      ['true', 'Rule 56 · Store', 'currentTxn.store in [101]'],
    ]);

    await page.click('.bill-dialog vscode-button:has-text("Evaluation log")');
    const second = await nextExplainBill(page, 1);
    assert.equal(second.billNumber, 'B-103');
    await send(page, { type: 'evaluationLog', requestId: second.requestId, log: { status: 'unparsed', billNumber: 'B-103', text: 'EVAL <odd tree> -> ?', raw: 'EVAL <odd tree> -> ?' } });
    await page.waitForSelector('.evaluation-text');
    assert.equal(await page.textContent('.evaluation-text'), 'EVAL <odd tree> -> ?');

    await page.keyboard.press('Escape');
    await page.waitForSelector('.bill-dialog', { state: 'detached' });
    await page.locator('.bill-row', { hasText: 'B-201' }).locator('.evaluation-log-button').click();
    const { requestId, billNumber } = await nextExplainBill(page, 2);
    assert.equal(billNumber, 'B-201');
    await send(page, { type: 'evaluationLog', requestId, log: { status: 'unavailable', billNumber: 'B-201', httpStatus: 404, message: 'Unknown endpoint' } });
    await page.waitForSelector('.evaluation-unavailable');
    assert.equal(await page.textContent('.evaluation-unavailable'), 'Not available on this cluster. HTTP 404 · Unknown endpoint');
    assert.equal(await explainBillCount(page), 3);
    assert.deepEqual(await unexpectedCspViolations(page), []);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('reaches the bills from the keyboard: arrows to a bill, Enter opens it, its menu asks for the log, Left and Enter fold a section', async () => {
    const page = await harness.open();
    await openExplained(page);
    await page.locator('.event-row', { hasText: '620000102' }).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement).querySelector('.col-eventLogId, .explain-heading')?.textContent);
    assert.equal(await focused(), 'B-102');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.bill-dialog');
    assert.equal(await page.textContent('.bill-dialog h2'), 'Bill B-102');
    assert.equal(await explainBillCount(page), 0, 'Enter opens the bill; the log waits for a request');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.bill-dialog', { state: 'detached' });
    assert.equal(await focused(), 'B-102', 'the keyboard is back on the row');

    await page.keyboard.press('Shift+F10');
    await page.waitForSelector('.context-menu');
    await page.keyboard.press('Enter');
    const request = await nextExplainBill(page, 0);
    assert.equal(request.billNumber, 'B-102');
    await page.keyboard.press('Escape');

    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(), 'Not counted (3)');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.explain-line.section')].some((line) => line.textContent?.startsWith('Not counted (3)') && line.getAttribute('aria-expanded') === 'false'),
    );
    assert.deepEqual(await cellTexts(page, '.bill-row .col-eventLogId'), ['B-201'], 'January\u2019s bills are folded');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'Counted (2)');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelectorAll('.bill-row').length === 3);
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'B-101');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});

describe('table webview: no events recorded', () => {
  it('lists the periods\u2019 bills that did not count under the no-events screen, each with its evaluation log', async () => {
    const page = await harness.open();
    const failed = failedMessage(lookup, { message: 'No record in user target', hint: 'Capillary has no events for this user and rule.', code: 310149, kind: 'api' });
    await send(page, { ...failed, explanation: explanation() } as ExtensionToWebview);
    await page.waitForSelector('.bill-lists');
    assert.match((await page.textContent('.state-view.empty h2')) ?? '', /No events recorded/);
    assert.equal(await page.locator('.bill-lists .target-definition').count(), 1);
    assert.deepEqual(await page.$$eval('.bill-period h3', (headings) => headings.map((heading) => heading.textContent)), [
      'Period 21801 · bills of 2025-01-01 – 2025-01-31',
      'Period 21802 · bills of 2025-02-01 – 2025-02-28',
      'Period 21803',
    ]);
    assert.deepEqual(await page.$$eval('.bill-period h4', (headings) => headings.map((heading) => heading.textContent)), ['Not counted (3)', 'Not counted (1)']);
    assert.equal(await page.textContent('.bill-list-unavailable'), 'Not counted: unavailable · HTTP 403 · Access denied for this org (code 1101)');
    const first = await page.locator('.bill-list-row').first().locator('td').allTextContents();
    assert.deepEqual(first, ['B-102', notCountedReasonText('store-filter'), `store ${LONG_STORE_ID} · S-AIR · Airport`, '2025-01-12 17:45:30', 'REGULAR', '1,234,567.5', 'Evaluation log']);
    await page.locator('.bill-list-row', { hasText: 'B-201' }).locator('.evaluation-log-button').click();
    assert.equal((await nextExplainBill(page, 0)).billNumber, 'B-201');
    await page.waitForSelector('.bill-dialog .evaluation-loading');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});

describe('table webview: hostile text in the explanation', () => {
  it('renders every field of the definition, the bills and the evaluation log as text, with and without the CSP', async () => {
    const hostile = '<img src=x onerror="window.__xssExecuted=true">';
    for (const csp of [true, false]) {
      const page = await harness.open({ csp });
      const info = explanation();
      info.definition = {
        status: 'ok',
        definition: { ...definition, eventName: hostile, expression: hostile, expressionJson: hostile, targetType: hostile, filters: [{ entityType: hostile, entityIds: [hostile] }], enrolmentMethod: hostile },
      };
      const january = info.periods['21801'];
      if (january.status === 'ok') {
        january.transactions = january.transactions.map((bill) => ({ ...bill, billNumber: hostile, id: hostile, amount: hostile, billingTime: hostile, type: hostile, store: { id: hostile, code: hostile, name: hostile }, eventLogId: hostile }));
        january.window = { startDate: hostile, endDate: hostile };
      }
      info.periods['21803'] = { status: 'unavailable', periodId: '21803', message: hostile, httpStatus: 500 };
      await send(page, explainedState(info));
      await page.waitForSelector('.bill-row');
      await page.locator('.bill-row').first().locator('.evaluation-log-button').click();
      const { requestId } = await nextExplainBill(page, 0);
      await send(page, { type: 'evaluationLog', requestId, log: { status: 'ok', billNumber: hostile, rules: [{ id: hostile, name: hostile, expression: hostile, result: true }], raw: hostile } });
      await page.waitForSelector('.evaluated-rule');
      assert.equal(await page.textContent('.rule-expression'), hostile);
      assert.equal(await page.textContent('.bill-row .col-eventLogId'), hostile);
      assert.equal(await page.evaluate(() => (window as unknown as { __xssExecuted: boolean }).__xssExecuted), false);
      assert.deepEqual(await page.evaluate(() => (window as unknown as { __dangerousElements: string[] }).__dangerousElements), []);
      if (csp) assert.deepEqual(await unexpectedCspViolations(page), []);
      assert.deepEqual(pageErrors(page), []);
      await page.close();
    }
  });
});
