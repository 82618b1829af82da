import type { Geometry, Position } from 'geojson';

/** [west, south, east, north] of any GeoJSON geometry, or null when it has no coordinates. */
export function geometryBounds(geometry: Geometry): [number, number, number, number] | null {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as Position;
      west = Math.min(west, x!); east = Math.max(east, x!);
      south = Math.min(south, y!); north = Math.max(north, y!);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => visit(geometryBounds(g) ? [[geometryBounds(g)![0], geometryBounds(g)![1]], [geometryBounds(g)![2], geometryBounds(g)![3]]] : []));
  else visit(geometry.coordinates);
  return Number.isFinite(west) ? [west, south, east, north] : null;
}
