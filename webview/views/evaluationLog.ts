// A bill in the details pane: what was read of it, why it did or did not count, and, on request, Capillary's own
// answer for it: the evaluation log's rules with their results, its text when the tree could not be parsed, or
// that it is not available on this cluster and why. Escape or Close returns to the row it was opened from.
import type { EvaluationLogInfo, ExplainedTransaction } from '../../src/shared/explanation';
import { formatApiDate, formatDecimalText, NO_VALUE, uncheckedFilterText } from '../../src/shared/display';
import { h } from '../dom';
import { billWhyText, storeText } from '../table/notCountedRow';
import { unavailableText } from './explainViews';
import { button } from './views';

export interface BillPaneActions {
  onRequestLog(): void;
  onClose(): void;
}

export interface BillPane {
  dialog: HTMLElement;
  /** Where the evaluation log goes. */
  log: HTMLElement;
}

export function billPane(transaction: ExplainedTransaction, actions: BillPaneActions): BillPane {
  const fields: Array<[string, string]> = [
    ['bill number', transaction.billNumber],
    ['transaction ID', transaction.id],
    ['amount', `${formatDecimalText(transaction.amount)} (as sent: ${transaction.amount})`],
    ['billing time', formatApiDate(transaction.billingTime)],
    ['type', transaction.type],
    ['store', storeText(transaction.store)],
    [transaction.tracked ? 'counted' : 'not counted', billWhyText(transaction)],
    ['not checked', (transaction.uncheckedFilters ?? []).map(uncheckedFilterText).join('; ') || NO_VALUE],
  ];
  const list = h('dl', { className: 'details-fields' });
  for (const [name, value] of fields) list.append(h('dt', {}, name), h('dd', {}, h('span', { className: 'details-value' }, value)));
  const log = h('section', { className: 'evaluation-log', attrs: { 'aria-live': 'polite', 'aria-label': 'Evaluation log' } });
  const dialog = h(
    'div',
    { className: 'details-dialog bill-dialog', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': `Bill ${transaction.billNumber}`, tabindex: '-1' } },
    h('header', { className: 'details-header' },
      h('h2', {}, `Bill ${transaction.billNumber}`),
      h('div', { className: 'actions' }, button('Evaluation log', () => actions.onRequestLog(), 'primary'), button('Close', () => actions.onClose())),
    ),
    list,
    log,
  );
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    actions.onClose();
  });
  return { dialog, log };
}

export function showLogLoading(log: HTMLElement, billNumber: string): void {
  log.setAttribute('aria-busy', 'true');
  log.replaceChildren(h('p', { className: 'evaluation-loading' }, h('vscode-progress-ring'), `Asking Capillary for the evaluation log of bill ${billNumber}\u2026`));
}

/** Capillary's answer for the bill: its rules with true or false, the unparsed text, or why there is none. */
export function showLog(log: HTMLElement, info: EvaluationLogInfo): void {
  log.removeAttribute('aria-busy');
  const heading = h('h3', {}, `Evaluation log of bill ${info.billNumber}`);
  switch (info.status) {
    case 'ok': {
      const rules = info.rules.map((rule) =>
        h(
          'li',
          { className: `evaluated-rule ${rule.result ? 'passed' : 'failed'}` },
          h('span', { className: 'rule-result' }, rule.result ? 'true' : 'false'),
          h('span', { className: 'rule-name' }, `Rule ${rule.id} \u00b7 ${rule.name}`),
          h('code', { className: 'rule-expression' }, rule.expression),
        ),
      );
      log.replaceChildren(
        heading,
        rules.length > 0 ? h('ol', { className: 'evaluated-rules' }, ...rules) : h('p', {}, 'Capillary evaluated no rules for this bill.'),
        h('details', { className: 'evaluation-raw' }, h('summary', {}, 'Capillary\u2019s answer as sent'), h('pre', {}, info.raw)),
      );
      return;
    }
    case 'unparsed':
      log.replaceChildren(
        heading,
        h('p', { className: 'evaluation-unparsed-note' }, 'The evaluation tree could not be read as rules; Capillary\u2019s answer as text:'),
        h('pre', { className: 'evaluation-text' }, info.text),
      );
      return;
    case 'unavailable':
      log.replaceChildren(
        heading,
        h('p', { className: 'evaluation-unavailable', attrs: { role: 'alert' } }, h('strong', {}, 'Not available on this cluster. '), unavailableText(info.message, info.httpStatus)),
      );
      return;
  }
}
