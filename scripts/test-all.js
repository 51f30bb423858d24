#!/usr/bin/env node
// What `npm test` runs: builds, compiles, typechecks and lints, then the test layers in order: unit tests and webview
// tests in plain Node, the mocha suite inside a real VS Code extension host, Playwright UI tests in the workbench.
// Prints each layer's summary and a combined `N passed, N failed`; exits non-zero when anything failed.
//
// Usage: node scripts/test-all.js [unit] [webview] [vscode] [ui] [fresh]
//   No layer named: build, compile-tests, typecheck (extension and webview), lint and every layer but `fresh` (which
//   CAPILLARY_TEST_FRESH_INSTALL=1 adds: the fresh-machine proof, a code-server install into an empty cache, as
//   .ci/run does).
//   Layers named: build and compile-tests, then only those layers (npm run test:unit|test:vscode|test:ui).
// The webview, vscode and ui layers need Chromium: when it is missing, it is installed first (as root, with
// apt-get) or the run stops at once with the command to run.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ESLINT = path.join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const MINUTE = 60_000;

const LAYERS = {
  unit: {
    title: 'unit tests (node:test)',
    timeoutMs: 5 * MINUTE,
    command: () => nodeTestCommand(testFiles('out/test/unit')),
    counts: nodeTestCounts,
  },
  webview: {
    title: 'webview tests (node:test, the table app in headless Chromium)',
    timeoutMs: 10 * MINUTE,
    command: () => nodeTestCommand(testFiles('out/test/webview')),
    counts: nodeTestCounts,
  },
  vscode: {
    title: 'extension-host tests (mocha in code-server)',
    timeoutMs: 6 * MINUTE,
    command: () =>
      testFiles('out/test/vscode').length === 0 ? null : [process.execPath, 'out/test/runner/runExtensionTests.js'],
    counts: mochaCounts,
  },
  ui: {
    title: 'UI tests (Playwright in the code-server workbench)',
    timeoutMs: 15 * MINUTE,
    // One file at a time: each starts its own code-server and browser, and the machine has 2 cores.
    command: () => nodeTestCommand(testFiles('out/test/ui'), ['--test-concurrency=1']),
    counts: nodeTestCounts,
  },
  fresh: {
    title: 'fresh machine (code-server installed into an empty cache without ripgrep or Kerberos, then served)',
    timeoutMs: 6 * MINUTE,
    optIn: 'CAPILLARY_TEST_FRESH_INSTALL',
    command: () => nodeTestCommand(testFiles('out/test/fresh')),
    counts: nodeTestCounts,
  },
};

/** Layers that drive a browser. */
const NEEDS_CHROMIUM = new Set(['webview', 'vscode', 'ui']);
const CHROMIUM_INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium';

/**
 * Chromium where the tests look for it (CHROMIUM_PATH or /usr/bin/chromium), installed with apt-get when it is
 * missing and this runs as root (as on a fresh CI machine). Otherwise stops at once with the command to run.
 */
function ensureChromium() {
  const executable = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(executable)) return;
  if (process.env.CHROMIUM_PATH) {
    stop(`CHROMIUM_PATH is ${executable}, which does not exist. Point it at a Chromium executable, or unset it and run: ${CHROMIUM_INSTALL}`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasAptGet) {
    stop(`npm test needs Chromium, which is not installed. Run: ${hasAptGet ? CHROMIUM_INSTALL : 'your package manager\'s install of Chromium, then set CHROMIUM_PATH to it'}`);
  }
  console.log('\n=== chromium ===\nChromium is missing: installing it with apt-get (once)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const argv of [['apt-get', 'update', '-q'], ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env });
    if (result.status !== 0) stop(`'${argv.join(' ')}' failed (exit code ${result.status}); Chromium is needed by npm test.`);
  }
  if (!fs.existsSync(executable)) stop(`apt-get installed chromium, but ${executable} still does not exist.`);
}

