// The endpoint modules: the one reading of targetGroups (for the wizard's pickers and the target progress) and of
// targetPeriods, on the documented spellings; each endpoint's request, as the client sends it and as "Copy as cURL"
// writes it; targetGroups asked for once when the wizard's answer is handed to the target progress; and the one
// list of credential refusals.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import {
  CapillaryApiError,
  fetchTrackedTargetEvents,
  oauthTokenRequest,
  parseJson,
  readTargetPeriods,
  readUserTargetGroups,
  requestUrl,
  targetGroupsRequest,
  targetPeriodsRequest,
  trackedTargetEventsRequest,
  type JsonObject,
} from '../../src/capillary';
import { groupOfRule, targetProgress } from '../../src/capillary/targetProgress';
import { buildCurlScript } from '../../src/export/curl';
import { credentialsRefused, isUnknownUser } from '../../src/shared/rules';
import { assertNoLeaks, basicAuth, rejection, resourceBaseline, withClient } from './api-support';

/** A 200 answer with `body`, as the transport hands it to a reader. */
const answer = (body: string) => ({ status: 200, body: parseJson(body) as JsonObject, requestId: 'req-1' });

// The documented fields, as the documentation and newer clusters write them: Longs past 2^53, ISO and time-stamped
// bounds beside date-only ones, decimals as numbers and strings, flags as text, a group without its own ID.
const groupsBody = `{"data":{"userId":9007199254740993,"targetGroups":[
  {"id":9007199254740997,"name":"Spend","trackingType":"STREAKS","targetEvaluationType":"FIXED_CALENDAR_WINDOW","timeZoneName":"Asia/Kolkata",
   "targets":[
    {"targetId":41,"targetRuleId":9007199254740995,"periodId":9007199254741001,"periodRefCode":"P1","periodStartDate":"2025-01-01",
     "periodEndDate":"2025-01-31","periodEndDateWithTimeStampISO":"2025-01-31T23:59:59Z","targetValue":5000.000,"targetAchievedValue":"2000.46",
     "targetName":"Spend 5000","eventName":"ADD_TRANSACTION","targetType":"SALES","targetEntity":"TRANSACTION","currentPeriod":false,
     "unEnrolled":"false","enrolledOn":"2025-01-03 10:00:00","targetAchievedEventLogId":606066681,
     "milestones":[{"triggerName":"Half","triggerValue":2500,"isAchieved":"true"}],
     "streaks":[{"status":"IN_PROGRESS","currentCount":1,"totalTargetCountOfSequence":"3"}]},
    {"targetRuleId":"9007199254740995","periodId":"9007199254741002","periodStartDateWithTimeStamp":"2025-02-01 00:00:00",
     "periodEndDate":"2025-02-28","targetValue":"1e3","targetAchievedValue":null,"currentPeriod":true}]},
  {"name":"No ID of its own","targets":[{"targetGroupId":77,"targetRuleId":8,"periodId":1}]}
]},"errors":[],"warnings":[]}`;

const periodsBody = `{"data":[
  {"id":9007199254741002,"startDate":"2025-02-01","endDate":"2025-02-28","refCode":"P2","periodStatus":"RUNNING","targetGroupId":9007199254740997,"active":true},
  {"periodId":9007199254741001,"startDate":"2025-01-01","endDateWithTimeStamp":"2025-01-31 23:59:59","endDate":"2025-01-31","periodStatus":"ENDED","active":"false"},
  {"description":"no ID"}
]}`;

