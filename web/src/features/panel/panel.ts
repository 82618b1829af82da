/**
 * The side panel for a clicked ward: its figures for the month, the trend, teams, merchants and QR by
 * category, Wi-Fi, model streets and data-quality flags. Each section loads on its own, so a section the
 * API cannot answer yet says so without hiding the others.
 */
import { h, render } from '../../dom';
import type { GraphQLClient } from '../../graphql/client';
import { WardAdoptionQuery, WardInventoryQuery, WardPanelQuery } from '../../graphql/documents';
import type { WardAdoptionAnswer, WardInventoryAnswer, WardPanelAnswer } from '../../graphql/types';
import { translate, type Locale } from '../../i18n';
import { formatCount, formatMonth, formatPercent, formatPoints } from '../../i18n/format';
import type { Store } from '../../state';
import { firstMonth, currentMonth } from '../../data/hub';
import { categoryName } from './categoryName';
import { describeFlag } from './qualityFlags';
import { trendChart } from './trendChart';

export function mountPanel(container: HTMLElement, store: Store, client: GraphQLClient): void {
  let request = 0;
  let panel: WardPanelAnswer['node'] | undefined;
  let inventory: WardInventoryAnswer['node'] | undefined | Error;
  let panelError: Error | null = null;

  const draw = () => {
    const s = store.state;
    if (!s.selectedWardId) {
      container.hidden = true;
      return;
    }
    container.hidden = false;
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(s.locale, key, params);
    const close = h('button', { type: 'button', class: 'close', 'aria-label': t('panel.close'), onclick: () => store.update({ selectedWardId: null }) }, '×');
    if (panelError) return render(container, close, h('p', { class: 'error' }, t('app.loadFailed', { error: panelError.message })));
    if (panel === undefined) return render(container, close, h('p', { class: 'muted' }, t('app.loading')));
    if (panel === null) return render(container, close, h('p', { class: 'muted' }, t('panel.unavailable')));
    const a = panel.indicators?.accountOwnership;
    const report = panel.reports?.nodes?.[0];
    const month = s.month ?? '';
    render(container,
      close,
      h('h2', {}, panel.name),
      h('section', { class: 'figures' },
        h('h3', {}, t('panel.figures', { month: formatMonth(month, s.locale) })),
        h('h4', {}, t('panel.accountOwnership')),
        a ? h('dl', {},
          row(t('panel.holders'), formatCount(a.holders, s.locale)),
          row(t('panel.residents15Plus'), formatCount(a.residents15Plus, s.locale)),
          row(t('panel.rate'), formatPercent(a.rate, s.locale), 'rate'),
          row(t('panel.target'), formatPercent(a.target, s.locale)),
          row(t('panel.gap'), formatPoints(a.gap, s.locale), (a.gap ?? 0) < 0 ? 'below' : 'above'))
          : h('p', { class: 'muted' }, t('panel.unavailable'))),
      h('section', {}, h('h3', {}, t('panel.trend')), trendChart(panel.trend ?? [], a?.target ?? null, s.month, s.locale)),
      h('section', {}, h('h3', {}, t('panel.teams')), h('dl', {},
        row(t('panel.teamCount'), inventory instanceof Error || !inventory ? '–' : formatCount(inventory.teams.totalCount, s.locale)),
        row(t('panel.teamCoverage'), panel.indicators?.teamCoverage
          ? `${formatCount(panel.indicators.teamCoverage.withTeam, s.locale)} / ${formatCount(panel.indicators.teamCoverage.neighborhoods, s.locale)} (${formatPercent(panel.indicators.teamCoverage.rate, s.locale)})`
          : '–'))),
      h('section', {}, h('h3', {}, t('panel.merchants')), merchantsTable(panel, inventory, s.locale)),
      h('section', {}, h('h3', {}, t('panel.wifi')), h('dl', {},
        row(t('panel.wifiPoints'), inventory instanceof Error || !inventory ? '–' : formatCount(inventory.wifiPoints.totalCount, s.locale)),
        row(t('panel.wifiArea'), formatPercent(panel.indicators?.wifiCoverage?.areaShare, s.locale)),
        row(t('panel.wifiResidents'), formatPercent(panel.indicators?.wifiCoverage?.residentsShare, s.locale)))),
      h('section', {}, h('h3', {}, t('panel.streets')), streetsList(inventory, s.locale)),
      h('section', { class: 'quality' }, h('h3', {}, t('panel.quality')),
        report && report.qualityFlags.length
          ? h('ul', {}, report.qualityFlags.map((f) => h('li', { class: 'flag' }, '⚠ ', describeFlag(f, s.locale))))
          : h('p', { class: 'muted' }, report ? t('panel.qualityOk') : t('panel.unavailable'))));
  };

  store.watch(['selectedWardId', 'month', 'dataVersion'], async (s) => {
    const mine = ++request;
    panel = undefined;
    inventory = undefined;
    panelError = null;
    draw();
    if (!s.selectedWardId || !s.month) return;
    const id = s.selectedWardId;
    const month = s.month;
    const core = client.request<WardPanelAnswer>(WardPanelQuery(month, firstMonth, currentMonth()), { id })
      .then((answer) => { if (mine === request) panel = answer.node; })
      .catch((e: unknown) => { if (mine === request) panelError = e instanceof Error ? e : new Error(String(e)); });
    // Street compliance and QR by category are optional extras merged into the inventory when the API has them.
    const adoption = client.request<WardAdoptionAnswer>(WardAdoptionQuery(month), { id }).then((a) => a.node, () => null);
    const extra = client.request<WardInventoryAnswer>(WardInventoryQuery(month), { id })
      .then(async (answer) => {
        const more = await adoption;
        const node = answer.node && more
          ? {
            ...answer.node,
            modelStreets: { ...answer.node.modelStreets, nodes: answer.node.modelStreets.nodes.map((s) => ({ ...s, compliance: more.modelStreets.nodes.find((m) => m.id === s.id)?.compliance?.rate ?? null })) },
            indicators: more.indicators,
          }
          : answer.node;
        if (mine === request) inventory = node;
      })
      .catch((e: unknown) => { if (mine === request) inventory = e instanceof Error ? e : new Error(String(e)); });
    await core;
    if (mine === request) draw();
    await extra;
    if (mine === request) draw();
  });
  store.watch(['locale'], draw);
}

