// Lifecycle of a browser-hosted VS Code: code-server on a loopback port plus headless Chromium driven by
// playwright-core. Shared by the extension-host test runner, the UI tests and `npm start`.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Flags that let Debian's Chromium run headless as root, without reaching the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function codeServerInstallDir(): string {
  const cacheRoot =
    process.env.CAPILLARY_VSCODE_CACHE ?? path.join(os.homedir(), '.cache', 'capillary-target-events');
  return path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server entry script, or an error that says how to install it. */
export function findCodeServer(): string {
  const installDir = codeServerInstallDir();
  const entry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(path.join(installDir, '.install-complete')) || !fs.existsSync(entry)) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${installDir}.\n` +
        'Install it once (offline, from the npm registry) with: bash scripts/install-code-server.sh',
    );
  }
  return entry;
}

export function findChromium(): string {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executable)) {
    throw new Error(
      `Chromium was not found at ${executable}. Install it with 'apt-get install -y chromium' ` +
        'or point CHROMIUM_PATH at a Chromium executable.',
    );
  }
  return executable;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Cleanups to run when the process is interrupted; one signal handler serves them all. */
const pendingOnSignal = new Set<Cleanup>();
let signalHandlersInstalled = false;

function installSignalHandlers(): void {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nReceived ${signal}: stopping everything that was started...`);
    void Promise.all([...pendingOnSignal].map((cleanup) => cleanup.run())).finally(() =>
      process.exit(signal === 'SIGINT' ? 130 : 143),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Stops whatever was registered (last first), once, also when the process is interrupted (Ctrl+C) or killed. */
export class Cleanup {
  private readonly steps: Array<() => Promise<void> | void> = [];
  private running: Promise<void> | undefined;

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) {
        try {
          await step();
        } catch (error) {
          console.error(`cleanup: ${String(error)}`);
        }
      }
      pendingOnSignal.delete(this);
    })();
    return this.running;
  }

  /** On SIGINT/SIGTERM: run this cleanup (and any other registered one), then exit with the signal's code. */
  exitOnSignals(): void {
    pendingOnSignal.add(this);
    installSignalHandlers();
  }
}

export function makeTempDir(cleanup: Cleanup, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanup.add(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CodeServerOptions {
  /** Folder opened in the workbench. */
  workspaceFolder: string;
  userDataDir: string;
  extensionsDir: string;
  port?: number;
  /** Written to the user's settings.json before start. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host it starts. */
  env?: NodeJS.ProcessEnv;
  /** Receives code-server's own output lines; dropped when not given (shown on failure). */
  onOutput?: (line: string) => void;
}

export interface CodeServer {
  url: string;
  port: number;
  /** Rejects when code-server ends before stop() was called. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Starts code-server and resolves once it answers HTTP; registers its stop with cleanup. */
export async function startCodeServer(options: CodeServerOptions, cleanup: Cleanup): Promise<CodeServer> {
  const entry = findCodeServer();
  const port = options.port ?? (await freePort());
  if (options.userSettings) writeUserSettings(options.userDataDir, options.userSettings);

  const args = [
    entry,
    // Its own config file, so that the user's ~/.config/code-server is neither read nor written.
    '--config', path.join(options.userDataDir, 'code-server-config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    options.workspaceFolder,
  ];
  // Its own process group, so that stopping it also stops the extension hosts and watchers it spawns.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const recentOutput: string[] = [];
  const onLine = (line: string) => {
    recentOutput.push(line);
    if (recentOutput.length > 40) recentOutput.shift();
    options.onOutput?.(line);
  };
  pipeLines(child.stdout, onLine);
  pipeLines(child.stderr, onLine);

  let stopping = false;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      reject(
        new Error(
          `code-server exited unexpectedly (${signal ?? `exit code ${code}`}). Its last output:\n` +
            recentOutput.join('\n'),
        ),
      );
    });
    child.once('error', (error) => reject(new Error(`code-server could not be started: ${error.message}`)));
  });
  exited.catch(() => undefined);

  const stop = () => {
    stopping = true;
    return stopProcessGroup(child);
  };
  cleanup.add(stop);

  const url = `http://127.0.0.1:${port}/`;
  await Promise.race([waitForHttp(url, 60_000), exited]);
  return { url, port, exited, stop };
}

function pipeLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => pending && onLine(pending));
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const stoppedInTime = await Promise.race([gone.then(() => true), delay(5_000).then(() => false)]);
  if (!stoppedInTime) {
    signalGroup('SIGKILL');
    await gone;
  }
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await answers(url)) return;
    await delay(250);
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s.`);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode < 500);
    });
    request.setTimeout(2_000, () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
}

/** Launches headless Chromium with one context (1280x800); registers its close with cleanup. */
export async function launchBrowser(cleanup: Cleanup): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    // Signals are handled by Cleanup, which closes the browser in order with code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanup.add(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return { browser, context };
}

export interface WorkbenchUrlOptions {
  folder: string;
  /** Loads the extension from this folder as in F5 (Extension Development Host). */
  extensionDevelopmentPath?: string;
  /** The compiled tests module whose run() the extension host calls; the window closes when it settles. */
  extensionTestsPath?: string;
}

/** The workbench URL with the payload VS Code's web embedder reads (same keys as the desktop CLI flags). */
export function workbenchUrl(server: CodeServer, options: WorkbenchUrlOptions): string {
  const remote = (absolutePath: string) => `vscode-remote://127.0.0.1:${server.port}${toPosix(absolutePath)}`;
  const payload: Array<[string, string]> = [];
  if (options.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  }
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder: toPosix(options.folder), payload: JSON.stringify(payload) });
  return `${server.url}?${query.toString()}`;
}

function toPosix(absolutePath: string): string {
  return path.resolve(absolutePath).split(path.sep).join('/');
}
