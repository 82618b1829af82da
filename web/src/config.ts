/**
 * Runtime configuration from /config.json (optional; the API or a reverse proxy may serve it), falling
 * back to build-time env (VITE_BASEMAP_STYLE) and then to no basemap at all: the map works offline.
 */
export interface MapConfig {
  graphqlUrl: string;
  tilesUrl: string;
  /** A MapLibre style URL (vector) or a raster tile template with {z}/{x}/{y}; none by default. */
  basemapStyle: string | null;
  center: [number, number];
  zoom: number;
  /** The city in the title, per language (the hub's WebClient:Map settings). */
  cityName: { vi: string; en: string };
}

export const defaultConfig: MapConfig = {
  graphqlUrl: '/graphql',
  tilesUrl: '/tiles',
  basemapStyle: (import.meta.env.VITE_BASEMAP_STYLE as string | undefined) || null,
  center: [107.1, 10.39],
  zoom: 11.2,
  cityName: { vi: 'TP. Vũng Tàu', en: 'Vũng Tàu' },
};

export async function loadConfig(fetchImpl: typeof fetch = fetch.bind(globalThis)): Promise<MapConfig> {
  try {
    // Default fetch options, so the page's <link rel=preload> answers it; the server marks it no-cache.
    const response = await fetchImpl('/config.json');
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return defaultConfig;
    return mergeConfig(await response.json());
  } catch {
    return defaultConfig;
  }
}

export function mergeConfig(raw: unknown): MapConfig {
  if (typeof raw !== 'object' || raw === null) return defaultConfig;
  const r = raw as Partial<Record<keyof MapConfig, unknown>>;
  const isPair = (v: unknown): v is [number, number] =>
    Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
  return {
    graphqlUrl: typeof r.graphqlUrl === 'string' ? r.graphqlUrl : defaultConfig.graphqlUrl,
    tilesUrl: typeof r.tilesUrl === 'string' ? r.tilesUrl.replace(/\/$/, '') : defaultConfig.tilesUrl,
    basemapStyle: typeof r.basemapStyle === 'string' && r.basemapStyle !== '' ? r.basemapStyle : defaultConfig.basemapStyle,
    center: isPair(r.center) ? r.center : defaultConfig.center,
    zoom: typeof r.zoom === 'number' ? r.zoom : defaultConfig.zoom,
    cityName: isCityName(r.cityName) ? r.cityName : defaultConfig.cityName,
  };
}

function isCityName(v: unknown): v is MapConfig['cityName'] {
  if (typeof v !== 'object' || v === null) return false;
  const { vi, en } = v as Record<string, unknown>;
  return typeof vi === 'string' && vi !== '' && typeof en === 'string' && en !== '';
}
