import { describe, expect, it } from 'vitest';
import { toLocal } from '../local-time.ts';
import { checkRule, monthlyOrdinal, occurrenceDates, occurrences, toRRule } from './recurrence.ts';

const limits = { today: '2026-11-28', maxDaysAhead: 400 };
const codes = (r: ReturnType<typeof checkRule>) => ('errors' in r ? r.errors.map((e) => `${e.field}:${e.code}`) : []);

describe('recurrence', () => {
  it('repeats weekly and every other week, until a date (inclusive) or N times', () => {
    expect(occurrenceDates('2026-12-01', { freq: 'weekly', count: 3 })).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
    ]);
    expect(occurrenceDates('2026-12-01', { freq: 'biweekly', until: '2026-12-29' })).toEqual([
      '2026-12-01',
      '2026-12-15',
      '2026-12-29',
    ]);
    expect(occurrenceDates('2026-12-01', { freq: 'weekly', until: '2026-12-14' })).toEqual([
      '2026-12-01',
      '2026-12-08',
    ]);
  });

  it('repeats monthly on the same weekday of the month, or the last one', () => {
    // 2026-12-08 is the second Tuesday of December.
    expect(monthlyOrdinal('2026-12-08')).toBe(2);
    expect(occurrenceDates('2026-12-08', { freq: 'monthly-weekday', count: 4 })).toEqual([
      '2026-12-08',
      '2027-01-12',
      '2027-02-09',
      '2027-03-09',
    ]);
    // 2026-12-25 is a Friday in December's last week: the last Friday of every month.
    expect(monthlyOrdinal('2026-12-25')).toBe(-1);
    expect(occurrenceDates('2026-12-25', { freq: 'monthly-weekday', count: 4 })).toEqual([
      '2026-12-25',
      '2027-01-29',
      '2027-02-26',
      '2027-03-26',
    ]);
    // The fourth Monday that is not the last: 2027-03-22 (March has a 29th, a fifth Monday).
    expect(monthlyOrdinal('2027-03-22')).toBe(4);
    expect(occurrenceDates('2027-03-22', { freq: 'monthly-weekday', count: 2 })).toEqual(['2027-03-22', '2027-04-26']);
  });

  it('keeps 09:00 local time on both sides of both clock changes in 2027', () => {
    const series = occurrences({
      firstDate: '2027-03-01',
      localStart: '09:00',
      durationMinutes: 60,
      rule: { freq: 'weekly', until: '2027-11-29' },
    });
    expect(series).toHaveLength(40);
    for (const o of series) {
      expect(toLocal(o.startsAt).time).toBe('09:00');
      expect(toLocal(o.endsAt).time).toBe('10:00');
      expect(toLocal(o.startsAt).date).toBe(o.date);
    }
    const utcHour = (date: string) =>
      series
        .find((o) => o.date === date)!
        .startsAt.toISOString()
        .slice(11, 16);
    expect(utcHour('2027-03-22')).toBe('08:00'); // winter time, UTC+1
    expect(utcHour('2027-03-29')).toBe('07:00'); // after the change on 28 March, UTC+2
    expect(utcHour('2027-10-25')).toBe('07:00');
    expect(utcHour('2027-11-01')).toBe('08:00'); // after the change on 31 October
  });

  it('refuses impossible rules with field errors', () => {
    expect(codes(checkRule('2026-12-01', '09:00', { freq: 'daily', count: 3 }, limits))).toEqual([
      'freq:unknownFrequency',
    ]);
    expect(codes(checkRule('2026-12-01', '09:00', { freq: 'weekly' }, limits))).toEqual(['repeatEnd:untilOrCount']);
    expect(codes(checkRule('2026-12-01', '09:00', { freq: 'weekly', until: '2026-12-30', count: 3 }, limits))).toEqual([
      'repeatEnd:untilOrCount',
    ]);
    expect(codes(checkRule('2026-12-01', '09:00', { freq: 'weekly', until: '2026-11-30' }, limits))).toEqual([
      'until:untilBeforeStart',
    ]);
    expect(codes(checkRule('2026-12-01', '09:00', { freq: 'weekly', until: '2026-02-30' }, limits))).toEqual([
      'until:invalidDate',
    ]);
    expect(codes(checkRule('2026-12-01', '09:00', { freq: 'weekly', count: 0 }, limits))).toEqual([
      'count:countOutOfRange',
    ]);
    expect(codes(checkRule('2026-12-01', '09:00', { freq: 'weekly', count: 101 }, limits))).toEqual([
      'count:countOutOfRange',
    ]);
    expect(
      codes(
        checkRule(
          '2026-12-01',
          '09:00',
          { freq: 'weekly', until: '2028-12-01' },
          { today: '2026-11-28', maxDaysAhead: 730 },
        ),
      ),
    ).toEqual(['until:tooManyOccurrences']);
    expect(
      codes(
        checkRule('2026-12-01', '09:00', { freq: 'weekly', count: 30 }, { today: '2026-11-28', maxDaysAhead: 180 }),
      ),
    ).toEqual(['count:seriesTooFarAhead']);
    expect(
      checkRule('2026-12-01', '09:00', { freq: 'weekly', count: 100 }, { today: '2026-11-28', maxDaysAhead: 730 }),
    ).toEqual({ rule: { freq: 'weekly', count: 100 } });
  });

  it('writes the rule as an RFC 5545 RRULE', () => {
    expect(toRRule('2026-12-08', '09:00', { freq: 'biweekly', until: '2027-02-02' })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270202T080000Z',
    );
    expect(toRRule('2026-12-08', '09:00', { freq: 'weekly', count: 5 })).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=5');
    expect(toRRule('2026-12-08', '09:00', { freq: 'monthly-weekday', count: 5 })).toBe(
      'FREQ=MONTHLY;BYDAY=2TU;COUNT=5',
    );
    expect(toRRule('2026-12-25', '13:30', { freq: 'monthly-weekday', until: '2027-06-30' })).toBe(
      'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630T113000Z',
    );
  });
});
