// The compact chart above the table: one bar per period, Σ of its events against the goal (a line across the
// bar). Plain elements sized through the CSSOM (the panel's CSP allows no style attributes in markup), coloured
// by the stylesheet from --vscode-* variables only. A bar is a button: click or Enter jumps to its period.
import { verdictText } from '../../src/shared/targetProgressText';
import type { ListedPeriod } from '../../src/shared/listedPeriods';
import { formatDecimalText, formatFigure } from '../../src/shared/display';
import { h } from '../dom';

/** A figure's height on the chart; display only, the exact text is in the bar's title. */
function magnitude(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function percent(value: number, scale: number): string {
  return `${scale > 0 ? Math.min(100, (value / scale) * 100).toFixed(1) : '0'}%`;
}

export function progressChart(listed: readonly ListedPeriod[], onSelect: (groupIndex: number) => void): HTMLElement | null {
  if (!listed.some(({ period }) => period)) return null;
  const scale = Math.max(0, ...listed.flatMap(({ period }) => (period ? [magnitude(period.eventsSum), magnitude(period.goal)] : [])));
  const bars = listed.map(({ group, period }, index) => {
    const fill = h('span', { className: 'chart-fill' });
    fill.style.height = percent(magnitude(period?.eventsSum ?? group.totalTargetValue), scale);
    const bar = h('button', {
      className: `chart-bar ${period?.verdict ?? 'unknown'}${period?.goalReached ? ' reached' : ''}`,
      attrs: { type: 'button', 'data-period': group.periodId },
    }, fill);
    if (period?.goal !== undefined) {
      const goal = h('span', { className: 'chart-goal' });
      goal.style.bottom = percent(magnitude(period.goal), scale);
      bar.append(goal);
    }
    const figures = period
      ? `Period ${group.periodId}: Σ ${formatDecimalText(period.eventsSum)} · goal ${formatFigure(period.goal)} · achieved ${formatFigure(period.achieved)} · ${verdictText(period)}`
      : `Period ${group.periodId}: Σ ${formatDecimalText(group.totalTargetValue)}`;
    bar.title = figures;
    bar.setAttribute('aria-label', figures);
    bar.addEventListener('click', () => onSelect(index));
    return bar;
  });
  return h(
    'figure',
    { className: 'progress-chart' },
    h('div', { className: 'chart-bars', attrs: { role: 'group', 'aria-label': 'Σ per period against the goal' } }, ...bars),
    h('figcaption', {}, 'Σ of the events per period; the line is the goal. Click a bar to go to its period.'),
  );
}
