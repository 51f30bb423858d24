// "Compare with an earlier fetch": the events added, removed and changed between two fetches of the lookup, as a
// plain table (a difference is small next to a lookup, so it is not virtualised, only capped).
import type { TrackedTargetEvent } from '../../src/shared/domain';
import type { ChangesInfo, ComparisonInfo } from '../../src/shared/messages';
import { h } from '../dom';
import { eventLabel, formatApiDate, formatDecimalText, formatLocalDateTime, NO_VALUE, plural } from '../../src/shared/display';
import { button } from './views';

/** Rows the compare view lists; it counts the rest. */
const MAX_COMPARE_ROWS = 1000;

function row(kind: 'added' | 'removed' | 'changed', event: TrackedTargetEvent, what: string): HTMLElement {
  return h(
    'tr',
    { className: `compare-row ${kind}` },
    h('td', { className: 'compare-kind' }, kind),
    h('td', { className: 'numeric' }, event.eventLogId),
    h('td', {}, eventLabel(event)),
    h('td', { className: 'numeric' }, event.periodId),
    h('td', {}, formatApiDate(event.eventDate)),
    h('td', { className: 'numeric' }, formatDecimalText(event.targetValue)),
    h('td', { className: 'compare-what' }, what),
  );
}

export function compareView(comparison: ComparisonInfo, onClose: () => void): HTMLElement {
  const rows = [
    ...comparison.added.map((event) => row('added', event, '')),
    ...comparison.removed.map((event) => row('removed', event, '')),
    ...comparison.changed.map(({ before, after, fields }) =>
      row('changed', after, fields.map((field) => `${field}: ${String(before[field as keyof TrackedTargetEvent] ?? NO_VALUE)} → ${String(after[field as keyof TrackedTargetEvent] ?? NO_VALUE)}`).join('; ')),
    ),
  ];
  const counts = [
    plural(comparison.added.length, 'event added', 'events added'),
    plural(comparison.removed.length, 'event removed', 'events removed'),
    plural(comparison.changed.length, 'event changed', 'events changed'),
  ].join(' · ');
  const hidden = rows.length - MAX_COMPARE_ROWS;
  return h(
    'section',
    { className: 'compare-view' },
    h(
      'header',
      { className: 'toolbar' },
      h('h2', {}, `Fetch of ${formatLocalDateTime(comparison.olderFetchedAt)} → fetch of ${formatLocalDateTime(comparison.newerFetchedAt)}`),
      button('Back to the events', onClose, 'primary'),
    ),
    h('p', { className: 'summary compare-counts' }, counts),
    rows.length === 0
      ? h('p', { className: 'compare-same' }, 'Both fetches returned the same events.')
      : h(
          'div',
          { className: 'compare-table-wrap' },
          h(
            'table',
            { className: 'compare-table' },
            h('thead', {}, h('tr', {}, ...['', 'eventLogId', 'Event', 'periodId', 'eventDate', 'targetValue', 'What changed'].map((title) => h('th', {}, title)))),
            h('tbody', {}, ...rows.slice(0, MAX_COMPARE_ROWS)),
          ),
        ),
    hidden > 0 ? h('p', { className: 'summary' }, `${plural(hidden, 'more row', 'more rows')} not listed.`) : null,
  );
}

/** The events of the fetch before the latest change that this one no longer returns. */
export function removedList(changes: ChangesInfo | undefined): HTMLElement | null {
  if (!changes || changes.removed.length === 0) return null;
  const shown = changes.removed.slice(0, MAX_COMPARE_ROWS);
  return h(
    'details',
    { className: 'removed' },
    h('summary', {}, `${plural(changes.removed.length, 'event')} no longer returned since the fetch of ${formatLocalDateTime(changes.since)}`),
    h('ul', {}, ...shown.map((event) => h('li', {}, `${event.eventLogId} · ${eventLabel(event)} · period ${event.periodId} · ${formatDecimalText(event.targetValue)}`))),
  );
}
