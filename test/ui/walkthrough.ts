// The extension's walkthrough (contributes.walkthroughs) in the workbench's Welcome editor, driven as a user does:
// opened from the command palette, steps selected with a click and their buttons pressed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../runner/codeServer';
import { pickQuickPickItem } from './workbench';
import { runPaletteCommand } from './wizard';

export interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image: string; altText: string };
  completionEvents: string[];
}

export interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: WalkthroughStep[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
export const WALKTHROUGH: Walkthrough = manifest.contributes.walkthroughs[0];

export function walkthroughStep(id: string): WalkthroughStep {
  const step = WALKTHROUGH.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`The walkthrough has no step "${id}".`);
  return step;
}

/** The label of a step's button: the `[label](command:…)` link on a line of its own in the description. */
export function stepButtonLabel(id: string): string {
  const match = /^\[([^\]]+)\]\(command:[^)]+\)$/m.exec(walkthroughStep(id).description);
  if (!match) throw new Error(`Step "${id}" has no button.`);
  return match[1];
}

/** Opens the walkthrough with "Welcome: Open Walkthrough..." and waits for its steps. */
export async function openWalkthrough(page: Page): Promise<void> {
  await runPaletteCommand(page, 'Welcome: Open Walkthrough...');
  await pickQuickPickItem(page, WALKTHROUGH.title);
  await walkthroughSteps(page).first().waitFor({ state: 'visible', timeout: 30_000 });
  await focusSettled(page);
}

/**
 * Waits until the keyboard focus has stayed put for 400 ms (at most 3 s). The walkthrough moves the focus to the
 * selected step 250 ms after selecting it, also when it is (re)built: a prompt a step's button opens before then
 * would lose the focus and close, which is not what a person, slower than a test, meets.
 */
async function focusSettled(page: Page): Promise<void> {
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement;
      return element ? `${element.tagName}.${element.className}[${element.getAttribute('data-step-id') ?? ''}]` : '';
    });
  const deadline = Date.now() + 3_000;
  let last = await focused();
  let stableSince = Date.now();
  while (Date.now() < deadline && Date.now() - stableSince < 400) {
    await page.waitForTimeout(50);
    const now = await focused();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}

/** The step headers (buttons) of the walkthrough that is open. */
export function walkthroughSteps(page: Page): Locator {
  return page.locator('.gettingStartedContainer button.getting-started-step');
}

/** A step's header; its id in the DOM is `publisher.name#walkthroughId#stepId`. */
export function stepHeader(page: Page, id: string): Locator {
  return page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id$="#${id}"]`);
}

/** Selects (expands) a step, as a click on its title does, and returns its expanded header. */
export async function selectStep(page: Page, id: string): Promise<Locator> {
  const header = stepHeader(page, id);
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await page.locator(`.gettingStartedContainer button.getting-started-step.expanded[data-step-id$="#${id}"]`).waitFor({ state: 'visible' });
  await focusSettled(page);
  return header;
}

/** Selects a step and presses its button. */
export async function pressStepButton(page: Page, id: string): Promise<void> {
  const header = await selectStep(page, id);
  await header.locator('.button-container .monaco-button', { hasText: stepButtonLabel(id) }).click();
}

/** Whether the workbench marks the step done (its completion event happened). */
export async function stepDone(page: Page, id: string): Promise<boolean> {
  return (await stepHeader(page, id).getAttribute('aria-checked')) === 'true';
}

/** Waits until the step is marked done. */
export async function waitForStepDone(page: Page, id: string, timeoutMs = 30_000): Promise<void> {
  await page
    .locator(`.gettingStartedContainer button.getting-started-step[aria-checked="true"][data-step-id$="#${id}"]`)
    .waitFor({ state: 'attached', timeout: timeoutMs });
}

/** The image shown for the selected step, once it has loaded; its natural size (0×0 when it failed to load). */
export async function selectedStepImage(page: Page): Promise<{ alt: string; width: number; height: number }> {
  const image = page.locator('.gettingStartedContainer .getting-started-media img').first();
  await image.waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(
    (element) => (element as HTMLImageElement).complete,
    await image.elementHandle(),
    { timeout: 30_000 },
  );
  return image.evaluate((element) => {
    const img = element as HTMLImageElement;
    return { alt: img.alt, width: img.naturalWidth, height: img.naturalHeight };
  });
}

/** Back to the walkthrough's editor tab (a lookup opens its table in front of it). */
export async function showWalkthroughTab(page: Page): Promise<void> {
  await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
  await walkthroughSteps(page).first().waitFor({ state: 'visible' });
  await focusSettled(page);
}
