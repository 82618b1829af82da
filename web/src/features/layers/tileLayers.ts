/**
 * Overlay layers from the API's vector tiles. Tile URLs carry the data version (?v=N), so when an import or
 * refresh bumps it the sources are re-pointed and the map shows the new data without a reload.
 */
import type { LayerSpecification } from 'maplibre-gl';
import type { HubMap } from '../../map/createMap';
import { metresToPixelsExpression } from '../../map/metres';
import type { HexMetric, LayerName } from '../../state';
import { heatRamp } from '../choropleth/colors';

/** Which MapLibre layers belong to each toggle, and which tile layer feeds them. */
export const overlayLayers: Record<LayerName, { source: string; tileLayer: string; layers: string[] }> = {
  hexagons: { source: 'hexagons', tileLayer: 'hexagons', layers: ['hexagons-fill'] },
  neighborhoods: { source: 'neighborhoods', tileLayer: 'neighborhoods', layers: ['neighborhoods-fill', 'neighborhoods-line'] },
  streets: { source: 'model-streets', tileLayer: 'model-streets', layers: ['streets-line'] },
  wifi: { source: 'wifi', tileLayer: 'wifi', layers: ['wifi-coverage', 'wifi-point'] },
  merchants: { source: 'merchants', tileLayer: 'merchants', layers: ['merchant-clusters', 'merchant-cluster-count', 'merchants-point'] },
};

/** Latitude used to turn Wi-Fi radii in metres into pixels (the city's centre; error < 0.2 % across it). */
const cityLatitude = 10.38;
/** Below this zoom merchants show as server-side clusters; above it one dot each. */
export const merchantPointZoom = 14;

export function tileUrl(base: string, layer: string, version: number | null): string {
  return `${base}/${layer}/{z}/{x}/{y}.mvt${version == null ? '' : `?v=${version}`}`;
}

/** What the map reads from a layer's TileJSON (/tiles/{layer}.json): where the data is, and its version. */
export interface TileSetInfo {
  bounds: [number, number, number, number] | null;
  dataVersion: number | null;
}

/** The layer's TileJSON, or nulls when the API does not answer (the map then opens on the configured view). */
export async function fetchTileSet(tilesBase: string, layer: string): Promise<TileSetInfo> {
  try {
    const response = await fetch(`${tilesBase}/${layer}.json`);
    if (!response.ok) return { bounds: null, dataVersion: null };
    const json = (await response.json()) as { bounds?: unknown; dataVersion?: unknown };
    const b = json.bounds;
    const bounds = Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number' && Number.isFinite(n))
      ? (b as [number, number, number, number]) : null;
    return { bounds, dataVersion: typeof json.dataVersion === 'number' ? json.dataVersion : null };
  } catch {
    return { bounds: null, dataVersion: null };
  }
}

