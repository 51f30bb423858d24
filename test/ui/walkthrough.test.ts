// The "Get Started" walkthrough, from a workbench with no profile: opened from the command palette, it shows its
// five steps, and each step's button runs the real action, after which the workbench marks the step done.
// The steps' images are this test's screenshots: test-results/screenshots/walkthrough-*.png, and with
// CAPILLARY_UPDATE_WALKTHROUGH_IMAGES=1 also media/walkthrough/*.png (the images the walkthrough ships).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it as test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { REPO_ROOT } from '../runner/codeServer';
import {
  openWalkthrough,
  pressStepButton,
  selectedStepImage,
  selectStep,
  showWalkthroughTab,
  stepButtonLabel,
  stepDone,
  WALKTHROUGH,
  waitForStepDone,
  walkthroughStep,
  walkthroughSteps,
} from './walkthrough';
import { quickInput, saveScreenshot, SCREENSHOT_DIR, webviewContent, openWorkbench, type WorkbenchSession } from './workbench';
import { answerLookupWizard, answerPrompt, clearNotifications, pickItem, runPaletteCommand } from './wizard';

const PROFILE = 'Sample (local)';
const UPDATE_IMAGES = process.env.CAPILLARY_UPDATE_WALKTHROUGH_IMAGES === '1';

/** Saves a region of the workbench as the step's image (see the top of this file). */
async function saveStepImage(page: Page, stepId: string, clip: { x: number; y: number; width: number; height: number }): Promise<void> {
  const viewport = page.viewportSize()!;
  const x = Math.max(0, Math.floor(clip.x));
  const y = Math.max(0, Math.floor(clip.y));
  const region = {
    x,
    y,
    width: Math.min(viewport.width, Math.ceil(clip.x + clip.width)) - x,
    height: Math.min(viewport.height, Math.ceil(clip.y + clip.height)) - y,
  };
  const image = walkthroughStep(stepId).media.image;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `walkthrough-${path.basename(image)}`);
  await page.screenshot({ path: file, clip: region });
  if (UPDATE_IMAGES) fs.copyFileSync(file, path.join(REPO_ROOT, image));
}

async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  assert.ok(box, 'the element to photograph is not on screen');
  return box;
}

