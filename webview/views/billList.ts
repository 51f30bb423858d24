// The periods' bills when there are no events to show (Capillary holds none for the customer under the rule): the
// question "why did nothing count?" is answered below the no-events screen, with the same words as the table's rows,
// as a plain list (few bills, no table to put them in).
import type { ExplainedTransaction, ExplanationInfo } from '../../src/shared/explanation';
import { formatApiDate, formatDecimalText, notCountedHeading } from '../../src/shared/display';
import { h } from '../dom';
import { billWhyText, storeText } from '../table/notCountedRow';
import { definitionNotice, unavailableText } from './explainViews';

/** Each period's bills; `onOpenBill` opens one with its evaluation log. */
export function billList(explanation: ExplanationInfo, onOpenBill: (transaction: ExplainedTransaction) => void): HTMLElement {
  // Integer-like keys (period IDs) come in ascending order: the periods' order in time.
  const periods = Object.values(explanation.periods);
  const sections = periods.map((period) => {
    const heading = h('h3', {}, `Period ${period.periodId}`);
    if (period.status === 'loading') return h('section', { className: 'bill-period' }, heading, h('p', { attrs: { 'aria-busy': 'true' } }, 'Not counted: loading the customer\u2019s bills\u2026'));
    if (period.status === 'unavailable') {
      return h('section', { className: 'bill-period' }, heading, h('p', { className: 'bill-list-unavailable' }, `Not counted: unavailable \u00b7 ${unavailableText(period.message, period.httpStatus)}`));
    }
    heading.append(` \u00b7 bills of ${period.window.startDate} \u2013 ${period.window.endDate}`);
    const bills = period.transactions.filter((transaction) => !transaction.tracked);
    const rows = bills.map((transaction) => {
      const open = h('button', { className: 'evaluation-log-button', attrs: { type: 'button' } }, 'Evaluation log');
      open.addEventListener('click', () => onOpenBill(transaction));
      return h(
        'tr',
        { className: 'bill-list-row' },
        h('td', {}, transaction.billNumber),
        h('td', { className: 'bill-why' }, billWhyText(transaction)),
        h('td', {}, storeText(transaction.store)),
        h('td', {}, formatApiDate(transaction.billingTime)),
        h('td', {}, transaction.type),
        h('td', { className: 'numeric' }, formatDecimalText(transaction.amount)),
        h('td', {}, open),
      );
    });
    return h(
      'section',
      { className: 'bill-period' },
      heading,
      h('h4', {}, notCountedHeading(bills.length)),
      rows.length > 0 ? h('table', { className: 'bill-list' }, h('tbody', {}, ...rows)) : null,
    );
  });
  return h('section', { className: 'bill-lists', attrs: { 'aria-label': 'The customer\u2019s bills' } }, definitionNotice(explanation.definition), ...sections);
}
