// The target progress in the table webview (built, in headless Chromium under the panel's CSP): period headers with
// window, status and verdict, periods without events, the chart, running totals, flags and the flagged-only filter.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ProgressPeriod, type TrackedTargetEvent } from '../../src/capillary';
import { groupByPeriod } from '../../src/shared/grouping';
import { reconcile } from '../../src/targetProgress/reconcile';
import type { ExtensionToWebview, ShownTargetProgress, TableData, TargetProgressInfo } from '../../src/shared/messages';
import { dataMessage, lookup, tableData } from './fixtures';
import { pageErrors, posted, send, unexpectedCspViolations, WebviewHarness, cellTexts } from './harness';
import type { ThemeName } from './themes';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

function event(eventLogId: string, eventDate: string, eventProcessedDate: string, periodId: string, targetValue: string): TrackedTargetEvent {
  return {
    eventLogId,
    eventName: 'ADD_TRANSACTION',
    customerId: lookup.userId,
    eventDisplayName: null,
    uniqueId: `bill-${eventLogId}`,
    eventDate,
    eventProcessedDate,
    periodId,
    targetGroupId: '1718',
    targetRuleId: lookup.targetRuleId,
    targetValue,
  };
}

function month(periodId: string, first: number, status: string, goal: string, achieved: string): ProgressPeriod {
  const startTime = Date.UTC(2025, first, 1);
  const endTime = Date.UTC(2025, first + 1, 1) - 1;
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { periodId, start: `${day(startTime)} 00:00:00`, end: `${day(endTime)} 23:59:59`, startTime, endTime, status, goal, achieved, streaks: [], milestones: [] };
}

/** Capillary's side of the sample's late-processing case: January counts 8000 of the 9000 the events add up to. */
const lateEvents = [
  event('620000101', '2025-01-06 10:00:00.0', '2025-01-06 10:00:05.0', '21801', '3000'),
  event('620000102', '2025-01-14 18:30:00.0', '2025-01-14 18:30:02.0', '21801', '2500'),
  event('620000103', '2025-01-22 12:15:00.0', '2025-01-22 12:15:04.0', '21801', '2500'),
  event('620000104', '2025-01-31 23:40:00.0', '2025-02-01 06:10:00.0', '21801', '1000'),
  event('620000105', '2025-03-03 11:00:00.0', '2025-03-03 11:00:03.0', '21803', '4200.50'),
];
const latePeriods = [
  month('21801', 0, 'ENDED', '8500', '8000'),
  month('21802', 1, 'ENDED', '8500', '0'),
  month('21803', 2, 'RUNNING', '8500', '4200.50'),
];

function fixture(periods = latePeriods): { data: TableData; progress: TargetProgressInfo } {
  const groups = groupByPeriod(lateEvents);
  const data = tableData(groups);
  const reconciliation = reconcile(
    { events: lateEvents, groups, pagesFetched: 1, warnings: [], rawPages: [] },
    { targetGroupId: '1718', targetGroupName: 'Monthly spend', trackingType: 'DEFAULT', timeZoneName: 'UTC', periods },
    { complete: true },
  );
  return { data, progress: { status: 'ok', reconciliation } };
}

/** The goal chips shown, by the row's eventLogId, with their text and title. */
function shownCrossings(page: Page): Promise<Array<{ id: string | null | undefined; chip: string | null; title: string }>> {
  return page.$$eval('.event-row', (rows) =>
    rows
      .map((row) => ({ row, chip: row.querySelector('.crossing') as HTMLElement }))
      .filter(({ chip }) => !chip.hidden)
      .map(({ row, chip }) => ({ id: row.querySelector('.col-eventLogId')?.textContent, chip: chip.textContent, title: chip.title })),
  );
}

function stateMessage(data: TableData, targetProgress: ShownTargetProgress, rows: 'new' | 'unchanged' = 'new'): ExtensionToWebview {
  const message = dataMessage(data);
  if (message.type !== 'state') throw new Error('dataMessage makes state messages');
  return { ...message, rows: rows === 'new' ? message.rows : { kind: 'unchanged' }, targetProgress };
}


