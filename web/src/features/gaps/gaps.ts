/**
 * The planners' view: wards below target, neighbourhoods without a team, model streets below 100 % QR.
 * Each list loads on its own; clicking an item flies the map to it and outlines it.
 */
import type { Geometry } from 'geojson';
import { h, render } from '../../dom';
import type { GraphQLClient } from '../../graphql/client';
import { NeighborhoodsWithoutTeamQuery, StreetsBelowTargetQuery, UnitsBelowTargetQuery } from '../../graphql/documents';
import type { NeighborhoodsWithoutTeamAnswer, StreetsBelowTargetAnswer, UnitsBelowTargetAnswer } from '../../graphql/types';
import { translate, type Locale } from '../../i18n';
import { formatCount, formatPercent, formatPoints } from '../../i18n/format';
import type { Store } from '../../state';
import type { Cell } from '../export/csv';

type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; value: T };

export interface GapItem {
  kind: 'ward' | 'neighborhood' | 'street';
  name: string;
  detail: string;
  /** Where to fly: a shape at hand, or one to fetch when clicked (ward shapes are tiles, not in the page). */
  geometry: Geometry | null | (() => Promise<Geometry | null>);
  csv: Cell[];
}

export interface GapsViewOptions {
  /** Shape of a ward by its global id, fetched when the user clicks it. */
  wardGeometry: (id: string) => Promise<Geometry | null>;
  flyTo: (geometry: Geometry) => void;
}

export function mountGaps(container: HTMLElement, store: Store, client: GraphQLClient, options: GapsViewOptions): { rows: () => { header: string[]; rows: Cell[][] } } {
  let below: Loaded<UnitsBelowTargetAnswer> = { state: 'loading' };
  let noTeam: Loaded<NeighborhoodsWithoutTeamAnswer> = { state: 'loading' };
  let streets: Loaded<StreetsBelowTargetAnswer> = { state: 'loading' };
  let items: GapItem[] = [];
  let request = 0;

  const load = <T>(document: string, variables: Record<string, unknown>, set: (l: Loaded<T>) => void, mine: number) =>
    client.request<T>(document, variables)
      .then((value) => { if (mine === request) set({ state: 'ok', value }); })
      .catch((e: unknown) => { if (mine === request) set({ state: 'error', message: e instanceof Error ? e.message : String(e) }); })
      .finally(() => { if (mine === request) draw(); });

  const draw = () => {
    const s = store.state;
    const locale = s.locale;
    items = [];
    const wardItems = below.state === 'ok'
      ? below.value.gaps.unitsBelowTarget.nodes.map((u): GapItem => ({
        kind: 'ward', name: u.name,
        detail: `${formatPercent(u.rate, locale)} (${formatPoints(u.gap, locale)}) · ${translate(locale, 'gaps.peopleToTarget', { count: formatCount(u.peopleToTarget, locale) })}`,
        geometry: () => options.wardGeometry(u.unitId),
        csv: ['ward', u.name, u.rate, u.target, u.gap, u.peopleToTarget],
      }))
      : [];
    const teamItems = noTeam.state === 'ok'
      ? noTeam.value.gaps.neighborhoodsWithoutTeam.nodes.map((n): GapItem => ({
        kind: 'neighborhood', name: n.name, detail: n.ward?.name ?? '', geometry: n.geometry ?? null,
        csv: ['neighborhood', n.name, null, null, null, null, n.ward?.name ?? ''],
      }))
      : [];
    const streetItems = streets.state === 'ok'
      ? streets.value.gaps.modelStreetsBelowTarget.nodes.map((m): GapItem => ({
        kind: 'street', name: m.name,
        detail: `${formatPercent(m.compliance, locale)} · ${translate(locale, 'gaps.withoutQr', { count: formatCount(m.merchantsWithoutQr.length, locale) })}`,
        geometry: m.merchantsWithoutQr.length ? { type: 'MultiPoint', coordinates: m.merchantsWithoutQr.map((x) => x.location.coordinates) } : null,
        csv: ['street', m.name, m.compliance, 1, m.compliance == null ? null : m.compliance - 1, m.merchantsWithoutQr.length],
      }))
      : [];
    items = [...wardItems, ...teamItems, ...streetItems];
    render(container,
      section(translate(locale, 'gaps.below'), below, wardItems, locale, options),
      section(translate(locale, 'gaps.noTeam'), noTeam, teamItems, locale, options),
      section(translate(locale, 'gaps.streets'), streets, streetItems, locale, options));
  };

  store.watch(['view', 'month', 'dataVersion'], (s) => {
    if (s.view !== 'gaps' || !s.month) return;
    const mine = ++request;
    below = { state: 'loading' };
    noTeam = { state: 'loading' };
    streets = { state: 'loading' };
    draw();
    void load<UnitsBelowTargetAnswer>(UnitsBelowTargetQuery(s.month), {}, (l) => (below = l), mine);
    void load<NeighborhoodsWithoutTeamAnswer>(NeighborhoodsWithoutTeamQuery, {}, (l) => (noTeam = l), mine);
    void load<StreetsBelowTargetAnswer>(StreetsBelowTargetQuery, {}, (l) => (streets = l), mine);
  });
  store.watch(['locale'], (s) => { if (s.view === 'gaps') draw(); });

  return {
    rows: () => ({
      header: ['kind', 'name', 'rate', 'target', 'gap', 'people_to_target_or_merchants_without_qr', 'ward'],
      rows: items.map((i) => i.csv),
    }),
  };
}

function section(title: string, loaded: Loaded<unknown>, items: GapItem[], locale: Locale, options: GapsViewOptions): HTMLElement {
  const body = loaded.state === 'loading' ? h('p', { class: 'muted' }, translate(locale, 'app.loading'))
    : loaded.state === 'error' ? h('p', { class: 'muted', title: loaded.message }, translate(locale, 'gaps.unavailable'))
    : items.length === 0 ? h('p', { class: 'muted' }, translate(locale, 'gaps.none'))
    : h('ol', { class: 'gap-list' }, items.map((item) =>
      h('li', {},
        h('button', {
          type: 'button', class: 'gap-item', disabled: !item.geometry,
          onclick: async () => {
            const geometry = typeof item.geometry === 'function' ? await item.geometry().catch(() => null) : item.geometry;
            if (geometry) options.flyTo(geometry);
          },
        }, h('strong', {}, item.name), h('span', { class: 'detail' }, item.detail)))));
  return h('section', { class: 'gaps-section' }, h('h3', {}, title, loaded.state === 'ok' ? ` (${items.length})` : ''), body);
}
