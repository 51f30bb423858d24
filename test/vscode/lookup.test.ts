import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CapillaryApiError, LookupResult } from '../../src/api';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import { BASIC_PROFILE, OAUTH_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

async function lookUp(args: Record<string, unknown>): Promise<LookupResult> {
  return (await vscode.commands.executeCommand('capillary.lookupEvents', args)) as LookupResult;
}

async function lookUpError(args: Record<string, unknown>): Promise<CapillaryApiError> {
  try {
    await lookUp(args);
  } catch (error) {
    return error as CapillaryApiError;
  }
  throw new Error('the lookup was expected to fail');
}

suite('Looking up events (command with arguments)', () => {
  const environment = useSampleEnvironment();
  teardown(() => environment.api.resetFaults());

  test('the documentation example comes back grouped by period with exact sums, and its table opens', async () => {
    const result = await lookUp({ ...SAMPLE_LOOKUPS.docExample });
    assert.equal(result.events.length, 10);
    assert.deepEqual(
      result.groups.map((g) => [g.periodId, g.count, g.totalTargetValue]),
      [
        ['9887', 5, '9000.92'],
        ['9888', 3, '3999.54'],
        ['9889', 2, '2000'],
      ],
    );
    const ext = await extensionApi();
    const panel = ext.panelOf({ profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample });
    assert.ok(panel, 'a table panel is open for the lookup');
    assert.match(panel.title, /user 564332013 · rule 1986/);
  });

  test('a periodId argument narrows the lookup to that period', async () => {
    const result = await lookUp({ ...SAMPLE_LOOKUPS.docExample, periodId: '9889' });
    assert.deepEqual(result.events.map((e) => e.eventLogId), ['615460983', '615461137']);
  });

  test('IDs past 2^53 arrive with every digit', async () => {
    const result = await lookUp({ ...SAMPLE_LOOKUPS.bigIds });
    assert.ok(result.events.length > 0);
    for (const event of result.events) {
      assert.match(event.eventLogId, /^\d+$/);
      assert.ok(BigInt(event.eventLogId) > BigInt(Number.MAX_SAFE_INTEGER), `${event.eventLogId} is past 2^53`);
      assert.equal(event.customerId, SAMPLE_LOOKUPS.bigIds.userId);
    }
  });

  test('the OAuth profile works the same', async () => {
    const result = await lookUp({ ...SAMPLE_LOOKUPS.behavioural, profile: OAUTH_PROFILE });
    assert.equal(result.events.length, 2);
    assert.equal(result.events[0].targetValue, '1.000');
    const tokenHeaders = environment.api.requests.filter((r) => r.headers['x-cap-api-oauth-token']);
    assert.ok(tokenHeaders.length > 0, 'the server saw the OAuth token header');
  });

  test('a malformed userId is refused before any request, naming the field', async () => {
    const before = environment.api.stats().requests;
    const error = await lookUpError({ userId: '12a4', targetRuleId: '1986' });
    assert.equal(error.kind, 'invalid-input');
    assert.match(error.message, /userId/);
    assert.equal(environment.api.stats().requests, before, 'no request was sent');
  });

  test('an unknown targetRuleId reports Capillary code 310018 with a hint', async () => {
    const error = await lookUpError({ userId: SAMPLE_LOOKUPS.docExample.userId, targetRuleId: '424242' });
    assert.equal(error.code, 310018);
    assert.ok(error.hint.length > 0);
    const ext = await extensionApi();
    const state = ext.lookupState({ profileName: BASIC_PROFILE, userId: SAMPLE_LOOKUPS.docExample.userId, targetRuleId: '424242' });
    assert.equal(state.status, 'failed');
  });

  test('a customer without events gets 310149', async () => {
    const error = await lookUpError({ ...SAMPLE_LOOKUPS.noEvents });
    assert.equal(error.code, 310149);
  });

  test('an unknown profile name is refused with a clear message', async () => {
    await assert.rejects(lookUp({ ...SAMPLE_LOOKUPS.docExample, profile: 'Nope' }), /no profile named "Nope"/);
  });

  test('two lookups at once each end with their own data', async () => {
    const [doc, behavioural] = await Promise.all([
      lookUp({ ...SAMPLE_LOOKUPS.docExample }),
      lookUp({ ...SAMPLE_LOOKUPS.behavioural }),
    ]);
    assert.ok(doc.events.every((e) => e.customerId === SAMPLE_LOOKUPS.docExample.userId));
    assert.ok(behavioural.events.every((e) => e.customerId === SAMPLE_LOOKUPS.behavioural.userId));
    assert.equal(doc.events.length, 10);
    assert.equal(behavioural.events.length, 2);
  });

  test('refresh while loading supersedes the first fetch; the lookup ends done with the complete data', async () => {
    environment.api.setFaults({ latencyMs: 40 });
    const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.large };
    const first = lookUp({ ...SAMPLE_LOOKUPS.large });
    const ext = await extensionApi();
    await eventually('the first fetch is loading', () => ext.lookupState(lookup).status === 'loading');
    const second = lookUp({ ...SAMPLE_LOOKUPS.large });
    await assert.rejects(first, (error: CapillaryApiError) => error.kind === 'cancelled');
    const result = await second;
    assert.equal(result.events.length, 3000);
    assert.equal(new Set(result.events.map((e) => e.eventLogId)).size, 3000);
    assert.equal(ext.lookupState(lookup).status, 'done');
  });

  test('closing the table mid-fetch cancels it and keeps what arrived, marked partial', async () => {
    environment.api.setFaults({ latencyMs: 60 });
    const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.large };
    const ext = await extensionApi();
    const fetch = lookUp({ ...SAMPLE_LOOKUPS.large });
    await eventually('some pages arrived', () => {
      const state = ext.lookupState(lookup);
      return state.status === 'loading' && (state.progress?.pagesFetched ?? 0) >= 2;
    });
    ext.panelOf(lookup)?.dispose();
    const error = (await fetch.then(
      () => undefined,
      (e: CapillaryApiError) => e,
    )) as CapillaryApiError;
    assert.equal(error?.kind, 'cancelled');
    const state = ext.lookupState(lookup);
    assert.equal(state.status, 'failed');
    assert.ok(state.status === 'failed' && state.partial && state.partial.events.length > 0 && state.partial.events.length < 3000);
  });

  test('switching the active profile during a fetch does not change the profile that fetch uses', async () => {
    environment.api.setFaults({ latencyMs: 30 });
    const fetch = lookUp({ ...SAMPLE_LOOKUPS.docExample, profile: BASIC_PROFILE });
    await vscode.commands.executeCommand('capillary.switchProfile', OAUTH_PROFILE);
    const result = await fetch;
    assert.equal(result.events.length, 10);
    await vscode.commands.executeCommand('capillary.switchProfile', BASIC_PROFILE);
    assert.equal(vscode.workspace.getConfiguration('capillary').get('activeProfile'), BASIC_PROFILE);
  });
});

