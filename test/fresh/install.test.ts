// The fresh-machine proof (CI only: `CAPILLARY_TEST_FRESH_INSTALL=1 npm test`, as .ci/run does): code-server is
// installed into an empty cache on a machine that has neither ripgrep nor Kerberos headers (both hidden here,
// whatever the machine has), then started, and it serves the workbench. Bounded to about four minutes.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Cleanup, CODE_SERVER_VERSION, codeServerInstallDir, makeTempDir, REPO_ROOT, startCodeServer } from '../runner/codeServer';

const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'install-code-server.sh');
const INSTALL_LIMIT_MS = 200_000;

/**
 * PATH with `rg` hidden: each folder that holds an `rg` is replaced by a folder of links to everything else in it
 * (Debian's ripgrep sits in /usr/bin next to bash, node and the compilers, so the folder cannot just be dropped).
 */
function pathWithout(program: string, searchPath: string, cleanup: Cleanup): string {
  return searchPath
    .split(path.delimiter)
    .map((dir) => {
      if (dir === '' || !fs.existsSync(path.join(dir, program))) return dir;
      const shadow = makeTempDir(cleanup, 'capillary-fresh-path-');
      for (const entry of fs.readdirSync(dir)) {
        if (entry !== program) fs.symlinkSync(path.join(dir, entry), path.join(shadow, entry));
      }
      return shadow;
    })
    .join(path.delimiter);
}

/** A folder with a stand-in rg and another program next to it. */
function decoyBin(cleanup: Cleanup): string {
  const dir = makeTempDir(cleanup, 'capillary-fresh-decoy-');
  for (const name of ['rg', 'capillary-decoy-tool']) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return dir;
}

/** Runs a command in its own process group; kills the group when the time limit passes. */
function runBounded(argv: string[], env: NodeJS.ProcessEnv, limitMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(argv[0], argv.slice(1), { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n[killed after ${limitMs / 1000} s]`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

describe('a fresh machine without ripgrep or Kerberos headers', { timeout: 270_000 }, () => {
  const cleanup = new Cleanup();
  let env: NodeJS.ProcessEnv;
  let installDir: string;

  before(() => {
    cleanup.exitOnSignals();
    const cache = makeTempDir(cleanup, 'capillary-fresh-cache-');
    env = {
      ...process.env,
      CAPILLARY_VSCODE_CACHE: cache,
      CAPILLARY_GSSAPI_HEADER: path.join(cache, 'no-such-dir', 'gssapi.h'),
      // The decoy folder puts an rg on PATH on every machine, so that hiding it is always exercised.
      PATH: pathWithout('rg', `${decoyBin(cleanup)}${path.delimiter}${process.env.PATH ?? ''}`, cleanup),
    };
    // findCodeServer (used by startCodeServer) reads the cache root from this process's environment.
    process.env.CAPILLARY_VSCODE_CACHE = cache;
    installDir = codeServerInstallDir();
    assert.ok(installDir.startsWith(cache));
  });
  after(() => cleanup.run());

  it('hides ripgrep from PATH, and nothing else', async () => {
    const found = await runBounded(['bash', '-c', 'command -v rg || echo none; command -v capillary-decoy-tool'], env, 10_000);
    const [rg, other] = found.output.trim().split('\n');
    assert.equal(rg, 'none');
    assert.match(other, /capillary-decoy-tool$/);
  });

  it('installs code-server into an empty cache, without ripgrep and the Kerberos module', async () => {
    const started = Date.now();
    const { code, output } = await runBounded(['bash', INSTALL_SCRIPT], env, INSTALL_LIMIT_MS);
    assert.equal(code, 0, `install-code-server.sh failed (exit code ${code}):\n${output.slice(-4000)}`);
    console.log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
    assert.equal(
      fs.readFileSync(path.join(installDir, '.install-complete'), 'utf8').trim(),
      `${CODE_SERVER_VERSION} ripgrep=no kerberos=no`,
    );
    assert.match(output, /no ripgrep on this machine: the workbench's text search will be unavailable \('apt-get install -y ripgrep' adds it/);
    assert.match(output, /no Kerberos headers: building without the optional kerberos module/);
    const vscodeModules = path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
    assert.equal(fs.existsSync(path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg')), false);
    assert.equal(fs.existsSync(path.join(vscodeModules, 'kerberos')), false);
  });

  it('a second run finds the install in the cache', async () => {
    const { code, output } = await runBounded(['bash', INSTALL_SCRIPT], env, 30_000);
    assert.equal(code, 0, output);
    assert.match(output, /is already installed \(cached: 4\.100\.3 ripgrep=no kerberos=no\)/);
  });

  it('starts and serves the workbench', async () => {
    const workspaceFolder = makeTempDir(cleanup, 'capillary-fresh-workspace-');
    const server = await startCodeServer(
      {
        workspaceFolder,
        userDataDir: makeTempDir(cleanup, 'capillary-fresh-user-data-'),
        extensionsDir: makeTempDir(cleanup, 'capillary-fresh-extensions-'),
        env,
      },
      cleanup,
    );
    const page = await get(`${server.url}?folder=${encodeURIComponent(workspaceFolder)}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<meta id="vscode-workbench-web-configuration"/);
    assert.match(page.body, new RegExp(`codeServerVersion&quot;:&quot;${CODE_SERVER_VERSION.replace(/\./g, '\\.')}&quot;`));
    const script = /<script type="module" src="([^"]*\/workbench\/workbench\.js)"/.exec(page.body);
    assert.ok(script, 'the workbench page loads no workbench.js');
    const workbenchJs = await get(new URL(script[1], server.url).toString());
    assert.equal(workbenchJs.status, 200);
    assert.ok(workbenchJs.body.length > 100_000, `workbench.js is only ${workbenchJs.body.length} characters`);
    await server.stop();
  });

  it('once ripgrep and the Kerberos headers are installed, the next run upgrades the cached install', async () => {
    // A stand-in rg and header; npm is replaced by a stub that fails, so the run stops right after deciding.
    const bin = makeTempDir(cleanup, 'capillary-fresh-bin-');
    fs.writeFileSync(path.join(bin, 'rg'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'npm'), '#!/bin/sh\necho "stub npm $*"\nexit 3\n', { mode: 0o755 });
    const header = path.join(bin, 'gssapi.h');
    fs.writeFileSync(header, '');
    const { code, output } = await runBounded(
      ['bash', INSTALL_SCRIPT],
      { ...env, PATH: `${bin}${path.delimiter}${env.PATH}`, CAPILLARY_GSSAPI_HEADER: header },
      30_000,
    );
    assert.equal(code, 3, output);
    assert.match(output, /Installing code-server 4\.100\.3 \(4\.100\.3 ripgrep=yes kerberos=yes\)/);
    assert.match(output, /stub npm install/);
  });
});
