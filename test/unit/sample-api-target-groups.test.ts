// The sample Capillary API over real HTTP on 127.0.0.1. targetGroups and targetPeriods: groups, targets per period with
// goal and achieved value, calendars, the failure knob.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROGRESS_LOOKUPS, SAMPLE_LOOKUPS, type SampleApi } from '../../sample-api/server';
import { DOC, eventsPath, get, useSharedSampleApi } from './sample-api-support';

let api: SampleApi;
useSharedSampleApi((started) => (api = started));

type TargetsBody = { data: { targetGroups: Array<{ id: number; trackingType: string; timeZoneName: string; targets: Array<Record<string, unknown>> }> } };

async function targetsOf(pathAndQuery: string): Promise<{ text: string; body: TargetsBody }> {
  const answer = await get(api, pathAndQuery);
  assert.equal(answer.status, 200, answer.text);
  return { text: answer.text, body: JSON.parse(answer.text) as TargetsBody };
}

test('targetGroups lists the user groups and targets derived from the seeded events', async () => {
  const answer = await get(api, '/v3/users/564332013/targetGroups?includeInactive=true');
  assert.equal(answer.status, 200);
  const body = JSON.parse(answer.text) as {
    data: { userId: number; customer: { firstName: string }; targetGroups: Array<{ id: number; name: string; trackingType: string; targets: Array<Record<string, unknown>> }> };
    errors: unknown[];
  };
  assert.deepEqual(body.errors, []);
  assert.equal(body.data.userId, 564332013);
  assert.ok(body.data.customer.firstName);
  assert.equal(body.data.targetGroups.length, 1);
  const group = body.data.targetGroups[0];
  assert.equal(group.id, 1717);
  assert.equal(group.trackingType, 'DEFAULT');
  assert.deepEqual(group.targets.map((t) => t.periodId), [9887, 9888, 9889]);
  assert.deepEqual(group.targets.map((t) => t.targetRuleId), [1986, 1986, 1986]);
  assert.deepEqual(group.targets.map((t) => t.currentPeriod), [false, false, true]);
  assert.ok(answer.text.includes('"targetAchievedValue":9000.92,'));
  assert.ok(answer.text.includes('"targetAchievedValue":3999.54,'));
  assert.ok(answer.text.includes('"targetAchievedValue":2000,'));
  for (const target of group.targets) {
    for (const key of ['targetId', 'periodStartDate', 'periodEndDate', 'targetValue', 'targetName', 'eventName']) assert.ok(key in target, key);
    assert.ok(String(target.periodStartDate) <= String(target.periodEndDate));
  }

  const streak = JSON.parse((await get(api, '/v3/users/387544807/targetGroups')).text) as typeof body;
  assert.equal(streak.data.targetGroups[0].trackingType, 'STREAKS');
  assert.equal(streak.data.targetGroups[0].targets[0].eventName, 'GENERIC_EVENT');
  const big = await get(api, `/v3/users/${SAMPLE_LOOKUPS.bigIds.userId}/targetGroups?includeInactive=true`);
  assert.ok(big.text.includes('"id":9007199254740997,'));
  assert.ok(big.text.includes('"periodId":9007199254741001,'));

  const unknown = JSON.parse((await get(api, '/v3/users/111111111/targetGroups')).text) as { errors: Array<{ code: number }> };
  assert.equal(unknown.errors[0].code, 310011);
});

test('targetGroups answers the current cycle only, unless includeInactive; inactive milestones only with includeInactiveTargets', async () => {
  const current = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=1986');
  assert.deepEqual(current.body.data.targetGroups[0].targets.map((t) => [t.periodId, t.currentPeriod]), [[9889, true]]);
  const every = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=1986&includeInactive=true');
  assert.deepEqual(every.body.data.targetGroups[0].targets.map((t) => t.periodId), [9887, 9888, 9889]);
  const milestones = (targets: TargetsBody) => (targets.data.targetGroups[0].targets[0].milestones as Array<{ active: boolean }>).map((m) => m.active);
  assert.deepEqual(milestones(every.body), [true]);
  const withInactive = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=1986&includeInactive=true&includeInactiveTargets=true');
  assert.deepEqual(milestones(withInactive.body), [true, false]);
  const otherRule = await targetsOf('/v3/users/564332013/targetGroups?targetRuleId=4242');
  assert.deepEqual(otherRule.body.data.targetGroups, [], 'targetRuleId narrows to that rule');
});

