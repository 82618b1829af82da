// Map benchmark: time from navigation to the ward layer drawn (window.__dthub.readyAt, set on the first
// 'idle' after the wards are coloured) in headless Chromium, cold cache, median of RUNS; and JavaScript
// shipped (gzip) next to a bare MapLibre page built the same way.
// Usage (from the repo root, hub running with web/dist built):
//   DTHUB_URL=http://127.0.0.1:5080 RUNS=7 node bench/web/bench.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const repo = new URL('../../', import.meta.url).pathname;
const web = join(repo, 'web');
const require = createRequire(join(web, 'package.json'));
const { build } = await import(require.resolve('vite'));
const { launch } = await import(join(web, 'e2e/support.mjs'));
const base = (process.env.DTHUB_URL ?? 'http://127.0.0.1:5080').replace(/\/$/, '');
const runs = Number(process.env.RUNS ?? 7);

const jsGzip = (dir) => {
  let raw = 0, gz = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.m?js$/.test(name)) { const b = readFileSync(path); raw += b.length; gz += gzipSync(b, { level: 9 }).length; }
    }
  };
  walk(dir);
  return { raw, gz };
};

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
const bareUrl = `http://127.0.0.1:${bareServer.address().port}/`;

const browser = await launch();
async function measure(url, readyExpression) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(readyExpression, null, { timeout: 60_000 });
    times.push(await page.evaluate(readyExpression));
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}
const hub = await measure(base + '/', '(window.__dthub && window.__dthub.readyAt) || 0');
const bare = await measure(bareUrl, 'window.__bare || 0');
await browser.close();
bareServer.close();

const client = jsGzip(join(web, 'dist'));
const baseline = jsGzip(bareOut);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`navigation → wards drawn (median of ${runs}, cold cache): ${hub.median.toFixed(0)} ms (min ${hub.min.toFixed(0)}, max ${hub.max.toFixed(0)})`);
console.log(`bare MapLibre page → idle:                     ${bare.median.toFixed(0)} ms`);
console.log(`JS shipped, gzip: client ${kb(client.gz)} KiB (raw ${kb(client.raw)}), bare MapLibre ${kb(baseline.gz)} KiB (raw ${kb(baseline.raw)}), ratio ${(client.gz / baseline.gz).toFixed(3)}`);
