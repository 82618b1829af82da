import { describe, expect, it } from 'vitest';
import { chartGeometry } from './trendChart';

describe('trend chart geometry', () => {
  it('puts the highest rate at the top and skips months without figures', () => {
    const g = chartGeometry([{ month: '2022-04', rate: 0.5 }, { month: '2022-05', rate: null }, { month: '2022-06', rate: 0.887 }], 0.65, 320, 140);
    expect(g.points).toHaveLength(2);
    expect(g.points[1]!.y).toBeLessThan(g.points[0]!.y);
    expect(g.points[1]!.x).toBe(320 - 24);
    expect(g.targetY).toBeGreaterThan(g.points[1]!.y);
    expect(g.targetY).toBeLessThan(g.points[0]!.y);
  });
});