describe('targetGroups: one reading for the pickers and the target progress', () => {
  const groups = readUserTargetGroups(answer(groupsBody), '1');

  it('keeps exact IDs, the group\u2019s fields, and names a group without an ID by its targets', () => {
    assert.equal(groups.userId, '9007199254740993');
    assert.equal(groups.requestId, 'req-1');
    const [spend, unnamed] = groups.targetGroups;
    assert.deepEqual(
      [spend.id, spend.name, spend.trackingType, spend.targetEvaluationType, spend.timeZoneName],
      ['9007199254740997', 'Spend', 'STREAKS', 'FIXED_CALENDAR_WINDOW', 'Asia/Kolkata'],
    );
    assert.equal(unnamed.id, '77');
  });

  it('reads each target with its goal, achieved value, window, enrolment, milestones and streaks', () => {
    const [january, february] = groups.targetGroups[0].targets;
    assert.deepEqual(january, {
      targetRuleId: '9007199254740995',
      periodId: '9007199254741001',
      targetId: '41',
      targetName: 'Spend 5000',
      eventName: 'ADD_TRANSACTION',
      targetType: 'SALES',
      targetEntity: 'TRANSACTION',
      periodRefCode: 'P1',
      start: '2025-01-01',
      end: '2025-01-31T23:59:59Z',
      startTime: Date.UTC(2025, 0, 1),
      endTime: Date.UTC(2025, 0, 31, 23, 59, 59),
      goal: '5000.000',
      achieved: '2000.46',
      currentPeriod: false,
      unEnrolled: false,
      enrolledOn: '2025-01-03 10:00:00',
      enrolledTime: Date.UTC(2025, 0, 3, 10),
      targetAchievedEventLogId: '606066681',
      streaks: [{ status: 'IN_PROGRESS', currentCount: '1', totalTargetCountOfSequence: '3' }],
      milestones: [{ triggerName: 'Half', triggerValue: '2500', isAchieved: true }],
    });
    assert.deepEqual(
      [february.start, february.end, february.endTime, february.goal, february.achieved, february.currentPeriod],
      ['2025-02-01 00:00:00', '2025-02-28', Date.UTC(2025, 1, 28, 23, 59, 59, 999), '1000', undefined, true],
    );
  });

  it('the same reading, combined with the calendar, is the rule\u2019s target progress', () => {
    const calendar = readTargetPeriods(answer(periodsBody), '9007199254740997');
    const group = groupOfRule(groups, '9007199254740995');
    const progress = targetProgress(group, '9007199254740995', calendar);
    assert.equal(progress.targetGroupId, '9007199254740997');
    assert.deepEqual(
      progress.periods.map((period) => [period.periodId, period.status, period.start, period.end, period.goal, period.achieved]),
      [
        ['9007199254741001', 'ENDED', '2025-01-01', '2025-01-31T23:59:59Z', '5000.000', '2000.46'],
        ['9007199254741002', 'RUNNING', '2025-02-01 00:00:00', '2025-02-28', '1000', undefined],
      ],
    );
    assert.deepEqual(progress.periods[0].milestones, [{ triggerName: 'Half', triggerValue: '2500', isAchieved: true }]);
    assert.throws(() => groupOfRule(groups, '4242'), /no target with rule 4242/);
  });

  it('targetPeriods: the most precise bounds, either ID spelling, entries without an ID left out', () => {
    const calendar = readTargetPeriods(answer(periodsBody), '9007199254740997');
    assert.deepEqual(
      calendar.map((period) => [period.id, period.targetGroupId, period.start, period.end, period.periodStatus, period.active]),
      [
        ['9007199254741002', '9007199254740997', '2025-02-01', '2025-02-28', 'RUNNING', true],
        ['9007199254741001', '9007199254740997', '2025-01-01', '2025-01-31 23:59:59', 'ENDED', false],
      ],
    );
  });

  it('an answer without its data is an error that says what was missing', () => {
    assert.throws(() => readUserTargetGroups(answer('{"data":[]}'), '1'), /without the customer\u2019s target groups/);
    assert.throws(() => readTargetPeriods(answer('{"data":{}}'), '1'), /without the list of target periods/);
  });
});

