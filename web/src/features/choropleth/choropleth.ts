/**
 * Wards coloured by the chosen indicator for the selected month. Shapes and label points are vector tiles from the
 * API (simplified per zoom, so a national map never loads every polygon); colours are feature-state keyed by ward
 * code, so the month slider and the classing only call setFeatureState and never reload a tile.
 */
import type { LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { HubMap } from '../../map/createMap';
import { tileUrl } from '../layers/tileLayers';
import { noDataColor } from './colors';
import { classIndex } from './classify';
import type { LegendModel } from './legendModel';

export const wardSource = 'wards';
/** The layer inside the ward tiles that holds the shapes (the other, "ward-labels", holds one point per ward). */
export const wardSourceLayer = 'wards';
export const wardFillLayer = 'wards-fill';
/** Label points come in the ward tiles from this zoom (see TileLayers.cs). */
export const wardLabelMinZoom = 9;

/** A feature-state address of a ward, by code. */
export const wardFeature = (code: string | number) => ({ source: wardSource, sourceLayer: wardSourceLayer, id: code });

/** The ward tile source: shapes and label points, feature ids = ward codes. */
export function wardSourceSpec(tilesBase: string, version: number | null): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [tileUrl(tilesBase, 'wards', version)],
    minzoom: 0,
    maxzoom: 16,
    promoteId: { [wardSourceLayer]: 'code', 'ward-labels': 'code' },
  };
}

/** Ward fill, outline and label layers, bottom to top (overlays go between the fill and the outline). */
export function wardLayerSpecs(): LayerSpecification[] {
  return [
    {
      id: wardFillLayer,
      type: 'fill',
      source: wardSource,
      'source-layer': wardSourceLayer,
      paint: {
        'fill-color': ['coalesce', ['feature-state', 'color'], noDataColor],
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.8],
      },
    },
    {
      id: 'wards-line',
      type: 'line',
      source: wardSource,
      'source-layer': wardSourceLayer,
      // A whole country's outlines are a grey haze: skip them (and their work in the tile worker) below zoom 7.
      minzoom: 7,
      paint: {
        'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#111827', '#ffffff'],
        // Thin outlines over a province, the city's 1.2 px from zoom 10.
        'line-width': ['interpolate', ['linear'], ['zoom'],
          7, ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0.4],
          10, ['case', ['boolean', ['feature-state', 'selected'], false], 3, 1.2]],
      },
    },
    // Ward names on top of every other layer: one label point per ward, placed by the hub inside the ward.
    {
      id: 'wards-label',
      type: 'symbol',
      source: wardSource,
      'source-layer': 'ward-labels',
      minzoom: wardLabelMinZoom,
      layout: { 'text-field': ['get', 'name'], 'text-size': 12, 'text-max-width': 7, 'text-padding': 2 },
      paint: { 'text-color': '#1f2937', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
    },
  ];
}

/** Adds the wards to a map whose style came from elsewhere (a basemap style URL); else they are in the style. */
export function addWardLayers(map: HubMap, tilesBase: string, version: number | null): void {
  if (map.getSource(wardSource)) return;
  map.addSource(wardSource, wardSourceSpec(tilesBase, version));
  for (const layer of wardLayerSpecs()) map.addLayer(layer);
}

/**
 * Sets each ward's colour (feature-state "color") from its value and the legend's classes. Wards painted before
 * but missing now go back to "no data", so a month without figures for a ward never shows the last month's colour.
 */
export function paintWards(map: HubMap, values: ReadonlyMap<string, number | null>, legend: LegendModel, previous: Iterable<string> = []): void {
  for (const code of previous) {
    if (!values.has(code)) map.setFeatureState(wardFeature(code), { color: noDataColor, value: null });
  }
  for (const [code, value] of values) {
    const color = value == null ? noDataColor : legend.classes[classIndex(value, legend.breaks)]?.color ?? noDataColor;
    map.setFeatureState(wardFeature(code), { color, value });
  }
}
