// Runs in its own Node process (node --expose-gc): fetches one lookup with the extension's client code, holds
// the result, and reports the heap growth. Started by footprint.ts with the sample API's URL and the lookup.
import { performance } from 'node:perf_hooks';
import { SAMPLE_CREDENTIALS } from '../sample-api/server';
import { createCapillaryClient, md5Hex, type LookupResult } from '../src/capillary';

export interface MemoryProbeResult {
  beforeBytes: number;
  afterBytes: number;
  growthBytes: number;
  events: number;
  fetchMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  if (!gc) throw new Error('Run the memory probe with node --expose-gc.');
  const [url, userId, targetRuleId] = process.argv.slice(2);
  const client = createCapillaryClient({
    baseUrl: url,
    auth: { kind: 'basic', username: SAMPLE_CREDENTIALS.basic.username, passwordMd5: md5Hex(SAMPLE_CREDENTIALS.basic.password) },
  });
  // The lookup once first, dropped: the client's sockets, lazily loaded modules and the code compiled for the
  // fetch path are not counted as held by the lookup (the extension-host figure is measured the same way).
  await client.fetchTrackedTargetEvents({ userId, targetRuleId });
  const beforeBytes = await settledHeap();
  const start = performance.now();
  let held: LookupResult | undefined = await client.fetchTrackedTargetEvents({ userId, targetRuleId });
  const fetchMs = performance.now() - start;
  client.dispose();
  const afterBytes = await settledHeap();
  const result: MemoryProbeResult = { beforeBytes, afterBytes, growthBytes: afterBytes - beforeBytes, events: held.events.length, fetchMs };
  held = undefined;
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
