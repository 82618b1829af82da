// End-to-end: the map in Debian's headless Chromium against a running hub with the demo data.
// DTHUB_URL (default http://127.0.0.1:5080) points at the hub; screenshots go to e2e/artifacts/.
import assert from 'node:assert/strict';
import { after, before, test as nodeTest } from 'node:test';
import { artifacts, launch, openMap, wardScreenPoint } from './support.mjs';

const text = (s) => (s ?? '').replace(/\s+/g, ' ');
let browser;
const test = (name, fn) => nodeTest(name, { timeout: 60_000 }, fn);

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Moves the slider to a month through the UI and waits until the wards show it. */
async function showMonth(page, month) {
  const index = await page.evaluate((m) => window.__dthub.store.state.months.indexOf(m), month);
  assert.ok(index >= 0, `month ${month} is on the slider`);
  await page.locator('#month-slider').fill(String(index));
  await page.waitForFunction((m) => window.__dthub.paintedMonth === m, month);
  await page.evaluate(() => new Promise((resolve) => { const { map } = window.__dthub; map.once('idle', resolve); map.triggerRepaint(); }));
}

const wardColors = (page) => page.evaluate(() => {
  const { map } = window.__dthub;
  return Object.fromEntries(map.querySourceFeatures('wards', { sourceLayer: 'wards' }).map((f) => [f.properties.name, map.getFeatureState({ source: 'wards', sourceLayer: 'wards', id: f.id }).color]));
});

test('the map shows 17 ward polygons with labels', async () => {
  const { page, context, errors } = await openMap(browser);
  const ids = await page.evaluate(() => new Set(window.__dthub.map.queryRenderedFeatures({ layers: ['wards-fill'] }).map((f) => f.id)).size);
  assert.equal(ids, 17);
  const labels = await page.evaluate(() => new Set(window.__dthub.map.queryRenderedFeatures({ layers: ['wards-label'] }).map((f) => f.properties.name)).size);
  assert.ok(labels >= 10, `most ward names are drawn (got ${labels})`);
  await page.screenshot({ path: `${artifacts}wards.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('hovering and clicking Phường 7 shows 88,70 % for June 2022', async () => {
  const { page, context } = await openMap(browser);
  await showMonth(page, '2022-06');
  const point = await wardScreenPoint(page, 'Phường 7');
  assert.ok(point, 'Phường 7 is on screen');

  await page.mouse.move(point.x, point.y);
  await page.locator('#tooltip:not([hidden])').waitFor();
  const tooltip = text(await page.locator('#tooltip').textContent());
  assert.match(tooltip, /Phường 7/);
  assert.match(tooltip, /88,70 %/);
  assert.match(tooltip, /12\.919 \/ 14\.565/);
  await page.screenshot({ path: `${artifacts}hover-phuong-7.png` });

  await page.mouse.click(point.x, point.y);
  await page.locator('#panel h2', { hasText: 'Phường 7' }).waitFor();
  await page.locator('#panel .figures dd.rate').waitFor();
  assert.equal(text(await page.locator('#panel .figures dd.rate').textContent()), '88,70 %');
  assert.ok(await page.locator('#panel svg.trend-chart').count() === 1, 'the trend chart is drawn');
  await page.screenshot({ path: `${artifacts}panel-phuong-7.png` });
  await context.close();
});

test('moving the month slider changes the ward colours', async () => {
  const { page, context } = await openMap(browser);
  const months = await page.evaluate(() => window.__dthub.store.state.months);
  assert.ok(months.length >= 2, `the demo data has several months (got ${months.length})`);
  await showMonth(page, months[0]);
  const first = await wardColors(page);
  await showMonth(page, months[months.length - 1]);
  const last = await wardColors(page);
  const changed = Object.keys(first).filter((name) => first[name] !== last[name]);
  assert.ok(changed.length > 0, `some ward changes colour between ${months[0]} and ${months.at(-1)}`);
  await page.screenshot({ path: `${artifacts}month-last.png` });
  await context.close();
});

test('the Wi-Fi layer toggle shows coverage circles', async () => {
  const { page, context } = await openMap(browser);
  const before = await page.evaluate(() => window.__dthub.map.queryRenderedFeatures({ layers: ['wifi-coverage'] }).length);
  assert.equal(before, 0);
  await page.locator('#layer-wifi').check();
  await page.waitForFunction(() => window.__dthub.map.queryRenderedFeatures({ layers: ['wifi-coverage'] }).length > 0, null, { timeout: 15_000 });
  const circles = await page.evaluate(() => window.__dthub.map.queryRenderedFeatures({ layers: ['wifi-coverage'] })[0].properties);
  assert.ok(circles.radius_meters > 0, 'circles carry their radius in metres');
  await page.screenshot({ path: `${artifacts}wifi.png` });
  await context.close();
});

test('the language toggle switches between Vietnamese and English', async () => {
  const { page, context } = await openMap(browser);
  assert.match(await page.locator('h1').textContent(), /Bản đồ/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
  await page.locator('#lang').click();
  await page.locator('h1', { hasText: 'Digital transformation map' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await showMonth(page, '2022-06');
  const point = await wardScreenPoint(page, 'Phường 7');
  await page.mouse.move(point.x, point.y);
  await page.locator('#tooltip:not([hidden])').waitFor();
  assert.match(text(await page.locator('#tooltip').textContent()), /88\.70 %/);
  await page.screenshot({ path: `${artifacts}english.png` });
  await page.locator('#lang').click();
  await page.locator('h1', { hasText: 'Bản đồ' }).waitFor();
  await context.close();
});

test('the table exports as CSV and the map as PNG', async () => {
  const { page, context } = await openMap(browser);
  await showMonth(page, '2022-06');
  await page.locator('#view-table').click();
  await page.locator('table.ward-table td', { hasText: 'Phường 7' }).waitFor();
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csv = await streamText(await csvDownload.createReadStream());
  assert.match(csv, /^\ufeffmonth,ward,holders_15_plus,residents_15_plus,rate,target,gap\r\n/);
  assert.match(csv, /2022-06,Phường 7,12919,14565,0\.88/);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
  const png = await streamBytes(await pngDownload.createReadStream());
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(png.length > 10_000, `the PNG has the map in it (${png.length} bytes)`);
  await page.screenshot({ path: `${artifacts}table.png` });
  await context.close();
});

async function streamBytes(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
const streamText = async (stream) => (await streamBytes(stream)).toString('utf8');
