// The pure rules behind "why it did not count": the group's local date of a bound, the one join, and reasons that
// are given only when the data shows them (never by comparing times read in different ways).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeEvents } from '../../src/explain/join';
import { notCountedReasons } from '../../src/explain/reasons';
import { coveringWindow, localDate, periodWindow } from '../../src/explain/windows';
import type { TrackedTargetEvent } from '../../src/capillary';

const event = (eventLogId: string, uniqueId: string): TrackedTargetEvent => ({
  eventLogId,
  eventName: 'ADD_TRANSACTION',
  customerId: '1',
  eventDisplayName: null,
  uniqueId,
  eventDate: '2025-05-06 11:00:00.0',
  eventProcessedDate: '2025-05-06 11:00:05.0',
  periodId: '1',
  targetGroupId: '1',
  targetRuleId: '1',
  targetValue: '1',
});

describe('why it did not count: pure rules', () => {
  it('a bound without a zone is the group\u2019s local time; one with a zone turns into the group\u2019s local date', () => {
    assert.equal(localDate('2025-05-31 18:00:00.0', 'Asia/Kolkata'), '2025-05-31');
    assert.equal(localDate('2024-12-31T18:30:00Z', 'Asia/Kolkata'), '2025-01-01');
    assert.equal(localDate('2025-01-01T02:00:00+05:30', 'UTC'), '2024-12-31');
    assert.equal(localDate('not a date', 'UTC'), undefined);
    assert.deepEqual(periodWindow('2025-05-01', '2025-05-31T23:59:59Z', 'America/New_York'), { startDate: '2025-05-01', endDate: '2025-05-31' });
    assert.deepEqual(coveringWindow([{ startDate: '2025-06-01', endDate: '2025-06-30' }, { startDate: '2025-05-01', endDate: '2025-05-31' }]), { startDate: '2025-05-01', endDate: '2025-06-30' });
  });

  it('the join places each event on the bill its uniqueId names, once, and counts the rest', () => {
    const placed = placeEvents(['10', '11'], [event('1', '10'), event('2', '10'), event('3', '99')]);
    assert.equal(placed.eventBySubject.get('10')?.eventLogId, '1');
    assert.equal(placed.eventBySubject.has('11'), false);
    assert.equal(placed.unplacedCount, 1);
  });

  it('reasons come only from the data: times read differently are not compared; none is unknown', () => {
    const rules = { periodStart: '2025-05-01T00:00:00Z', periodEnd: '2025-05-31T23:59:59Z', enrolledOn: '2025-05-10T00:00:00Z', filters: [] };
    assert.deepEqual(notCountedReasons({ time: '2025-05-02 12:00:00', type: 'REGULAR' }, rules).reasons, ['unknown']);
    assert.deepEqual(notCountedReasons({ time: '2025-05-02T12:00:00Z', type: 'REGULAR' }, rules).reasons, ['before-enrolment']);
    assert.deepEqual(notCountedReasons({ time: '2025-06-01T00:00:01Z', type: 'return' }, rules).reasons, ['return', 'outside-period']);
    assert.deepEqual(notCountedReasons({ time: '2025-05-31 23:00:00', type: 'REGULAR' }, { periodEnd: '2025-05-31', filters: [] }).reasons, ['unknown'], 'a date-only end covers its day');
  });

  it('a filter is checked only where the store\u2019s entity is known; an unknown zone or concept is reported unchecked', () => {
    const filters = [
      { entityType: 'STORE', entityIds: ['1'] },
      { entityType: 'ZONE', entityIds: ['5'] },
      { entityType: 'CONCEPT', entityIds: ['9'] },
    ];
    assert.deepEqual(notCountedReasons({ time: '2025-05-02 12:00:00', type: 'REGULAR', storeId: '2', parents: { zoneId: '6' } }, { filters }), {
      reasons: ['store-filter', 'zone-filter'],
      uncheckedFilters: ['concept-filter'],
    });
    assert.deepEqual(notCountedReasons({ time: '2025-05-02 12:00:00', type: 'REGULAR' }, { filters }), { reasons: ['unknown'], uncheckedFilters: ['zone-filter', 'concept-filter'] });
  });
});