export function addOverlayLayers(map: HubMap, tilesBase: string, version: number | null, beforeLayer: string): void {
  for (const { source, tileLayer } of Object.values(overlayLayers)) {
    // Neighbourhoods only from zoom 9: a national tile further out would carry tens of thousands of them.
    map.addSource(source, { type: 'vector', tiles: [tileUrl(tilesBase, tileLayer, version)], minzoom: source === 'neighborhoods' ? 9 : 0, maxzoom: 16 });
  }
  map.addSource('merchant-clusters', { type: 'vector', tiles: [tileUrl(tilesBase, 'merchant-clusters', version)], minzoom: 0, maxzoom: merchantPointZoom });
  const hidden = { visibility: 'none' as const };
  // Every overlay goes under the ward outlines and labels, in the order added here.
  const add = (layer: LayerSpecification) => map.addLayer(layer, beforeLayer);

  add({
    id: 'hexagons-fill', type: 'fill', source: 'hexagons', 'source-layer': 'hexagons', layout: hidden,
    paint: { 'fill-color': heatRamp('merchants', 20) as never, 'fill-opacity': 0.75, 'fill-outline-color': 'rgba(255,255,255,0.4)' },
  });
  add({
    id: 'neighborhoods-fill', type: 'fill', source: 'neighborhoods', 'source-layer': 'neighborhoods', layout: hidden,
    paint: { 'fill-color': ['case', ['get', 'has_team'], 'rgba(27,120,55,0.18)', 'rgba(178,24,43,0.28)'] },
  });
  add({
    id: 'neighborhoods-line', type: 'line', source: 'neighborhoods', 'source-layer': 'neighborhoods', layout: hidden,
    paint: { 'line-color': '#374151', 'line-width': 0.6, 'line-dasharray': [2, 2] },
  });
  add({
    id: 'streets-line', type: 'line', source: 'model-streets', 'source-layer': 'model-streets',
    layout: { ...hidden, 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-width': ['interpolate', ['linear'], ['zoom'], 11, 2, 16, 6],
      'line-color': ['case',
        ['!', ['has', 'compliance']], '#9ca3af',
        ['>=', ['get', 'compliance'], 1], '#1b7837',
        ['>=', ['get', 'compliance'], 0.8], '#f4a582',
        '#b2182b'],
    },
  });
  add({
    id: 'wifi-coverage', type: 'circle', source: 'wifi', 'source-layer': 'wifi', layout: hidden,
    paint: {
      'circle-radius': metresToPixelsExpression('radius_meters', cityLatitude) as never,
      'circle-color': ['match', ['get', 'status'], 'Active', '#2563eb', '#9ca3af'],
      'circle-opacity': 0.18,
      'circle-stroke-color': '#2563eb',
      'circle-stroke-width': 1,
      'circle-stroke-opacity': 0.5,
      'circle-pitch-alignment': 'map',
    },
  });
  add({
    id: 'wifi-point', type: 'circle', source: 'wifi', 'source-layer': 'wifi', layout: hidden,
    paint: { 'circle-radius': 3.5, 'circle-color': '#1d4ed8', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
  });
  add({
    id: 'merchant-clusters', type: 'circle', source: 'merchant-clusters', 'source-layer': 'merchant-clusters',
    layout: hidden, maxzoom: merchantPointZoom,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'merchants']], 1, 6, 10, 18, 30, 30],
      'circle-color': ['interpolate', ['linear'], ['/', ['get', 'with_qr'], ['max', ['get', 'merchants'], 1]], 0, '#b2182b', 0.5, '#fddbc7', 1, '#1b7837'],
      'circle-opacity': 0.85,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1,
    },
  });
  add({
    id: 'merchant-cluster-count', type: 'symbol', source: 'merchant-clusters', 'source-layer': 'merchant-clusters',
    layout: { ...hidden, 'text-field': ['to-string', ['get', 'merchants']], 'text-size': 11, 'text-allow-overlap': true }, maxzoom: merchantPointZoom,
    filter: ['>', ['get', 'merchants'], 1],
    paint: { 'text-color': '#111827' },
  });
  add({
    id: 'merchants-point', type: 'circle', source: 'merchants', 'source-layer': 'merchants', layout: hidden, minzoom: merchantPointZoom,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 14, 3, 18, 7],
      'circle-color': ['case', ['get', 'accepts_qr'], '#1b7837', '#b2182b'],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1,
    },
  });
}

export function setOverlayVisibility(map: HubMap, layer: LayerName, visible: boolean): void {
  for (const id of overlayLayers[layer].layers) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

export function setHexMetric(map: HubMap, metric: HexMetric): void {
  const max = metric === 'qr_rate' ? 1 : metric === 'merchants' ? 20 : 10;
  map.setPaintProperty('hexagons-fill', 'fill-color', heatRamp(metric, max) as never);
}

/** Points every tile source (the wards' too) at the new data version. */
export function refreshTiles(map: HubMap, tilesBase: string, version: number): void {
  const sources = [...Object.values(overlayLayers).map((o) => [o.source, o.tileLayer] as const), ['merchant-clusters', 'merchant-clusters'] as const, ['wards', 'wards'] as const];
  for (const [source, tileLayer] of sources) {
    const s = map.getSource(source) as { setTiles?: (tiles: string[]) => void } | undefined;
    s?.setTiles?.([tileUrl(tilesBase, tileLayer, version)]);
  }
}
