// Runs inside the extension host of the browser-hosted VS Code (loaded as the extension-tests module, the way
// the test suite is): times the first `activate()`, notes any file or network call the extension makes while
// activating, then measures the heap that one held lookup costs. Prints one result line for the runner.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import Module from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS } from '../../sample-api/server';
import type { activate } from '../../src/extension';
import {
  BENCH_PROFILE,
  HEAP_EVENTS_ENV,
  PROGRESSIVE_API_ENV,
  PROGRESSIVE_PROFILE,
  PROGRESSIVE_SEEN_ENV,
  PROGRESSIVE_START_PREFIX,
  RESULT_PREFIX,
  type ExtensionHostResults,
  type ProgressiveLookup,
  type RawJsonOpen,
} from './protocol';

const EXTENSION_ID = 'capillary-tools.capillary-target-events';

/** Wraps the I/O entry points so that calls coming from the extension bundle are recorded with their name. */
function watchExtensionIo(record: string[]): () => void {
  const restore: Array<() => void> = [];
  const wrap = (owner: object, name: string, label: string) => {
    const target = owner as Record<string, unknown>;
    const original = target[name];
    if (typeof original !== 'function') return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      if (new Error().stack?.includes('/dist/extension.js')) record.push(label);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    try {
      target[name] = wrapped;
      restore.push(() => (target[name] = original));
    } catch {
      // A read-only export cannot be watched; the rest still are.
    }
  };
  for (const name of Object.keys(fs)) if (typeof (fs as Record<string, unknown>)[name] === 'function' && /^[a-z]/.test(name)) wrap(fs, name, `fs.${name}`);
  for (const name of Object.keys(fs.promises)) wrap(fs.promises, name, `fs.promises.${name}`);
  wrap(http, 'request', 'http.request');
  wrap(http, 'get', 'http.get');
  wrap(https, 'request', 'https.request');
  wrap(https, 'get', 'https.get');
  wrap(net, 'connect', 'net.connect');
  wrap(net, 'createConnection', 'net.createConnection');
  if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
  return () => restore.forEach((undo) => undo());
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** How long this thread has waited for a CPU so far, from Linux's schedstat; undefined elsewhere. */
function runQueueMs(): number | undefined {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return undefined;
  }
}

interface LoaderInternals {
  _extensions: Record<string, (module: NodeJS.Module, filename: string) => void>;
}

/**
 * Times the extension's module as the extension host loads it, and its activate() call, by wrapping the
 * CommonJS loader for .js files until dist/extension.js has been loaded.
 */
function timeExtensionModule(bundle: string, timings: Partial<ExtensionHostResults>): () => void {
  const loaders = (Module as unknown as LoaderInternals)._extensions;
  const loadJs = loaders['.js'];
  loaders['.js'] = (module, filename) => {
    if (filename !== bundle) return loadJs(module, filename);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    loadJs(module, filename);
    timings.moduleLoadMs = performance.now() - start;
    timings.moduleLoadCpuMs = cpuMs(process.cpuUsage(cpuBefore));
    // esbuild's CommonJS exports are getters: the wrapper goes on a copy.
    const exports = { ...(module.exports as { activate: (...args: unknown[]) => unknown }) };
    const activateExtension = exports.activate;
    exports.activate = function (this: unknown, ...args: unknown[]) {
      const cpuBefore = process.cpuUsage();
      const waitedBefore = runQueueMs();
      const called = performance.now();
      try {
        return activateExtension.apply(this, args);
      } finally {
        timings.activateCallMs = performance.now() - called;
        timings.activateCallCpuMs = cpuMs(process.cpuUsage(cpuBefore));
        const waitedAfter = runQueueMs();
        if (waitedBefore !== undefined && waitedAfter !== undefined) timings.activateCallRunQueueMs = waitedAfter - waitedBefore;
      }
    };
    module.exports = exports;
  };
  return () => {
    loaders['.js'] = loadJs;
  };
}

function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

