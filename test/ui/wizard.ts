// Steps of this extension's prompts, answered as a user does, each waiting for its own prompt first so that
// keystrokes never land in the previous step's box while VS Code swaps one quick input for the next.
import type { Page } from 'playwright-core';
import { openCommandPalette, paletteEntry, quickInput } from './workbench';

const STEP_TIMEOUT = 60_000;

/** Moves focus from a webview (which keeps keys to itself) to the workbench: a click on the title bar's blank part. */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.titlebar').click({ position: { x: 200, y: 16 } });
}

export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await focusWorkbench(page);
  await openCommandPalette(page);
  await page.keyboard.type(title);
  const entry = paletteEntry(page, title);
  await entry.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await entry.click();
}

/** Answers the input box whose prompt (the line under the box) matches. */
export async function answerPrompt(page: Page, prompt: string, value: string): Promise<void> {
  const widget = quickInput(page);
  await widget.locator('.quick-input-message', { hasText: prompt }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  const input = widget.locator('input.input');
  await input.fill(value);
  await page.keyboard.press('Enter');
}

/** Picks, in the quick pick whose placeholder contains `placeholder`, the first item containing `label`. */
export async function pickItem(page: Page, placeholder: string, label: string): Promise<void> {
  const widget = quickInput(page);
  const input = widget.locator(`input.input[placeholder*="${placeholder}"]`);
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await input.fill(label);
  const item = widget.locator('.monaco-list-row', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await item.click();
}

/** Types an ID into the quick pick whose placeholder contains `placeholder` and picks the entry that then matches. */
export async function typeIntoList(page: Page, placeholder: string, typed: string, entry: string | RegExp): Promise<void> {
  const widget = quickInput(page);
  const input = widget.locator(`input.input[placeholder*="${placeholder}"]`);
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await input.fill(typed);
  const item = widget.locator('.monaco-list-row', { hasText: entry }).first();
  await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await item.click();
}

export const PROMPTS = {
  userId: 'Customer ID (userId)',
  targetPick: 'Pick the target rule',
  periodPick: 'Pick a period',
} as const;

/** The palette lookup wizard: userId, then a target rule picked from the customer's list or typed into it, then a period choice. */
export async function lookUpFromPalette(
  page: Page,
  userId: string,
  target: { pick: string } | { type: string },
  period: string,
): Promise<void> {
  await runPaletteCommand(page, 'Capillary: Look Up Tracked Target Events');
  await answerLookupWizard(page, userId, target, period);
}

export async function answerLookupWizard(page: Page, userId: string, target: { pick: string } | { type: string }, period: string): Promise<void> {
  await answerPrompt(page, PROMPTS.userId, userId);
  if ('pick' in target) {
    await pickItem(page, PROMPTS.targetPick, target.pick);
  } else {
    // A rule the customer has is filtered to; any other ID is offered as typed.
    await typeIntoList(page, PROMPTS.targetPick, target.type, new RegExp(`(Use targetRuleId|Rule) ${target.type}(?!\\d)`));
  }
  await pickItem(page, PROMPTS.periodPick, period);
}

/**
 * Sets the active Basic profile's credentials as a user does (the palette command, then username and password),
 * then clears the confirmation so that it is in no later screenshot.
 */
export async function setBasicCredentials(page: Page, credentials: { username: string; password: string }): Promise<void> {
  await runPaletteCommand(page, 'Capillary: Set Credentials');
  await answerPrompt(page, 'Till username', credentials.username);
  await answerPrompt(page, 'Password of', credentials.password);
  await page.locator('.notification-toast', { hasText: 'secret storage' }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await clearNotifications(page);
}

/**
 * Clears the notification toasts through the palette, as a user does, until none is on screen: one may come (or a
 * lookup's progress end) while the others go.
 */
export async function clearNotifications(page: Page): Promise<void> {
  const toasts = page.locator('.notification-toast');
  const deadline = Date.now() + STEP_TIMEOUT;
  while ((await toasts.count()) > 0) {
    if (Date.now() > deadline) throw new Error('Notification toasts stayed on screen after "Clear All Notifications".');
    await runPaletteCommand(page, 'Notifications: Clear All Notifications');
    await toasts.first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }
}
