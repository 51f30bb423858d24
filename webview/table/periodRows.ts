// A period's two rows: its header (period, status, counts, window, lag and Σ) and, under it, its target progress
// line (goal, achieved, progress bar, verdict and why).
import type { PeriodReconciliation } from '../../src/shared/reconciliation';
import { creditText, enrolmentText, goalText, milestoneTexts, periodDetails, streakTexts, verdictText, windowText } from '../../src/shared/targetProgressText';
import { isHighLag } from '../../src/shared/rules';
import { h, setText, textSlot } from '../dom';
import { formatCount, formatDateSpan, formatDecimalText, formatFigure, formatLag, plural } from '../../src/shared/display';
import { columns } from './model';
import type { RowContext } from './rowContext';

export interface GroupRowView {
  kind: 'group';
  element: HTMLElement;
  periodId: Text;
  targetGroup: HTMLElement;
  targetGroupId: Text;
  count: Text;
  span: Text;
  enrolment: HTMLElement;
  enrolmentText: Text;
  lag: HTMLElement;
  lagText: Text;
  shownSum: Text;
  sumLabel: Text;
  sum: Text;
  sumCell: HTMLElement;
  status: HTMLElement;
  statusText: Text;
}

/** The line under a period's header: goal, achieved, progress bar, verdict and why. */
export interface ProgressRowView {
  kind: 'progress';
  element: HTMLElement;
  cell: HTMLElement;
  figures: Text;
  fill: HTMLElement;
  bar: HTMLElement;
  verdict: HTMLElement;
  verdictText: Text;
  reason: Text;
  milestones: Text;
}

export function createGroupRow(className = 'grid-row group-row'): GroupRowView {
  const chevron = h('span', { className: 'chevron', attrs: { 'aria-hidden': 'true' } });
  const periodLabel = h('span', { className: 'group-period' }, 'Period ');
  const periodStrong = h('strong');
  periodLabel.append(periodStrong);
  const status = h('span', { className: 'period-status' });
  const targetGroup = h('span', { className: 'group-target' }, 'target group ');
  const count = h('span', { className: 'count-badge group-count' });
  const span = h('span', { className: 'group-span' });
  const enrolment = h('span', { className: 'group-enrolment' });
  const lag = h('span', { className: 'lag' });
  const info = h(
    'div',
    { className: 'grid-cell group-info', attrs: { role: 'gridcell', 'aria-colindex': '1', 'aria-colspan': '5' } },
    chevron,
    periodLabel,
    status,
    targetGroup,
    count,
    span,
    enrolment,
    lag,
  );
  const sumCell = h('div', {
    className: 'grid-cell col-targetValue numeric group-sum',
    attrs: { role: 'gridcell', 'aria-colindex': '6' },
  });
  const shownSum = h('span', { className: 'shown-sum' });
  const sumLabel = h('span', { className: 'sum-label' });
  sumCell.append(shownSum, sumLabel);
  const element = h('div', { className, attrs: { role: 'row', 'aria-level': '1' } }, info, sumCell);
  return {
    kind: 'group',
    element,
    periodId: textSlot(periodStrong),
    targetGroup,
    targetGroupId: textSlot(targetGroup),
    count: textSlot(count),
    span: textSlot(span),
    enrolment,
    enrolmentText: textSlot(enrolment),
    lag,
    lagText: textSlot(lag),
    shownSum: textSlot(shownSum),
    sumLabel: textSlot(sumLabel),
    sum: textSlot(sumCell),
    sumCell,
    status,
    statusText: textSlot(status),
  };
}

