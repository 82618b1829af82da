// DEV ONLY: a stand-in GraphQL API for looking at the map before the real schema lands.
// Not used by the build, the unit tests or the e2e tests. Run: node dev/mock-api.mjs, then
// DTHUB_URL=http://127.0.0.1:5099 npx vite. Ward shapes are crude grid cells around the demo seed points.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const root = new URL('../../db/demo/', import.meta.url);
const geo = JSON.parse(readFileSync(new URL('vungtau-demo-geometry.geojson', root), 'utf8'));
const rows = readFileSync(new URL('vungtau-wards-2022-06.csv', root), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const outline = geo.features.find((f) => f.properties.kind === 'city_outline').geometry.coordinates;
const seeds = geo.features.filter((f) => f.properties.kind === 'ward_seed_point').map((f) => ({ name: f.properties.ward_name, at: f.geometry.coordinates }));

const inRing = ([x, y], ring) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inOutline = (p) => outline.some((poly) => inRing(p, poly[0]));
const cell = 0.004;
const cells = new Map(seeds.map((s) => [s.name, []]));
for (let x = 107.0; x < 107.2; x += cell) for (let y = 10.3; y < 10.5; y += cell) {
  const c = [x + cell / 2, y + cell / 2];
  if (!inOutline(c)) continue;
  const nearest = seeds.reduce((a, b) => (Math.hypot(a.at[0] - c[0], a.at[1] - c[1]) < Math.hypot(b.at[0] - c[0], b.at[1] - c[1]) ? a : b));
  cells.get(nearest.name).push([[[x, y], [x + cell, y], [x + cell, y + cell], [x, y + cell], [x, y]]]);
}
const months = Array.from({ length: 12 }, (_, i) => { const d = new Date(Date.UTC(2021, 6 + i, 1)); return d.toISOString().slice(0, 7); });
const wards = seeds.map((s, i) => {
  const r = rows.find((row) => row[0] === s.name) ?? rows[i];
  const holders = Number(r[5]), residents = Number(r[4]);
  return { id: `V2FyZDo${i + 1}`, code: String(26500 + i), name: s.name, kind: s.name.startsWith('Xã') ? 'XA' : 'PHUONG',
    geometry: { type: 'MultiPolygon', coordinates: cells.get(s.name) }, holders, residents, flags: residents > Number(r[3]) ? ['RESIDENTS15_PLUS_EXCEED_POPULATION'] : [] };
});
const rateAt = (w, month) => { const k = months.indexOf(month); return k < 0 ? null : (w.holders / w.residents) * (0.7 + 0.3 * (k / 11)); };
const indicators = (w, month) => {
  const rate = rateAt(w, month);
  if (rate == null) return null;
  const holders = Math.round(rate * w.residents);
  return { accountOwnership: { holders, residents15Plus: w.residents, rate: holders / w.residents, target: 0.65, gap: holders / w.residents - 0.65 },
    qrAdoption: { merchants: 120, withQr: 70, rate: 70 / 120 }, wifiCoverage: { areaShare: 0.31, residentsShare: 0.42 }, teamCoverage: { neighborhoods: 6, withTeam: 5, rate: 5 / 6 } };
};
const answer = (op, v) => {
  switch (op) {
    case 'MapWards': return { wards: { totalCount: wards.length, nodes: wards.map((w) => ({ ...w, trend: months.map((m) => ({ month: m, rate: rateAt(w, m) })) })) } };
    case 'MonthIndicators': return { city: { indicators: null }, wards: { nodes: wards.map((w) => ({ id: w.id, name: w.name, indicators: indicators(w, v.month) })) } };
    case 'LastAggregateRun': return { aggregateRuns: { nodes: [{ finishedAt: '2026-11-29T04:00:00Z', startedAt: '2026-11-29T03:59:00Z', status: 'SUCCEEDED', error: null }] } };
    case 'WardPanel': { const w = wards.find((x) => x.id === v.id); return { node: { ...w, indicators: indicators(w, v.month), trend: months.map((m) => ({ month: m, rate: rateAt(w, m) })), reports: { nodes: [{ month: v.month, households: 1, population: 1, residents15Plus: w.residents, accountHolders15Plus: w.holders, qualityFlags: w.flags }] } } }; }
    case 'WardInventory': return { node: { teams: { totalCount: 6 }, wifiPoints: { totalCount: 4 }, modelStreets: { totalCount: 2, nodes: [{ id: 's1', name: 'Đường Quang Trung' }, { id: 's2', name: 'Đường Ba Cu' }] } } };
    case 'WardAdoption': return { node: { modelStreets: { nodes: [{ id: 's1', compliance: 1 }, { id: 's2', compliance: 0.82 }] }, indicators: { qrAdoption: { byCategory: [{ category: 'RESTAURANT', merchants: 40, withQr: 30, rate: 0.75 }, { category: 'GENERAL_STORE', merchants: 80, withQr: 40, rate: 0.5 }] } } } };
    case 'GapsBelowTarget': return { gaps: { unitsBelowTarget: { totalCount: 2, nodes: wards.filter((w) => w.holders / w.residents < 0.65).map((w) => ({ name: w.name, rate: w.holders / w.residents, target: 0.65, gap: w.holders / w.residents - 0.65, peopleToTarget: Math.ceil(0.65 * w.residents - w.holders) })) } } };
    default: return null;
  }
};
createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/graphql') {
      const { query, variables } = JSON.parse(body || '{}');
      const op = /query\s+(\w+)/.exec(query)?.[1];
      const data = answer(op, variables ?? {});
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify(data ? { data } : { errors: [{ message: `mock has no ${op}` }] }));
    }
    // With TILES_API set (a real hub), tiles come from it; otherwise every tile is empty.
    if (process.env.TILES_API && req.url?.startsWith('/tiles/')) {
      return fetch(process.env.TILES_API + req.url).then(async (r) => {
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    }
    if (req.url?.startsWith('/tiles/version.json')) { res.setHeader('content-type', 'application/json'); return res.end('{"version":1}'); }
    res.statusCode = req.url?.startsWith('/tiles/') ? 204 : 404;
    res.end();
  });
}).listen(5099, '127.0.0.1', () => console.log('mock API on http://127.0.0.1:5099'));