/** Ends the run before any test, with one line saying why and what to do. */
function stop(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

function nodeTestCommand(files, extraFlags = []) {
  return files.length === 0 ? null : [process.execPath, '--test', ...extraFlags, '--test-reporter=spec', ...files];
}

/** Compiled test files (*.test.js) under a folder of the repo, sorted. */
function testFiles(relativeDir) {
  const dir = path.join(REPO_ROOT, relativeDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(relativeDir, file));
}

/** node --test's spec reporter closes with lines such as "ℹ pass 12" and "ℹ fail 0". */
function nodeTestCounts(output) {
  const count = (name) => {
    const matches = [...output.matchAll(new RegExp(`^[ℹ#] ${name} (\\d+)$`, 'gm'))];
    return matches.length === 0 ? null : Number(matches[matches.length - 1][1]);
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === null || failed === null) return null;
  return { passed, failed: failed + (count('cancelled') ?? 0), skipped: count('skipped') ?? 0 };
}

/** test/vscode/index.ts ends with "N passed, N failed". */
function mochaCounts(output) {
  const matches = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  if (matches.length === 0) return null;
  const last = matches[matches.length - 1];
  return { passed: Number(last[1]), failed: Number(last[2]), skipped: 0 };
}

let activeChild = null;

/** Runs a command with its output shown live; resolves with its exit code and the output it printed. */
function run(argv, timeoutMs) {
  return new Promise((resolve) => {
    // Its own process group, so that a time-out or Ctrl+C stops it together with everything it started.
    const child = spawn(argv[0], argv.slice(1), { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    activeChild = child;
    let output = '';
    const relay = (target) => (chunk) => {
      output += chunk;
      target.write(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', relay(process.stdout));
    child.stderr.setEncoding('utf8').on('data', relay(process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\nTime limit of ${timeoutMs / MINUTE} min reached: stopping '${argv.slice(1).join(' ')}'.`);
      stopGroup(child);
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      activeChild = null;
      resolve({ code: timedOut ? 1 : code ?? (signal ? 1 : 0), output, timedOut });
    });
  });
}

function stopGroup(child) {
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), 15_000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (activeChild) stopGroup(activeChild);
    process.exitCode = 130;
    setTimeout(() => process.exit(130), 16_000).unref();
  });
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(name in LAYERS));
  if (unknown.length > 0) {
    console.error(`Unknown test layer(s): ${unknown.join(', ')}. Known: ${Object.keys(LAYERS).join(', ')}.`);
    process.exit(2);
  }
  const layerNames =
    requested.length > 0
      ? requested
      : Object.keys(LAYERS).filter((name) => !LAYERS[name].optIn || process.env[LAYERS[name].optIn] === '1');
  if (layerNames.some((name) => NEEDS_CHROMIUM.has(name))) ensureChromium();
  const started = Date.now();
  const summary = [];
  let anyFailed = false;
  let stepFailures = 0;

  const steps = [
    { name: 'build', argv: [process.execPath, 'esbuild.js'], fatal: true },
    { name: 'compile-tests', argv: [process.execPath, TSC, '-p', 'tsconfig.test.json'], fatal: false },
  ];
  if (requested.length === 0) {
    // The extension (Node, no DOM) and the webview (DOM, no Node) are checked against their own runtimes.
    steps.push(
      { name: 'typecheck extension', argv: [process.execPath, TSC, '--noEmit', '-p', 'tsconfig.json'], fatal: false },
      { name: 'typecheck webview', argv: [process.execPath, TSC, '--noEmit', '-p', 'webview/tsconfig.json'], fatal: false },
      { name: 'lint', argv: [process.execPath, ESLINT, '.', '--max-warnings=0'], fatal: false },
    );
  }
  if (layerNames.some((name) => name === 'vscode' || name === 'ui')) {
    // Installs code-server once (about two minutes); later runs find it in the cache at once.
    steps.push({
      name: 'code-server',
      argv: ['bash', path.join(REPO_ROOT, 'scripts', 'install-code-server.sh')],
      fatal: false,
      timeoutMs: 15 * MINUTE,
    });
  }
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const stepStarted = Date.now();
    const { code } = await run(step.argv, step.timeoutMs ?? 5 * MINUTE);
    const ok = code === 0;
    summary.push(`${step.name}: ${ok ? 'ok' : `FAILED (exit code ${code})`} (${seconds(Date.now() - stepStarted)})`);
    if (!ok) {
      // A failed step counts in the closing `N passed, N failed` line, not only in the exit code.
      anyFailed = true;
      stepFailures += 1;
      if (step.fatal) {
        console.error(`\n${step.name} failed: nothing to test.`);
        break;
      }
    }
  }

  let passed = 0;
  let failed = stepFailures;
  const buildBroken = summary.some((line) => line.startsWith('build: FAILED'));
  for (const name of buildBroken ? [] : layerNames) {
    const layer = LAYERS[name];
    console.log(`\n=== ${layer.title} ===`);
    const layerStarted = Date.now();
    const argv = layer.command();
    if (argv === null) {
      anyFailed = true;
      summary.push(`${name}: FAILED: no *.test.js files were compiled for this layer`);
      continue;
    }
    const { code, output, timedOut } = await run(argv, layer.timeoutMs);
    const counts = layer.counts(output);
    const took = seconds(Date.now() - layerStarted);
    if (counts === null) {
      anyFailed = true;
      failed += 1;
      summary.push(`${name}: FAILED: exit code ${code}, no test summary in its output${timedOut ? ' (timed out)' : ''} (${took})`);
      continue;
    }
    passed += counts.passed;
    failed += counts.failed;
    const layerFailed = code !== 0 || counts.failed > 0 || counts.passed === 0;
    if (layerFailed) anyFailed = true;
    // A non-zero exit with no failed test (a crash after the tests, a time-out) still counts as one failure.
    if (layerFailed && counts.failed === 0) failed += 1;
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
    const status = layerFailed ? `FAILED (exit code ${code}${timedOut ? ', timed out' : ''})` : 'ok';
    summary.push(`${name}: ${counts.passed} passed, ${counts.failed} failed${skipped}: ${status} (${took})`);
  }

  console.log(`\n=== summary (${seconds(Date.now() - started)}) ===`);
  for (const line of summary) console.log(`  ${line}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(anyFailed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
