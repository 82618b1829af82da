// Baseline for the benchmark: MapLibre alone, one GeoJSON polygon layer, nothing else.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);
const map = new maplibregl.Map({
  container: 'map',
  style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef2f5' } }] },
  center: [107.1, 10.39],
  zoom: 11,
});
map.on('load', () => {
  map.addSource('box', { type: 'geojson', data: { type: 'Polygon', coordinates: [[[107.05, 10.33], [107.15, 10.33], [107.15, 10.45], [107.05, 10.33]]] } });
  map.addLayer({ id: 'box', type: 'fill', source: 'box', paint: { 'fill-color': '#5aae61' } });
  map.once('idle', () => { (window as unknown as { __bare: number }).__bare = performance.now(); });
});
