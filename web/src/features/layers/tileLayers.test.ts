import { describe, expect, it } from 'vitest';
import { tileUrl } from './tileLayers';

describe('tile URLs', () => {
  it('carry the data version so a refresh changes the URL', () => {
    expect(tileUrl('/tiles', 'wifi', 7)).toBe('/tiles/wifi/{z}/{x}/{y}.mvt?v=7');
    expect(tileUrl('/tiles', 'wifi', null)).toBe('/tiles/wifi/{z}/{x}/{y}.mvt');
  });
});
