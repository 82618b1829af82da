import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapConfig } from '../config';

// Vite does not emit MapLibre's worker on its own; without this the map never reaches "idle".
maplibregl.setWorkerUrl(workerUrl);

export type HubMap = maplibregl.Map;

/** A plain background (no external tiles, fonts or scripts) unless configuration names a basemap. */
export function baseStyle(config: MapConfig): maplibregl.StyleSpecification | string {
  const basemap = config.basemapStyle;
  if (basemap && !basemap.includes('{z}')) return basemap;
  const style: maplibregl.StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f5' } }],
  };
  if (basemap) {
    style.sources.basemap = { type: 'raster', tiles: [basemap], tileSize: 256 };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.7 } });
  }
  return style;
}

export function createMap(container: HTMLElement, config: MapConfig): HubMap {
  return new maplibregl.Map({
    container,
    style: baseStyle(config),
    center: config.center,
    zoom: config.zoom,
    attributionControl: false,
    // Keeps the last frame readable so "export PNG" can copy the canvas.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
}

export { maplibregl };
