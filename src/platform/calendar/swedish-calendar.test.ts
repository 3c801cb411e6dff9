import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  easterSunday,
  holidayEves,
  isoWeekday,
  lastDayOfTimeLimit,
  lastDayWeeksAfter,
  publicHolidays,
  stockholmDate,
  whyNotALastDay,
} from './swedish-calendar.ts';

const YEARS = Array.from({ length: 11 }, (_, i) => 2025 + i);

describe('the Swedish calendar', () => {
  it('finds Easter Sunday', () => {
    expect(YEARS.map(easterSunday)).toEqual([
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2029-04-01',
      '2030-04-21',
      '2031-04-13',
      '2032-03-28',
      '2033-04-17',
      '2034-04-09',
      '2035-03-25',
    ]);
  });

  it('agrees with an independent holiday library on every holiday and eve of 2025–2035', () => {
    // date-holidays (a dev dependency, used only as an oracle) types the public holidays of
    // lag (1989:253) as "public" and midsommarafton, julafton and nyårsafton as "bank".
    const oracle = new Holidays('SE');
    for (const year of YEARS) {
      const theirs = oracle
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10))
        .sort();
      const ours = [...publicHolidays(year), ...holidayEves(year)].map((d) => d.day).sort();
      expect(ours, String(year)).toEqual(theirs);
    }
  });

  it('puts midsommar, alla helgons dag and the eves on their weekdays', () => {
    for (const year of YEARS) {
      const holidays = new Map(publicHolidays(year).map((d) => [d.name, d.day]));
      const eves = new Map(holidayEves(year).map((d) => [d.name, d.day]));
      expect(isoWeekday(holidays.get('midsommardagen')!)).toBe(6);
      expect(isoWeekday(eves.get('midsommarafton')!)).toBe(5);
      expect(addDays(eves.get('midsommarafton')!, 1)).toBe(holidays.get('midsommardagen'));
      expect(isoWeekday(holidays.get('alla helgons dag')!)).toBe(6);
      expect(holidays.get('pingstdagen')! > holidays.get('Kristi himmelsfärdsdag')!).toBe(true);
    }
  });

  it('says why a day cannot be the last day of a time limit', () => {
    expect(whyNotALastDay('2026-12-24')).toBe('julafton');
    expect(whyNotALastDay('2026-06-19')).toBe('midsommarafton');
    expect(whyNotALastDay('2026-05-14')).toBe('Kristi himmelsfärdsdag');
    expect(whyNotALastDay('2026-12-05')).toBe('lördag');
    expect(whyNotALastDay('2026-12-06')).toBe('söndag');
    expect(whyNotALastDay('2026-12-07')).toBeNull();
    // The day before Easter and annandag pingst are ordinary days (working days since 2005).
    expect(whyNotALastDay('2026-05-25')).toBeNull();
    expect(whyNotALastDay('2026-04-02')).toBeNull();
  });

  it('moves a last day to the next day a time limit may end on', () => {
    expect(lastDayOfTimeLimit('2026-12-07')).toBe('2026-12-07');
    // Julafton, juldagen, annandag jul (a Saturday), a Sunday → Monday 28 December.
    expect(lastDayOfTimeLimit('2026-12-24')).toBe('2026-12-28');
    // Nyårsafton 2027 is a Friday, nyårsdagen a Saturday → Monday 3 January 2028.
    expect(lastDayOfTimeLimit('2027-12-31')).toBe('2028-01-03');
    // Långfredagen to annandag påsk 2026 → Tuesday 7 April.
    expect(lastDayOfTimeLimit('2026-04-03')).toBe('2026-04-07');
  });

  it('counts three weeks from the day a decision was received (förvaltningslagen 44 §)', () => {
    // Received on a Friday: three weeks end on juldagen → Monday 28 December.
    expect(lastDayWeeksAfter('2026-12-04', 3)).toBe('2026-12-28');
    // Ends on midsommarafton → Monday 22 June.
    expect(lastDayWeeksAfter('2026-05-29', 3)).toBe('2026-06-22');
    // Ends on Kristi himmelsfärdsdag → Friday 15 May.
    expect(lastDayWeeksAfter('2026-04-23', 3)).toBe('2026-05-15');
    // Ends on an ordinary Monday.
    expect(lastDayWeeksAfter('2026-03-02', 3)).toBe('2026-03-23');
  });

  it('counts working days past weekends and holidays', () => {
    expect(addWorkingDays('2026-12-07', 2)).toBe('2026-12-09');
    // Friday 4 December + 2 working days → Tuesday 8 December.
    expect(addWorkingDays('2026-12-04', 2)).toBe('2026-12-08');
    // Posted on Wednesday 23 December: julafton to the Sunday are closed → Tuesday 29 December.
    expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-29');
    expect(addWorkingDays('2026-06-18', 1)).toBe('2026-06-22');
    expect(addWorkingDays('2026-06-18', 0)).toBe('2026-06-18');
  });

  it('reads the Stockholm day of an instant across midnight and daylight saving', () => {
    expect(stockholmDate(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-04');
    expect(stockholmDate(new Date('2026-06-18T22:30:00Z'))).toBe('2026-06-19');
    expect(stockholmDate(new Date('2026-06-18T21:30:00Z'))).toBe('2026-06-18');
  });
});
