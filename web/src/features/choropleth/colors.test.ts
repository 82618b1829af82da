import { describe, expect, it } from 'vitest';
import { classColors } from './colors';

describe('class colours', () => {
  it('diverges at the target: warm below, green above', () => {
    const colors = classColors([0.55, 0.6, 0.65, 0.7, 0.75], 0.65, [0.42, 0.887]);
    expect(colors).toHaveLength(6);
    expect(colors.slice(0, 3).every((c) => ['#b2182b', '#d6604d', '#f4a582', '#fddbc7'].includes(c))).toBe(true);
    expect(colors.slice(3).every((c) => ['#d9f0d3', '#a6dba0', '#5aae61', '#1b7837'].includes(c))).toBe(true);
    expect(colors[0]).toBe('#b2182b');
    expect(colors[5]).toBe('#1b7837');
  });

  it('uses a blue ramp when no target applies', () => {
    const colors = classColors([0.3, 0.6], null, [0, 1]);
    expect(colors[0]).toBe('#eff3ff');
    expect(colors[2]).toBe('#08519c');
  });
});
