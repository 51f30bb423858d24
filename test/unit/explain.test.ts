// "Why it did not count" over real HTTP against the sample API: the target's definition, the bills of each period
// joined to the tracked events, every reason, the paging of transactions, the evaluation log (including a tree
// without rule lines), and each endpoint failing alone while the others still answer.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { EXPLAIN_BILLS, EXPLAIN_LOOKUPS, SAMPLE_LOOKUPS, UNPLACED_EVENT_LOG_ID, startSampleApi, type ExplainEndpoint, type SampleApi } from '../../sample-api/server';
import type { CapillaryClient } from '../../src/capillary';
import { explainLookup } from '../../src/explain/build';
import type { ExplainedTransaction, ExplanationInfo, PeriodExplanation } from '../../src/shared/explanation';
import { withClient } from './api-support';

let api: SampleApi;
before(async () => {
  api = await startSampleApi({ largeUserEvents: 200 });
});
afterEach(() => api.reset());
after(() => api.stop());

async function explain(client: CapillaryClient, lookup: { userId: string; targetRuleId: string }): Promise<ExplanationInfo> {
  const [result, progress] = await Promise.all([client.fetchTrackedTargetEvents(lookup), client.getTargetProgress(lookup).catch((error: Error) => error)]);
  return explainLookup(client, {
    ...lookup,
    targetGroupId: result.events[0].targetGroupId,
    groups: result.groups,
    periodIds: result.groups.map((group) => group.periodId),
    progress,
  });
}

function okPeriod(info: ExplanationInfo, periodId: string): Extract<PeriodExplanation, { status: 'ok' }> {
  const period = info.periods[periodId];
  assert.equal(period?.status, 'ok', JSON.stringify(period));
  return period;
}

function bill(period: Extract<PeriodExplanation, { status: 'ok' }>, billNumber: string): ExplainedTransaction {
  const found = period.transactions.find((transaction) => transaction.billNumber === billNumber);
  assert.ok(found, `bill ${billNumber} is listed`);
  return found;
}

