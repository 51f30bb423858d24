// The compact chart above the table: one bar per period, Σ of its events against the goal (a line across the
// bar), with a legend of its colours. Plain elements sized through the CSSOM (the panel's CSP allows no style
// attributes in markup), coloured by the stylesheet from --vscode-* variables only. The bars are one Tab stop (a
// toolbar with a roving tabindex): arrow keys, Home and End move between them; click or Enter jumps to the period.
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

/** The bar classes, each with its colour's meaning: a bar that differs is drawn as differing even when reached. */
const legendEntries: ReadonlyArray<{ className: string; label: string }> = [
  { className: 'differs', label: 'Σ differs from achieved' },
  { className: 'reached', label: 'goal reached' },
  { className: 'pending', label: 'goal not reached yet' },
];

function legend(): HTMLElement {
  return h(
    'ul',
    { className: 'chart-legend', attrs: { 'aria-label': 'Chart legend' } },
    ...legendEntries.map(({ className, label }) =>
      h('li', {}, h('span', { className: `chart-swatch ${className}`, attrs: { 'aria-hidden': 'true' } }), label),
    ),
    h('li', {}, h('span', { className: 'chart-swatch goal-line', attrs: { 'aria-hidden': 'true' } }), 'goal'),
  );
}

function barClass(period: ListedPeriod['period']): string {
  if (period?.verdict === 'differs') return 'differs';
  return period?.goalReached ? 'reached' : 'pending';
}

/** Moves focus (and the one Tab stop) between the bars. */
function rove(bars: readonly HTMLElement[], from: number, to: number): void {
  bars[from].tabIndex = -1;
  bars[to].tabIndex = 0;
  bars[to].focus();
}

const stepKeys: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (index, count) => Math.min(count - 1, index + 1),
  ArrowDown: (index, count) => Math.min(count - 1, index + 1),
  ArrowLeft: (index) => Math.max(0, index - 1),
  ArrowUp: (index) => Math.max(0, index - 1),
  Home: () => 0,
  End: (_, count) => count - 1,
};

export function progressChart(
  listed: readonly ListedPeriod[],
  onSelect: (groupIndex: number) => void,
  tabStopPeriodId?: string,
): HTMLElement | null {
  if (!listed.some(({ period }) => period)) return null;
  const scale = Math.max(0, ...listed.flatMap(({ period }) => (period ? [magnitude(period.eventsSum), magnitude(period.goal)] : [])));
  const bars = listed.map(({ group, period }, index) => {
    const fill = h('span', { className: 'chart-fill' });
    fill.style.height = percent(magnitude(period?.eventsSum ?? group.totalTargetValue), scale);
    const bar = h('button', {
      className: `chart-bar ${barClass(period)}`,
      attrs: { type: 'button', 'data-period': group.periodId },
    }, fill);
    bar.tabIndex = -1;
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
  const tabStop = Math.max(0, listed.findIndex(({ group }) => group.periodId === tabStopPeriodId));
  bars[tabStop].tabIndex = 0;
  const toolbar = h('div', {
    className: 'chart-bars',
    attrs: { role: 'toolbar', 'aria-orientation': 'horizontal', 'aria-label': 'Σ per period against the goal; arrow keys move between periods' },
  }, ...bars);
  toolbar.addEventListener('keydown', (event) => {
    const step = stepKeys[event.key];
    const from = bars.indexOf(event.target as HTMLButtonElement);
    if (!step || from < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    rove(bars, from, step(from, bars.length));
  });
  return h(
    'figure',
    { className: 'progress-chart' },
    toolbar,
    h('figcaption', {}, h('span', {}, 'Σ of the events per period; click a bar, or Enter on it, to go to its period.'), legend()),
  );
}

/**
 * Puts a new chart into `area`; the bar that held the Tab stop (and focus) keeps it, so that a refresh under the
 * keyboard does not throw the user out of the chart.
 */
export function replaceChart(area: HTMLElement, listed: readonly ListedPeriod[], onSelect: (groupIndex: number) => void): void {
  const current = area.querySelector<HTMLElement>('.chart-bar[tabindex="0"]');
  const hadFocus = current !== null && current === document.activeElement;
  const chart = progressChart(listed, onSelect, current?.dataset.period);
  area.replaceChildren(...(chart ? [chart] : []));
  if (hadFocus) chart?.querySelector<HTMLElement>('.chart-bar[tabindex="0"]')?.focus();
}