/**
 * The heap one held lookup costs in the extension. The large lookup is fetched and removed once first, so that
 * code compiled on the first use of the fetch path is not counted; then it is fetched, measured and removed three
 * times and the median counts, since the extension host's other tenants (built-in extensions, the workbench's
 * messages) allocate during any one measurement too.
 */
async function heldLookupHeap(api: ReturnType<typeof activate>): Promise<NonNullable<ExtensionHostResults['heap']>> {
  // The extension returns its inspection API in ExtensionMode.Test, which this run is in (extensionTestsPath).
  if (!api) throw new Error('The extension returned no test API: the bench is not running in ExtensionMode.Test.');
  await vscode.commands.executeCommand('capillary.setCredentials', { profile: BENCH_PROFILE, ...SAMPLE_CREDENTIALS.basic });
  const lookup = { profileName: BENCH_PROFILE, ...SAMPLE_LOOKUPS.large };
  const gc = collectGarbage();
  const remove = async () => {
    await vscode.commands.executeCommand('capillary.removeLookup', lookup);
    if (api.lookupState(lookup).lastComplete) throw new Error('Removing the bench lookup left its result held.');
  };
  await vscode.commands.executeCommand('capillary.refreshLookup', lookup);
  await remove();
  const rounds: Array<NonNullable<ExtensionHostResults['heap']>> = [];
  for (let round = 0; round < 3; round++) {
    const beforeBytes = await settledHeap(gc);
    await vscode.commands.executeCommand('capillary.refreshLookup', lookup);
    const afterBytes = await settledHeap(gc);
    const state = api.lookupState(lookup);
    if (state.fetch.phase !== 'done' || !state.lastComplete) throw new Error(`The bench lookup ended as ${state.fetch.phase}, not done.`);
    rounds.push({ beforeBytes, afterBytes, growthBytes: afterBytes - beforeBytes, events: state.lastComplete.result.events.length });
    await remove();
  }
  return rounds.sort((a, b) => a.growthBytes - b.growthBytes)[1];
}

