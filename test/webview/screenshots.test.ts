// Screenshots of each screen in light, dark and high-contrast themes (test-results/screenshots/), and checks
// that the theme reaches the page only through the --vscode-* variables.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { dataMessage, documentationExample, failedMessage, generatedGroups, loadingMessage, lookup, tableData } from './fixtures';
import { ensureScreenshotDir, send, unexpectedCspViolations, WebviewHarness } from './harness';
import type { ThemeName } from './themes';
import { themeVariables } from './themes';

const harness = new WebviewHarness();
before(() => harness.start());
after(() => harness.stop());

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(ensureScreenshotDir(), `${name}.png`);
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 5_000, `${file} has content`);
}

function variable(theme: ThemeName, name: string): string {
  return themeVariables(theme).find(([key]) => key === `--vscode-${name}`)?.[1] ?? '';
}

/** "#rrggbb" → "rgb(r, g, b)", as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1, 7), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

for (const theme of ['light', 'dark', 'high-contrast'] as const) {
  describe(`table webview: ${theme} theme`, () => {
    it('renders every screen with the theme colours and a visible focus outline', async () => {
      const page = await harness.open({ theme, width: 1200, height: 640 });
      const groups = [...documentationExample(), ...generatedGroups(6, 12)];
      groups[0].maxProcessingLagSeconds = 7 * 86400 + 6 * 3600 + 30 * 60;
      await send(
        page,
        dataMessage(
          tableData(groups, { warnings: ['The server reported total = 90 but sent 79 events; all 79 are shown.'], complete: false }),
          { phase: 'cancelled' },
        ),
      );
      await page.waitForSelector('.group-row');
      await page.click('.group-row[aria-rowindex="2"]');
      await page.click('.group-row[aria-rowindex="2"]');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const styles = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement;
        const body = getComputedStyle(document.body);
        return {
          background: body.backgroundColor,
          color: body.color,
          outline: `${getComputedStyle(focused).outlineStyle} ${getComputedStyle(focused).outlineColor}`,
        };
      });
      assert.equal(styles.background, rgb(variable(theme, 'editor-background')));
      assert.equal(styles.color, rgb(variable(theme, 'foreground')));
      assert.equal(styles.outline, `solid ${rgb(variable(theme, 'list-focusOutline'))}`);
      await shoot(page, `${theme}-table`);

      await page.fill('vscode-text-field input', 'applogin');
      await page.click('.col-targetValue .sort-button');
      await shoot(page, `${theme}-table-filtered-sorted`);

      const authError = {
        message: 'Authentication failed (HTTP 401)',
        hint: 'Set the credentials of profile "demo" again: Capillary: Set Credentials.',
        httpStatus: 401,
        requestId: 'a3f1c2d4-77e0-4f4e-9f52-8f0b2d9c1e11',
        kind: 'auth',
      };
      await send(page, dataMessage(tableData(groups), { phase: 'failed', error: authError }));
      await page.waitForSelector('.banner.error');
      await shoot(page, `${theme}-refresh-failed`);

      await send(page, loadingMessage(lookup, { pagesFetched: 37, pagesExpected: 200, eventsFetched: 3700 }));
      await page.waitForSelector('.loading');
      await shoot(page, `${theme}-loading`);

      await send(page, failedMessage(lookup, authError));
      await page.waitForSelector('.state-view.error');
      await shoot(page, `${theme}-error`);

      await send(
        page,
        failedMessage(lookup, { message: 'No record in user target', hint: 'Capillary has no events for this user and rule.', code: 310149, kind: 'api' }),
      );
      await page.waitForSelector('.state-view.empty');
      await shoot(page, `${theme}-empty-310149`);
      assert.deepEqual(await unexpectedCspViolations(page), []);
      await page.close();
    });
  });
}
