// `npm start` as a new user runs it: it prints a URL, the workbench there runs a lookup on the sample profile
// without asking for credentials (npm start sets them through "Capillary: Set Credentials"), and Ctrl+C stops
// everything it started.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import { Cleanup, freePort, launchBrowser, REPO_ROOT } from '../runner/codeServer';
import { saveScreenshot, waitForWorkbench, webviewContent } from './workbench';
import { lookUpFromPalette } from './wizard';

function printedUrl(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk);
      const match = /Open VS Code in your browser: (\S+)/.exec(output.join(''));
      if (match) resolve(match[1]);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.once('exit', (code) => reject(new Error(`npm start ended (exit code ${code}) before printing a URL:\n${output.join('')}`)));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('npm start', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  const output: string[] = [];
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let ports: { workbench: number; sampleApi: number };

  before(async () => {
    ports = { workbench: await freePort(), sampleApi: await freePort() };
    child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.js')], {
      cwd: REPO_ROOT,
      env: { ...process.env, CAPILLARY_START_PORT: String(ports.workbench), SAMPLE_API_PORT: String(ports.sampleApi) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    cleanup.add(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    });
  });
  after(() => cleanup.run());

  it('prints a URL where a lookup on the sample profile shows its table, with no credentials asked', async () => {
    const url = await printedUrl(child, output);
    assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${ports.workbench}/`));
    const { context } = await launchBrowser(cleanup);
    const page = await context.newPage();
    await page.goto(url);
    await waitForWorkbench(page);
    await page.locator('.statusbar-item', { hasText: 'Sample credentials set' }).waitFor({ state: 'visible', timeout: 60_000 });
    // The wizard's first prompt is the customer ID: a missing credential would have been asked for first.
    await lookUpFromPalette(page, SAMPLE_LOOKUPS.docExample.userId, { pick: 'Rule 1986' }, 'All periods');
    const groups = webviewContent(page).locator('.group-row');
    await groups.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await groups.count(), 3);
    await saveScreenshot(page, 'npm-start-table');
  });

  it('Ctrl+C stops VS Code and the sample API', async () => {
    child.kill('SIGINT');
    assert.equal(await exited, 130, output.join(''));
    assert.equal(await portIsFree(ports.workbench), true, 'the workbench port is free again');
    assert.equal(await portIsFree(ports.sampleApi), true, 'the sample API port is free again');
  });
});
