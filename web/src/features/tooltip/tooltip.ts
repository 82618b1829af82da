/** Hover card over a ward: name, rate, holders / residents 15+, and the gap to the target. */
import { h, render } from '../../dom';
import type { Indicators } from '../../graphql/types';
import { translate, type Locale } from '../../i18n';
import { formatCount, formatPercent, formatPoints } from '../../i18n/format';
import type { Indicator } from '../../state';
import { indicatorValue } from '../choropleth/indicators';

export function renderTooltip(el: HTMLElement, name: string, indicators: Indicators | null, indicator: Indicator, locale: Locale): void {
  const account = indicators?.accountOwnership;
  const value = indicatorValue(indicators, indicator);
  const rows: HTMLElement[] = [];
  if (value == null && !account?.rate) {
    rows.push(h('p', { class: 'muted' }, translate(locale, 'tooltip.noData')));
  } else {
    if (indicator !== 'ACCOUNT_OWNERSHIP') {
      rows.push(h('p', {}, translate(locale, `indicator.${indicator}`), ': ', h('strong', {}, formatPercent(value, locale))));
    }
    if (account) {
      rows.push(
        h('p', {}, translate(locale, 'tooltip.rate'), ': ', h('strong', { class: 'rate' }, formatPercent(account.rate, locale))),
        h('p', {}, translate(locale, 'tooltip.holders'), ': ', `${formatCount(account.holders, locale)} / ${formatCount(account.residents15Plus, locale)}`),
        h('p', { class: (account.gap ?? 0) < 0 ? 'below' : 'above' }, translate(locale, 'tooltip.gap'), ': ', formatPoints(account.gap, locale)),
      );
    }
  }
  render(el, h('h4', {}, name), rows);
}
