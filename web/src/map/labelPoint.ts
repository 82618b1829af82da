import type { Geometry, Position } from 'geojson';

/**
 * One label position per ward: inside its largest part, near the middle. Uses the part's centroid when it
 * falls inside, else the middle of the widest inside run along the centroid's latitude (concave shapes).
 */
export function labelPoint(geometry: Geometry): Position | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  let best: Position[] | null = null;
  let bestArea = 0;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring) continue;
    const area = Math.abs(signedArea(ring));
    if (area > bestArea) { bestArea = area; best = ring; }
  }
  if (!best) return null;
  const c = centroid(best);
  if (inside(c, best)) return c;
  const y = c[1]!;
  const xs: number[] = [];
  for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
    const [xi, yi] = best[i] as [number, number];
    const [xj, yj] = best[j] as [number, number];
    if ((yi > y) !== (yj > y)) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
  }
  xs.sort((a, b) => a - b);
  let run: [number, number] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (!run || xs[i + 1]! - xs[i]! > run[1] - run[0]) run = [xs[i]!, xs[i + 1]!];
  }
  return run ? [(run[0] + run[1]) / 2, y] : best[0] ?? null;
}

function signedArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! * ring[i]![1]!) - (ring[i]![0]! * ring[j]![1]!);
  return a / 2;
}

function centroid(ring: Position[]): Position {
  const a = signedArea(ring);
  if (a === 0) return ring[0]!;
  let cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
    cx += (ring[j]![0]! + ring[i]![0]!) * f;
    cy += (ring[j]![1]! + ring[i]![1]!) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

function inside([x, y]: Position, ring: Position[]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if ((yi > y!) !== (yj > y!) && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}
