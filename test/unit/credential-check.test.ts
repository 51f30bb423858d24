// The credential check and the wizard's recovery actions, against the sample API's real answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSampleApi, type SampleApi } from '../../sample-api/server';
import { CapillaryApiError, checkCredentials, md5Hex } from '../../src/capillary';
import { wizardRecovery } from '../../src/lookup/wizardRecovery';
import { basicAuth, oauthAuth, sampleClient } from './api-support';

describe('checkCredentials', () => {
  let api: SampleApi;
  before(async () => {
    api = await startSampleApi({ largeUserEvents: 50 });
  });
  after(() => api.stop());

  it('says accepted for working Basic and OAuth credentials, with one events request', async () => {
    for (const auth of [basicAuth(), oauthAuth()]) {
      api.resetStats();
      const client = sampleClient(api, { auth });
      assert.deepEqual(await checkCredentials(client), { verdict: 'accepted' });
      assert.equal(api.stats().eventsRequests, 1);
      client.dispose();
    }
  });

  it('says refused for a wrong password or OAuth secret', async () => {
    for (const auth of [
      { kind: 'basic' as const, username: 'store.server', passwordMd5: md5Hex('wrong') },
      { kind: 'oauth' as const, clientKey: 'sample-key', clientSecret: 'wrong' },
    ]) {
      const client = sampleClient(api, { auth });
      const check = await checkCredentials(client);
      assert.equal(check.verdict, 'refused', auth.kind);
      assert.ok(check.error instanceof CapillaryApiError);
      client.dispose();
    }
  });

  it('says notAllowed when the credentials lack the target APIs\' access group (403, code 4000)', async () => {
    api.setFaults({ accessErrorCode: 4000 });
    const client = sampleClient(api);
    const check = await checkCredentials(client);
    api.resetFaults();
    client.dispose();
    assert.equal(check.verdict, 'notAllowed');
    assert.equal(check.error?.httpStatus, 403);
  });

  it('says unknown when the check itself fails (server error, no retries)', async () => {
    api.setFaults({ failFirst: 1, failStatus: 503 });
    const client = sampleClient(api, { retries: 0 });
    const check = await checkCredentials(client);
    api.resetFaults();
    client.dispose();
    assert.equal(check.verdict, 'unknown');
    assert.equal(check.error?.httpStatus, 503);
  });
});

describe('wizardRecovery', () => {
  let api: SampleApi;
  before(async () => {
    api = await startSampleApi({ largeUserEvents: 50 });
  });
  after(() => api.stop());

  async function targetGroupsError(auth = basicAuth(), userId = '999000111'): Promise<unknown> {
    const client = sampleClient(api, { auth, retries: 0 });
    try {
      await client.getUserTargetGroups(userId);
      return undefined;
    } catch (error) {
      return error;
    } finally {
      client.dispose();
    }
  }

  it('an unknown user (310011) is fixed by entering another user', async () => {
    const error = await targetGroupsError();
    assert.equal((error as CapillaryApiError).code, 310011);
    assert.deepEqual(wizardRecovery(error, 'EU'), { action: 'anotherUser', label: 'Enter another user' });
  });

  it('refused credentials (HTTP 401) are fixed by setting the credentials of the profile, named', async () => {
    const error = await targetGroupsError({ kind: 'basic', username: 'store.server', passwordMd5: md5Hex('wrong') });
    assert.equal((error as CapillaryApiError).httpStatus, 401);
    assert.deepEqual(wizardRecovery(error, 'EU prod'), { action: 'setCredentials', label: 'Set Credentials for profile "EU prod"' });
  });

  it('a network failure is offered another try', async () => {
    const client = sampleClient({ ...api, url: 'http://127.0.0.1:1' }, { retries: 0 });
    const error = await client.getUserTargetGroups('1').catch((e: unknown) => e);
    client.dispose();
    assert.equal((error as CapillaryApiError).kind, 'network');
    assert.equal(wizardRecovery(error, 'EU').action, 'again');
  });
});