test('targetGroups: goal, achieved and window per period, as Capillary counts (processed in the period, after enrolment)', async () => {
  const query = '?includeInactive=true&includeInactiveTargets=true';
  const doc = await targetsOf(`/v3/users/564332013/targetGroups${query}`);
  const docTargets = doc.body.data.targetGroups[0].targets;
  assert.ok(doc.text.includes('"targetValue":5000.000,'), 'the goal is the group’s');
  assert.deepEqual(docTargets.map((t) => t.targetAchievedEventLogId), [606068043, undefined, undefined], 'the third event crossed 5000');
  assert.equal(docTargets[0].periodStartDateWithTimeStamp, '2025-01-09 00:00:00');

  const late = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.lateProcessed.userId}/targetGroups${query}`);
  assert.ok(late.text.includes('"periodId":21801,"periodRefCode":"P1","periodStartDate":"2025-01-01","periodEndDate":"2025-01-31"'), late.text);
  assert.ok(late.text.includes('"targetAchievedValue":8000,'), 'the event processed on 1 February is not credited to January');

  const early = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.beforeEnrolment.userId}/targetGroups${query}`);
  assert.ok(early.text.includes('"targetAchievedValue":3800.40,'), 'the event before enrolment is not credited');
  assert.equal(early.body.data.targetGroups[0].targets[0].enrolledOn, '2025-03-10 00:00:00');

  const withReturn = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.withReturn.userId}/targetGroups${query}`);
  assert.ok(withReturn.text.includes('"targetAchievedValue":6000.00,'), 'the return is subtracted');

  const quiet = await targetsOf(`/v3/users/${PROGRESS_LOOKUPS.quietPeriod.userId}/targetGroups${query}`);
  assert.deepEqual(quiet.body.data.targetGroups[0].targets.map((t) => t.periodId), [22101, 22102, 22103, 22104]);
  assert.ok(quiet.text.includes('"periodId":22103,'), 'the month without events has a target too');

  const streak = await targetsOf(`/v3/users/${SAMPLE_LOOKUPS.behavioural.userId}/targetGroups${query}`);
  assert.deepEqual(streak.body.data.targetGroups[0].targets[0].streaks, [{ status: 'COMPLETED', currentCount: 2, totalTargetCountOfSequence: 2 }]);
});

test('targetPeriods of a group with a calendar lists its periods without events too, with date-only bounds', async () => {
  const answer = await get(api, '/v3/targetGroups/1721/targetPeriods');
  const body = JSON.parse(answer.text) as { data: Array<{ id: number; startDate: string; endDate: string; periodStatus: string }> };
  assert.deepEqual(
    body.data.map((p) => [p.id, p.startDate, p.endDate, p.periodStatus]),
    [
      [22101, '2025-01-01', '2025-01-31', 'ENDED'],
      [22102, '2025-02-01', '2025-02-28', 'ENDED'],
      [22103, '2025-03-01', '2025-03-31', 'ENDED'],
      [22104, '2025-04-01', '2025-04-30', 'RUNNING'],
    ],
  );
});

test('fault targetGroupsFailStatus: targetGroups fails (403 with code 4000, or the status), events and periods still answer', async () => {
  api.setFaults({ targetGroupsFailStatus: 403 });
  const denied = await get(api, '/v3/users/564332013/targetGroups');
  assert.equal(denied.status, 403);
  assert.equal((JSON.parse(denied.text) as { errors: Array<{ code: number }> }).errors[0].code, 4000);
  api.setFaults({ targetGroupsFailStatus: 500 });
  assert.equal((await get(api, '/v3/users/564332013/targetGroups')).status, 500);
  assert.equal((await get(api, '/v3/targetGroups/1717/targetPeriods')).status, 200);
  assert.equal((await get(api, eventsPath(DOC))).status, 200);
  api.resetFaults();
  assert.equal((await get(api, '/v3/users/564332013/targetGroups')).status, 200);
});

test('targetPeriods lists the group periods in order, the last one RUNNING', async () => {
  const answer = await get(api, '/v3/targetGroups/1717/targetPeriods');
  assert.equal(answer.status, 200);
  const body = JSON.parse(answer.text) as { data: Array<{ id: number; startDate: string; endDate: string; periodStatus: string; targetGroupId: number; refCode: string; active: boolean }> };
  assert.deepEqual(body.data.map((p) => p.id), [9887, 9888, 9889]);
  assert.deepEqual(body.data.map((p) => p.periodStatus), ['ENDED', 'ENDED', 'RUNNING']);
  assert.ok(body.data.every((p) => p.targetGroupId === 1717 && p.active && p.refCode));
  assert.equal(body.data[0].startDate, '2025-01-09 00:00:00.0');
  for (let i = 1; i < body.data.length; i++) assert.ok(body.data[i - 1].endDate < body.data[i].startDate);

  const large = JSON.parse((await get(api, '/v3/targetGroups/7001/targetPeriods')).text) as typeof body;
  assert.equal(large.data.length, 100);
  assert.equal(new Set(large.data.map((p) => p.id)).size, 100);
  assert.equal((await get(api, '/v3/targetGroups/424242/targetPeriods')).status, 404);
  assert.equal((await get(api, '/v3/targetGroups/abc/targetPeriods')).status, 400);
});
