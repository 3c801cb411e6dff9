import { describe, expect, it } from 'vitest';
import { addDays, dayRange, fromLocal, isLocalDate, isoWeekday, offsetAt, toLocal } from './local-time.ts';

describe('Stockholm local time', () => {
  it('reads winter and summer times with their offsets', () => {
    expect(fromLocal('2027-01-15', '09:00').toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(fromLocal('2027-06-15', '09:00').toISOString()).toBe('2027-06-15T07:00:00.000Z');
    expect(offsetAt(new Date('2027-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(offsetAt(new Date('2027-06-15T12:00:00Z'))).toBe(7_200_000);
  });

  it('keeps 09:00 on both sides of the 2027 clock changes (28 March, 31 October)', () => {
    expect(fromLocal('2027-03-27', '09:00').toISOString()).toBe('2027-03-27T08:00:00.000Z');
    expect(fromLocal('2027-03-28', '09:00').toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(fromLocal('2027-10-30', '09:00').toISOString()).toBe('2027-10-30T07:00:00.000Z');
    expect(fromLocal('2027-10-31', '09:00').toISOString()).toBe('2027-10-31T08:00:00.000Z');
  });

  it('moves a time in the spring gap one hour later and takes the first of an autumn repeat (RFC 5545)', () => {
    expect(toLocal(fromLocal('2027-03-28', '02:30')).time).toBe('03:30');
    expect(fromLocal('2027-10-31', '02:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('round-trips every quarter hour of a year', () => {
    for (let day = '2027-01-01'; day < '2028-01-01'; day = addDays(day, 1)) {
      for (let m = 0; m < 1440; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const back = toLocal(fromLocal(day, time));
        if (day === '2027-03-28' && time.startsWith('02:')) continue; // does not exist
        expect(`${back.date} ${back.time}`).toBe(`${day} ${time}`);
      }
    }
  });

  it('gives a day its real length: 23 h in March, 25 h in October', () => {
    const span = (d: string) => (dayRange(d).to.getTime() - dayRange(d).from.getTime()) / 3_600_000;
    expect(span('2027-03-28')).toBe(23);
    expect(span('2027-10-31')).toBe(25);
    expect(span('2027-06-01')).toBe(24);
  });

  it('knows real dates and ISO weekdays', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2027-13-01')).toBe(false);
    expect(isoWeekday('2027-03-29')).toBe(1);
    expect(isoWeekday('2027-03-28')).toBe(7);
  });
});