/** Polls until `probe` gives a value (the states waited for come from other processes). */
async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`The bench gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Runs the lookup command for a slow API (the runner watches the table's paints) and records what the panel posts
 * to its webview, from the moment the panel exists (nothing is posted before its webview is ready).
 */
async function progressiveLookup(api: ReturnType<typeof activate>, url: string, seenFile: string): Promise<ProgressiveLookup> {
  if (!api) throw new Error('The extension returned no test API: the bench is not running in ExtensionMode.Test.');
  const configuration = vscode.workspace.getConfiguration('capillary');
  const profiles = configuration.get<unknown[]>('profiles') ?? [];
  await configuration.update('profiles', [...profiles, { name: PROGRESSIVE_PROFILE, baseUrl: url, authType: 'basic' }], vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('capillary.setCredentials', { profile: PROGRESSIVE_PROFILE, ...SAMPLE_CREDENTIALS.basic });
  const lookup = { profileName: PROGRESSIVE_PROFILE, ...SAMPLE_LOOKUPS.large };
  const commandEpochMs = performance.timeOrigin + performance.now();
  console.log(PROGRESSIVE_START_PREFIX + String(commandEpochMs));
  const command = vscode.commands.executeCommand('capillary.lookupEvents', { profile: PROGRESSIVE_PROFILE, ...SAMPLE_LOOKUPS.large });
  const panel = await until('the table panel', () => api.panelOf(lookup));
  const posted: string[] = [];
  const postMessage = panel.webview.postMessage.bind(panel.webview);
  panel.webview.postMessage = (message: unknown) => {
    posted.push(JSON.stringify(message));
    return postMessage(message);
  };
  await command;
  const state = await until('the fetch to end', () => {
    const current = api.lookupState(lookup);
    return current.fetch.phase !== 'loading' && current;
  });
  const fetchedEpochMs = performance.timeOrigin + performance.now();
  if (state.fetch.phase !== 'done' || !state.lastComplete) throw new Error(`The first-rows lookup ended as ${state.fetch.phase}.`);
  await until('the runner to see the last paint', () => fs.existsSync(seenFile));
  const result = state.lastComplete.result;
  const states = posted.filter((json) => json.startsWith('{"type":"state"'));
  return {
    commandEpochMs,
    fetchedEpochMs,
    events: result.events.length,
    pages: result.pagesFetched,
    stateMessages: states.length,
    rowsMessages: states.filter((json) => json.includes('"kind":"rows"')).length,
    postedBytes: posted.reduce((sum, json) => sum + Buffer.byteLength(json), 0),
    jsonBytes: result.rawPages.reduce((sum, page) => sum + Buffer.byteLength(page), 0),
  };
}

const RAW_JSON_OPENS = 3;

function isRawJson(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'capillary-raw';
}

/** Resolves with the first value `read` gives, checked now and on each `event`. */
function when<T>(event: vscode.Event<unknown>, read: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const now = read();
    if (now !== undefined) return resolve(now);
    const listener = event(() => {
      const value = read();
      if (value === undefined) return;
      listener.dispose();
      resolve(value);
    });
  });
}

/**
 * "Open raw JSON" of the held lookup, as the table's button runs it, timed until the workbench has opened its
 * editor and until that editor is visible to this extension host (the runner times the browser's first frame of
 * it). Every editor is closed first, and the document too, so that each opening provides it anew.
 */
async function timeRawJsonOpens(openRawJson: () => Promise<string>): Promise<RawJsonOpen[]> {
  const opens: RawJsonOpen[] = [];
  for (let i = 0; i < RAW_JSON_OPENS; i++) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await when(vscode.workspace.onDidCloseTextDocument, () => (vscode.workspace.textDocuments.some(isRawJson) ? undefined : true));
    // The workbench's own work after the close (every extension host dropping its copy) is not the opening's.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const visible = when(vscode.window.onDidChangeVisibleTextEditors, () => vscode.window.visibleTextEditors.find((editor) => isRawJson(editor.document)));
    const cpuBefore = process.cpuUsage();
    const startedAt = Date.now();
    const start = performance.now();
    await openRawJson();
    const openedMs = performance.now() - start;
    const editor = await visible;
    const visibleMs = performance.now() - start;
    opens.push({ startedAt, chars: editor.document.getText().length, openedMs, visibleMs, cpuMs: cpuMs(process.cpuUsage(cpuBefore)) });
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return opens;
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<ReturnType<typeof activate>>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code.`);
  const wasActiveBefore = extension.isActive;
  // The extension host is busy with the workbench's start-up for a while; activation is timed after it settles.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const activationIo: string[] = [];
  const timings: Partial<ExtensionHostResults> = {};
  const stopWatching = watchExtensionIo(activationIo);
  const stopTiming = timeExtensionModule(path.join(extension.extensionPath, 'dist', 'extension.js'), timings);
  const start = performance.now();
  let api: ReturnType<typeof activate>;
  try {
    api = await extension.activate();
  } finally {
    stopWatching();
    stopTiming();
  }
  const results: ExtensionHostResults = { wasActiveBefore, activateMs: performance.now() - start, activatedEpochMs: Date.now(), ...timings, activationIo };

  const events = Number(process.env[HEAP_EVENTS_ENV] ?? 0);
  if (events > 0) {
    results.heap = await heldLookupHeap(api);
    if (!api) throw new Error('The extension returned no test API: the bench is not running in ExtensionMode.Test.');
    const lookup = { profileName: BENCH_PROFILE, ...SAMPLE_LOOKUPS.large };
    await vscode.commands.executeCommand('capillary.refreshLookup', lookup);
    results.rawJsonOpens = await timeRawJsonOpens(() => api.openRawJson(lookup));
  }
  const progressiveApi = process.env[PROGRESSIVE_API_ENV];
  const seenFile = process.env[PROGRESSIVE_SEEN_ENV];
  if (progressiveApi && seenFile) results.progressive = await progressiveLookup(api, progressiveApi, seenFile);
  console.log(RESULT_PREFIX + JSON.stringify(results));
}
