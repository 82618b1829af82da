import { describe, expect, it } from 'vitest';
import { geometryBounds } from './bounds';

describe('geometry bounds', () => {
  it('covers every vertex of a multipolygon', () => {
    expect(geometryBounds({ type: 'MultiPolygon', coordinates: [[[[107, 10], [107.2, 10.1], [107.1, 10.4], [107, 10]]]] })).toEqual([107, 10, 107.2, 10.4]);
  });
  it('works for points and empty geometries', () => {
    expect(geometryBounds({ type: 'Point', coordinates: [107.08, 10.34] })).toEqual([107.08, 10.34, 107.08, 10.34]);
    expect(geometryBounds({ type: 'MultiPoint', coordinates: [] })).toBeNull();
  });
});