function row(label: string, value: string, className?: string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', className ? { class: className } : {}, value)];
}

function merchantsTable(panel: NonNullable<WardPanelAnswer['node']>, inventory: WardInventoryAnswer['node'] | undefined | Error, locale: Locale): HTMLElement {
  const total = panel.indicators?.qrAdoption;
  const byCategory = inventory instanceof Error ? [] : inventory?.indicators?.qrAdoption?.byCategory ?? [];
  const line = (label: string, merchants: number, withQr: number, rate: number | null) =>
    h('tr', {}, h('td', {}, label), h('td', { class: 'num' }, `${formatCount(withQr, locale)} / ${formatCount(merchants, locale)}`), h('td', { class: 'num' }, formatPercent(rate, locale)));
  if (!total && byCategory.length === 0) return h('p', { class: 'muted' }, translate(locale, 'panel.unavailable'));
  return h('table', { class: 'mini' },
    h('tbody', {},
      byCategory.map((c) => line(categoryName(c.category, locale), c.merchants, c.withQr, c.rate)),
      total ? line(translate(locale, 'panel.merchantsTotal'), total.merchants, total.withQr, total.rate) : null));
}

function streetsList(inventory: WardInventoryAnswer['node'] | undefined | Error, locale: Locale): HTMLElement {
  if (inventory instanceof Error || !inventory) return h('p', { class: 'muted' }, translate(locale, inventory ? 'panel.unavailable' : 'app.loading'));
  const streets = inventory.modelStreets.nodes;
  if (streets.length === 0) return h('p', { class: 'muted' }, translate(locale, 'panel.streetsNone'));
  return h('ul', { class: 'streets' }, streets.map((s) =>
    h('li', { class: s.compliance == null ? '' : s.compliance >= 1 ? 'ok' : 'below' }, s.name, s.compliance == null ? '' : `: ${formatPercent(s.compliance, locale)}`)));
}
