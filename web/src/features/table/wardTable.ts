/** The ward table for the selected month: what "Export CSV" writes when this view is open. */
import { h, render } from '../../dom';
import type { WardFigures } from '../../graphql/types';
import { translate, type Locale } from '../../i18n';
import { formatCount, formatPercent, formatPoints } from '../../i18n/format';
import type { Cell } from '../export/csv';

export type WardRow = Pick<WardFigures, 'id' | 'name' | 'indicators'>;

export function sortedRows(rows: readonly WardRow[]): WardRow[] {
  return [...rows].sort((a, b) => (a.indicators?.accountOwnership?.rate ?? Infinity) - (b.indicators?.accountOwnership?.rate ?? Infinity));
}

export function renderWardTable(container: HTMLElement, rows: readonly WardRow[], locale: Locale, onPick: (id: string) => void): void {
  const t = (k: Parameters<typeof translate>[1]) => translate(locale, k);
  render(container, h('table', { class: 'ward-table' },
    h('thead', {}, h('tr', {}, ['table.ward', 'table.holders', 'table.residents15Plus', 'table.rate', 'table.target', 'table.gap'].map((k) => h('th', {}, t(k as Parameters<typeof translate>[1]))))),
    h('tbody', {}, sortedRows(rows).map((r) => {
      const a = r.indicators?.accountOwnership;
      return h('tr', { onclick: () => onPick(r.id), class: (a?.gap ?? 0) < 0 ? 'below' : '' },
        h('td', {}, r.name),
        h('td', { class: 'num' }, formatCount(a?.holders, locale)),
        h('td', { class: 'num' }, formatCount(a?.residents15Plus, locale)),
        h('td', { class: 'num' }, formatPercent(a?.rate, locale)),
        h('td', { class: 'num' }, formatPercent(a?.target, locale)),
        h('td', { class: 'num' }, formatPoints(a?.gap, locale)));
    }))));
}

export function wardCsvRows(rows: readonly WardRow[], month: string): { header: string[]; rows: Cell[][] } {
  return {
    header: ['month', 'ward', 'holders_15_plus', 'residents_15_plus', 'rate', 'target', 'gap'],
    rows: sortedRows(rows).map((r) => {
      const a = r.indicators?.accountOwnership;
      return [month, r.name, a?.holders, a?.residents15Plus, a?.rate, a?.target, a?.gap];
    }),
  };
}
