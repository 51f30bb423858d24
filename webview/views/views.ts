// The static parts of each screen: headings, summary, banners, loading, error and empty states.
// Every value from the extension enters through h() as text.
import type { FetchProgress } from '../../src/shared/domain';
import type { ErrorInfo, FetchInfo, LookupInfo, TableData, TargetProgressInfo } from '../../src/shared/messages';
import { credentialsRefused, NO_EVENTS_CODE } from '../../src/shared/rules';
import { capillaryCodeName, fetchProgressText, formatLocalDateTime, plural } from '../../src/shared/display';
import { setCredentialsLabel } from '../../src/shared/credentialActions';
import { h } from '../dom';

export function lookupTitle(lookup: LookupInfo): string {
  const period = lookup.periodId === undefined ? 'all periods' : `period ${lookup.periodId}`;
  return `User ${lookup.userId} · rule ${lookup.targetRuleId} · ${period}`;
}

export function button(label: string, onClick: () => void, appearance: 'primary' | 'secondary' = 'secondary'): HTMLElement {
  const element = h('vscode-button', { attrs: { appearance } }, label);
  element.addEventListener('click', onClick);
  return element;
}

function progressText(progress: FetchProgress | undefined): string {
  return progress ? fetchProgressText(progress) : 'Starting…';
}

