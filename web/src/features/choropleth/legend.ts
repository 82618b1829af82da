import { h, render } from '../../dom';
import { formatPercent, type Locale } from '../../i18n/format';
import { translate } from '../../i18n';
import { noDataColor } from './colors';
import type { LegendModel } from './legendModel';

/** The legend box: one row per class (range and how many units), the target, and units without figures. */
export function renderLegend(container: HTMLElement, model: LegendModel, title: string, locale: Locale): void {
  const pct = (v: number) => formatPercent(v, locale);
  const rows = model.classes.map((c) => {
    const range = c.from == null && c.to == null ? translate(locale, 'legend.noData')
      : c.from == null ? `< ${pct(c.to!)}`
      : c.to == null ? `≥ ${pct(c.from)}`
      : `${pct(c.from)} – ${pct(c.to)}`;
    const containsTarget = model.target != null && (c.from ?? -Infinity) <= model.target && model.target < (c.to ?? Infinity);
    return h('li', { class: 'legend-row' + (c.count === 0 ? ' empty' : '') },
      h('span', { class: 'swatch', style: `background:${c.color}` }),
      h('span', { class: 'range' }, range),
      containsTarget ? h('span', { class: 'target-mark', title: translate(locale, 'legend.target', { value: pct(model.target!) }) }, '◆') : null,
      h('span', { class: 'count' }, String(c.count)));
  });
  // Rows go highest first, as readers expect "more is up".
  rows.reverse();
  render(container,
    h('h3', {}, title),
    model.target != null ? h('p', { class: 'legend-target' }, '◆ ', translate(locale, 'legend.target', { value: pct(model.target) })) : null,
    h('ul', { class: 'legend-rows' }, rows),
    model.noData > 0 ? h('p', { class: 'legend-row nodata' },
      h('span', { class: 'swatch', style: `background:${noDataColor}` }),
      h('span', { class: 'range' }, translate(locale, 'legend.noData')),
      h('span', { class: 'count' }, String(model.noData))) : null);
}
