/**
 * The leaders' map: boots configuration, the GraphQL client and the map, then wires each feature to the
 * shared store. Every feature lives in src/features/<name>; this file only connects them.
 */
import type { Geometry } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import './styles.css';
import { loadConfig } from './config';
import { HubData, type Choropleth } from './data/hub';
import { h } from './dom';
import { addWardLayers, paintWards, wardFeature, wardFillLayer, wardLayerSpecs, wardSource, wardSourceSpec } from './features/choropleth/choropleth';
import { mountChoroplethControls } from './features/choropleth/controls';
import { indicatorTarget } from './features/choropleth/indicators';
import { renderLegend } from './features/choropleth/legend';
import { buildLegend } from './features/choropleth/legendModel';
import { mountLayerPanel } from './features/layers/layerPanel';
import { addOverlayLayers, fetchTileSet, refreshTiles, setHexMetric, setOverlayVisibility } from './features/layers/tileLayers';
import { mountTimeline } from './features/timeline/timeline';
import { renderTooltip } from './features/tooltip/tooltip';
import { createClient } from './graphql/client';
import type { WardFigures, WardShapeAnswer } from './graphql/types';
import { WardShapeQuery } from './graphql/documents';
import { translate, type Locale } from './i18n';
import { formatDateTime } from './i18n/format';
import { geometryBounds } from './map/bounds';
import { createMap, type HubMap } from './map/createMap';
import { initialState, layerNames, Store, type View } from './state';

declare global {
  interface Window {
    /** Test hook: the map, the store and whether the first data has been drawn. */
    __dthub?: { map: HubMap; store: Store; ready: boolean; readyAt: number | null; paintedMonth: string | null; error: string | null };
  }
}

const savedLocale = (localStorage.getItem('dthub.locale') as Locale | null) ?? 'vi';
const store = new Store({ ...initialState, locale: savedLocale === 'en' ? 'en' : 'vi' });

