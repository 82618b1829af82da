import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapConfig } from '../config';

// Vite does not emit MapLibre's worker on its own; without this the map never reaches "idle".
maplibregl.setWorkerUrl(workerUrl);
// Start the worker (a 500 kB module to fetch and compile) now, while the page asks the hub for its data.
maplibregl.prewarm();

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

/** What the map starts with besides the base style: sources and layers to include, and the area to open on. */
export interface MapStart {
  sources?: Record<string, maplibregl.SourceSpecification>;
  layers?: maplibregl.LayerSpecification[];
  bounds?: [number, number, number, number] | null;
  padding?: maplibregl.PaddingOptions;
}

export function createMap(container: HTMLElement, config: MapConfig, start: MapStart = {}): HubMap {
  const style = baseStyle(config);
  // Sources in the first style load their tiles at the first frame, without waiting for 'load' and addSource.
  if (typeof style !== 'string') {
    Object.assign(style.sources, start.sources ?? {});
    style.layers.push(...(start.layers ?? []));
  }
  return new maplibregl.Map({
    container,
    style,
    ...(start.bounds ? { bounds: start.bounds, fitBoundsOptions: { padding: start.padding ?? 0 } } : { center: config.center, zoom: config.zoom }),
    attributionControl: false,
    // Labels appear at once instead of fading in over 300 ms of extra frames (costly on software WebGL).
    fadeDuration: 0,
    // No preserveDrawingBuffer: "export PNG" reads the canvas inside a 'render' event, while the frame is intact.
  });
}

export { maplibregl };
