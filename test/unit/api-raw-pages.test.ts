// The lookup result keeps each page's body as Capillary sent it ("Open raw JSON"), in page order.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { md5Hex } from '../../src/capillary';
import { sampleClient } from './api-support';

/** One page's body fetched without the client, as a reference. */
function fetchBody(api: SampleApi, path: string): Promise<string> {
  const auth = Buffer.from(`${SAMPLE_CREDENTIALS.basic.username}:${md5Hex(SAMPLE_CREDENTIALS.basic.password)}`).toString('base64');
  return new Promise((resolve, reject) => {
    http
      .get(`${api.url}${path}`, { headers: { Authorization: `Basic ${auth}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })
      .on('error', reject);
  });
}

describe('rawPages', () => {
  let api: SampleApi;
  before(async () => {
    api = await startSampleApi({ largeUserEvents: 250 });
  });
  after(() => api.stop());

  it('holds every page body as received, in page order, also with pages fetched concurrently', async () => {
    const client = sampleClient(api, { pageSize: 40, concurrency: 4 });
    const { userId, targetRuleId } = SAMPLE_LOOKUPS.large;
    const result = await client.fetchTrackedTargetEvents({ userId, targetRuleId });
    client.dispose();
    assert.equal(result.rawPages.length, result.pagesFetched);
    for (const [index, raw] of result.rawPages.entries()) {
      assert.equal(raw, await fetchBody(api, `/v3/users/${userId}/trackedTargetEvents/${targetRuleId}?limit=40&offset=${index}`), `page ${index}`);
    }
    const ids = result.rawPages.flatMap((raw) => (JSON.parse(raw) as { data: Array<{ eventLogId: number }> }).data.map((e) => String(e.eventLogId)));
    assert.deepEqual(ids, result.events.map((event) => event.eventLogId));
  });
});