export function fillGroupRow(view: GroupRowView, context: RowContext, groupIndex: number): GroupRowView {
  const { filtering, partial } = context;
  const group = context.model.groups[groupIndex];
  view.element.setAttribute('aria-expanded', String(context.isExpanded(groupIndex)));
  view.element.dataset.group = String(groupIndex);
  setText(view.periodId, group.periodId);
  setText(view.targetGroupId, group.targetGroupId);
  view.targetGroup.title = `target group ${group.targetGroupId}`;
  const matches = context.result.matchesByGroup[groupIndex];
  setText(view.count, filtering ? `${formatCount(matches)} of ${plural(group.count, 'event')}` : plural(group.count, 'event'));
  const period = context.periods[groupIndex];
  setText(view.statusText, period?.status ?? '');
  view.status.hidden = !period?.status;
  // With the target's calendar, the period's window says more than the span of its events.
  setText(view.span, period && windowText(period) ? windowText(period) : formatDateSpan(group.firstEventDate, group.lastEventDate));
  const enrolment = period ? enrolmentText(period) : '';
  setText(view.enrolmentText, enrolment);
  view.enrolment.hidden = enrolment === '';
  view.enrolment.title = enrolment === '' ? '' : 'Events dated before the enrolment are flagged \u201cbefore enrolment\u201d';
  view.element.title = period ? periodDetails(period) : '';
  const lag = group.maxProcessingLagSeconds;
  const lagText = lag !== null && lag > 0 ? formatLag(lag) : '';
  setText(view.lagText, lagText === '' ? '' : `max lag ${lagText}`);
  view.lag.title = lagText === '' ? '' : `Largest processing lag in the period: ${lagText}`;
  view.lag.classList.toggle('high', lag !== null && lag > 0 && isHighLag(lag, context.lagWarningSeconds));
  // While filtering, the sum of the shown events stands beside the period's, so that neither is mistaken for the other.
  setText(view.shownSum, filtering ? `Σ shown ${formatDecimalText(context.shownSums.of(groupIndex))} · ` : '');
  setText(view.sumLabel, `${filtering ? 'Σ period' : 'Σ'}${partial ? ' so far' : ''} `);
  setText(view.sum, formatDecimalText(group.totalTargetValue));
  view.sumCell.title = filtering
    ? `Σ targetValue of the ${plural(matches, 'event')} shown: ${context.shownSums.of(groupIndex)}; of all ${plural(group.count, 'event')} in period ${group.periodId}: ${group.totalTargetValue}`
    : `Σ targetValue of all ${plural(group.count, 'event')} in period ${group.periodId}: ${group.totalTargetValue}`;
  return view;
}

export function createProgressRow(): ProgressRowView {
  const fill = h('div', { className: 'progress-fill' });
  const bar = h('div', { className: 'progress-bar', attrs: { role: 'img' } }, fill);
  const figures = h('span', { className: 'progress-figures' });
  const verdict = h('span', { className: 'verdict' });
  const reason = h('span', { className: 'verdict-reason' });
  const milestones = h('span', { className: 'milestones' });
  const cell = h(
    'div',
    { className: 'grid-cell progress-info', attrs: { role: 'gridcell', 'aria-colindex': '1', 'aria-colspan': String(columns.length) } },
    bar,
    verdict,
    figures,
    reason,
    milestones,
  );
  const element = h('div', { className: 'grid-row progress-row', attrs: { role: 'row', 'aria-level': '2' } }, cell);
  return {
    kind: 'progress',
    element,
    cell,
    figures: textSlot(figures),
    fill,
    bar,
    verdict,
    verdictText: textSlot(verdict),
    reason: textSlot(reason),
    milestones: textSlot(milestones),
  };
}

export function fillProgressRow(view: ProgressRowView, context: RowContext, groupIndex: number): ProgressRowView {
  const period = context.periods[groupIndex];
  view.element.dataset.group = String(groupIndex);
  if (!period) {
    setText(view.figures, 'No target progress for this period');
    setText(view.verdictText, '');
    setText(view.reason, '');
    setText(view.milestones, '');
    view.bar.hidden = true;
    view.cell.title = '';
    return view;
  }
  // Most telling first: the verdict, the figures, why; milestones last, where a narrow panel cuts them short.
  const figures = [`goal ${formatFigure(period.goal)}`, `achieved ${formatFigure(period.achieved)}`, `Σ ${formatDecimalText(period.eventsSum)}`, goalText(period), creditText(period), ...streakTexts(period)];
  setText(view.figures, figures.filter((part) => part !== '').join(' · '));
  setText(view.verdictText, verdictText(period));
  view.verdict.className = `verdict ${period.verdict}`;
  setText(view.reason, period.reasons.join(' · '));
  setText(view.milestones, milestoneTexts(period).join(' · '));
  const share = progressShare(period);
  view.bar.hidden = share === undefined;
  view.fill.style.width = `${Math.round((share ?? 0) * 100)}%`;
  view.bar.setAttribute('aria-label', share === undefined ? '' : `${Math.round((share ?? 0) * 100)}% of the goal`);
  view.cell.title = periodDetails(period);
  return view;
}

/** Capillary's achieved value as a share of the goal (0..1), for the progress bar; undefined without both. */
export function progressShare(period: PeriodReconciliation): number | undefined {
  const goal = Number(period.goal);
  const achieved = Number(period.achieved);
  if (period.goal === undefined || period.achieved === undefined || !(goal > 0) || Number.isNaN(achieved)) return undefined;
  return Math.min(1, Math.max(0, achieved / goal));
}
