// Target progress: read over real HTTP from the sample API (each seeded case) and from a server that answers
// in the other documented spellings, then reconciled with the lookup's events.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PROGRESS_LOOKUPS, SAMPLE_LOOKUPS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { createCapillaryClient, type CapillaryApiError, type TargetProgress } from '../../src/capillary';
import { reconcile } from '../../src/targetProgress/reconcile';
import { basicAuth, rejection, withClient } from './api-support';

let api: SampleApi;
before(async () => {
  api = await startSampleApi({ largeUserEvents: 200 });
});
after(() => api.stop());

async function progressAndReconciliation(lookup: { userId: string; targetRuleId: string }) {
  return withClient(api, {}, async (client) => {
    const [result, progress] = await Promise.all([client.fetchTrackedTargetEvents(lookup), client.getTargetProgress(lookup)]);
    return { result, progress, reconciliation: reconcile(result, progress, { complete: true }) };
  });
}

describe('target progress from the sample API', () => {
  it('asks targetGroups for the rule with every cycle and inactive targets, then the group\u2019s periods', async () => {
    api.clearRequests();
    const { progress } = await progressAndReconciliation(SAMPLE_LOOKUPS.docExample);
    const paths = api.requests.map((request) => request.path).filter((path) => !path.includes('trackedTargetEvents'));
    assert.deepEqual(paths, [
      '/v3/users/564332013/targetGroups?targetRuleId=1986&includeInactive=true&includeInactiveTargets=true',
      '/v3/targetGroups/1717/targetPeriods',
    ]);
    assert.equal(progress.targetGroupId, '1717');
    assert.equal(progress.trackingType, 'DEFAULT');
    assert.equal(progress.timeZoneName, 'UTC');
  });

  it('the documentation\u2019s example: every period matches, with its window, goal and achieved value', async () => {
    const { reconciliation } = await progressAndReconciliation(SAMPLE_LOOKUPS.docExample);
    assert.deepEqual(
      reconciliation.periods.map((p) => [p.periodId, p.status, p.goal, p.achieved, p.eventsSum, p.difference, p.verdict, p.goalReached, p.remaining]),
      [
        ['9887', 'ENDED', '5000.000', '9000.92', '9000.92', '0', 'match', true, undefined],
        ['9888', 'ENDED', '5000.000', '3999.54', '3999.54', '0', 'match', false, '1000.460'],
        ['9889', 'RUNNING', '5000.000', '2000', '2000', '0', 'match', false, '3000.000'],
      ],
    );
    assert.equal(reconciliation.periods[0].start, '2025-01-09 00:00:00');
    assert.equal(reconciliation.periods[0].crossingEventLogId, '606068043', '1000 + 2000 + 2000 crosses 5000');
    assert.deepEqual(reconciliation.flags, {});
  });

  it('an event processed after its period ended: differs by −1000, and that event explains it exactly', async () => {
    const { reconciliation } = await progressAndReconciliation(PROGRESS_LOOKUPS.lateProcessed);
    const january = reconciliation.periods[0];
    assert.deepEqual([january.achieved, january.eventsSum, january.difference, january.verdict], ['8000', '9000', '-1000', 'differs']);
    assert.deepEqual([january.goal, january.goalReached, january.remaining], ['8500', false, '500']);
    assert.match(january.reasons[0], /^1 event processed after the period ended \(Σ 1,000\): without them Σ equals the achieved value exactly$/);
    assert.deepEqual(reconciliation.flags, { '620000104': ['processed-after-period-end'] });
  });

  it('a return is flagged as a negative value and counted on both sides', async () => {
    const { reconciliation } = await progressAndReconciliation(PROGRESS_LOOKUPS.withReturn);
    assert.equal(reconciliation.periods[0].verdict, 'match');
    assert.equal(reconciliation.periods[0].eventsSum, '6000.00');
    assert.deepEqual(reconciliation.flags, { '621000203': ['negative-value'] });
  });

  it('an event before enrolment is flagged and explains the difference', async () => {
    const { reconciliation } = await progressAndReconciliation(PROGRESS_LOOKUPS.beforeEnrolment);
    const march = reconciliation.periods[0];
    assert.deepEqual([march.difference, march.verdict], ['-1200.00', 'differs']);
    assert.match(march.reasons[0], /^1 event before the customer enrolled \(Σ 1,200\)/);
    assert.deepEqual(reconciliation.flags, { '622000301': ['before-enrolment'] });
  });

  it('a calendar month without events is listed in order, with Σ 0 against the goal', async () => {
    const { reconciliation } = await progressAndReconciliation(PROGRESS_LOOKUPS.quietPeriod);
    assert.deepEqual(
      reconciliation.periods.map((p) => [p.periodId, p.eventCount, p.eventsSum, p.verdict]),
      [
        ['22101', 2, '5500', 'match'],
        ['22102', 1, '1800', 'match'],
        ['22103', 0, '0', 'match'],
        ['22104', 1, '5200', 'match'],
      ],
    );
    assert.deepEqual([reconciliation.periods[2].start, reconciliation.periods[2].end], ['2025-03-01 00:00:00', '2025-03-31 23:59:59']);
  });

  it('a streak target carries its streak status and count, and its milestones', async () => {
    const { progress, reconciliation } = await progressAndReconciliation(SAMPLE_LOOKUPS.behavioural);
    assert.equal(progress.trackingType, 'STREAKS');
    assert.deepEqual(reconciliation.periods[0].streaks, [{ status: 'COMPLETED', currentCount: '2', totalTargetCountOfSequence: '2' }]);
    assert.deepEqual(reconciliation.periods[0].milestones, [
      { triggerName: 'Goal reached', triggerValue: '2.000', isAchieved: true, active: true },
      { triggerName: 'Launch bonus (retired)', triggerValue: '2.000', isAchieved: false, active: false },
    ]);
  });

  it('a failing targetGroups rejects with Capillary\u2019s code; the events of the same client still arrive', async () => {
    api.setFaults({ targetGroupsFailStatus: 403 });
    try {
      await withClient(api, { retries: 0 }, async (client) => {
        const error = (await rejection(client.getTargetProgress(SAMPLE_LOOKUPS.docExample))) as CapillaryApiError;
        assert.equal(error.code, 4000);
        assert.equal((await client.fetchTrackedTargetEvents(SAMPLE_LOOKUPS.docExample)).events.length, 10);
      });
    } finally {
      api.resetFaults();
    }
  });

  it('a rule the customer has no target for is a plain-language error', async () => {
    const lookup = { userId: SAMPLE_LOOKUPS.docExample.userId, targetRuleId: '4242' };
    const error = (await withClient(api, {}, (client) => rejection(client.getTargetProgress(lookup)))) as CapillaryApiError;
    assert.match(error.message, /no target with rule 4242/);
  });
});

