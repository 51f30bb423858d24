// The sample Capillary API over real HTTP on 127.0.0.1. The server itself: request IDs, stats and recorded requests,
// stop() (no handle left behind), and the CLI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { BASIC, DOC, DOC_EVENT_IDS, eventsPath, exitWithin, generateToken, get, useSharedSampleApi, type EventsBody } from './sample-api-support';

let api: SampleApi;
useSharedSampleApi((started) => (api = started));

test('every response carries a unique X-Cap-Requestid', async () => {
  const ids = new Set<string>();
  for (const pathAndQuery of [eventsPath(DOC), eventsPath(DOC), '/v3/users/564332013/targetGroups', '/nowhere']) {
    const id = (await get(api, pathAndQuery)).headers.get('x-cap-requestid');
    assert.ok(id, pathAndQuery);
    ids.add(id);
  }
  const failedAuth = (await get(api, eventsPath(DOC), {})).headers.get('x-cap-requestid');
  assert.ok(failedAuth);
  ids.add(failedAuth);
  assert.equal(ids.size, 5);
});

test('after stop() a process exits by itself although a request hung and another waited on latency', async () => {
  const serverModule = path.join(__dirname, '../../sample-api/server.js');
  const script = `
    const { startSampleApi } = require(${JSON.stringify(serverModule)});
    (async () => {
      const api = await startSampleApi({ largeUserEvents: 100 });
      api.setFaults({ hang: 1 });
      const url = api.url + '/v3/users/564332013/trackedTargetEvents/1986';
      const headers = { Authorization: ${JSON.stringify(BASIC)} };
      const hung = fetch(url, { headers }).then(() => 'answered', () => 'rejected');
      while (api.stats().inFlight < 1) await new Promise((r) => setTimeout(r, 5));
      api.setFaults({ latencyMs: 60000 });
      const delayed = fetch(url, { headers }).then(() => 'answered', () => 'rejected');
      while (api.stats().inFlight < 2) await new Promise((r) => setTimeout(r, 5));
      await api.stop();
      console.log(JSON.stringify({ results: await Promise.all([hung, delayed]), inFlight: api.stats().inFlight }));
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await exitWithin(child, 10_000);
  assert.equal(code, 0, output);
  assert.deepEqual(JSON.parse(output), { results: ['rejected', 'rejected'], inFlight: 0 });
});

test('stats count requests and the exact most requests in flight at once', async () => {
  // Long enough that all eight arrive before the first answer, even on a busy machine.
  api.setFaults({ latencyMs: 400 });
  await Promise.all(Array.from({ length: 8 }, (_, i) => get(api, eventsPath(SAMPLE_LOOKUPS.large, `?limit=100&offset=${i}`))));
  let stats = api.stats();
  assert.equal(stats.maxInFlight, 8);
  assert.equal(stats.inFlight, 0);
  assert.equal(stats.requests, 8);
  assert.equal(stats.eventsRequests, 8);

  api.resetStats();
  for (let i = 0; i < 3; i++) await get(api, eventsPath(DOC));
  await get(api, '/v3/targetGroups/1717/targetPeriods');
  stats = api.stats();
  assert.equal(stats.maxInFlight, 1);
  assert.equal(stats.requests, 4);
  assert.equal(stats.eventsRequests, 3);
});

test('requests records method, path with query and headers, in order', async () => {
  api.clearRequests();
  await get(api, eventsPath(DOC, '?limit=2'), { Authorization: BASIC, 'X-Probe': 'one' });
  await generateToken(api, 'sample-key', 'sample-secret');
  assert.equal(api.requests.length, 2);
  assert.deepEqual(
    api.requests.map((r) => [r.method, r.path]),
    [['GET', eventsPath(DOC, '?limit=2')], ['POST', '/v3/oauth/token/generate']],
  );
  assert.equal(api.requests[0].headers['x-probe'], 'one');
  assert.equal(api.requests[1].headers.authorization, undefined);
});

test('stop() closes keep-alive connections and refuses later requests', async () => {
  const server = await startSampleApi({ largeUserEvents: 100, latencyMs: 5 });
  assert.equal((await get(server, eventsPath(DOC))).status, 200);
  await server.stop();
  await server.stop();
  await assert.rejects(fetch(server.url + eventsPath(DOC), { headers: { Authorization: BASIC } }));
});

test('CLI prints its URL and the credentials, serves, honours --offset-mode row, and stops on SIGINT', async () => {
  const cli = spawn(process.execPath, [path.join(__dirname, '../../sample-api/cli.js'), '--port', '0', '--offset-mode', 'row', '--large-user-events', '100'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = exitWithin(cli, 20_000);
  try {
    const deadline = Date.now() + 15_000;
    while (!/Ctrl\+C stops/.test(output) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /Sample Capillary API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    assert.ok(url, output);
    assert.ok(output.includes('store.server') && output.includes('sample-key'), output);
    const response = await fetch(`${url}${eventsPath(DOC, '?limit=3&offset=1')}`, { headers: { Authorization: BASIC } });
    const body = (await response.json()) as EventsBody;
    assert.deepEqual(body.data.map((e) => String(e.eventLogId)), DOC_EVENT_IDS.slice(1, 4));
    cli.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.match(output, /stopped/);
  } finally {
    cli.kill('SIGKILL');
  }
});

test('CLI refuses an unknown option with the usage text', async () => {
  const cli = spawn(process.execPath, [path.join(__dirname, '../../sample-api/cli.js'), '--colour', 'blue'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  cli.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  const code = await exitWithin(cli, 20_000);
  assert.equal(code, 2);
  assert.match(errors, /--colour/);
  assert.match(errors, /Usage:/);
});