describe('the Get Started walkthrough', { timeout: 300_000 }, () => {
  let api: SampleApi;
  let workbench: WorkbenchSession;
  let failures = 0;

  /** A test that saves a screenshot of the workbench when it fails. */
  const it = (name: string, body: () => Promise<void>): void => {
    void test(name, async () => {
      try {
        await body();
      } catch (error) {
        await saveScreenshot(workbench.page, `walkthrough-failure-${++failures}`).catch(() => undefined);
        throw error;
      }
    });
  };

  before(async () => {
    api = await startSampleApi();
    // A new user's workbench: no profile and no credentials yet.
    workbench = await openWorkbench({ theme: 'dark' });
  });
  after(async () => {
    await workbench?.close();
    await api?.stop();
  });

  it('opens from the command palette and shows its five steps, none done, each with its button and image', async () => {
    const { page } = workbench;
    await openWalkthrough(page);
    const titles = (await walkthroughSteps(page).locator('.step-title').allInnerTexts()).map((text) => text.trim());
    assert.deepEqual(titles, WALKTHROUGH.steps.map((step) => step.title));
    const heading = page.locator(`.gettingStartedContainer h2.category-title[x-category-title-for$="#${WALKTHROUGH.id}"]`);
    assert.equal((await heading.innerText()).trim(), WALKTHROUGH.title);
    for (const step of WALKTHROUGH.steps) {
      assert.equal(await stepDone(page, step.id), false, `step "${step.id}" is done before anything happened`);
      const header = await selectStep(page, step.id);
      await header.locator('.button-container .monaco-button', { hasText: stepButtonLabel(step.id) }).waitFor({ state: 'visible' });
      const image = await selectedStepImage(page);
      assert.equal(image.alt, step.media.altText);
      assert.ok(image.width > 100 && image.height > 100, `the image of step "${step.id}" did not load (${image.width}×${image.height})`);
    }
    await selectStep(page, WALKTHROUGH.steps[0].id);
    await saveScreenshot(page, 'walkthrough-open-dark');
  });

  it('"Add a connection profile" asks for the cluster, saves the profile and is marked done', async () => {
    const { page } = workbench;
    await pressStepButton(page, 'addProfile');
    const clusterPick = quickInput(page).locator('input.input[placeholder*="Which Capillary cluster"]');
    await clusterPick.waitFor({ state: 'visible' });
    await pickItem(page, 'Which Capillary cluster', 'Custom URL');
    await answerPrompt(page, 'Base URL of the Capillary API', api.url);
    await answerPrompt(page, 'Profile name', PROFILE);
    await pickItem(page, 'How does this profile authenticate', 'Basic');
    await waitForStepDone(page, 'addProfile');
    await page.locator('.statusbar', { hasText: PROFILE }).waitFor({ state: 'visible' });
    await clearNotifications(page);
  });

  it('"Set its credentials" asks for the username and the masked password and is marked done', async () => {
    const { page } = workbench;
    await showWalkthroughTab(page);
    await pressStepButton(page, 'setCredentials');
    await answerPrompt(page, 'Till username', SAMPLE_CREDENTIALS.basic.username);
    await quickInput(page).locator('.quick-input-message', { hasText: 'Password of' }).waitFor({ state: 'visible' });
    const input = quickInput(page).locator('input.input');
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(SAMPLE_CREDENTIALS.basic.password);
    await page.keyboard.press('Enter');
    await waitForStepDone(page, 'setCredentials');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 30_000 });
    // Typed credentials are checked first: the toast that says so comes after the check's progress toast.
    await page.locator('.notification-toast', { hasText: 'accepted the credentials' }).waitFor({ state: 'visible', timeout: 60_000 });
    await clearNotifications(page);
  });

  it('"Run a first lookup" runs the lookup wizard, shows the table and is marked done', async () => {
    const { page } = workbench;
    await showWalkthroughTab(page);
    await pressStepButton(page, 'lookup');
    await answerLookupWizard(page, SAMPLE_LOOKUPS.docExample.userId, { pick: 'Rule 1986' }, 'All periods');
    const groups = webviewContent(page).locator('.group-row');
    await groups.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await groups.count(), 3);
    await showWalkthroughTab(page);
    await waitForStepDone(page, 'lookup');
  });

  it('"Pin it to the sidebar" saves the lookup in the Capillary view and is marked done', async () => {
    const { page } = workbench;
    await pressStepButton(page, 'pin');
    await answerLookupWizard(page, SAMPLE_LOOKUPS.docExample.userId, { pick: 'Rule 1986' }, 'All periods');
    const tree = page.locator('.sidebar .monaco-list').first();
    const lookupRow = tree.locator('.monaco-list-row', { hasText: 'user 564332013 · rule 1986' });
    await lookupRow.waitFor({ state: 'visible', timeout: 30_000 });
    await lookupRow.click();
    await page.keyboard.press('ArrowRight');
    const periodRow = tree.locator('.monaco-list-row', { hasText: 'Period 9887' });
    await periodRow.waitFor({ state: 'visible', timeout: 30_000 });
    await periodRow.click();
    await page.keyboard.press('ArrowRight');
    await tree.locator('.monaco-list-row', { hasText: 'ADD_TRANSACTION' }).first().waitFor({ state: 'visible' });
    await waitForStepDone(page, 'pin');
  });

  it('"Watch it while debugging" explains watching and offers its button', async () => {
    const { page } = workbench;
    await showWalkthroughTab(page);
    const header = await selectStep(page, 'watch');
    assert.match(await header.innerText(), /refreshes it while you debug/);
    await header.locator('.button-container .monaco-button', { hasText: stepButtonLabel('watch') }).waitFor({ state: 'visible' });
    const done = await Promise.all(WALKTHROUGH.steps.map(async (step) => [step.id, await stepDone(page, step.id)] as const));
    assert.deepEqual(Object.fromEntries(done), { addProfile: true, setCredentials: true, lookup: true, pin: true, watch: false });
    await saveScreenshot(page, 'walkthrough-done-dark');
  });

  it('the steps\' images: each action with the saved lookup\'s table behind it', async () => {
    const { page } = workbench;
    await clearNotifications(page);
    await page.locator('.tabs-container .tab', { hasText: 'user 564332013 · rule 1986' }).first().click();
    await webviewContent(page).locator('.group-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    const titleBar = await boxOf(page.locator('.part.titlebar'));
    const window = page.viewportSize()!;
    const workbenchBelowTitle = { x: 0, y: titleBar.height, width: window.width, height: window.height - titleBar.height };
    await saveStepImage(page, 'lookup', await boxOf(page.locator('.part.editor')));
    await saveStepImage(page, 'watch', workbenchBelowTitle);

    // A wider sidebar, so that the periods' labels are not cut short: its edge is dragged as a user would.
    const sidebar = await boxOf(page.locator('.part.sidebar'));
    const edge = sidebar.x + sidebar.width;
    await page.mouse.move(edge, sidebar.y + 300);
    await page.mouse.down();
    await page.mouse.move(edge + 120, sidebar.y + 300, { steps: 5 });
    await page.mouse.up();
    const wide = await boxOf(page.locator('.part.sidebar'));
    assert.ok(wide.width > sidebar.width, 'the sidebar was widened');
    await saveStepImage(page, 'pin', { x: 0, y: wide.y, width: wide.x + wide.width + 420, height: 300 });
    // Prompts are shown at the top, over the table: the picture is the prompt with a band of the workbench around it.
    const aroundPrompt = async () => {
      const prompt = await boxOf(quickInput(page));
      return { x: prompt.x - 140, y: 0, width: prompt.width + 280, height: prompt.y + prompt.height + 150 };
    };

    await runPaletteCommand(page, 'Capillary: Add Connection Profile');
    await quickInput(page).locator('input.input[placeholder*="Which Capillary cluster"]').waitFor({ state: 'visible' });
    await saveStepImage(page, 'addProfile', await aroundPrompt());
    await page.keyboard.press('Escape');

    await runPaletteCommand(page, 'Capillary: Set Credentials');
    await answerPrompt(page, 'Till username', SAMPLE_CREDENTIALS.basic.username);
    await quickInput(page).locator('.quick-input-message', { hasText: 'Password of' }).waitFor({ state: 'visible' });
    await quickInput(page).locator('input.input').fill(SAMPLE_CREDENTIALS.basic.password);
    await saveStepImage(page, 'setCredentials', await aroundPrompt());
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden' });
  });
});