/** Serves one targetGroups and one targetPeriods body, as another cluster might write them. */
async function withBodies(groups: unknown, periods: unknown, body: (url: string) => Promise<void>): Promise<void> {
  const server = http.createServer((request, response) => {
    const answer = request.url?.includes('/targetPeriods') ? periods : groups;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function readProgress(url: string): Promise<TargetProgress | Error> {
  const client = createCapillaryClient({ baseUrl: url, auth: basicAuth(), retries: 0 });
  try {
    return await client.getTargetProgress({ userId: '5', targetRuleId: '8' });
  } catch (error) {
    return error as Error;
  } finally {
    client.dispose();
  }
}

describe('target progress read tolerantly', () => {
  it('prefers ISO and time-stamped bounds, reads a date-only end as the end of that day, and numbers as strings', async () => {
    const groups = {
      data: {
        targetGroups: [
          { id: 99, name: 'Other', targets: [{ targetRuleId: 7, periodId: 1 }] },
          {
            id: '77',
            name: 'Spend',
            trackingType: 'STREAK',
            timeZoneName: 'Asia/Kolkata',
            targets: [
              {
                targetRuleId: '8',
                periodId: '502',
                periodStartDate: '2025-02-01',
                periodEndDate: '2025-02-28',
                targetValue: '1e3',
                targetAchievedValue: 250.5,
                enrolledOnISO: '2025-02-03T00:00:00Z',
                milestones: [{ triggerName: 'Half', triggerValue: '500', isAchieved: 'false' }],
                unknownField: { kept: 'out' },
              },
              {
                targetRuleId: 8,
                periodId: 501,
                periodStartDateWithTimeStamp: '2025-01-01 00:00:00',
                periodEndDateWithTimeStampISO: '2025-01-31T23:59:59Z',
                periodEndDate: '2025-01-31',
                targetValue: 1000,
                targetAchievedValue: null,
              },
            ],
          },
        ],
      },
    };
    const periods = {
      data: [
        { id: 502, startDate: '2025-02-01', endDate: '2025-02-28', periodStatus: 'RUNNING' },
        { id: 501, startDate: '2025-01-01', endDate: '2025-01-31', periodStatus: 'ENDED' },
        { id: 503, startDate: '2025-03-01', endDate: '2025-03-31', periodStatus: 'NOT_STARTED' },
        { name: 'no id' },
      ],
    };
    await withBodies(groups, periods, async (url) => {
      const progress = (await readProgress(url)) as TargetProgress;
      assert.equal(progress.targetGroupId, '77');
      assert.equal(progress.trackingType, 'STREAK');
      assert.equal(progress.timeZoneName, 'Asia/Kolkata');
      assert.deepEqual(
        progress.periods.map((p) => [p.periodId, p.start, p.end, p.status, p.goal, p.achieved]),
        [
          ['501', '2025-01-01 00:00:00', '2025-01-31T23:59:59Z', 'ENDED', '1000', undefined],
          ['502', '2025-02-01', '2025-02-28', 'RUNNING', '1000', '250.5'],
          ['503', '2025-03-01', '2025-03-31', 'NOT_STARTED', undefined, undefined],
        ],
      );
      const february = progress.periods[1];
      assert.equal(february.endTime, Date.UTC(2025, 1, 28, 23, 59, 59, 999), 'a date-only end is the end of that day');
      assert.equal(february.enrolledTime, Date.UTC(2025, 1, 3));
      assert.deepEqual(february.milestones, [{ triggerName: 'Half', triggerValue: '500', isAchieved: false }]);
    });
  });

  it('an odd body is an error that says what was missing', async () => {
    await withBodies({ data: [] }, { data: [] }, async (url) => {
      const error = await readProgress(url);
      assert.ok(error instanceof Error);
      assert.match(error.message, /without the customer\u2019s target groups/);
    });
    const groups = { data: { targetGroups: [{ id: 77, targets: [{ targetRuleId: 8, periodId: 1 }] }] } };
    await withBodies(groups, '{"data":{"periods":"no"}}', async (url) => {
      const error = await readProgress(url);
      assert.ok(error instanceof Error);
      assert.match(error.message, /without the list of target periods/);
    });
  });
});
