import { describe, expect, it } from 'vitest';
import { buildLegend } from './legendModel';

describe('legend model', () => {
  it('counts the units of each class and those without figures', () => {
    const legend = buildLegend([0.5, 0.6, 0.7, 0.887, null], { method: 'manual', count: 3, target: 0.65, manual: [0.65] });
    expect(legend.classes.map((c) => c.count)).toEqual([2, 2]);
    expect(legend.noData).toBe(1);
    expect(legend.classes[0]).toMatchObject({ from: null, to: 0.65 });
    expect(legend.classes[1]).toMatchObject({ from: 0.65, to: null });
  });
});
