import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatMonth, formatPercent, formatPoints, parseDecimal } from './format';

const spaces = (s: string) => s.replace(/\u00a0/g, ' ');

describe('vi-VN formatting', () => {
  it('formats a rate as "88,70 %"', () => {
    expect(spaces(formatPercent(0.887, 'vi'))).toBe('88,70 %');
    expect(spaces(formatPercent(0.6032, 'vi'))).toBe('60,32 %');
  });
  it('groups thousands with dots: 143.674', () => {
    expect(formatCount(143674, 'vi')).toBe('143.674');
    expect(formatCount(238200, 'vi')).toBe('238.200');
  });
  it('uses English separators in English', () => {
    expect(spaces(formatPercent(0.887, 'en'))).toBe('88.70 %');
    expect(formatCount(143674, 'en')).toBe('143,674');
  });
  it('signs gaps in percentage points', () => {
    expect(spaces(formatPoints(0.6032 - 0.65, 'vi'))).toBe('\u22124,68 điểm %');
    expect(spaces(formatPoints(0.887 - 0.65, 'en'))).toBe('+23.70 pp');
    expect(spaces(formatPoints(0, 'en'))).toBe('±0.00 pp');
  });
  it('shows a dash for missing values instead of NaN', () => {
    expect(formatPercent(null, 'vi')).toBe('–');
    expect(formatCount(undefined, 'vi')).toBe('–');
    expect(formatPercent(Number.NaN, 'vi')).toBe('–');
  });
  it('formats months per language', () => {
    expect(formatMonth('2022-06', 'vi')).toBe('06/2022');
    expect(formatMonth('2022-06', 'en')).toBe('Jun 2022');
  });
  it('shows times in Vietnam time', () => {
    expect(formatDateTime('2022-06-30T17:30:00Z', 'vi')).toContain('01/07/2022');
    expect(formatDateTime('2022-06-30T17:30:00Z', 'vi')).toContain('00:30');
  });
  it('parses decimals the way each language writes them', () => {
    expect(parseDecimal('65,5', 'vi')).toBe(65.5);
    expect(parseDecimal('65.5', 'en')).toBe(65.5);
    expect(parseDecimal('70 %', 'vi')).toBe(70);
    expect(parseDecimal('abc', 'vi')).toBeNull();
    expect(parseDecimal('', 'vi')).toBeNull();
  });
});
