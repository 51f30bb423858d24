// Playwright helpers for UI tests in the browser-hosted VS Code workbench: used by a person's route through
// the product (keyboard and mouse), never by reaching into the extension's internals.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import {
  Cleanup,
  type CodeServer,
  findCodeServer,
  launchBrowser,
  makeTempDir,
  REPO_ROOT,
  startCodeServer,
  workbenchUrl,
} from '../runner/codeServer';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

export const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
export type Theme = keyof typeof THEMES;

export interface WorkbenchOptions {
  theme?: Theme;
  /** Merged into the user's settings.json (after the theme). */
  userSettings?: Record<string, unknown>;
  /** Extra environment of code-server and so of the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Files to create in the opened workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
  /** Install this .vsix as a user would, instead of loading the repository as the extension under development. */
  vsix?: string;
}

export interface WorkbenchSession {
  page: Page;
  browser: Browser;
  server: CodeServer;
  workspaceFolder: string;
  /** Stops the browser and code-server and removes the temporary folders. */
  close(): Promise<void>;
}

/**
 * Starts code-server with throw-away user data and extensions folders, loads this repository's extension
 * (as F5 does: extensionDevelopmentPath) and opens the workbench in headless Chromium.
 */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<WorkbenchSession> {
  const cleanup = new Cleanup();
  cleanup.exitOnSignals();
  try {
    const workspaceFolder = makeTempDir(cleanup, 'capillary-ui-workspace-');
    for (const [relativePath, content] of Object.entries(options.workspaceFiles ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspaceFolder, relativePath)), { recursive: true });
      fs.writeFileSync(path.join(workspaceFolder, relativePath), content);
    }
    const extensionsDir = makeTempDir(cleanup, 'capillary-ui-extensions-');
    if (options.vsix) installVsix(options.vsix, extensionsDir);
    const server = await startCodeServer(
      {
        workspaceFolder,
        userDataDir: makeTempDir(cleanup, 'capillary-ui-user-data-'),
        extensionsDir,
        userSettings: {
          'workbench.colorTheme': THEMES[options.theme ?? 'light'],
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          ...options.userSettings,
        },
        env: options.env,
      },
      cleanup,
    );
    const { browser, context } = await launchBrowser(cleanup);
    const page = await context.newPage();
    await page.goto(
      workbenchUrl(server, { folder: workspaceFolder, extensionDevelopmentPath: options.vsix ? undefined : REPO_ROOT }),
    );
    await waitForWorkbench(page);
    return { page, browser, server, workspaceFolder, close: () => cleanup.run() };
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

/** Waits until the workbench the page shows is up and knows the extension's commands. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  await waitForExtensionContributions(page);
}

/**
 * Waits until the workbench has read the extension's manifest (its activity bar icon is shown) and has
 * finished activating the start-up extensions: before that the command palette does not know its commands.
 */
async function waitForExtensionContributions(page: Page): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const container: { title: string } | undefined = manifest.contributes?.viewsContainers?.activitybar?.[0];
  if (container) {
    await activityBarIcon(page, container.title).waitFor({ state: 'visible', timeout: 60_000 });
  }
  await page.getByText('Activating Extensions...').waitFor({ state: 'hidden', timeout: 60_000 });
}

function activityBarIcon(page: Page, title: string): Locator {
  return page.locator(`.activitybar .action-item .action-label[aria-label^="${title}"]`).first();
}

/** Installs a .vsix into an extensions folder with code-server's own `--install-extension`. */
function installVsix(vsix: string, extensionsDir: string): void {
  const result = spawnSync(process.execPath, [findCodeServer(), '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`Installing ${vsix} failed (exit code ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** The quick input widget: command palette, input boxes and quick picks all use it. */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Opens the command palette with F1, as a keyboard user would. */
export async function openCommandPalette(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible' });
  await quickInput(page).locator('input').waitFor({ state: 'visible' });
}

/** The command palette's row for a command title, once the title is typed into the palette. */
export function paletteEntry(page: Page, title: string): Locator {
  return quickInput(page).locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: title }) }).first();
}

/** Opens the command palette, types the command's title and runs it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openCommandPalette(page);
  await page.keyboard.type(title);
  const match = paletteEntry(page, title);
  await match.waitFor({ state: 'visible' });
  // The command may answer with its own input box in the same widget, so its closing is not awaited.
  await match.click();
}

/** Types a value into the input box that is open now (showInputBox) and accepts it with Enter. */
export async function answerInputBox(page: Page, value: string): Promise<void> {
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(value);
  await page.keyboard.press('Enter');
}

/**
 * The placeholder of the open input box and the line under it: the prompt, replaced by the validation
 * message while the value is invalid (as VS Code shows them).
 */
export async function inputBoxText(page: Page): Promise<{ placeholder: string; message: string }> {
  const widget = quickInput(page);
  await widget.locator('input.input').waitFor({ state: 'visible' });
  return {
    placeholder: (await widget.locator('input.input').getAttribute('placeholder')) ?? '',
    message: (await widget.locator('.quick-input-message').innerText()).trim(),
  };
}

/** Picks the quick pick item whose label contains the text (filtering by typing first, as a user would). */
export async function pickQuickPickItem(page: Page, label: string): Promise<void> {
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(label);
  const item = quickInput(page).locator('.monaco-list-row', { hasText: label }).first();
  await item.waitFor({ state: 'visible' });
  await item.click();
}

/** The texts of the notification toasts shown now. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return (await page.locator('.notification-toast .notification-list-item-message').allInnerTexts()).map((text) =>
    text.trim(),
  );
}

/**
 * The content of a webview panel. Webviews are an iframe (the host) inside which the extension's HTML sits
 * in a second iframe (#active-frame). index picks among open webviews, the last opened by default.
 */
export function webviewContent(page: Page, index: number | 'last' = 'last'): FrameLocator {
  const hosts = page.frameLocator('iframe.webview.ready');
  const host = index === 'last' ? hosts.last() : hosts.nth(index);
  return host.frameLocator('iframe#active-frame');
}

/** Saves a screenshot of the whole workbench as test-results/screenshots/<name>.png; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Clicks a view container's icon in the activity bar (its title is the icon's label), as a mouse user would. */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  await activityBarIcon(page, title).click();
  await page.locator('.sidebar .composite.title', { hasText: title }).first().waitFor({ state: 'visible' });
}

/**
 * Opens "Developer: Show Running Extensions" and returns the text of each row: the extensions whose
 * activation has started, with display name, version and activation time.
 */
export async function runningExtensions(page: Page): Promise<string[]> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
  await rows.first().waitFor({ state: 'visible' });
  return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}
