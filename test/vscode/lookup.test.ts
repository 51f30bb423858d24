import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CapillaryApiError, LookupResult } from '../../src/capillary';
import { SAMPLE_LOOKUPS } from '../../sample-api/server';
import type { Lookup } from '../../src/lookup/lookups';
import { BASIC_PROFILE, OAUTH_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

async function lookUp(args: Record<string, unknown>): Promise<LookupResult> {
  return await vscode.commands.executeCommand<LookupResult>('capillary.lookupEvents', args);
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
    assert.equal(state.fetch.phase, 'failed');
    assert.equal(state.lastComplete, undefined);
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
    await eventually('the first fetch is loading', () => ext.lookupState(lookup).fetch.phase === 'loading');
    const second = lookUp({ ...SAMPLE_LOOKUPS.large });
    await assert.rejects(first, (error: CapillaryApiError) => error.kind === 'cancelled');
    const result = await second;
    assert.equal(result.events.length, 3000);
    assert.equal(new Set(result.events.map((e) => e.eventLogId)).size, 3000);
    assert.equal(ext.lookupState(lookup).fetch.phase, 'done');
    // The command adds progress and flags to a copy; the groups it resolves with are the held result's own.
    assert.equal(ext.lookupState(lookup).lastComplete?.result.groups, result.groups);
  });

  test('closing the table mid-fetch cancels it and keeps what arrived, marked partial', async () => {
    environment.api.setFaults({ latencyMs: 60 });
    // Pages of 100, so that 3,000 events take 30 pages: the table is closed while most are still to come.
    const settings = vscode.workspace.getConfiguration('capillary');
    await settings.update('pageSize', 100, vscode.ConfigurationTarget.Global);
    try {
      // Through the OAuth profile: a lookup no earlier test completed, so every page is fetched (a held result's
      // refresh would ask for its last page only).
      const lookup = { profileName: OAUTH_PROFILE, ...SAMPLE_LOOKUPS.large };
      const ext = await extensionApi();
      const fetch = lookUp({ profile: OAUTH_PROFILE, ...SAMPLE_LOOKUPS.large });
      await eventually('some pages arrived', () => {
        const state = ext.lookupState(lookup);
        return state.fetch.phase === 'loading' && (state.fetch.fetchProgress?.pagesFetched ?? 0) >= 2;
      });
      ext.panelOf(lookup)?.dispose();
      const error = (await fetch.then(
        () => undefined,
        (e: CapillaryApiError) => e,
      )) as CapillaryApiError;
      assert.equal(error?.kind, 'cancelled');
      const state = ext.lookupState(lookup);
      assert.equal(state.fetch.phase, 'cancelled');
      const partial = state.fetch.phase === 'cancelled' ? state.fetch.partial : undefined;
      assert.ok(partial && partial.result.events.length > 0 && partial.result.events.length < 3000);
    } finally {
      await settings.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
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
      return current.fetch.phase === 'done' ? current.lastComplete : undefined;
    });
    assert.equal(state.result.events.length, 3);
  });
});

suite('A failed refresh keeps what was fetched', () => {
  const environment = useSampleEnvironment();
  teardown(() => environment.api.resetFaults());

  async function exported(lookup: Lookup): Promise<{ message: string; json: { complete: boolean; fetchedAt: string; eventCount: string } }> {
    const uri = vscode.Uri.file(path.join(os.tmpdir(), `capillary-kept-${process.pid}-${Date.now()}.json`));
    const message = await vscode.commands.executeCommand<string>('capillary.exportLookup', lookup, { format: 'json', uri });
    const json = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
    await vscode.workspace.fs.delete(uri);
    return { message, json };
  }

  for (const failures of [1, 2, 3]) {
    test(`after ${failures} failed refresh(es) in a row the last complete result stays, labelled complete with its time`, async () => {
      const ext = await extensionApi();
      const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample };
      const complete = await lookUp({ ...SAMPLE_LOOKUPS.docExample });
      const fetchedAt = ext.lookupState(lookup).lastComplete?.fetchedAt;
      assert.ok(fetchedAt instanceof Date);
      for (let attempt = 1; attempt <= failures; attempt++) {
        environment.api.setFaults({ xml401: 1 });
        const error = await lookUpError({ ...SAMPLE_LOOKUPS.docExample });
        assert.equal(error.httpStatus, 401);
        const state = ext.lookupState(lookup);
        assert.equal(state.fetch.phase, 'failed', `refresh ${attempt} failed`);
        assert.equal(state.lastComplete?.result.groups, complete.groups, `the complete result is still held after failure ${attempt}`);
        assert.equal(state.lastComplete?.fetchedAt, fetchedAt);
      }
      const { message, json } = await exported(lookup);
      assert.equal(json.complete, true, 'the export says the events are the complete result');
      assert.equal(json.fetchedAt, fetchedAt.toISOString());
      assert.equal(json.eventCount, 10);
      assert.match(message, /\(the complete result, fetched at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\)/);
      assert.doesNotMatch(message, /partial/);
    });
  }

  test('a refresh started while another is loading, then failing, keeps the complete result', async () => {
    const ext = await extensionApi();
    const lookup = { profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.large };
    const complete = await lookUp({ ...SAMPLE_LOOKUPS.large });
    environment.api.setFaults({ latencyMs: 40 });
    const first = lookUp({ ...SAMPLE_LOOKUPS.large }).then(
      () => undefined,
      (error: CapillaryApiError) => error,
    );
    await eventually('the first refresh is loading', () => ext.lookupState(lookup).fetch.phase === 'loading');
    environment.api.setFaults({ latencyMs: 0, xml401: 1 });
    const second = await lookUpError({ ...SAMPLE_LOOKUPS.large });
    assert.equal((await first)?.kind, 'cancelled', 'the first refresh was superseded');
    assert.equal(second.httpStatus, 401);
    const state = ext.lookupState(lookup);
    assert.equal(state.fetch.phase, 'failed');
    assert.equal(state.lastComplete?.result.groups, complete.groups);
    assert.equal(state.lastComplete?.result.events.length, 3000);
  });
});
