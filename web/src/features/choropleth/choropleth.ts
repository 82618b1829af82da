/**
 * Wards coloured by the chosen indicator for the selected month. Shapes are added once as a GeoJSON
 * source; colours change through feature-state, so the month slider never re-uploads geometry.
 */
import type { FeatureCollection } from 'geojson';
import type { HubMap } from '../../map/createMap';
import type { WardShape } from '../../graphql/types';
import { labelPoint } from '../../map/labelPoint';
import { noDataColor } from './colors';
import { classIndex } from './classify';
import type { LegendModel } from './legendModel';

export const wardSource = 'wards';
export const wardFillLayer = 'wards-fill';

export function addWardLayers(map: HubMap, wards: readonly WardShape[]): void {
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: wards.map((w) => ({ type: 'Feature', geometry: w.geometry, properties: { id: w.id, name: w.name, code: w.code } })),
  };
  map.addSource(wardSource, { type: 'geojson', data, promoteId: 'id' });
  // One label per ward, not one per polygon part or per tile.
  const labels: FeatureCollection = {
    type: 'FeatureCollection',
    features: wards.flatMap((w) => {
      const at = labelPoint(w.geometry);
      return at ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: at }, properties: { name: w.name } }] : [];
    }),
  };
  map.addSource('ward-labels', { type: 'geojson', data: labels });
  map.addLayer({
    id: wardFillLayer,
    type: 'fill',
    source: wardSource,
    paint: {
      'fill-color': ['coalesce', ['feature-state', 'color'], noDataColor],
      'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.8],
    },
  });
  map.addLayer({
    id: 'wards-line',
    type: 'line',
    source: wardSource,
    paint: {
      'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#111827', '#ffffff'],
      'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 1.2],
    },
  });
}

/** Ward names on top of every other layer. */
export function addWardLabels(map: HubMap): void {
  map.addLayer({
    id: 'wards-label',
    type: 'symbol',
    source: 'ward-labels',
    layout: { 'text-field': ['get', 'name'], 'text-size': 12, 'text-max-width': 7, 'text-padding': 2 },
    paint: { 'text-color': '#1f2937', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
  });
}

/** Sets each ward's colour (feature-state "color") from its value and the legend's classes. */
export function paintWards(map: HubMap, values: ReadonlyMap<string, number | null>, legend: LegendModel): void {
  for (const [id, value] of values) {
    const color = value == null ? noDataColor : legend.classes[classIndex(value, legend.breaks)]?.color ?? noDataColor;
    map.setFeatureState({ source: wardSource, id }, { color, value });
  }
}
