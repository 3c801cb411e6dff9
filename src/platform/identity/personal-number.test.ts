import { describe, expect, it } from 'vitest';
import {
  formatPersonalNumber,
  isCalendarDate,
  luhnCheckDigit,
  normalizedPersonalNumberSchema,
  parsePersonalNumber,
  personalNumberSchema,
  syntheticPersonalNumber,
} from './personal-number.ts';

// Every number here is synthetic: invented dates and serials with a computed check digit.
const today = '2026-05-01';
const parse = (input: string) => parsePersonalNumber(input, { today });

describe('personal identity numbers', () => {
  it('computes the Luhn check digit over YYMMDDNNN with weights 2,1,2,…', () => {
    expect(luhnCheckDigit('900101123')).toBe(9);
    expect(luhnCheckDigit('080229456')).toBe(1);
    expect(luhnCheckDigit('250615001')).toBe(6);
    expect(() => luhnCheckDigit('12345')).toThrow(RangeError);
  });

  it('accepts the four written forms and stores 12 digits', () => {
    for (const input of ['19900101-1239', '199001011239', '900101-1239', '9001011239', '  900101-1239 ']) {
      const result = parse(input);
      expect(result, input).toEqual({
        ok: true,
        personalNumber: { value: '199001011239', kind: 'personnummer', birthDate: '1990-01-01' },
      });
    }
  });

  it('rejects a wrong check digit', () => {
    expect(parse('19900101-1238')).toEqual({ ok: false, error: 'checksum' });
    expect(parse('900101-1230')).toEqual({ ok: false, error: 'checksum' });
  });

  it('rejects a transposed serial (the check digit catches adjacent swaps)', () => {
    expect(parse('19900101-2139')).toEqual({ ok: false, error: 'checksum' });
  });

  it('recognises a samordningsnummer (day + 60) and derives the real birth date', () => {
    const result = parse('20230763-2501');
    expect(result).toEqual({
      ok: true,
      personalNumber: { value: '202307632501', kind: 'samordningsnummer', birthDate: '2023-07-03' },
    });
    expect(parse('230763-2501')).toEqual(result);
  });

  it('rejects a samordningsnummer whose day minus 60 is no date', () => {
    // Day 92 → 32, day 60 → 0: no such days. Check digits are right, so only the date fails.
    expect(parse(`870292-123${luhnCheckDigit('870292123')}`)).toEqual({ ok: false, error: 'date' });
    expect(parse(`800160-123${luhnCheckDigit('800160123')}`)).toEqual({ ok: false, error: 'date' });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parse('20080229-4561')).toMatchObject({ ok: true, personalNumber: { birthDate: '2008-02-29' } });
    expect(parse('20000229-1235')).toMatchObject({ ok: true, personalNumber: { birthDate: '2000-02-29' } }); // 2000: divisible by 400
    expect(parse('20230229-1238')).toEqual({ ok: false, error: 'date' });
    expect(parse('19000229-1235')).toEqual({ ok: false, error: 'date' }); // 1900: divisible by 100, not 400
  });

  it('rejects impossible months and days', () => {
    expect(parse(`901301-123${luhnCheckDigit('901301123')}`)).toEqual({ ok: false, error: 'date' });
    expect(parse(`900431-123${luhnCheckDigit('900431123')}`)).toEqual({ ok: false, error: 'date' });
    expect(parse(`900100-123${luhnCheckDigit('900100123')}`)).toEqual({ ok: false, error: 'date' });
  });

  it('reads the plus sign as 100 years or older (the separator changes the year one turns 100)', () => {
    expect(parse('250615+0016')).toMatchObject({
      ok: true,
      personalNumber: { value: '192506150016', birthDate: '1925-06-15' },
    });
    expect(parse('250615-0016')).toMatchObject({
      ok: true,
      personalNumber: { value: '202506150016', birthDate: '2025-06-15' },
    });
    // Turns 100 in 2026 (born 1926): already "+" on 1 January, before the birthday.
    const born1926 = syntheticPersonalNumber('1926-12-31', 123);
    expect(parse(`${born1926.slice(2, 8)}+${born1926.slice(8)}`)).toMatchObject({
      ok: true,
      personalNumber: { birthDate: '1926-12-31' },
    });
  });

  it('gives a 10-digit number with "-" the century in which the person turns 0–99 this year', () => {
    expect(parse('991231-9820')).toMatchObject({ ok: true, personalNumber: { birthDate: '1999-12-31' } });
    expect(parse('260501-1234')).toMatchObject({ ok: true, personalNumber: { birthDate: '2026-05-01' } }); // born today
  });

  it('rejects a birth date after today', () => {
    expect(parse('260502-1233')).toEqual({ ok: false, error: 'future' });
    expect(parse('20261231-1239')).toEqual({ ok: false, error: 'future' });
  });

  it('rejects garbage', () => {
    for (const input of [
      '',
      ' ',
      'abc',
      '19900101',
      '1990-01-01-1239',
      '19900101+1239',
      '19900101 1239',
      '900101–1239',
      '9001011239x',
      '１９９００１０１１２３９',
      '17991231-1234',
    ]) {
      expect(parse(input).ok, JSON.stringify(input)).toBe(false);
    }
    expect(parsePersonalNumber(42 as unknown as string)).toEqual({ ok: false, error: 'format' });
  });

  it('formats the stored form for display, long by default', () => {
    expect(formatPersonalNumber('199001011239')).toBe('19900101-1239');
    expect(formatPersonalNumber('199001011239', { style: 'short', today })).toBe('900101-1239');
    expect(formatPersonalNumber('192506150016', { style: 'short', today })).toBe('250615+0016');
    const parsed = parse('230763-2501');
    if (!parsed.ok) throw new Error('expected a valid number');
    expect(formatPersonalNumber(parsed.personalNumber)).toBe('20230763-2501');
    expect(() => formatPersonalNumber('900101-1239')).toThrow(RangeError);
  });

  it('generates synthetic numbers that parse back to their birth date and kind', () => {
    expect(syntheticPersonalNumber('1990-01-01', 123)).toBe('199001011239');
    expect(syntheticPersonalNumber('2023-07-03', 250, { kind: 'samordningsnummer' })).toBe('202307632501');
    for (const [birthDate, serial] of [
      ['2008-02-29', 456],
      ['1955-12-31', 1],
      ['2010-07-01', 999],
    ] as const) {
      for (const kind of ['personnummer', 'samordningsnummer'] as const) {
        const value = syntheticPersonalNumber(birthDate, serial, { kind });
        expect(parse(value)).toEqual({ ok: true, personalNumber: { value, kind, birthDate } });
      }
    }
    expect(() => syntheticPersonalNumber('2023-02-29', 1)).toThrow(RangeError);
    expect(() => syntheticPersonalNumber('1990-01-01', 0)).toThrow(RangeError);
    expect(() => syntheticPersonalNumber('1990-01-01', 1000)).toThrow(RangeError);
  });

  it('checks calendar dates with leap years', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-4-30')).toBe(false);
  });

  it('validates with zod using the message code invalidPersonalNumber', () => {
    expect(personalNumberSchema.safeParse('19900101-1239').success).toBe(true);
    const failed = personalNumberSchema.safeParse('19900101-1238');
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toBe('invalidPersonalNumber');
    expect(normalizedPersonalNumberSchema.parse(' 900101-1239 ')).toBe('199001011239');
  });
});