async function start(): Promise<void> {
  const config = await loadConfig();
  const client = createClient(config.graphqlUrl);
  const data = new HubData(client);
  // Both requests leave before the map is even created.
  const started = data.start();
  started.catch(() => undefined); // handled where awaited
  // The map opens on the hub's area with the ward tiles in its first style, so they load with the first frame.
  const tileSet = await fetchTileSet(config.tilesUrl, 'wards');
  const version = tileSet.dataVersion;
  const map = createMap(document.getElementById('map')!, config, {
    sources: { [wardSource]: wardSourceSpec(config.tilesUrl, version) },
    layers: wardLayerSpecs(),
    bounds: tileSet.bounds,
    padding: { top: 40, bottom: 90, left: 380, right: 260 },
  });
  const hook: NonNullable<Window['__dthub']> = { map, store, ready: false, readyAt: null, paintedMonth: null, error: null };
  window.__dthub = hook;
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(store.state.locale, k, p);

  // ---- shell -------------------------------------------------------------------------------------------
  const app = document.getElementById('app')!;
  const title = h('h1', {});
  const asOf = h('p', { class: 'as-of', id: 'data-as-of' });
  const status = h('p', { class: 'status', id: 'status', role: 'status' });
  const tabs = h('nav', { class: 'tabs' });
  const langButton = h('button', { type: 'button', id: 'lang', class: 'lang', onclick: () => store.update({ locale: store.state.locale === 'vi' ? 'en' : 'vi' }) });
  const pngButton = h('button', { type: 'button', id: 'export-png' });
  const csvButton = h('button', { type: 'button', id: 'export-csv' });
  const controls = h('div', { class: 'controls' });
  const legend = h('div', { class: 'legend', id: 'legend' });
  const layerPanel = h('aside', { class: 'card layers', id: 'layers' });
  const panel = h('aside', { class: 'card panel', id: 'panel', hidden: true });
  const sheet = h('aside', { class: 'card sheet', id: 'sheet', hidden: true });
  const timeline = h('footer', { class: 'card timeline', id: 'timeline' });
  const tooltip = h('div', { class: 'tooltip', id: 'tooltip', hidden: true });
  app.append(
    h('header', { class: 'card topbar' },
      h('div', { class: 'title-row' }, title, langButton), asOf, status, tabs,
      h('div', { class: 'exports' }, pngButton, csvButton), controls, legend),
    layerPanel, panel, sheet, timeline, tooltip);

  store.watch(['locale', 'view'], (s) => {
    document.documentElement.lang = s.locale;
    const heading = t('app.title', { city: config.cityName[s.locale] });
    document.title = heading;
    title.textContent = heading;
    langButton.textContent = t('app.language');
    pngButton.textContent = t('export.png');
    csvButton.textContent = t('export.csv');
    tabs.replaceChildren(...(['map', 'gaps', 'table'] as View[]).map((v) =>
      h('button', { type: 'button', id: `view-${v}`, class: v === s.view ? 'active' : '', onclick: () => store.update({ view: v }) }, t(`view.${v}`))));
    localStorage.setItem('dthub.locale', s.locale);
  });
  mountChoroplethControls(controls, store);
  mountLayerPanel(layerPanel, store);
  mountTimeline(timeline, store);
  status.textContent = t('app.loading');
  // The side panel, the gaps view, the table and the exports load when first used: not on the way to the map.
  const panelModule = once(() => import('./features/panel/panel').then((m) => m.mountPanel(panel, store, client)));
  store.watch(['selectedWardId'], (s) => { if (s.selectedWardId) void panelModule(); });

  // ---- data --------------------------------------------------------------------------------------------
  // The ward tiles are loading already; the overlays and the colours need the style parsed ('style.load', not
  // 'load', which waits for the first tiles to be drawn uncoloured) and the colours the GraphQL answer.
  if (!map.isStyleLoaded()) await new Promise<void>((resolve) => map.once('style.load', () => resolve()));
  performance.mark('dthub:style-loaded');
  addWardLayers(map, config.tilesUrl, version); // only when a basemap style URL left them out of the style
  // Overlays above the ward fill but below ward outlines and labels.
  addOverlayLayers(map, config.tilesUrl, version, 'wards-line');
  addHighlightLayer(map);

  const { months, month, wardCount } = await started.finally(() => performance.mark('dthub:start-loaded'));
  store.update({ months, month, dataVersion: version });
  if (!month) status.textContent = t('app.noFigures');

  let markDrawn = () => {};
  const drawn = new Promise<void>((resolve) => { markDrawn = resolve; });
  let painted: Iterable<string> = [];
  let colours: Choropleth = new Map();
  const repaint = async () => {
    const s = store.state;
    if (!s.month) return;
    const month = s.month;
    const indicator = s.indicator;
    try {
      const values = await data.choropleth(month, indicator);
      if (store.state.month !== month || store.state.indicator !== indicator) return;
      colours = values;
      const target = indicator === 'ACCOUNT_OWNERSHIP' ? data.target(month) : indicatorTarget([], indicator);
      // Wards without a value count as "no data" in the legend.
      const all = [...values.values(), ...new Array<null>(Math.max(0, wardCount - values.size)).fill(null)];
      const model = buildLegend(all, { method: s.classing, count: s.classCount, target, manual: s.manualBreaks });
      paintWards(map, values, model, painted);
      painted = [...values.keys()];
      renderLegend(legend, model, t(`indicator.${indicator}`), s.locale);
      hook.paintedMonth = month;
      status.textContent = '';
      // A city's ward figures are small: fetch them (once the map is drawn) so hover cards and the table draw at once.
      if (wardCount <= 100) void drawn.then(() => data.wardDetails(month)).catch(() => undefined);
      if (s.view === 'table') void drawTable();
    } catch (e) {
      showError(e);
    }
  };
  let lastPaint = Promise.resolve();
  store.watch(['month', 'indicator', 'classing', 'classCount', 'manualBreaks', 'locale', 'dataVersion'], () => { lastPaint = repaint(); });

  const showLastRun = async () => {
    try {
      const run = await data.lastRun();
      asOf.classList.toggle('failed', run?.status?.toUpperCase() === 'FAILED');
      if (!run) asOf.textContent = t('app.dataAsOfUnknown');
      else if (run.status?.toUpperCase() === 'FAILED') asOf.textContent = t('app.lastRunFailed', { time: formatDateTime(run.finishedAt ?? run.startedAt ?? '', store.state.locale) });
      else asOf.textContent = t('app.dataAsOf', { time: run.finishedAt ? formatDateTime(run.finishedAt, store.state.locale) : '–' });
    } catch {
      asOf.textContent = t('app.dataAsOfUnknown');
    }
  };

  // ---- overlays ------------------------------------------------------------------------------------------
  store.watch(['layers'], (s) => { for (const layer of layerNames) setOverlayVisibility(map, layer, s.layers[layer]); });
  store.watch(['hexMetric'], (s) => setHexMetric(map, s.hexMetric));
  const checkVersion = async () => {
    const latest = await fetchDataVersion(config.tilesUrl);
    if (latest == null || latest === store.state.dataVersion) return;
    data.invalidate();
    refreshTiles(map, config.tilesUrl, latest);
    store.update({ dataVersion: latest });
  };
  setInterval(() => void checkVersion(), 30_000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) void checkVersion(); });

  // ---- hover and click -------------------------------------------------------------------------------------
  // Feature ids are ward codes (promoteId); the card shows the ward's figures, fetched by code when not at hand.
  let hovered: string | null = null;
  const showCard = (name: string, figures: WardFigures | null | undefined) => {
    renderTooltip(tooltip, name || figures?.name || '', figures?.indicators ?? null, store.state.indicator, store.state.locale);
    tooltip.hidden = false;
  };
  map.on('mousemove', wardFillLayer, (e) => {
    const feature = e.features?.[0];
    if (!feature || feature.id == null) return;
    const code = String(feature.id);
    // Tiles below zoom 9 carry no names (see TileLayers.cs): the figures fetched by code bring it.
    const name = String(feature.properties?.name ?? '');
    if (hovered !== code) {
      if (hovered != null) map.setFeatureState(wardFeature(hovered), { hover: false });
      hovered = code;
      map.setFeatureState(wardFeature(code), { hover: true });
      const month = store.state.month;
      const known = month ? data.wardNow(code, month) : null;
      if (known || !month || (name && !colours.has(code))) showCard(name, known);
      else {
        tooltip.hidden = true;
        void data.ward(code, month).then((figures) => { if (hovered === code) showCard(name, figures); }, () => undefined);
      }
    }
    map.getCanvas().style.cursor = 'pointer';
    tooltip.style.transform = `translate(${e.point.x + 14}px, ${e.point.y + 14}px)`;
  });
  map.on('mouseleave', wardFillLayer, () => {
    if (hovered != null) map.setFeatureState(wardFeature(hovered), { hover: false });
    hovered = null;
    tooltip.hidden = true;
    map.getCanvas().style.cursor = '';
  });
  let selectedCode: string | null = null;
  const select = (figures: WardFigures | null) => {
    if (selectedCode) map.setFeatureState(wardFeature(selectedCode), { selected: false });
    selectedCode = figures?.code ?? null;
    if (selectedCode) map.setFeatureState(wardFeature(selectedCode), { selected: true });
    store.update({ selectedWardId: figures?.id ?? null });
  };
  map.on('click', wardFillLayer, (e) => {
    const code = e.features?.[0]?.id;
    const month = store.state.month;
    if (code != null && month) void data.ward(String(code), month).then(select, showError);
  });
  store.watch(['selectedWardId'], (s) => {
    if (!s.selectedWardId && selectedCode) {
      map.setFeatureState(wardFeature(selectedCode), { selected: false });
      selectedCode = null;
    }
  });

  // ---- gaps, table and exports ------------------------------------------------------------------------------
  const flyTo = (geometry: Geometry) => {
    const bounds = geometryBounds(geometry);
    if (!bounds) return;
    map.getSource<GeoJSONSource>('highlight')?.setData({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] });
    map.fitBounds(bounds, { padding: 80, maxZoom: 16, duration: 800 });
  };
  const gaps = once(() => import('./features/gaps/gaps').then((m) => m.mountGaps(sheet, store, client, {
    wardGeometry: async (id) => (await client.request<WardShapeAnswer>(WardShapeQuery, { id })).node?.geometry ?? null,
    flyTo,
  })));
  const table = once(() => import('./features/table/wardTable'));
  const drawTable = async () => {
    const month = store.state.month;
    if (!month) return;
    const [{ renderWardTable }, details] = await Promise.all([table(), data.wardDetails(month)]);
    if (store.state.view !== 'table' || store.state.month !== month) return;
    renderWardTable(sheet, details.rows, store.state.locale, (id) => select(details.rows.find((r) => r.id === id) ?? null));
  };
  store.watch(['view', 'locale'], (s) => {
    sheet.hidden = s.view === 'map';
    if (s.view === 'table') void drawTable().catch(showError);
    if (s.view === 'gaps') void gaps();
  });
  pngButton.addEventListener('click', () => void import('./features/export/png').then((m) => m.exportMapPng(map, `dthub-${store.state.month ?? 'map'}.png`)));
  csvButton.addEventListener('click', () => void (async () => {
    const s = store.state;
    const [{ download, toCsv }, { wardCsvRows }] = await Promise.all([import('./features/export/csv'), table()]);
    const rows = s.view === 'gaps' ? (await gaps()).rows() : wardCsvRows(s.month ? (await data.wardDetails(s.month)).rows : [], s.month ?? '');
    download(`dthub-${s.view === 'gaps' ? 'gaps' : 'wards'}-${s.month ?? ''}.csv`, toCsv(rows.header, rows.rows));
  })().catch(showError));

  await lastPaint;
  performance.mark('dthub:painted');
  map.once('idle', () => {
    hook.readyAt = performance.now();
    hook.ready = true;
    markDrawn();
    // Off the critical path: when the figures were computed.
    store.watch(['locale', 'dataVersion'], () => void showLastRun());
  });
  map.triggerRepaint();

  function showError(e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    hook.error = message;
    status.textContent = t('app.loadFailed', { error: message });
    status.classList.add('error');
  }
}