describe('each endpoint\u2019s request, written once', () => {
  let api: SampleApi;
  before(async () => {
    api = await startSampleApi({ largeUserEvents: 20 });
  });
  after(() => api.stop());

  it('builds each request with its path and query, and refuses an ID that is not one', () => {
    assert.deepEqual(trackedTargetEventsRequest({ userId: '5', targetRuleId: '6', periodId: '' }, { limit: 10, offset: 2 }), {
      method: 'GET',
      path: '/v3/users/5/trackedTargetEvents/6',
      query: { periodId: undefined, limit: 10, offset: 2 },
      authenticated: true,
    });
    assert.equal(requestUrl(new URL('https://h/base/'), targetGroupsRequest('5', '6')).href, 'https://h/base/v3/users/5/targetGroups?targetRuleId=6&includeInactive=true&includeInactiveTargets=true');
    assert.equal(requestUrl(new URL('https://h'), targetGroupsRequest('5')).search, '?includeInactive=true&includeInactiveTargets=true');
    assert.equal(targetPeriodsRequest('1717').path, '/v3/targetGroups/1717/targetPeriods');
    assert.deepEqual(
      [oauthTokenRequest('k', 's').method, oauthTokenRequest('k', 's').path, oauthTokenRequest('k', 's').authenticated],
      ['POST', '/v3/oauth/token/generate', false],
    );
    for (const build of [() => trackedTargetEventsRequest({ userId: '1 2', targetRuleId: '6' }, { limit: 1, offset: 0 }), () => targetPeriodsRequest('0')]) {
      assert.throws(build, (error: unknown) => error instanceof CapillaryApiError && error.kind === 'invalid-input');
    }
  });

  it('the client sends the built request, and the cURL script asks for the same URL', async () => {
    const lookup = { ...SAMPLE_LOOKUPS.docExample, periodId: '9887' };
    api.clearRequests();
    await withClient(api, {}, (client) => client.fetchTrackedTargetEventsPage({ ...lookup, limit: 4, offset: 1 }));
    const built = requestUrl(new URL(api.url), trackedTargetEventsRequest(lookup, { limit: 4, offset: 1 }));
    assert.deepEqual(api.requests.map((request) => request.path), [built.pathname + built.search]);
    const script = buildCurlScript({ baseUrl: api.url, params: lookup, authKind: 'basic', pageSize: 4 });
    built.searchParams.delete('offset');
    assert.ok(script.includes(`url='${built.href}'`), script);
    const oauthScript = buildCurlScript({ baseUrl: api.url, params: lookup, authKind: 'oauth', pageSize: 4 });
    assert.ok(oauthScript.includes(requestUrl(new URL(api.url), oauthTokenRequest('CLIENT_KEY', 'CLIENT_SECRET')).href));
  });

  it('fetchTrackedTargetEvents fetches a lookup with a client of its own and leaves nothing open', async () => {
    const baseline = resourceBaseline();
    const result = await fetchTrackedTargetEvents({ baseUrl: api.url, auth: basicAuth() }, SAMPLE_LOOKUPS.docExample);
    assert.equal(result.events.length, 10);
    await assertNoLeaks(baseline);
  });
});

describe('targetGroups once per lookup', () => {
  let api: SampleApi;
  before(async () => {
    api = await startSampleApi({ largeUserEvents: 20 });
  });
  after(() => api.stop());

  const targetGroupsRequests = () => api.requests.filter((request) => /\/targetGroups(\?|$)/.test(request.path)).length;

  it('the wizard\u2019s answer handed to the target progress: one targetGroups request, the same progress', async () => {
    const lookup = SAMPLE_LOOKUPS.docExample;
    const asked = await withClient(api, {}, (client) => client.getTargetProgress(lookup));
    api.clearRequests();
    const handed = await withClient(api, {}, async (client) => {
      const targetGroups = await client.getUserTargetGroups(lookup.userId);
      return client.getTargetProgress(lookup, { targetGroups });
    });
    assert.equal(targetGroupsRequests(), 1);
    assert.deepEqual(handed, asked);
  });

  it('an answer for another customer is not used', async () => {
    api.clearRequests();
    const progress = await withClient(api, {}, async (client) => {
      const other = await client.getUserTargetGroups(SAMPLE_LOOKUPS.large.userId);
      return client.getTargetProgress(SAMPLE_LOOKUPS.docExample, { targetGroups: other });
    });
    assert.equal(progress.targetGroupId, '1717');
    assert.equal(targetGroupsRequests(), 2);
  });

  it('a handed answer without the rule says so, without asking again', async () => {
    api.clearRequests();
    const error = await withClient(api, {}, async (client) => {
      const targetGroups = await client.getUserTargetGroups(SAMPLE_LOOKUPS.docExample.userId);
      return rejection(client.getTargetProgress({ ...SAMPLE_LOOKUPS.docExample, targetRuleId: '4242' }, { targetGroups }));
    });
    assert.match((error as Error).message, /no target with rule 4242/);
    assert.equal(targetGroupsRequests(), 1);
  });
});

describe('one list of credential refusals', () => {
  it('HTTP 401 and 498, body codes 401 and 498, and 320001 are refusals; 403 and 310011 are not', () => {
    for (const refusal of [{ httpStatus: 401 }, { httpStatus: 498 }, { code: 401 }, { code: 498 }, { httpStatus: 200, code: 320001 }]) {
      assert.equal(credentialsRefused(refusal), true, JSON.stringify(refusal));
    }
    for (const other of [{ httpStatus: 403, code: 4000 }, { httpStatus: 200, code: 310011 }, { httpStatus: 500 }, {}]) {
      assert.equal(credentialsRefused(other), false, JSON.stringify(other));
    }
    assert.equal(isUnknownUser({ code: 310011 }), true);
    assert.equal(isUnknownUser({ code: 310018 }), false);
  });
});
