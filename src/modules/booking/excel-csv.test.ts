import { describe, expect, it } from 'vitest';
import { excelCell, excelCsv } from './excel-csv.ts';

describe('CSV for Swedish Excel', () => {
  it('starts with a BOM, separates by semicolons and ends lines with CRLF', () => {
    expect(excelCsv(['Hus', 'Rum'], [['Stadshuset', 'Öresund']])).toBe('\uFEFFHus;Rum\r\nStadshuset;Öresund\r\n');
  });

  it('writes decimal commas, no thousands separator and a plain minus', () => {
    expect(excelCell(12.5)).toBe('12,5');
    expect(excelCell(1234.25)).toBe('1234,25');
    expect(excelCell(-1)).toBe('-1');
    expect(excelCell(0.3333333)).toBe('0,333');
    expect(excelCell(null)).toBe('');
  });

  it('quotes semicolons, quotes and line breaks, and neutralises formulas in text', () => {
    expect(excelCell('Tvåan; stora')).toBe('"Tvåan; stora"');
    expect(excelCell('say "hi"')).toBe('"say ""hi"""');
    expect(excelCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(excelCell('a,b')).toBe('a,b');
  });
});
