// What is said once above the periods about why bills did or did not count: the target's definition (what it
// counts, its rule, filters with their IDs, enrolment), or that it is loading, or why it is unavailable.
import type { DefinitionInfo } from '../../src/shared/explanation';
import { targetDefinitionLines } from '../../src/shared/display';
import { h } from '../dom';

/** "HTTP 403 · Capillary's message", or the message alone. */
export function unavailableText(message: string, httpStatus: number | undefined): string {
  return httpStatus === undefined ? message : `HTTP ${httpStatus} \u00b7 ${message}`;
}

/** The target's definition above the periods, readable; its rule's JSON form folded under it when Capillary sent one. */
export function definitionNotice(info: DefinitionInfo): HTMLElement {
  switch (info.status) {
    case 'loading':
      return h('p', { className: 'definition-note', attrs: { role: 'status', 'aria-busy': 'true' } }, 'Loading the target\u2019s definition\u2026');
    case 'unavailable':
      return h(
        'div',
        { className: 'banner definition-unavailable', attrs: { role: 'status' } },
        h('div', { className: 'banner-text' }, h('strong', {}, 'Target definition unavailable.'), h('span', { className: 'definition-reason' }, unavailableText(info.message, info.httpStatus))),
      );
    case 'ok': {
      const { definition } = info;
      const lines = h('dl', { className: 'definition-lines' });
      for (const line of targetDefinitionLines(definition)) lines.append(h('dt', {}, line.label), h('dd', {}, line.text));
      const json = definition.expressionJson
        ? h('details', { className: 'definition-json' }, h('summary', {}, 'Rule as JSON'), h('pre', {}, definition.expressionJson))
        : null;
      return h(
        'section',
        { className: 'target-definition', attrs: { 'aria-label': `Definition of target rule ${definition.targetRuleId}` } },
        h('h2', {}, `Target rule ${definition.targetRuleId}`),
        lines,
        json,
      );
    }
  }
}
