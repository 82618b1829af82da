import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig, mergeConfig } from './config';

describe('config', () => {
  it('keeps defaults for missing or malformed fields', () => {
    expect(mergeConfig({ center: [1], zoom: 'x' })).toEqual(defaultConfig);
    expect(mergeConfig(null)).toEqual(defaultConfig);
  });
  it('takes a basemap style and trims the tiles URL', () => {
    const config = mergeConfig({ basemapStyle: 'https://example.org/style.json', tilesUrl: '/t/' });
    expect(config.basemapStyle).toBe('https://example.org/style.json');
    expect(config.tilesUrl).toBe('/t');
  });
  it('takes the city name per language, and keeps the default for an incomplete one', () => {
    expect(mergeConfig({ cityName: { vi: 'TP. Huế', en: 'Huế' } }).cityName).toEqual({ vi: 'TP. Huế', en: 'Huế' });
    expect(mergeConfig({ cityName: { vi: 'TP. Huế' } }).cityName).toEqual(defaultConfig.cityName);
  });
  it('falls back to defaults when /config.json is the SPA page, not JSON', async () => {
    const fakeFetch = (async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } })) as typeof fetch;
    expect(await loadConfig(fakeFetch)).toEqual(defaultConfig);
  });
});
