// The lookup wizard's steps, driven through VS Code's own quick input (accepting the selected entry as Enter
// does), with the lists loaded from the sample API; and the profile and credential commands around it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, type SampleApi } from '../../sample-api/server';
import { createCapillaryClient, md5Hex, type CapillaryApiError, type CapillaryClient, type LookupResult } from '../../src/capillary';
import { formatDecimalText } from '../../src/shared/display';
import { pickPeriod, pickTarget, ruleChoices } from '../../src/lookup/wizard';
import { BASIC_PROFILE, OAUTH_PROFILE, eventually, extensionApi, useSampleEnvironment } from './fixture';

function client(api: SampleApi): CapillaryClient {
  const { username, password } = SAMPLE_CREDENTIALS.basic;
  return createCapillaryClient({ baseUrl: api.url, auth: { kind: 'basic', username, passwordMd5: md5Hex(password) }, retries: 0 });
}

/** Presses Enter in the quick input (until the step resolves: its list may still be loading or not shown yet). */
async function acceptUntilSettled<T>(step: Promise<T>): Promise<T> {
  let settled = false;
  const result = step.finally(() => {
    settled = true;
  });
  await eventually('the step accepted an entry', async () => {
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return settled;
  });
  return result;
}

suite('Lookup wizard steps', () => {
  const environment = useSampleEnvironment();
  let apiClient: CapillaryClient;
  suiteSetup(() => {
    apiClient = client(environment.api);
  });
  suiteTeardown(async () => {
    apiClient.dispose();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('the rule list has one entry per rule, with its event, tracking type and the current period\'s progress', async () => {
    const { targetGroups: fetched } = await apiClient.getUserTargetGroups(SAMPLE_LOOKUPS.large.userId);
    const current = fetched.flatMap((group) => group.targets).find((target) => target.currentPeriod);
    assert.ok(current?.periodId && current.achieved && current.goal);
    // With inactive cycles included Capillary lists a rule once per period: the step still shows it once.
    const earlier = [1, 2, 3].map((back) => ({ ...current, periodId: String(Number(current.periodId) - back), currentPeriod: false }));
    const targetGroups = [{ ...fetched[0], targets: [...earlier, current] }];
    const choices = ruleChoices(targetGroups);
    assert.deepEqual(
      choices.map((choice) => choice.value?.targetRuleId),
      [SAMPLE_LOOKUPS.large.targetRuleId],
    );
    const [rule] = choices;
    assert.match(rule.label, new RegExp(`^Rule ${SAMPLE_LOOKUPS.large.targetRuleId} · ${targetGroups[0].name}$`));
    assert.equal(rule.description, [current.eventName, targetGroups[0].trackingType].join(' · '));
    assert.doesNotMatch(rule.detail ?? '', /\bperiods?$/, 'no period count: targetGroups does not list all of a rule\u2019s periods');
    assert.ok(rule.detail?.startsWith(`Current period ${current.periodId}: ${formatDecimalText(current.achieved ?? '')} of ${formatDecimalText(current.goal ?? '')}`), rule.detail);
  });

  test('Enter on the rule step takes the customer\'s rule with its target group', async () => {
    const picked = await acceptUntilSettled(pickTarget(apiClient, SAMPLE_LOOKUPS.docExample.userId));
    assert.equal(picked?.targetRuleId, SAMPLE_LOOKUPS.docExample.targetRuleId);
    assert.equal(picked?.targetGroupId, '1717');
  });

  test('the period step has "All periods" first and selected, also once the periods are listed', async () => {
    environment.api.clearRequests();
    const target = await acceptUntilSettled(pickTarget(apiClient, SAMPLE_LOOKUPS.docExample.userId));
    assert.ok(target);
    const step = pickPeriod(apiClient, target);
    await eventually('the periods were requested', () => environment.api.requests.some((r) => r.path.endsWith('/targetGroups/1717/targetPeriods')));
    assert.equal(await acceptUntilSettled(step), '');
  });

  test('a lookup from the wizard asks for targetGroups once: the rule list\'s answer serves its target progress', async () => {
    const { userId } = SAMPLE_LOOKUPS.docExample;
    environment.api.clearRequests();
    // The wizard from its rule step (a customer read from a value): Enter takes the rule, then "All periods".
    const lookup = vscode.commands.executeCommand<LookupResult | undefined>('capillary.lookupFromValue', { value: userId });
    const result = await acceptUntilSettled(Promise.resolve(lookup));
    assert.equal(result?.events.length, 10);
    const paths = () => environment.api.requests.map((request) => request.path);
    // The target progress is reconciled from the wizard's targetGroups answer (and the group's period calendar: asked
    // again, or the one a held result's refresh reuses).
    const ext = await extensionApi();
    // This fetch set its target progress to loading when it began: `ok` is this fetch's.
    await eventually('the target progress arrived', () => ext.lookupState({ profileName: BASIC_PROFILE, ...SAMPLE_LOOKUPS.docExample }).targetProgress.status === 'ok');
    assert.ok(paths().some((path) => path.endsWith('/targetGroups/1717/targetPeriods')), 'the wizard listed the periods');
    assert.deepEqual(
      paths().filter((path) => path.startsWith(`/v3/users/${userId}/targetGroups`)),
      [`/v3/users/${userId}/targetGroups?includeInactive=true&includeInactiveTargets=true`],
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an unknown user stops the rule step with Capillary\'s 310011 error (the list closes)', async () => {
    await assert.rejects(pickTarget(apiClient, '999000111'), (error: CapillaryApiError) => error.code === 310011);
  });
});

suite('Profiles and credentials in the wizard\'s way', () => {
  const environment = useSampleEnvironment();

  test('Edit Profile offers the current values first: Enter at each step keeps the profile as it is', async () => {
    const before = { name: OAUTH_PROFILE, baseUrl: environment.api.url, authType: 'oauth' };
    const edited = await acceptUntilSettled(Promise.resolve(vscode.commands.executeCommand('capillary.editProfile', { profile: OAUTH_PROFILE })));
    assert.deepEqual(edited, before);
    const profiles = vscode.workspace.getConfiguration('capillary').get<unknown[]>('profiles') ?? [];
    assert.deepEqual(profiles.find((p) => (p as { name: string }).name === OAUTH_PROFILE), before);
  });

  test('Set Credentials with verify checks them at once with one request and saves working ones', async () => {
    environment.api.resetStats();
    const saved = await vscode.commands.executeCommand('capillary.setCredentials', { profile: BASIC_PROFILE, ...SAMPLE_CREDENTIALS.basic, verify: true });
    assert.equal(saved, true);
    assert.equal(environment.api.stats().eventsRequests, 1);
  });

  test('Set Credentials with verify refuses to save credentials Capillary refuses; the old ones stay', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('capillary.setCredentials', { profile: BASIC_PROFILE, username: 'store.server', password: 'wrong', verify: true })),
      /were not saved: .*HTTP 401/,
    );
    const result = await vscode.commands.executeCommand('capillary.lookupEvents', { ...SAMPLE_LOOKUPS.docExample, profile: BASIC_PROFILE });
    assert.ok(result, 'the saved credentials still work');
    const ext = await extensionApi();
    assert.deepEqual(await ext.storedSecretKinds(BASIC_PROFILE), ['credentials']);
  });
});
