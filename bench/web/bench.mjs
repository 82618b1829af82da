// Map benchmark: time from navigation to the ward layer drawn (window.__dthub.readyAt, set on the first 'idle'
// after the wards are coloured) in headless Chromium with a cold cache, median of RUNS, at city scale (the demo
// hub) and, when given, national scale (a hub on the national dataset: 10,656 wards as tiles); next to a bare
// MapLibre page built with the same Vite and MapLibre. Navigations alternate between the pages so that load on a
// shared machine falls on all of them alike; the load average is printed next to every figure.
// JavaScript shipped: the scripts each page actually loaded (entry, its imports, MapLibre's worker), gzip -9.
// Usage (from the repo root, hubs running, web/dist built):
//   DTHUB_URL=http://127.0.0.1:5080 [DTHUB_NATIONAL_URL=http://127.0.0.1:5081] RUNS=7 node bench/web/bench.mjs
// (DTHUB_COMPARE_URL + DTHUB_COMPARE_DIST add another build on the demo data, e.g. main, to the same alternation.)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const repo = new URL('../../', import.meta.url).pathname;
const web = join(repo, 'web');
const require = createRequire(join(web, 'package.json'));
const { build } = await import(require.resolve('vite'));
const { launch } = await import(join(web, 'e2e/support.mjs'));
const strip = (url) => url?.replace(/\/$/, '');
const runs = Number(process.env.RUNS ?? 7);

// Bare MapLibre page, built with the same Vite and MapLibre as the client.
const bareOut = '/tmp/dthub-bench-bare';
await build({ root: join(repo, 'bench/web/bare'), logLevel: 'error', resolve: { alias: { 'maplibre-gl': join(web, 'node_modules/maplibre-gl') } }, build: { outDir: bareOut, emptyOutDir: true } });
const bareServer = createServer((req, res) => {
  const path = join(bareOut, req.url === '/' ? 'index.html' : req.url.split('?')[0]);
  try {
    const body = readFileSync(path);
    res.setHeader('content-type', path.endsWith('.html') ? 'text/html' : path.endsWith('.css') ? 'text/css' : 'text/javascript');
    res.end(body);
  } catch { res.statusCode = 404; res.end(); }
}).listen(0, '127.0.0.1');
await new Promise((r) => bareServer.once('listening', r));

const pages = [
  { name: 'city (demo data)', url: strip(process.env.DTHUB_URL ?? 'http://127.0.0.1:5080') + '/', ready: '(window.__dthub && window.__dthub.readyAt) || 0', dist: join(web, 'dist') },
  // Optional: another build of the hub on the same data (e.g. main before a change), measured in the same minutes.
  process.env.DTHUB_COMPARE_URL && { name: 'city, compared build', url: strip(process.env.DTHUB_COMPARE_URL) + '/', ready: '(window.__dthub && window.__dthub.readyAt) || 0', dist: process.env.DTHUB_COMPARE_DIST ?? join(web, 'dist') },
  process.env.DTHUB_NATIONAL_URL && { name: 'national (10,656 wards)', url: strip(process.env.DTHUB_NATIONAL_URL) + '/', ready: '(window.__dthub && window.__dthub.readyAt) || 0', dist: join(web, 'dist') },
  { name: 'bare MapLibre page', url: `http://127.0.0.1:${bareServer.address().port}/`, ready: 'window.__bare || 0', dist: bareOut },
].filter(Boolean);

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const browser = await launch();

/** One cold navigation: ms to ready, the ms the wards were coloured at (if marked), and the scripts it loaded. */
async function navigate(page) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const tab = await context.newPage();
  await tab.goto(page.url);
  await tab.waitForFunction(`(${page.ready}) || (window.__dthub && window.__dthub.error)`, null, { timeout: 120_000 });
  const result = await tab.evaluate((ready) => ({
    ready: eval(ready),
    error: window.__dthub?.error ?? null,
    painted: performance.getEntriesByName('dthub:painted')[0]?.startTime ?? null,
    scripts: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\.m?js$/.test(p)),
  }), page.ready);
  await context.close();
  if (result.error) throw new Error(`${page.name}: ${result.error}`);
  return result;
}

for (const page of pages) { page.times = []; page.painted = []; page.loads = []; page.scripts = new Set(); }
for (const page of pages) await navigate(page); // warm-up: the first navigation pays for the browser's and the hub's start
for (let i = 0; i < runs; i++) {
  for (const page of pages) {
    const before = loadavg()[0];
    const r = await navigate(page);
    page.times.push(r.ready);
    if (r.painted != null) page.painted.push(r.painted);
    page.loads.push(before);
    r.scripts.forEach((s) => page.scripts.add(s));
  }
}
await browser.close();
bareServer.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
const gzipOf = (dist, scripts) => {
  let raw = 0, gz = 0;
  for (const path of scripts) {
    const body = readFileSync(join(dist, path));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gz };
};
const kb = (n) => (n / 1024).toFixed(1);
const bare = pages.at(-1);
const bareJs = gzipOf(bare.dist, bare.scripts);
console.log(`navigation → wards drawn, headless Chromium, cold cache, median of ${runs} (alternating pages); load average (1 min) during the runs`);
for (const page of pages) {
  const js = gzipOf(page.dist, page.scripts);
  const loads = `${Math.min(...page.loads).toFixed(1)}–${Math.max(...page.loads).toFixed(1)}`;
  console.log(`  ${page.name.padEnd(24)} ${median(page.times).toFixed(0).padStart(5)} ms (min ${Math.min(...page.times).toFixed(0)}, max ${Math.max(...page.times).toFixed(0)})`
    + (page.painted.length ? `, coloured at ${median(page.painted).toFixed(0)} ms` : '')
    + `; load ${loads}; JS ${kb(js.gz)} KiB gzip (raw ${kb(js.raw)}), ${(js.gz / bareJs.gz).toFixed(3)}× the bare page`);
}
console.log(`load average now: ${load()}`);