export function loadingView(lookup: LookupInfo, progress: FetchProgress | undefined, onCancel: () => void): HTMLElement {
  return h(
    'section',
    { className: 'state-view loading', attrs: { 'aria-busy': 'true' } },
    h('vscode-progress-ring'),
    h('div', { className: 'state-text' },
      h('h2', {}, `Loading events for ${lookupTitle(lookup)}…`),
      h('p', { className: 'progress-text', attrs: { role: 'status' } }, progressText(progress)),
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

export interface ErrorActions {
  onRetry: () => void;
  onSetCredentials: () => void;
}

/** A failed lookup; when the credentials were refused (HTTP 401, 498, code 320001) it names the profile whose credentials were refused and offers to set them. */
export function errorView(lookup: LookupInfo, error: ErrorInfo, actions: ErrorActions): HTMLElement {
  const refused = credentialsRefused(error);
  return h(
    'section',
    { className: 'state-view error', attrs: { role: 'alert' } },
    h('div', { className: 'state-text' },
      h('h2', {}, error.message),
      refused ? h('p', { className: 'profile' }, `Profile "${lookup.profileName}" (${lookup.host}) was refused.`) : null,
      h('p', { className: 'hint' }, error.hint),
      errorDetails(error),
      h('p', { className: 'lookup' }, lookupTitle(lookup)),
      h('div', { className: 'state-actions' },
        refused ? button(setCredentialsLabel(lookup.profileName), actions.onSetCredentials, 'primary') : null,
        button('Retry', actions.onRetry, refused ? 'secondary' : 'primary'),
      ),
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
      h('p', {}, `Capillary holds no tracked target events for user ${lookup.userId} under target rule ${lookup.targetRuleId}${scope} (${capillaryCodeName(NO_EVENTS_CODE)}: no record in user target).`),
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

/** `periodCount`: the periods listed, those without events too (the target's calendar). */
export function summaryLine(data: TableData, periodCount: number): HTMLElement {
  const parts = [
    plural(data.eventCount, 'event'),
    plural(periodCount, 'period'),
    `${plural(data.pagesFetched, 'page')} fetched`,
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

/** What the events on screen are, said once: the complete result of a given time, or a stopped fetch's part. */
function shownText(data: TableData, loading: boolean): string {
  if (data.complete) return `Showing the result fetched at ${formatLocalDateTime(data.fetchedAt)}.`;
  return loading
    ? `Showing the ${plural(data.eventCount, 'event')} that have arrived so far.`
    : `Showing the ${plural(data.eventCount, 'event')} fetched before it stopped: not the complete set.`;
}

interface BannerActions {
  onRetry: () => void;
  onCancel: () => void;
  onSetCredentials: () => void;
}

/**
 * The one banner above the events that says what the latest fetch is doing or how it ended, and which events
 * are on screen; none when the latest fetch succeeded.
 */
export function fetchBanner(fetch: FetchInfo, data: TableData, actions: BannerActions): HTMLElement | null {
  switch (fetch.phase) {
    case 'loading':
      return h(
        'div',
        { className: 'banner loading', attrs: { role: 'status', 'aria-busy': 'true' } },
        h('vscode-progress-ring'),
        h('div', { className: 'banner-text' },
          h('strong', {}, data.complete ? 'Refreshing…' : 'Loading…'),
          h('span', { className: 'progress-text' }, progressText(fetch.fetchProgress)),
          h('span', { className: 'shown' }, shownText(data, true)),
        ),
        button('Cancel', actions.onCancel),
      );
    case 'failed': {
      // Refused credentials are fixed by setting them, as on the error page; the banner goes once they work.
      const refused = credentialsRefused(fetch.error);
      return h(
        'div',
        { className: 'banner error', attrs: { role: 'alert' } },
        h('div', { className: 'banner-text' },
          h('strong', {}, fetch.error.message),
          refused ? h('span', { className: 'profile' }, `Profile "${data.lookup.profileName}" (${data.lookup.host}) was refused.`) : null,
          h('span', { className: 'hint' }, fetch.error.hint),
          errorDetails(fetch.error),
          h('span', { className: 'shown' }, shownText(data, false)),
        ),
        refused ? button(setCredentialsLabel(data.lookup.profileName), actions.onSetCredentials, 'primary') : null,
        button('Retry', actions.onRetry, refused ? 'secondary' : 'primary'),
      );
    }
    case 'cancelled':
      return h(
        'div',
        { className: `banner ${data.complete ? 'cancelled' : 'partial'}`, attrs: { role: 'alert' } },
        h('div', { className: 'banner-text' },
          h('strong', {}, 'Cancelled.'),
          h('span', { className: 'shown' }, shownText(data, false)),
        ),
        button('Refresh', actions.onRetry, 'primary'),
      );
    case 'idle':
    case 'done':
      return null;
  }
}

/** A fetch cancelled before any events arrived. */
export function cancelledView(lookup: LookupInfo, onRefresh: () => void): HTMLElement {
  return h(
    'section',
    { className: 'state-view cancelled' },
    h('div', { className: 'state-text' },
      h('h2', {}, 'Cancelled before any events arrived'),
      h('p', { className: 'lookup' }, lookupTitle(lookup)),
      h('div', { className: 'state-actions' }, button('Refresh', onRefresh, 'primary')),
    ),
  );
}

/** What is known of the target progress beside the events: which target and clock, loading, or unavailable and why. */
export function progressNotice(info: TargetProgressInfo, onRetry: () => void): HTMLElement {
  switch (info.status) {
    case 'loading':
      return h('p', { className: 'progress-note', attrs: { role: 'status' } }, 'Loading the customer\u2019s target progress…');
    case 'unavailable':
      return h(
        'div',
        { className: 'banner progress-unavailable', attrs: { role: 'status' } },
        h('div', { className: 'banner-text' },
          h('strong', {}, 'Target progress unavailable.'),
          h('span', {}, info.message),
          h('span', { className: 'hint' }, info.hint),
        ),
        button('Retry', onRetry),
      );
    case 'ok': {
      const { reconciliation } = info;
      const parts = [
        `Target group ${reconciliation.targetGroupId}${reconciliation.targetGroupName ? ` \u201c${reconciliation.targetGroupName}\u201d` : ''}`,
        reconciliation.trackingType ?? '',
        `period bounds${reconciliation.timeZoneName ? ` in ${reconciliation.timeZoneName}` : ''} and event dates compared as the server wrote them`,
      ];
      return h('p', { className: 'progress-note' }, parts.filter((part) => part !== '').join(' · '));
    }
  }
}
