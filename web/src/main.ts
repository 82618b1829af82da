/**
 * The leaders' map: boots configuration, the GraphQL client and the map, then wires each feature to the
 * shared store. Every feature lives in src/features/<name>; this file only connects them.
 */
import type { Geometry } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import './styles.css';
import { loadConfig } from './config';
import { HubData } from './data/hub';
import { h } from './dom';
import { addWardLabels, addWardLayers, paintWards, wardFillLayer, wardSource } from './features/choropleth/choropleth';
import { mountChoroplethControls } from './features/choropleth/controls';
import { indicatorTarget, indicatorValue } from './features/choropleth/indicators';
import { renderLegend } from './features/choropleth/legend';
import { buildLegend } from './features/choropleth/legendModel';
import { download, toCsv } from './features/export/csv';
import { exportMapPng } from './features/export/png';
import { mountGaps } from './features/gaps/gaps';
import { mountLayerPanel } from './features/layers/layerPanel';
import { addOverlayLayers, refreshTiles, setHexMetric, setOverlayVisibility } from './features/layers/tileLayers';
import { mountPanel } from './features/panel/panel';
import { renderWardTable, wardCsvRows } from './features/table/wardTable';
import { mountTimeline } from './features/timeline/timeline';
import { renderTooltip } from './features/tooltip/tooltip';
import { createClient } from './graphql/client';
import type { MonthIndicatorsAnswer } from './graphql/types';
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
  const map = createMap(document.getElementById('map')!, config);
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
    document.title = t('app.title');
    title.textContent = t('app.title');
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
  mountPanel(panel, store, client, data);
  status.textContent = t('app.loading');

  // ---- data --------------------------------------------------------------------------------------------
  const mapLoaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  const [wards, version] = await Promise.all([
    data.loadWards().finally(() => performance.mark('dthub:wards-loaded')),
    fetchDataVersion(config.tilesUrl),
    mapLoaded.then(() => performance.mark('dthub:map-loaded')),
  ]);
  const months = data.availableMonths();
  // Tile URLs carry the data version from the start, so the first poll does not reload every source.
  addOverlayLayers(map, config.tilesUrl, version, 'wards-line');
  addWardLayers(map, wards);
  // Overlays above the ward fill but below ward outlines and labels.
  for (const id of ['neighborhoods-fill', 'neighborhoods-line', 'hexagons-fill', 'streets-line', 'wifi-coverage', 'wifi-point', 'merchant-clusters', 'merchant-cluster-count', 'merchants-point']) {
    map.moveLayer(id);
  }
  map.moveLayer('wards-line');
  addHighlightLayer(map);
  addWardLabels(map);
  const fitAll = geometryBounds({ type: 'GeometryCollection', geometries: wards.map((w) => w.geometry) });
  if (fitAll) map.fitBounds(fitAll, { padding: { top: 40, bottom: 90, left: 380, right: 260 }, duration: 0 });
  store.update({ months, month: months[months.length - 1] ?? null, dataVersion: version });

  let current: MonthIndicatorsAnswer | null = null;
  const repaint = async () => {
    const s = store.state;
    if (!s.month) return;
    const month = s.month;
    try {
      const answer = await data.month(month);
      if (store.state.month !== month) return;
      current = answer;
      const byId = new Map(answer.wards.nodes.map((n) => [n.id, n.indicators]));
      const values = new Map(wards.map((w) => [w.id, indicatorValue(byId.get(w.id), s.indicator)]));
      const target = indicatorTarget([...byId.values()], s.indicator);
      const model = buildLegend([...values.values()], { method: s.classing, count: s.classCount, target, manual: s.manualBreaks });
      paintWards(map, values, model);
      renderLegend(legend, model, t(`indicator.${s.indicator}`), s.locale);
      hook.paintedMonth = month;
      status.textContent = '';
      if (s.view === 'table') drawTable();
    } catch (e) {
      showError(e);
    }
  };
  store.watch(['month', 'indicator', 'classing', 'classCount', 'manualBreaks', 'locale', 'dataVersion'], () => void repaint());

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
  store.watch(['locale', 'dataVersion'], () => void showLastRun());

  // ---- overlays ------------------------------------------------------------------------------------------
  store.watch(['layers'], (s) => { for (const layer of layerNames) setOverlayVisibility(map, layer, s.layers[layer]); });
  store.watch(['hexMetric'], (s) => setHexMetric(map, s.hexMetric));
  const checkVersion = async () => {
    const latest = await fetchDataVersion(config.tilesUrl);
    if (latest == null || latest === store.state.dataVersion) return;
    await data.invalidate();
    refreshTiles(map, config.tilesUrl, latest);
    store.update({ dataVersion: latest });
  };
  setInterval(() => void checkVersion(), 30_000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) void checkVersion(); });

  // ---- hover and click -------------------------------------------------------------------------------------
  let hovered: string | number | null = null;
  map.on('mousemove', wardFillLayer, (e) => {
    const feature = e.features?.[0];
    if (!feature || feature.id == null) return;
    if (hovered !== feature.id) {
      if (hovered != null) map.setFeatureState({ source: wardSource, id: hovered }, { hover: false });
      hovered = feature.id;
      map.setFeatureState({ source: wardSource, id: hovered }, { hover: true });
    }
    map.getCanvas().style.cursor = 'pointer';
    const indicators = current?.wards.nodes.find((n) => n.id === feature.id)?.indicators ?? null;
    renderTooltip(tooltip, String(feature.properties?.name ?? ''), indicators, store.state.indicator, store.state.locale);
    tooltip.hidden = false;
    tooltip.style.transform = `translate(${e.point.x + 14}px, ${e.point.y + 14}px)`;
  });
  map.on('mouseleave', wardFillLayer, () => {
    if (hovered != null) map.setFeatureState({ source: wardSource, id: hovered }, { hover: false });
    hovered = null;
    tooltip.hidden = true;
    map.getCanvas().style.cursor = '';
  });
  map.on('click', wardFillLayer, (e) => {
    const id = e.features?.[0]?.id;
    if (id != null) store.update({ selectedWardId: String(id) });
  });
  store.watch(['selectedWardId'], (s, previous) => {
    if (previous.selectedWardId) map.setFeatureState({ source: wardSource, id: previous.selectedWardId }, { selected: false });
    if (s.selectedWardId) map.setFeatureState({ source: wardSource, id: s.selectedWardId }, { selected: true });
  });

  // ---- gaps, table and exports ------------------------------------------------------------------------------
  const flyTo = (geometry: Geometry) => {
    const bounds = geometryBounds(geometry);
    if (!bounds) return;
    map.getSource<GeoJSONSource>('highlight')?.setData({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] });
    map.fitBounds(bounds, { padding: 80, maxZoom: 16, duration: 800 });
  };
  const gaps = mountGaps(sheet, store, client, {
    wardGeometry: (name) => wards.find((w) => w.name === name)?.geometry ?? null,
    flyTo,
  });
  const drawTable = () => renderWardTable(sheet, current?.wards.nodes ?? [], store.state.locale, (id) => store.update({ selectedWardId: id }));
  store.watch(['view', 'locale'], (s) => {
    sheet.hidden = s.view === 'map';
    if (s.view === 'table') drawTable();
  });
  pngButton.addEventListener('click', () => void exportMapPng(map, `dthub-${store.state.month ?? 'map'}.png`));
  csvButton.addEventListener('click', () => {
    const s = store.state;
    const table = s.view === 'gaps' ? gaps.rows() : wardCsvRows(current?.wards.nodes ?? [], s.month ?? '');
    download(`dthub-${s.view === 'gaps' ? 'gaps' : 'wards'}-${s.month ?? ''}.csv`, toCsv(table.header, table.rows));
  });

  await repaint();
  performance.mark('dthub:painted');
  map.once('idle', () => {
    hook.readyAt = performance.now();
    hook.ready = true;
  });
  map.triggerRepaint();

  function showError(e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    hook.error = message;
    status.textContent = t('app.loadFailed', { error: message });
    status.classList.add('error');
  }
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

function addHighlightLayer(map: HubMap): void {
  map.addSource('highlight', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'highlight-line', type: 'line', source: 'highlight', paint: { 'line-color': '#f59e0b', 'line-width': 4 }, filter: ['!=', ['geometry-type'], 'Point'] });
  map.addLayer({ id: 'highlight-point', type: 'circle', source: 'highlight', paint: { 'circle-radius': 7, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#f59e0b', 'circle-stroke-width': 3 }, filter: ['==', ['geometry-type'], 'Point'] });
}

start().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  if (window.__dthub) window.__dthub.error = message;
  const status = document.getElementById('status') ?? document.body.appendChild(h('p', { class: 'status error', id: 'status' }));
  status.textContent = translate(store.state.locale, 'app.loadFailed', { error: message });
  status.classList.add('error');
});
