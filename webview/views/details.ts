// The details of one event, over the table: every field as text, each with its own Copy, and the whole event as
// JSON. Escape or Close returns to the row it was opened from.
import type { TrackedTargetEvent } from '../../src/shared/domain';
import { eventFields, type EventField } from '../../src/shared/display';
import { h } from '../dom';
import { button } from './views';

export interface DetailsActions {
  onCopy(text: string, what: string): void;
  onClose(): void;
}

/** The fields the API sent, as sent and in EVENT_FIELDS' order, then what the table derived (label, lag, running total, flags). */
export function detailFields(event: TrackedTargetEvent, derived: readonly EventField[]): EventField[] {
  return [...eventFields(event), ...derived.filter((field) => field.value !== '')];
}

export function detailsDialog(event: TrackedTargetEvent, fields: readonly EventField[], json: string, actions: DetailsActions): HTMLElement {
  const list = h('dl', { className: 'details-fields' });
  for (const field of fields) {
    list.append(
      h('dt', {}, field.name),
      h('dd', {}, h('span', { className: 'details-value' }, field.value), button('Copy', () => actions.onCopy(field.value, field.name))),
    );
  }
  const close = button('Close', () => actions.onClose());
  const dialog = h(
    'div',
    { className: 'details-dialog', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': `Event ${event.eventLogId}`, tabindex: '-1' } },
    h('header', { className: 'details-header' },
      h('h2', {}, `Event ${event.eventLogId}`),
      h('div', { className: 'actions' }, button('Copy as JSON', () => actions.onCopy(json, 'the event as JSON'), 'primary'), close),
    ),
    list,
  );
  dialog.addEventListener('keydown', (keyEvent) => {
    if (keyEvent.key !== 'Escape') return;
    keyEvent.preventDefault();
    keyEvent.stopPropagation();
    actions.onClose();
  });
  return dialog;
}
