import { describe, expect, it } from 'vitest';
import { labelPoint } from './labelPoint';

describe('label point', () => {
  it('is the centroid of a convex ward', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual([1, 1]);
  });
  it('picks the largest part of a multipolygon (mainland over an islet)', () => {
    const p = labelPoint({ type: 'MultiPolygon', coordinates: [
      [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]],
      [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]],
    ] });
    expect(p).toEqual([2, 2]);
  });
  it('stays inside a U-shaped ward whose centroid is outside', () => {
    const u = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    const [x, y] = labelPoint({ type: 'Polygon', coordinates: [u] })!;
    const insideLeftArm = x! > 0 && x! < 1;
    const insideRightArm = x! > 2 && x! < 3;
    const insideBase = y! < 1;
    expect(insideLeftArm || insideRightArm || insideBase).toBe(true);
  });
});