/** A function that runs its body the first time and hands back the same promise afterwards. */
function once<T>(body: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | null = null;
  return () => (result ??= body());
}

/** The hub's data version (bumped by every import and refresh), or null when the API does not answer. */
async function fetchDataVersion(tilesUrl: string): Promise<number | null> {
  try {
    const response = await fetch(`${tilesUrl}/version.json`, { cache: 'no-cache' });
    if (!response.ok) return null;
    const { version } = (await response.json()) as { version: number };
    return typeof version === 'number' ? version : null;
  } catch {
    return null; // offline or the API restarting: the next poll tries again
  }
}

/** The gaps view's outline of the item flown to, under the ward labels. */
function addHighlightLayer(map: HubMap): void {
  map.addSource('highlight', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'highlight-line', type: 'line', source: 'highlight', paint: { 'line-color': '#f59e0b', 'line-width': 4 }, filter: ['!=', ['geometry-type'], 'Point'] }, 'wards-label');
  map.addLayer({ id: 'highlight-point', type: 'circle', source: 'highlight', paint: { 'circle-radius': 7, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#f59e0b', 'circle-stroke-width': 3 }, filter: ['==', ['geometry-type'], 'Point'] }, 'wards-label');
}

start().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  if (window.__dthub) window.__dthub.error = message;
  const status = document.getElementById('status') ?? document.body.appendChild(h('p', { class: 'status error', id: 'status' }));
  status.textContent = translate(store.state.locale, 'app.loadFailed', { error: message });
  status.classList.add('error');
});
