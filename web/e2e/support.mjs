// Shared browser setup for the e2e tests and the benchmark: Debian's Chromium through playwright-core.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const baseUrl = (process.env.DTHUB_URL ?? 'http://127.0.0.1:5080').replace(/\/$/, '');
export const artifacts = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

/** Opens the map and waits until the wards are drawn with the first month's figures. */
export async function openMap(browser, { locale = 'vi', path = '/' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript((l) => localStorage.setItem('dthub.locale', l), locale);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl + path);
  await page.waitForFunction(() => window.__dthub?.ready === true || window.__dthub?.error, null, { timeout: 30_000 });
  const error = await page.evaluate(() => window.__dthub?.error);
  if (error) throw new Error(`map failed to load: ${error}`);
  return { page, context, errors };
}

/** Screen position of a ward's interior point (from its rendered polygon), for hovering and clicking. */
export async function wardScreenPoint(page, name) {
  return page.evaluate((wardName) => {
    const { map } = window.__dthub;
    const feature = map.querySourceFeatures('wards', { sourceLayer: 'wards' }).find((f) => f.properties.name === wardName);
    if (!feature) return null;
    // Try the vertices' centre first, then walk the rendered ward fill to find a pixel inside it.
    const canvas = map.getCanvas();
    const w = canvas.clientWidth, hgt = canvas.clientHeight;
    for (let y = 0; y < hgt; y += 6) for (let x = 0; x < w; x += 6) {
      const hit = map.queryRenderedFeatures([x, y], { layers: ['wards-fill'] })[0];
      if (hit?.properties.name === wardName) {
        // Move towards the middle of the ward's run on this row, away from borders.
        let end = x;
        while (end + 6 < w && map.queryRenderedFeatures([end + 6, y], { layers: ['wards-fill'] })[0]?.properties.name === wardName) end += 6;
        return { x: (x + end) / 2, y: y + 3 };
      }
    }
    return null;
  }, name);
}
