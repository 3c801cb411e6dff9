import { describe, expect, it } from 'vitest';
import { spreadNearest } from './booking.service.ts';
import { fromLocal, timeOf, toLocal } from './local-time.ts';

describe('spreadNearest', () => {
  const quarterHours = (date: string, fromHour: number, toHour: number) =>
    Array.from({ length: (toHour - fromHour) * 4 }, (_, i) => fromLocal(date, timeOf(fromHour * 60 + i * 15)));
  const times = (starts: Date[]) => starts.map((s) => toLocal(s).time);

  it('offers the nearest starts at least an hour apart, not three quarter-hours in a row', () => {
    // Free 07:00–08:45 and 11:00–12:45; 10:00 was asked for.
    const free = [...quarterHours('2026-12-01', 7, 9), ...quarterHours('2026-12-01', 11, 13)];
    expect(times(spreadNearest(free, fromLocal('2026-12-01', '10:00'), 30, 3))).toEqual(['08:45', '11:00', '12:00']);
  });

  it('keeps a long meeting’s offers a meeting’s length apart', () => {
    const free = quarterHours('2026-12-01', 7, 17);
    expect(times(spreadNearest(free, fromLocal('2026-12-01', '12:00'), 120, 3))).toEqual(['10:00', '12:00', '14:00']);
  });
});
