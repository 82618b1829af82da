import { describe, expect, it } from 'vitest';
import { categoryName } from './categoryName';

describe('categoryName', () => {
  it('reads the stored spelling and the GraphQL enum spelling alike', () => {
    expect(categoryName('GeneralStore', 'vi')).toBe('Tạp hóa');
    expect(categoryName('GENERAL_STORE', 'vi')).toBe('Tạp hóa');
    expect(categoryName('MarketStall', 'en')).toBe('Market stalls');
    expect(categoryName('ElectronicsCentre', 'vi')).toBe('Điện máy');
  });

  it('shows an unknown category as it came', () => {
    expect(categoryName('Bakery', 'vi')).toBe('Bakery');
  });
});