describe('why it did not count', () => {
  it('reads the target definition once: rule, type, entity, expression, its JSON form and the filters with their IDs', async () => {
    const info = await withClient(api, {}, (client) => explain(client, EXPLAIN_LOOKUPS.reasons));
    assert.equal(info.definition.status, 'ok');
    const definition = info.definition.status === 'ok' ? info.definition.definition : undefined;
    assert.equal(definition?.targetType, 'SALES');
    assert.equal(definition?.targetEntity, 'TRANSACTION');
    assert.equal(definition?.eventName, 'TransactionAdd');
    assert.equal(definition?.expression, 'currentTxn.value > 100');
    assert.match(definition?.expressionJson ?? '', /"value": "currentTxn.value > 100"/);
    assert.deepEqual(definition?.filters, [
      { entityType: 'STORE', entityIds: ['7001', '7002', '7004'] },
      { entityType: 'ZONE', entityIds: ['8001'] },
      { entityType: 'CONCEPT', entityIds: ['9001'] },
    ]);
    assert.equal(api.requests.filter((request) => request.path.endsWith('/targets')).length, 1);
  });

  it('gives each bill that did not count the reason its data shows, and unknown when none does', async () => {
    const info = await withClient(api, {}, (client) => explain(client, EXPLAIN_LOOKUPS.reasons));
    const may = okPeriod(info, '22201');
    assert.deepEqual(may.window, { startDate: '2025-05-01', endDate: '2025-05-31' });
    const reasonsOf = (billNumber: string) => bill(may, billNumber).reasons;
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.tracked), []);
    assert.equal(bill(may, EXPLAIN_BILLS.tracked).tracked, true);
    assert.equal(bill(may, EXPLAIN_BILLS.tracked).eventLogId, '624000501');
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.beforeEnrolment), ['before-enrolment']);
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.return), ['return']);
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.storeFilter), ['store-filter']);
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.zoneFilter), ['zone-filter']);
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.unknown), ['unknown']);
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.outsidePeriod), ['outside-period']);
    assert.deepEqual(reasonsOf(EXPLAIN_BILLS.conceptUnchecked), ['unknown']);
    assert.deepEqual(bill(may, EXPLAIN_BILLS.conceptUnchecked).uncheckedFilters, ['concept-filter']);
    assert.equal(bill(may, EXPLAIN_BILLS.return).amount, '-300.00', 'amounts stay exact decimal text');
  });

  it('joins by uniqueId: counts the tracked event no bill matches, and keeps each period to its window', async () => {
    const info = await withClient(api, {}, (client) => explain(client, EXPLAIN_LOOKUPS.reasons));
    const may = okPeriod(info, '22201');
    assert.equal(may.unplacedEventCount, 1, `event ${UNPLACED_EVENT_LOG_ID} names no bill`);
    assert.deepEqual(may.transactions.filter((transaction) => transaction.tracked).map((transaction) => transaction.eventLogId).sort(), ['624000501', '624000509']);
    const june = okPeriod(info, '22202');
    assert.deepEqual(june.transactions.map((transaction) => transaction.billNumber), ['B-1011', 'B-1012']);
    assert.ok(june.transactions.every((transaction) => transaction.tracked));
    assert.equal(june.unplacedEventCount, 0);
    // One ranged read of the bills covers both periods.
    const reads = api.requests.filter((request) => request.path.includes('/transactions'));
    assert.equal(reads.length, 1);
    assert.match(reads[0].path, /startDate=2025-05-01&endDate=2025-06-30/);
  });

  it('reads every page of a long window (limit 1000, offset in rows), returns and all', async () => {
    const info = await withClient(api, {}, (client) => explain(client, EXPLAIN_LOOKUPS.manyBills));
    const july = okPeriod(info, '22301');
    assert.equal(july.transactions.length, 2500);
    assert.equal(new Set(july.transactions.map((transaction) => transaction.id)).size, 2500, 'no bill doubled');
    assert.equal(july.transactions.filter((transaction) => transaction.tracked).length, 2250);
    assert.ok(july.transactions.filter((transaction) => !transaction.tracked).every((transaction) => transaction.reasons.join() === 'return'));
    const offsets = api.requests.filter((request) => request.path.includes('/transactions')).map((request) => new URL(request.path, api.url).searchParams);
    assert.deepEqual(offsets.map((query) => [query.get('limit'), query.get('offset')]), [['1000', '0'], ['1000', '1000'], ['1000', '2000']]);
  });

  it('for a behavioural target lists the customer\u2019s events of that name, joined the same way', async () => {
    const info = await withClient(api, {}, (client) => explain(client, SAMPLE_LOOKUPS.behavioural));
    assert.equal(info.definition.status === 'ok' && info.definition.definition.targetEntity, 'EVENT');
    const period = Object.values(info.periods)[0];
    assert.equal(period.status, 'ok');
    if (period.status !== 'ok') return;
    const untracked = period.transactions.filter((transaction) => !transaction.tracked);
    assert.deepEqual(untracked.map((transaction) => transaction.id), ['c4f1e2d3-7a8b-4c9d-8e0f-112233445566']);
    assert.deepEqual(untracked[0].reasons, ['unknown']);
    assert.ok(api.requests.some((request) => request.path.startsWith('/v2/events/search?userIdentifierType=id&userIdentifierValue=387544807&eventName=testBehavioural')));
  });

  it('reads a bill\u2019s evaluation log into rules with their results, entities decoded', async () => {
    const log = await withClient(api, {}, (client) => client.getEvaluationLog({ billNumber: EXPLAIN_BILLS.unknown }));
    assert.equal(log.status, 'ok');
    assert.deepEqual(log.status === 'ok' ? log.rules : [], [
      { id: '126432533', name: 'Spend over 100', expression: 'currentTxn.value > 100', result: false },
      { id: '126432534', name: 'Filtered stores', expression: 'currentTxn.store in (7001, 7002, 7004) && zone == 8001', result: true },
    ]);
    const request = api.requests.find((candidate) => candidate.path === '/v2/transactions/searchEvaluationLog');
    assert.equal(request?.method, 'POST');
  });

  it('shows an evaluation tree without rule lines as its text', async () => {
    const log = await withClient(api, {}, (client) => client.getEvaluationLog({ billNumber: EXPLAIN_BILLS.unparseableTree }));
    assert.equal(log.status, 'unparsed');
    assert.equal(log.status === 'unparsed' ? log.text : '', 'Evaluation skipped: <store concept unresolved>');
    assert.match(log.status === 'unparsed' ? log.raw : '', /evaluationTree/);
  });

  const failures: Array<{ endpoint: ExplainEndpoint; status: 403 | 404 | 500 }> = [
    { endpoint: 'targets', status: 403 },
    { endpoint: 'transactions', status: 403 },
    { endpoint: 'orgEntities', status: 404 },
  ];
  for (const { endpoint, status } of failures) {
    it(`${endpoint} failing alone (HTTP ${status}) leaves the events and the rest intact`, async () => {
      api.setFaults({ explainFailStatus: { [endpoint]: status } });
      const { info, events } = await withClient(api, { retries: 0 }, async (client) => {
        const result = await client.fetchTrackedTargetEvents(EXPLAIN_LOOKUPS.reasons);
        return { info: await explain(client, EXPLAIN_LOOKUPS.reasons), events: result.events.length };
      });
      assert.equal(events, 5, 'the events still come');
      const may = info.periods['22201'];
      if (endpoint === 'orgEntities') {
        assert.equal(info.definition.status, 'ok');
        const period = okPeriod(info, '22201');
        assert.deepEqual(bill(period, EXPLAIN_BILLS.zoneFilter).reasons, ['unknown']);
        assert.deepEqual(bill(period, EXPLAIN_BILLS.zoneFilter).uncheckedFilters, ['zone-filter', 'concept-filter']);
        assert.deepEqual(bill(period, EXPLAIN_BILLS.storeFilter).reasons, ['store-filter'], 'the store filter needs no organisation read');
        return;
      }
      assert.equal(may.status, 'unavailable');
      assert.equal(may.status === 'unavailable' ? may.httpStatus : undefined, status);
      assert.match(may.status === 'unavailable' ? may.message : '', /Not authorized/);
      if (endpoint === 'transactions') assert.equal(info.definition.status, 'ok', 'the definition still shows');
      else assert.equal(info.definition.status === 'unavailable' && info.definition.httpStatus, 403);
    });
  }

  it('the evaluation log failing alone (refused or missing) is "not available on this cluster"', async () => {
    for (const status of [403, 404] as const) {
      api.setFaults({ explainFailStatus: { evaluationLog: status } });
      const log = await withClient(api, { retries: 0 }, (client) => client.getEvaluationLog({ billNumber: EXPLAIN_BILLS.unknown }));
      assert.equal(log.status, 'unavailable');
      assert.equal(log.status === 'unavailable' ? log.httpStatus : undefined, status);
      assert.match(log.status === 'unavailable' ? log.message : '', /not available on this cluster/);
    }
  });

  it('events search failing alone makes a behavioural period unavailable, with the status and Capillary\u2019s message', async () => {
    api.setFaults({ explainFailStatus: { eventsSearch: 500 } });
    const info = await withClient(api, { retries: 0 }, (client) => explain(client, SAMPLE_LOOKUPS.behavioural));
    assert.equal(info.definition.status, 'ok');
    const period = Object.values(info.periods)[0];
    assert.equal(period.status, 'unavailable');
    assert.equal(period.status === 'unavailable' ? period.httpStatus : undefined, 500);
    assert.match(period.status === 'unavailable' ? period.message : '', /events could not be read/);
  });
});
