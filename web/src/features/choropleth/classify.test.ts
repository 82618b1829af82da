import { describe, expect, it } from 'vitest';
import { classCounts, classIndex, computeBreaks, evenSample, jenksBreaks, jenksSampleSize } from './classify';

// Account-ownership rates of the 17 units in June 2022 are spread roughly like this.
const rates = [0.887, 0.512, 0.604, 0.553, 0.701, 0.648, 0.59, 0.455, 0.62, 0.58, 0.66, 0.5, 0.71, 0.63, 0.57, 0.61, 0.42];

describe('class breaks', () => {
  it('puts the target on a break when classing around it', () => {
    const breaks = computeBreaks(rates, { method: 'target', count: 6, target: 0.65 });
    expect(breaks).toContain(0.65);
    expect(breaks).toHaveLength(5);
    const counts = classCounts(rates, breaks);
    const belowTarget = rates.filter((r) => r < 0.65).length;
    expect(counts.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(belowTarget);
  });

  it('splits quantiles into classes of (nearly) equal size', () => {
    const counts = classCounts(rates, computeBreaks(rates, { method: 'quantile', count: 4, target: null }));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(17);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('makes equal intervals between min and max', () => {
    const breaks = computeBreaks([0, 1], { method: 'equal', count: 4, target: null });
    expect(breaks).toEqual([0.25, 0.5, 0.75]);
  });

  it('finds the natural gaps with Jenks', () => {
    const data = [1, 2, 3, 10, 11, 12, 30, 31, 32];
    expect(jenksBreaks(data, 3)).toEqual([10, 30]);
  });

  it('Jenks never makes more classes than distinct values', () => {
    expect(jenksBreaks([0.5, 0.5, 0.7], 5)).toEqual([0.7]);
    expect(jenksBreaks([0.5], 3)).toEqual([]);
  });

  it('sorts and de-duplicates manual breaks', () => {
    expect(computeBreaks(rates, { method: 'manual', count: 3, target: 0.65, manual: [0.7, 0.5, 0.7] })).toEqual([0.5, 0.7]);
  });

  it('counts every value once across the classes', () => {
    for (const method of ['target', 'quantile', 'equal', 'jenks'] as const) {
      const counts = classCounts(rates, computeBreaks(rates, { method, count: 5, target: 0.65 }));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(rates.length);
    }
  });

  it('puts a value equal to a break in the upper class', () => {
    expect(classIndex(0.65, [0.6, 0.65, 0.7])).toBe(2);
    expect(classIndex(0.1, [0.6])).toBe(0);
  });

  it('copes with no data', () => {
    expect(computeBreaks([], { method: 'jenks', count: 5, target: 0.65 })).toEqual([]);
    expect(computeBreaks([], { method: 'target', count: 4, target: 0.65 })).toContain(0.65);
  });
});

describe('Jenks at national scale', () => {
  it('samples evenly, keeping both ends', () => {
    expect(evenSample([1, 2, 3, 4, 5], 3)).toEqual([1, 3, 5]);
    expect(evenSample([1, 2], 5)).toEqual([1, 2]);
  });

  it('classes 10,656 values quickly and within their range', () => {
    const values = Array.from({ length: 10_656 }, (_, i) => 0.3 + 0.6 * ((i * 7919) % 10_656) / 10_656);
    const started = performance.now();
    const breaks = computeBreaks(values, { method: 'jenks', count: 6, target: 0.65 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(breaks).toHaveLength(5);
    expect(Math.min(...breaks)).toBeGreaterThan(0.3);
    expect(Math.max(...breaks)).toBeLessThan(0.9);
    expect(jenksSampleSize).toBeLessThan(values.length);
  });
});
