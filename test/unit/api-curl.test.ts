// "Copy as cURL": the script is run with bash against the sample API, its credential comment included, and must
// fetch every page of the lookup and stop at the first empty one. It never holds credentials.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { CapillaryApiError } from '../../src/capillary';
import { buildCurlScript, type CurlRequest } from '../../src/export/curl';

const run = promisify(execFile);

/** The `export …` command of the script's credential comment, with the placeholders filled in. */
function credentialCommand(script: string, values: Record<string, string>): string {
  const line = script.split('\n').find((text) => text.startsWith('# First set the credential'));
  assert.ok(line, 'a comment line says how to set the credential variable');
  let command = line.slice(line.indexOf('export '));
  for (const [placeholder, value] of Object.entries(values)) command = command.replace(placeholder, value);
  return command;
}

/** Runs the credential command, then the script, in one bash; resolves to the response bodies it printed. */
async function runScript(script: string, values: Record<string, string>): Promise<Array<{ data: Array<{ eventLogId: unknown }> | null }>> {
  const { stdout } = await run('bash', ['-c', `${credentialCommand(script, values)}\n${script}`], { timeout: 60_000 });
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { data: Array<{ eventLogId: unknown }> | null });
}

describe('buildCurlScript', () => {
  let api: SampleApi;
  before(async () => {
    api = await startSampleApi({ largeUserEvents: 50 });
  });
  after(() => api.stop());

  const docLookup = (authKind: 'basic' | 'oauth', pageSize: number): CurlRequest => ({
    baseUrl: api.url,
    params: { userId: SAMPLE_LOOKUPS.docExample.userId, targetRuleId: SAMPLE_LOOKUPS.docExample.targetRuleId },
    authKind,
    pageSize,
  });

  it('with Basic auth fetches every page, one body per line, and stops after the first empty page', async () => {
    api.clearRequests();
    const script = buildCurlScript(docLookup('basic', 3));
    const pages = await runScript(script, { TILL_USERNAME: SAMPLE_CREDENTIALS.basic.username, PASSWORD: SAMPLE_CREDENTIALS.basic.password });
    assert.deepEqual(pages.map((page) => page.data?.length), [3, 3, 3, 1, 0]);
    const ids = pages.flatMap((page) => page.data ?? []).map((event) => String(event.eventLogId));
    assert.equal(new Set(ids).size, 10);
    const offsets = api.requests.filter((r) => r.path.includes('/trackedTargetEvents/')).map((r) => new URL(r.path, api.url).searchParams.get('offset'));
    assert.deepEqual(offsets, ['0', '1', '2', '3', '4']);
  });

  it('with OAuth gets a token from the comment\'s command and fetches with it', async () => {
    const script = buildCurlScript({ ...docLookup('oauth', 4), params: { ...docLookup('oauth', 4).params, periodId: '9887' } });
    const pages = await runScript(script, { CLIENT_KEY: SAMPLE_CREDENTIALS.oauth.clientKey, CLIENT_SECRET: SAMPLE_CREDENTIALS.oauth.clientSecret });
    assert.deepEqual(pages.map((page) => page.data?.length), [4, 1, 0]);
  });

  it('stops at a refused request, printing its body to stderr', async () => {
    const script = buildCurlScript(docLookup('basic', 3));
    const command = `${credentialCommand(script, { TILL_USERNAME: 'store.server', PASSWORD: 'wrong' })}\n${script}`;
    const { stdout, stderr } = await run('bash', ['-c', command], { timeout: 60_000 });
    assert.equal(stdout, '');
    assert.match(stderr, /401/);
  });

  it('holds no credentials, only the variable and placeholders', () => {
    const script = buildCurlScript(docLookup('basic', 100));
    assert.ok(script.includes('$CAPILLARY_BASIC_AUTH'));
    assert.ok(!script.includes(SAMPLE_CREDENTIALS.basic.username));
    assert.ok(!script.includes('c3RvcmUuc2VydmVy'));
  });

  it('refuses input that could inject into the shell, and quotes the URL', () => {
    assert.throws(
      () => buildCurlScript({ baseUrl: 'https://h', params: { userId: "1'; rm -rf ~", targetRuleId: '1' }, authKind: 'basic', pageSize: 1 }),
      (error: unknown) => error instanceof CapillaryApiError && error.field === 'userId',
    );
    assert.throws(() => buildCurlScript({ baseUrl: 'http://evil.example', params: { userId: '1', targetRuleId: '1' }, authKind: 'basic', pageSize: 1 }), /https/);
    const quoted = buildCurlScript({ baseUrl: "https://h/it's", params: { userId: '1', targetRuleId: '2' }, authKind: 'basic', pageSize: 1 });
    assert.ok(quoted.includes("url='https://h/it'\\''s/v3/users/1/trackedTargetEvents/2?limit=1'"), quoted);
  });
});
