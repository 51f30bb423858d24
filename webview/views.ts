// The static parts of each screen: headings, summary, banners, loading, error and empty states.
// Every value from the extension enters through h() as text.
import type { FetchProgress } from '../src/api/types';
import type { ErrorInfo, LookupInfo, TableData } from '../src/shared/messages';
import { formatLocalDateTime, NO_EVENTS_CODE } from '../src/shared/rules';
import { h } from './dom';
import { formatCount, plural } from './format';

export function lookupTitle(lookup: LookupInfo): string {
  const period = lookup.periodId === undefined ? 'all periods' : `period ${lookup.periodId}`;
  return `User ${lookup.userId} · rule ${lookup.targetRuleId} · ${period}`;
}

export function button(label: string, onClick: () => void, appearance: 'primary' | 'secondary' = 'secondary'): HTMLElement {
  const element = h('vscode-button', { attrs: { appearance } }, label);
  element.addEventListener('click', onClick);
  return element;
}

export function loadingView(lookup: LookupInfo, progress: FetchProgress | undefined, onCancel: () => void): HTMLElement {
  const pages = progress
    ? progress.pagesExpected !== undefined
      ? `${formatCount(progress.pagesFetched)} of ${plural(progress.pagesExpected, 'page', 'pages')} loaded`
      : `${plural(progress.pagesFetched, 'page', 'pages')} loaded`
    : 'Starting…';
  const events = progress ? ` · ${plural(progress.eventsFetched, 'event', 'events')}` : '';
  return h(
    'section',
    { className: 'state-view loading', attrs: { 'aria-busy': 'true' } },
    h('vscode-progress-ring'),
    h('div', { className: 'state-text' },
      h('h2', {}, `Loading events for ${lookupTitle(lookup)}…`),
      h('p', { className: 'progress-text', attrs: { role: 'status' } }, pages + events),
      h('div', { className: 'state-actions' }, button('Cancel', onCancel)),
    ),
  );
}

function errorDetails(error: ErrorInfo): HTMLElement {
  const details: string[] = [];
  if (error.code !== undefined) details.push(`code ${error.code}`);
  if (error.httpStatus !== undefined) details.push(`HTTP ${error.httpStatus}`);
  if (error.kind) details.push(error.kind);
  if (error.requestId) details.push(`request ID ${error.requestId}`);
  return h('p', { className: 'error-details' }, details.join(' · '));
}

export function errorView(lookup: LookupInfo, error: ErrorInfo, onRetry: () => void): HTMLElement {
  return h(
    'section',
    { className: 'state-view error', attrs: { role: 'alert' } },
    h('div', { className: 'state-text' },
      h('h2', {}, error.message),
      h('p', { className: 'hint' }, error.hint),
      errorDetails(error),
      h('p', { className: 'lookup' }, lookupTitle(lookup)),
      h('div', { className: 'state-actions' }, button('Retry', onRetry, 'primary')),
    ),
  );
}

/** 310149 is not a failure: it is the server saying it holds no events, so say what could explain that. */
export function noEventsView(lookup: LookupInfo, error: ErrorInfo, onRefresh: () => void): HTMLElement {
  const scope = lookup.periodId === undefined ? '' : ` in period ${lookup.periodId}`;
  return h(
    'section',
    { className: 'state-view empty' },
    h('div', { className: 'state-text' },
      h('h2', {}, 'No events recorded'),
      h('p', {}, `Capillary holds no tracked target events for user ${lookup.userId} under target rule ${lookup.targetRuleId}${scope} (code ${NO_EVENTS_CODE}: no record in user target).`),
      h('p', {}, 'What to check next:'),
      h('ul', { className: 'checklist' },
        h('li', {}, 'The user ID is the Capillary customer ID, not a mobile number, email or external ID.'),
        h('li', {}, `The profile "${lookup.profileName}" (${lookup.host}) points at the cluster and org where this customer lives.`),
        h('li', {}, 'The customer is enrolled in the target this rule belongs to, and the rule ID is not a target or group ID.'),
        h('li', {}, 'The events fall inside the period and have been processed; processing can lag behind the event date.'),
      ),
      h('p', { className: 'hint' }, error.hint),
      errorDetails(error),
      h('div', { className: 'state-actions' }, button('Refresh', onRefresh, 'primary')),
    ),
  );
}

export function summaryLine(data: TableData): HTMLElement {
  const parts = [
    plural(data.eventCount, 'event', 'events'),
    plural(data.groups.length, 'period', 'periods'),
    `${plural(data.pagesFetched, 'page', 'pages')} fetched`,
    `profile ${data.lookup.profileName} (${data.lookup.host})`,
    `fetched ${formatLocalDateTime(data.fetchedAt)}`,
  ];
  return h('p', { className: 'summary' }, parts.join(' · '));
}

export function warningsList(warnings: readonly string[]): HTMLElement | null {
  if (warnings.length === 0) return null;
  return h(
    'ul',
    { className: 'warnings', attrs: { 'aria-label': 'Warnings' } },
    ...warnings.map((warning) => h('li', {}, warning)),
  );
}

export function partialBanner(data: TableData): HTMLElement | null {
  if (data.complete) return null;
  const reason = data.partialReason || 'the fetch stopped early';
  return h(
    'div',
    { className: 'banner partial', attrs: { role: 'alert' } },
    `Partial: ${reason} — ${plural(data.eventCount, 'event', 'events')} shown, not the complete set`,
  );
}

/** A compact error line above partial data. */
export function errorBanner(error: ErrorInfo, onRetry: () => void): HTMLElement {
  return h(
    'div',
    { className: 'banner error', attrs: { role: 'alert' } },
    h('div', { className: 'banner-text' },
      h('strong', {}, error.message),
      h('span', { className: 'hint' }, error.hint),
      errorDetails(error),
    ),
    button('Retry', onRetry, 'primary'),
  );
}
