import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from './csv';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(neutralise('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutralise('+1+1')).toBe(`'+1+1`);
    expect(neutralise('-2+3')).toBe(`'-2+3`);
    expect(neutralise('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralise('Phường 7')).toBe('Phường 7');
  });
  it('keeps negative numbers as numbers', () => {
    expect(neutralise('-0.0468')).toBe('-0.0468');
  });
  it('quotes separators and doubles quotes, with a BOM and CRLF', () => {
    const csv = toCsv(['name', 'rate'], [['Phường "7", Vũng Tàu', 0.887], ['=cmd', -0.05]]);
    expect(csv).toBe('\ufeffname,rate\r\n"Phường ""7"", Vũng Tàu",0.887\r\n\'=cmd,-0.05\r\n');
  });
});