suite('Deep links', () => {
  useSampleEnvironment();

  test('…/lookup?userId=…&targetRuleId=…&periodId=… opens the table for that lookup', async () => {
    const ext = await extensionApi();
    const { userId, targetRuleId } = SAMPLE_LOOKUPS.docExample;
    await ext.openLink(
      vscode.Uri.parse(`vscode://capillary-tools.capillary-target-events/lookup?userId=${userId}&targetRuleId=${targetRuleId}&periodId=9888`),
    );
    const lookup = { profileName: BASIC_PROFILE, userId, targetRuleId, periodId: '9888' };
    assert.ok(ext.panelOf(lookup), 'the table is open');
    const state = await eventually('the lookup is fetched', () => {
      const current = ext.lookupState(lookup);
      return current.status === 'done' ? current : undefined;
    });
    assert.equal(state.result.events.length, 3);
  });
});

suite('A failed refresh keeps what was fetched', () => {
  const environment = useSampleEnvironment();

  test('the previous complete result stays, marked as kept, with the refresh error', async () => {
    const ext = await extensionApi();
    const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };
    await lookUp({ ...SAMPLE_LOOKUPS.docExample });
    environment.api.setFaults({ xml401: 1 });
    await lookUpError({ ...SAMPLE_LOOKUPS.docExample });
    const state = ext.lookupState(lookup);
    assert.equal(state.status, 'failed');
    assert.ok(state.status === 'failed' && state.keptFrom instanceof Date, 'the kept result says when it was fetched');
    assert.equal(state.status === 'failed' ? state.partial?.events.length : 0, 10);
    environment.api.resetFaults();
  });
});
