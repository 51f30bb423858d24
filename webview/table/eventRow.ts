// An event's row: one cell per column, built once and refilled in place as the row element is recycled.
import { flagLabels, goalCrossingText } from '../../src/shared/targetProgressText';
import { isHighLag, processingLagSeconds } from '../../src/shared/rules';
import { h, setText, textSlot } from '../dom';
import { formatApiDate, formatDecimalText, formatLag } from '../../src/shared/display';
import { columns } from './model';
import type { RowContext } from './rowContext';

export interface EventRowView {
  kind: 'event';
  element: HTMLElement;
  cells: HTMLElement[];
  logId: Text;
  marker: HTMLElement;
  markerText: Text;
  label: Text;
  badge: HTMLElement;
  badgeText: Text;
  uniqueId: Text;
  eventDate: Text;
  processedDate: Text;
  lag: HTMLElement;
  lagText: Text;
  value: Text;
  flagBadge: HTMLElement;
  flagText: Text;
  runningTotal: Text;
  crossing: HTMLElement;
  crossingText: Text;
}

export function createEventRow(): EventRowView {
  const cells = columns.map((column, index) =>
    h('div', {
      className: `grid-cell col-${column.id}${column.numeric ? ' numeric' : ''}`,
      attrs: { role: 'gridcell', 'aria-colindex': String(index + 1) },
    }),
  );
  const element = h('div', { className: 'grid-row event-row', attrs: { role: 'row', 'aria-level': '2' } }, ...cells);
  const [logCell, eventCell, uniqueCell, dateCell, processedCell, valueCell, runningCell] = cells;
  const logIdSpan = h('span', { className: 'log-id' });
  logCell.append(logIdSpan);
  // In the event cell rather than by the ID, so that the ID keeps all of its column.
  const marker = h('span', { className: 'row-marker' });
  const labelSpan = h('span', { className: 'event-label' });
  const badge = h('span', { className: 'kind-badge' });
  const flagBadge = h('span', { className: 'flag-badge' });
  eventCell.append(marker, labelSpan, badge, flagBadge);
  const crossing = h('span', { className: 'crossing' });
  const runningSpan = h('span', { className: 'running-total' });
  runningCell.append(crossing, runningSpan);
  const processedSpan = h('span', { className: 'processed-date' });
  const lag = h('span', { className: 'lag' });
  processedCell.append(processedSpan, lag);
  return {
    kind: 'event',
    element,
    cells,
    logId: textSlot(logIdSpan),
    marker,
    markerText: textSlot(marker),
    label: textSlot(labelSpan),
    badge,
    badgeText: textSlot(badge),
    uniqueId: textSlot(uniqueCell),
    eventDate: textSlot(dateCell),
    processedDate: textSlot(processedSpan),
    lag,
    lagText: textSlot(lag),
    value: textSlot(valueCell),
    flagBadge,
    flagText: textSlot(flagBadge),
    runningTotal: textSlot(runningSpan),
    crossing,
    crossingText: textSlot(crossing),
  };
}

export function fillEventRow(view: EventRowView, context: RowContext, eventIndex: number): EventRowView {
  const { model } = context;
  const event = model.events[eventIndex];
  const label = model.labels[eventIndex];
  const behavioural = model.behavioural[eventIndex] === 1;
  setText(view.logId, event.eventLogId);
  // A cut-off cell shows its whole value on hover.
  view.cells[0].title = event.eventLogId;
  const marker = context.markerOf(eventIndex);
  setText(view.markerText, marker?.kind ?? '');
  view.marker.className = marker ? `row-marker ${marker.kind}` : 'row-marker';
  view.marker.title = marker?.title ?? '';
  view.element.classList.toggle('new', marker?.kind === 'new');
  view.element.classList.toggle('changed', marker?.kind === 'changed');
  setText(view.label, label);
  view.cells[1].title = behavioural ? `${label} (${event.eventName})` : label;
  setText(view.badgeText, behavioural ? 'behavioural' : 'transactional');
  view.badge.className = behavioural ? 'kind-badge behavioural' : 'kind-badge transactional';
  setText(view.uniqueId, event.uniqueId);
  view.cells[2].title = event.uniqueId;
  setText(view.eventDate, formatApiDate(event.eventDate));
  setText(view.processedDate, formatApiDate(event.eventProcessedDate));
  // Lag is derived only for rendered rows: two date parses per visible row instead of 100,000 up front.
  const lag = processingLagSeconds(event);
  const lagText = formatLag(lag);
  setText(view.lagText, lagText);
  view.lag.classList.toggle('high', isHighLag(lag, context.lagWarningSeconds));
  view.cells[4].title = lagText === '' ? event.eventProcessedDate : `${event.eventProcessedDate} (lag ${lagText})`;
  setText(view.value, formatDecimalText(event.targetValue));
  view.cells[5].title = event.targetValue;
  const flags = model.flags[eventIndex];
  setText(view.flagText, flags ? `⚑ ${flags.map((flag) => flagLabels[flag]).join(' · ')}` : '');
  view.flagBadge.hidden = !flags;
  view.cells[1].title = flags ? `${view.cells[1].title}\nFlags: ${flags.map((flag) => flagLabels[flag]).join(', ')}` : view.cells[1].title;
  setText(view.runningTotal, formatDecimalText(model.runningTotal(eventIndex)));
  const period = context.periods[model.groupOfEvent[eventIndex]];
  const crossing = period?.crossingEventLogId === event.eventLogId ? goalCrossingText(period) : undefined;
  view.crossing.hidden = !crossing;
  setText(view.crossingText, crossing?.chip ?? '');
  view.crossing.className = crossing?.reached === false ? 'crossing unreached' : 'crossing';
  view.crossing.title = crossing?.title ?? '';
  view.element.classList.toggle('flagged', flags !== undefined);
  return view;
}
