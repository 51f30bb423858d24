// Part 3, footprint: bundle sizes of a production build, activate() in the browser-hosted VS Code, and the
// heap that one held lookup costs compared with the size of its JSON.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../sample-api/server';
import { basicAuthHeader, md5Hex } from '../src/capillary';
import { REPO_ROOT } from '../test/runner/codeServer';
import { benchExtensionHost, type ExtensionHostRun } from './extensionHostRun';
import type { MemoryProbeResult } from './memoryProbe';

const run = promisify(execFile);

export interface FootprintSizes {
  /** Events of the held lookup (in 100 periods). */
  heapEvents: number;
  /** Also start the browser-hosted VS Code for activate() and the extension host's heap. */
  extensionHost: boolean;
}

export interface FootprintResults {
  sizes: FootprintSizes;
  extensionJsBytes: number;
  webviewJsBytes: number;
  /** The lookup's events as the API sends them: the bytes of every page's response body (pageSize 1000). */
  lookupJsonBytes: number;
  node: MemoryProbeResult & { ratio: number };
  extensionHost?: ExtensionHostRun & { heapRatio?: number };
}

/** A folder that looks like the repository to esbuild.js, so that its production build does not replace dist/. */
function productionBuildDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capillary-bench-build-'));
  for (const entry of ['esbuild.js', 'package.json', 'tsconfig.json', 'src', 'webview', 'media', 'node_modules']) {
    fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(dir, entry));
  }
  return dir;
}

async function productionBuild(dir: string): Promise<void> {
  try {
    await run(process.execPath, ['esbuild.js', '--production'], { cwd: dir });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(`node esbuild.js --production failed:\n${output.stdout ?? ''}${output.stderr ?? ''}`);
  }
}

function get(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Bytes of the lookup's pages as sent, fetched with plain HTTP (1000 events a page). */
async function lookupJsonBytes(api: SampleApi, events: number): Promise<number> {
  const { userId, targetRuleId } = SAMPLE_LOOKUPS.large;
  const headers = { Authorization: basicAuthHeader(SAMPLE_CREDENTIALS.basic.username, md5Hex(SAMPLE_CREDENTIALS.basic.password)) };
  let bytes = 0;
  for (let offset = 0; offset * 1000 < events; offset++) {
    bytes += (await get(`${api.url}/v3/users/${userId}/trackedTargetEvents/${targetRuleId}?limit=1000&offset=${offset}`, headers)).length;
  }
  return bytes;
}

async function nodeHeap(api: SampleApi): Promise<MemoryProbeResult> {
  const probe = path.join(REPO_ROOT, 'out', 'bench', 'memoryProbe.js');
  const { userId, targetRuleId } = SAMPLE_LOOKUPS.large;
  const { stdout } = await run(process.execPath, ['--expose-gc', probe, api.url, userId, targetRuleId], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as MemoryProbeResult;
}

/** The extension as it ships: the manifest, the production bundles and the media, in a folder of its own. */
function shippedExtension(buildDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capillary-bench-extension-'));
  // Without onStartupFinished: the extension would activate while the workbench starts, before the bench module can
  // time it; the bench triggers the same activation itself once the start-up has settled.
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { activationEvents: string[] };
  manifest.activationEvents = manifest.activationEvents.filter((event) => event !== 'onStartupFinished');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const file of ['extension.js', 'webview.js']) fs.copyFileSync(path.join(buildDir, 'dist', file), path.join(dir, 'dist', file));
  fs.cpSync(path.join(REPO_ROOT, 'media'), path.join(dir, 'media'), { recursive: true });
  return dir;
}

export async function benchFootprint(sizes: FootprintSizes): Promise<FootprintResults> {
  const buildDir = productionBuildDir();
  try {
    await productionBuild(buildDir);
    const extensionJsBytes = fs.statSync(path.join(buildDir, 'dist', 'extension.js')).size;
    const webviewJsBytes = fs.statSync(path.join(buildDir, 'dist', 'webview.js')).size;

    const api = await startSampleApi({ largeUserEvents: sizes.heapEvents });
    let node: MemoryProbeResult;
    let jsonBytes: number;
    try {
      jsonBytes = await lookupJsonBytes(api, sizes.heapEvents);
      node = await nodeHeap(api);
    } finally {
      await api.stop();
    }
    if (node.events !== sizes.heapEvents) throw new Error(`The memory probe held ${node.events} events instead of ${sizes.heapEvents}.`);
    const results: FootprintResults = {
      sizes,
      extensionJsBytes,
      webviewJsBytes,
      lookupJsonBytes: jsonBytes,
      node: { ...node, ratio: node.growthBytes / jsonBytes },
    };
    if (sizes.extensionHost) {
      const extensionDir = shippedExtension(buildDir);
      try {
        const host = await benchExtensionHost(sizes.heapEvents, extensionDir);
        results.extensionHost = { ...host, heapRatio: host.heap ? host.heap.growthBytes / jsonBytes : undefined };
      } finally {
        fs.rmSync(extensionDir, { recursive: true, force: true });
      }
    }
    return results;
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}
