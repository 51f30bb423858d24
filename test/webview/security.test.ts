// Hostile text in every string the extension can send renders as text and runs nothing, with the panel's CSP
// and without it (the app alone must be safe: the CSP is the second line, not the first).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { PeriodGroup, TrackedTargetEvent } from '../../src/capillary/types';
import type { LookupInfo, TableData } from '../../src/shared/messages';
import { dataMessage, failedMessage, loadingMessage } from './fixtures';
import { pageErrors, posted, send, unexpectedCspViolations, WebviewHarness } from './harness';

const SET_FLAG = 'window.__xssExecuted=true';
const payloads = [
  `<img src=x onerror="${SET_FLAG}">`,
  `</script><script>${SET_FLAG}</script>`,
  `"><svg onload="${SET_FLAG}">`,
  `javascript:${SET_FLAG}`,
  `<a href="javascript:${SET_FLAG}">open</a>`,
  `<style>body{display:none}</style><iframe srcdoc="<script>parent.${SET_FLAG}</script>">`,
  `\${${SET_FLAG}}{{constructor.constructor('${SET_FLAG}')()}}`,
  '\u202Egnp.exe\u202C \u2067rtl\u2069 \u200F\u061C mixed \u05D0\u05D1 end',
  `long:${'<b>x</b>'.repeat(20_000)}`,
];

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

function hostileLookup(text: string): LookupInfo {
  return { userId: text, targetRuleId: text, periodId: text, profileName: text, host: text };
}

function hostileEvent(text: string, eventName: string): TrackedTargetEvent {
  return {
    eventLogId: text,
    eventName,
    customerId: text,
    eventDisplayName: text,
    uniqueId: text,
    eventDate: text,
    eventProcessedDate: text,
    periodId: text,
    targetGroupId: text,
    targetRuleId: text,
    targetValue: text,
    eventDateISO: text,
    eventProcessedDateISO: text,
  };
}

function hostileData(text: string): TableData {
  const events = [hostileEvent(text, 'GENERIC_EVENT'), hostileEvent(text, text)];
  const group: PeriodGroup = {
    periodId: text,
    targetGroupId: text,
    targetRuleId: text,
    events,
    count: events.length,
    totalTargetValue: text,
    firstEventDate: text,
    lastEventDate: text,
    countsByEventName: { [text]: 1, GENERIC_EVENT: 1 },
    maxProcessingLagSeconds: null,
  };
  return {
    lookup: hostileLookup(text),
    groups: [group],
    eventCount: events.length,
    pagesFetched: 1,
    warnings: [text],
    fetchedAt: text,
    complete: false,
  };
}

async function assertNothingRan(page: Page, label: string): Promise<void> {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __xssExecuted: boolean; __dangerousElements: string[] };
    return {
      executed: w.__xssExecuted,
      dangerous: w.__dangerousElements,
      inApp: document.querySelectorAll('#app img, #app svg, #app script, #app iframe, #app a, #app style, #app object').length,
      bodyVisible: getComputedStyle(document.body).display !== 'none',
    };
  });
  assert.equal(state.executed, false, `${label}: injected script ran`);
  assert.deepEqual(state.dangerous, [], `${label}: elements created from data`);
  assert.equal(state.inApp, 0, `${label}: markup elements in the app`);
  assert.ok(state.bodyVisible, `${label}: injected style applied`);
  assert.deepEqual(pageErrors(page), [], `${label}: page errors`);
}

async function hasExactText(page: Page, selector: string, text: string): Promise<boolean> {
  return page.$$eval(selector, (elements, expected) => elements.some((element) => element.textContent === expected), text);
}

for (const csp of [true, false]) {
  describe(`table webview: hostile data ${csp ? 'under the panel CSP' : 'without any CSP'}`, () => {
    for (const [index, payload] of payloads.entries()) {
      it(`payload ${index + 1} (${JSON.stringify(payload.slice(0, 40))}) is shown as text in every state`, async () => {
        const page = await harness.open({ csp });
        await send(page, loadingMessage(hostileLookup(payload), { pagesFetched: 1, eventsFetched: 2 }));
        await page.waitForSelector('.loading');
        assert.ok(
          (await page.textContent('.loading h2')) === `Loading events for User ${payload} · rule ${payload} · period ${payload}…`,
          'loading heading',
        );
        await assertNothingRan(page, 'loading');

        await send(page, dataMessage(hostileData(payload), { phase: 'cancelled' }));
        await page.waitForSelector('.event-row');
        for (const selector of ['.event-row .col-eventLogId', '.event-row .event-label', '.event-row .col-uniqueId', '.event-row .col-targetValue', '.group-period strong', '.warnings li']) {
          assert.ok(await hasExactText(page, selector, payload), `${selector} shows the payload verbatim`);
        }
        // The period's sum is the webview's own, of the rows (whose hostile targetValue is shown above): no text of theirs.
        assert.ok(await hasExactText(page, '.group-sum', 'Σ 0'));
        assert.ok(await hasExactText(page, '.title', `User ${payload} · rule ${payload} · period ${payload}`));
        assert.ok(((await page.textContent('.summary')) ?? '').endsWith(`fetched ${payload}`), 'fetch time');
        assert.match((await page.textContent('.banner.partial')) ?? '', /not the complete set/);
        // The event filter lists the hostile event name as an option.
        await page.click('vscode-dropdown');
        await page.waitForTimeout(50);
        await page.keyboard.press('Escape');
        // Clicking and keyboard on hostile rows and cells.
        await page.click('.event-row .col-uniqueId');
        await page.keyboard.press('ArrowDown');
        await page.fill('vscode-text-field input', payload.slice(0, 30));
        assert.equal(await page.$$eval('.event-row', (rows) => rows.length), 2, 'the filter matches hostile text as text');
        await assertNothingRan(page, 'data');

        await page.click('vscode-button:has-text("Export CSV")');
        const request = (await posted(page)).at(-1)!;
        await send(page, { type: 'reply', requestId: request.requestId as number, ok: false, message: payload });
        await page.waitForSelector('.status.error');
        assert.ok((await page.textContent('.status')) === `Export CSV failed: ${payload}`, 'reply message');
        await assertNothingRan(page, 'reply');

        const error = { message: payload, hint: payload, code: 310018, requestId: payload, kind: payload };
        await send(page, dataMessage(hostileData(payload), { phase: 'failed', error }));
        await page.waitForSelector('.banner.error');
        assert.ok(await hasExactText(page, '.banner.error strong', payload));
        await send(page, failedMessage(hostileLookup(payload), error));
        await page.waitForSelector('.state-view.error');
        assert.ok((await page.textContent('.state-view.error h2')) === payload, 'error message');
        assert.ok((await page.textContent('.state-view.error .hint')) === payload, 'error hint');
        await send(page, failedMessage(hostileLookup(payload), { ...error, code: 310149 }));
        await page.waitForSelector('.state-view.empty');
        assert.match((await page.textContent('.state-view.empty')) ?? '', /No events recorded/);
        await assertNothingRan(page, 'error');
        if (csp) assert.deepEqual(await unexpectedCspViolations(page), []);
        await page.close();
      });
    }
  });
}

describe('table webview: malformed messages', () => {
  it('ignores messages that are not protocol messages and keeps working', async () => {
    const page = await harness.open();
    await page.evaluate(() => {
      for (const junk of [null, 42, 'data', { type: 7 }, { type: 'reply', requestId: 'x' }, { type: 'unknown' }]) {
        window.postMessage(junk, '*');
      }
    });
    await send(page, loadingMessage(hostileLookup('1')));
    await page.waitForSelector('.loading');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
