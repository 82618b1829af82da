import { describe, expect, it } from 'vitest';
import { metresPerPixel, metresToPixelsExpression } from './metres';

describe('metres to pixels', () => {
  it('matches the Web Mercator ground resolution', () => {
    // At the equator, zoom 0, 512-px world: 78 271.5 m per pixel.
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 2);
    expect(metresPerPixel(15, 10.35)).toBeCloseTo(2.3498, 3);
  });
  it('halves the ground size per pixel at each zoom', () => {
    expect(metresPerPixel(14, 10) / metresPerPixel(15, 10)).toBeCloseTo(2, 10);
  });
  it('builds an exponential interpolation on the property', () => {
    const expression = metresToPixelsExpression('radius_meters', 10.35);
    expect(expression[1]).toEqual(['exponential', 2]);
    expect(expression[4]).toEqual(['/', ['get', 'radius_meters'], metresPerPixel(0, 10.35)]);
  });
});