describe('target progress in the table', () => {
  it('each period header shows its window and status; the line under it goal, achieved, Σ, bar, verdict and reason', async () => {
    const page = await harness.open();
    const { data, progress } = fixture();
    await send(page, stateMessage(data, progress));
    await page.waitForSelector('.progress-row');
    assert.deepEqual(await cellTexts(page, '.group-row .group-period strong'), ['21801', '21802', '21803']);
    assert.deepEqual(await cellTexts(page, '.group-row .period-status'), ['ENDED', 'ENDED', 'RUNNING']);
    assert.deepEqual((await cellTexts(page, '.group-row .group-span'))[0], '2025-01-01 00:00:00 → 2025-01-31 23:59:59');
    assert.deepEqual(await cellTexts(page, '.group-row .group-count'), ['4 events', '0 events', '1 event'], 'the month without events is listed, in order');
    assert.match((await page.textContent('.summary')) ?? '', /^5 events · 3 periods · /, 'the summary counts the periods listed');
    assert.deepEqual(await cellTexts(page, '.progress-row .progress-figures'), [
      'goal 8,500 · achieved 8,000 · Σ 9,000 · needs 500 more · events add up past the goal; Capillary credited 8,000',
      'goal 8,500 · achieved 0 · Σ 0 · needs 8,500 more',
      'goal 8,500 · achieved 4,200.50 · Σ 4,200.50 · needs 4,299.50 more',
    ]);
    assert.deepEqual(await cellTexts(page, '.progress-row .verdict'), ['differs by −1,000', '✓ match', '✓ match']);
    assert.match((await cellTexts(page, '.progress-row .verdict-reason'))[0], /^1 event processed after the period ended \(Σ 1,000\): without them Σ equals the achieved value exactly$/);
    const widths = await page.$$eval('.progress-row .progress-fill', (fills) => fills.map((fill) => (fill as HTMLElement).style.width));
    assert.deepEqual(widths, ['94%', '0%', '49%'], 'achieved ÷ goal');
    assert.match((await page.textContent('.progress-note')) ?? '', /Target group 1718 “Monthly spend” · DEFAULT · period bounds in UTC/);
    assert.deepEqual(await unexpectedCspViolations(page), []);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('running totals per period, the goal-crossing event marked, flags shown and filterable', async () => {
    const page = await harness.open();
    const { data, progress } = fixture();
    await send(page, stateMessage(data, progress));
    await page.waitForSelector('.event-row');
    assert.deepEqual(await cellTexts(page, '.event-row .running-total'), ['3,000', '5,500', '8,000', '9,000', '4,200.50']);
    // Σ passes 8,500 at 620000104, but Capillary credited 8,000: no "goal" chip, the row says what happened instead.
    assert.deepEqual(await shownCrossings(page), [
      { id: '620000104', chip: 'Σ ≥ goal', title: 'Events add up past the goal; Capillary credited 8,000 (goal 8,500)' },
    ]);
    const flagged = await page.$$eval('.event-row.flagged', (rows) => rows.map((row) => [row.querySelector('.col-eventLogId')?.textContent, row.querySelector('.flag-badge')?.textContent]));
    assert.deepEqual(flagged, [['620000104', '⚑ processed after the period ended']]);
    assert.equal(await page.textContent('.flagged-filter'), 'Only flagged events (1)');
    await page.click('#flagged-only');
    await page.waitForFunction(() => document.querySelectorAll('.event-row').length === 1);
    assert.deepEqual(await cellTexts(page, '.event-row .col-eventLogId'), ['620000104']);
    assert.equal(await page.textContent('.match-count'), '1 of 5 events match');
    await page.close();
  });

  it('marks the goal reached on the crossing event only when Capillary\u2019s achieved value reaches the goal', async () => {
    const page = await harness.open();
    const credited = latePeriods.map((period) => (period.periodId === '21801' ? { ...period, achieved: '9000' } : period));
    const { data, progress } = fixture(credited);
    await send(page, stateMessage(data, progress));
    await page.waitForSelector('.event-row');
    assert.deepEqual(await shownCrossings(page), [
      { id: '620000104', chip: '◎ goal', title: 'This event\u2019s running total reached the goal, and Capillary credited it' },
    ]);
    assert.equal((await cellTexts(page, '.progress-row .progress-figures'))[0], 'goal 8,500 · achieved 9,000 · Σ 9,000 · goal reached');
    await page.close();
  });

  it('at the default widths no ID, figure, goal chip or flag reason is cut: columns size to them', async () => {
    const page = await harness.open({ width: 900 });
    // Two IDs that differ only in their last digit, figures in the hundreds of billions, a goal chip and a flag.
    const ids = ['9223372036854775806', '9223372036854775807', '620000103', '620000104', '620000105'];
    const values = ['300000000000.125', '250000000000', '2500', '1000', '4200.50'];
    const events = lateEvents.map((event, index) => ({ ...event, eventLogId: ids[index], targetValue: values[index], uniqueId: `bill-${ids[index]}` }));
    const groups = groupByPeriod(events);
    const periods = latePeriods.map((period) => (period.periodId === '21801' ? { ...period, goal: '500000000000', achieved: '550000003500.125' } : period));
    const reconciliation = reconcile(
      { events, groups, pagesFetched: 1, warnings: [], rawPages: [] },
      { targetGroupId: '1718', targetGroupName: 'Monthly spend', periods },
      { complete: true },
    );
    await send(page, stateMessage(tableData(groups), { status: 'ok', reconciliation }));
    await page.waitForSelector('.event-row .crossing:not([hidden])');
    await page.waitForFunction(() => document.querySelector('.grid')?.getAttribute('style')?.includes('--fit-eventLogId'));
    const cells = await page.$$eval('.grid-body .event-row', (rows) =>
      rows.flatMap((row) =>
        ['eventLogId', 'event', 'uniqueId', 'targetValue', 'runningTotal'].map((column) => {
          const cell = row.querySelector(`.col-${column}`) as HTMLElement;
          return { column, text: cell.textContent, cut: cell.scrollWidth > cell.clientWidth };
        }),
      ),
    );
    assert.deepEqual(cells.filter((cell) => cell.cut), [], 'no cell overflows its column');
    const texts = cells.map((cell) => cell.text);
    assert.ok(texts.includes('9223372036854775806') && texts.includes('9223372036854775807'));
    assert.ok(texts.includes('◎ goal550,000,000,000.125'), texts.join(' | '));
    assert.ok(texts.some((text) => text?.endsWith('⚑ processed after the period ended')));

    // A width the user drags stays the user's choice, narrower than the fit.
    const handle = (await page.locator('.grid-header-row .col-eventLogId .col-resizer').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 - 80, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    const narrowed = await page.$eval('.grid-body .event-row .col-eventLogId', (cell) => cell.scrollWidth > cell.clientWidth);
    assert.equal(narrowed, true, 'the dragged width wins over the fit');
    await page.close();
  });

  it('the chart draws Σ per period against the goal, with the figures on hover, and a click goes to the period', async () => {
    const page = await harness.open({ height: 400 });
    const { data, progress } = fixture();
    await send(page, stateMessage(data, progress));
    await page.waitForSelector('.progress-chart .chart-bar');
    const bars = await page.$$eval('.chart-bar', (elements) =>
      elements.map((bar) => ({
        title: (bar as HTMLElement).title,
        classes: bar.className,
        fill: (bar.querySelector('.chart-fill') as HTMLElement).style.height,
        goal: (bar.querySelector('.chart-goal') as HTMLElement).style.bottom,
      })),
    );
    assert.deepEqual(bars, [
      { title: 'Period 21801: Σ 9,000 · goal 8,500 · achieved 8,000 · differs by −1,000', classes: 'chart-bar differs', fill: '100%', goal: '94.4%' },
      { title: 'Period 21802: Σ 0 · goal 8,500 · achieved 0 · ✓ match', classes: 'chart-bar pending', fill: '0%', goal: '94.4%' },
      { title: 'Period 21803: Σ 4,200.50 · goal 8,500 · achieved 4,200.50 · ✓ match', classes: 'chart-bar pending', fill: '46.7%', goal: '94.4%' },
    ]);
    const colours = await page.$$eval('.chart-fill', (fills) => fills.map((fill) => getComputedStyle(fill).backgroundColor));
    assert.notEqual(colours[0], colours[2], 'a differing period stands out');
    await page.click('.chart-bar[data-period="21803"]');
    await page.waitForFunction(() => document.activeElement?.closest('.group-row')?.querySelector('.group-period strong')?.textContent === '21803');
    assert.deepEqual(await unexpectedCspViolations(page), []);
    await page.close();
  });

  it('progress that arrives after the events fills the table in; unavailable progress says why and Retry refreshes', async () => {
    const page = await harness.open();
    const { data, progress } = fixture();
    await send(page, stateMessage(data, { status: 'loading' }));
    await page.waitForSelector('.event-row');
    assert.equal(await page.$$eval('.progress-row', (rows) => rows.length), 0);
    assert.match((await page.textContent('.progress-note')) ?? '', /Loading the customer’s target progress/);
    assert.deepEqual(await cellTexts(page, '.group-row .group-count'), ['4 events', '1 event'], 'only the periods of the events, before the calendar is known');
    await send(page, stateMessage(data, progress, 'unchanged'));
    await page.waitForSelector('.progress-row');
    assert.deepEqual(await cellTexts(page, '.group-row .group-count'), ['4 events', '0 events', '1 event']);

    await send(page, stateMessage(data, { status: 'unavailable', message: 'Not authorized (Capillary error 4000).', hint: 'Ask for the access group.' }, 'unchanged'));
    await page.waitForSelector('.progress-unavailable');
    assert.match((await page.textContent('.progress-unavailable')) ?? '', /Target progress unavailable\.Not authorized \(Capillary error 4000\)\.Ask for the access group\./);
    assert.equal(await page.$$eval('.progress-row', (rows) => rows.length), 0);
    assert.equal(await page.$$eval('.event-row', (rows) => rows.length), 5, 'the events stay');
    await page.click('.progress-unavailable vscode-button');
    assert.deepEqual((await posted(page)).at(-1), { type: 'refresh' });
    await page.close();
  });

  it('hostile text in every progress field is shown as text, and nothing it holds runs', async () => {
    const page = await harness.open();
    const { data, progress } = fixture();
    assert.equal(progress.status, 'ok');
    const payload = '<img src=x onerror="window.__xssExecuted=true"><svg onload="window.__xssExecuted=true">';
    const [first, ...rest] = progress.reconciliation.periods;
    const hostile: TargetProgressInfo = {
      status: 'ok',
      reconciliation: {
        ...progress.reconciliation,
        targetGroupName: payload,
        trackingType: payload,
        timeZoneName: payload,
        periods: [
          {
            ...first,
            status: payload,
            start: payload,
            enrolledOn: payload,
            end: payload,
            goal: payload,
            achieved: payload,
            reasons: [payload],
            streaks: [{ status: payload, currentCount: payload, totalTargetCountOfSequence: payload }],
            milestones: [{ triggerName: payload, triggerValue: payload, isAchieved: true }],
          },
          ...rest,
        ],
      },
    };
    await send(page, stateMessage(data, hostile));
    await page.waitForSelector('.progress-row');
    assert.equal((await cellTexts(page, '.group-row .period-status'))[0], payload);
    assert.equal((await cellTexts(page, '.group-row .group-span'))[0], `${payload} → ${payload}`);
    assert.equal((await cellTexts(page, '.progress-row .verdict-reason'))[0], payload);
    assert.ok(((await cellTexts(page, '.progress-row .progress-figures'))[0]).includes(`streak ${payload}`));
    assert.ok(((await cellTexts(page, '.progress-row .milestones'))[0]).startsWith(`milestone “${payload}”`));
    assert.equal((await cellTexts(page, '.group-row .group-enrolment'))[0], `enrolled ${payload}`);
    const state = await page.evaluate(() => {
      const w = window as unknown as { __xssExecuted: boolean; __dangerousElements: string[] };
      return { executed: w.__xssExecuted, dangerous: w.__dangerousElements };
    });
    assert.deepEqual(state, { executed: false, dangerous: [] });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('the chart has a legend whose three colours stay apart in every theme, High Contrast Light too', async () => {
    const themes: ThemeName[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];
    for (const theme of themes) {
      const page = await harness.open({ theme, height: 400 });
      const { data, progress } = fixture();
      assert.equal(progress.status, 'ok');
      // 21803 reaches its goal here, so that every colour is on a bar.
      const periods = progress.reconciliation.periods.map((period) => (period.periodId === '21803' ? { ...period, goalReached: true } : period));
      await send(page, stateMessage(data, { status: 'ok', reconciliation: { ...progress.reconciliation, periods } }));
      await page.waitForSelector('.chart-legend');
      assert.deepEqual(await cellTexts(page, '.chart-legend li'), ['Σ differs from achieved', 'goal reached', 'goal not reached yet', 'goal']);
      const swatches = await page.$$eval('.chart-legend .chart-swatch:not(.goal-line)', (elements) => elements.map((element) => getComputedStyle(element).backgroundColor));
      const fills = await page.$$eval('.chart-fill', (elements) => elements.map((element) => getComputedStyle(element).backgroundColor));
      assert.deepEqual(fills, [swatches[0], swatches[2], swatches[1]], `${theme}: each bar has its legend colour (differs, not yet, reached)`);
      const hues = swatches.map(hue);
      for (let a = 0; a < hues.length; a++) {
        for (let b = a + 1; b < hues.length; b++) {
          const apart = Math.min(Math.abs(hues[a] - hues[b]), 360 - Math.abs(hues[a] - hues[b]));
          assert.ok(apart >= 40, `${theme}: ${swatches[a]} and ${swatches[b]} are only ${apart.toFixed(0)}° of hue apart`);
        }
      }
      await page.close();
    }
  });

  it('the chart is one Tab stop for a hundred periods: arrow keys, Home and End move between labelled bars, Enter goes to the period', async () => {
    const page = await harness.open({ height: 500 });
    const events = [event('620000201', '2025-01-06 10:00:00.0', '2025-01-06 10:00:05.0', 'p0', '100')];
    const periods = Array.from({ length: 100 }, (_, index) => month(`p${index}`, index, 'ENDED', '100', index % 3 === 0 ? '100' : '0'));
    const groups = groupByPeriod(events);
    const reconciliation = reconcile(
      { events, groups, pagesFetched: 1, warnings: [], rawPages: [] },
      { targetGroupId: '1718', targetGroupName: 'Monthly spend', trackingType: 'DEFAULT', timeZoneName: 'UTC', periods },
      { complete: true },
    );
    await send(page, stateMessage(tableData(groups), { status: 'ok', reconciliation }));
    await page.waitForSelector('.chart-bar');
    assert.equal(await page.$$eval('.chart-bar', (bars) => bars.length), 100);
    assert.equal(await page.getAttribute('.chart-bars', 'role'), 'toolbar');
    assert.deepEqual(await page.$$eval('.chart-bar', (bars) => bars.filter((bar) => (bar as HTMLElement).tabIndex === 0).length), 1, 'one Tab stop');
    assert.equal(await page.getAttribute('.chart-bar[data-period="p1"]', 'aria-label'), 'Period p1: Σ 0 · goal 100 · achieved 0 · ✓ match');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.period ?? document.activeElement?.className);
    await page.focus('.chart-bar[data-period="p0"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'p2');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(), 'p1');
    await page.keyboard.press('End');
    assert.equal(await focused(), 'p99');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'p99', 'stays on the last bar');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'p1');
    await page.keyboard.press('Tab');
    assert.ok(!(await page.evaluate(() => document.activeElement?.classList.contains('chart-bar'))), 'one Tab leaves the chart');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'p1', 'Shift+Tab comes back to the bar last on');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('.group-row')?.querySelector('.group-period strong')?.textContent === 'p1');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('the period header shows the enrolment date the "before enrolment" flag is measured from; milestones read as milestones, an inactive one as inactive', async () => {
    const page = await harness.open();
    const events = [
      event('622000301', '2025-03-05 15:00:00.0', '2025-03-05 15:00:02.0', '22003', '1200'),
      event('622000302', '2025-03-12 11:30:00.0', '2025-03-12 11:30:01.0', '22003', '2000'),
    ];
    const march: ProgressPeriod = {
      ...month('22003', 2, 'ENDED', '3000', '2000'),
      enrolledOn: '2025-03-10 00:00:00.0',
      enrolledTime: Date.UTC(2025, 2, 10),
      milestones: [
        { triggerName: 'Goal reached', triggerValue: '3000', isAchieved: false, active: true },
        { triggerName: 'Launch bonus', triggerValue: '1000', isAchieved: false, active: false },
      ],
    };
    const groups = groupByPeriod(events);
    const reconciliation = reconcile(
      { events, groups, pagesFetched: 1, warnings: [], rawPages: [] },
      { targetGroupId: '1720', targetGroupName: 'March', trackingType: 'DEFAULT', timeZoneName: 'UTC', periods: [month('22002', 1, 'ENDED', '3000', '0'), march] },
      { complete: true },
    );
    await send(page, stateMessage(tableData(groups), { status: 'ok', reconciliation }));
    await page.waitForSelector('.progress-row');
    assert.deepEqual(await cellTexts(page, '.group-row .group-enrolment'), ['', 'enrolled 2025-03-10 00:00:00']);
    assert.deepEqual(await page.$$eval('.group-row .group-enrolment', (spans) => spans.map((span) => (span as HTMLElement).hidden)), [true, false]);
    assert.match((await page.getAttribute('.group-row[data-group="1"]', 'title')) ?? '', /Enrolled: 2025-03-10 00:00:00/);
    assert.deepEqual(await page.$$eval('.event-row.flagged .col-eventLogId', (cells) => cells.map((cell) => cell.textContent)), ['622000301'], 'the event before that date is flagged');
    assert.equal(
      (await cellTexts(page, '.progress-row .milestones'))[1],
      'milestone “Goal reached” at 3,000: ✗ not achieved · milestone “Launch bonus” at 1,000: inactive, tracks nothing',
    );
    await page.close();
  });

  it('in a narrow panel the "why" wraps onto a taller line, the rows below move down, and sideways scrolling keeps the period lines in view', async () => {
    const page = await harness.open({ width: 380, height: 600 });
    const { data, progress } = fixture();
    await send(page, stateMessage(data, progress));
    await page.waitForSelector('.progress-row .verdict-reason');
    const boxes = async () =>
      page.evaluate(() => {
        const box = (element: Element | null) => {
          const rect = element!.getBoundingClientRect();
          return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
        };
        const january = document.querySelector('.progress-row[data-group="0"]')!;
        const grid = document.querySelector('.grid') as HTMLElement;
        return {
          grid: { ...box(grid), left: grid.getBoundingClientRect().left, right: grid.getBoundingClientRect().left + grid.clientWidth },
          scrolls: grid.scrollWidth > grid.clientWidth,
          row: box(january),
          reason: box(january.querySelector('.verdict-reason')),
          reasonCut: (january.querySelector('.verdict-reason') as HTMLElement).scrollWidth > (january.querySelector('.verdict-reason') as HTMLElement).clientWidth,
          nextRowTop: box(document.querySelector('.event-row[aria-rowindex="4"], .grid-body [aria-rowindex="4"]')).top,
          period: box(document.querySelector('.group-row[data-group="0"] .group-period')),
        };
      });
    const before = await boxes();
    assert.ok(before.scrolls, 'the columns are wider than the panel');
    assert.ok(before.row.bottom - before.row.top > 24 * 2 - 1, `the line wrapped onto more rows (${before.row.bottom - before.row.top}px)`);
    assert.ok(!before.reasonCut, 'the why is not cut');
    assert.ok(before.reason.bottom <= before.row.bottom + 0.5 && before.reason.right <= before.grid.right + 0.5, 'the why is within its line and the panel');
    assert.ok(before.nextRowTop >= before.row.bottom - 0.5, 'the row below starts under the taller line');
    await page.$eval('.grid', (grid) => {
      grid.scrollLeft = grid.scrollWidth;
    });
    await page.waitForFunction(() => document.querySelector('.grid')!.scrollLeft > 0);
    const scrolled = await boxes();
    assert.ok(scrolled.reason.left >= scrolled.grid.left - 0.5 && scrolled.reason.right <= scrolled.grid.right + 0.5, 'scrolled sideways, the why is still in view');
    assert.ok(scrolled.period.left >= scrolled.grid.left - 0.5, 'and so is the period');
    await page.close();
  });
});


/** The hue (degrees) of a computed `rgb(r, g, b)` colour. */
function hue(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => Number(part) / 255);
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  if (delta === 0) return 0;
  const sector = max === r ? ((g - b) / delta) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return (sector * 60 + 360) % 360;
}
