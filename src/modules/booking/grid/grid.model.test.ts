import { describe, expect, it } from 'vitest';
import type { BusySlot, Room, RoomRules } from '../booking.schema.ts';
import { fromLocal } from '../local-time.ts';
import { dayWindow, freeMinutes, gridRow, isoWeekNumber, weekOf, type GridCell } from './grid.model.ts';

const RULES: RoomRules = {
  opensAt: '08:00',
  closesAt: '17:00',
  openWeekdays: [1, 2, 3, 4, 5],
  minMinutes: 15,
  maxMinutes: 240,
  maxDaysAhead: 90,
  approvalRequired: false,
  approverGroup: null,
  bufferMinutes: 10,
  checkinWindowMinutes: 15,
};
const room = (rules: Partial<RoomRules> = {}): Room => ({
  id: 'hus-rum',
  buildingId: 'hus',
  buildingName: 'Huset',
  floor: 1,
  name: 'Rummet',
  capacity: 6,
  equipment: [],
  accessibility: [],
  purpose: 'meeting',
  isPrivate: false,
  allowedGroups: [],
  rules: { ...RULES, ...rules },
  active: true,
});
const busy = (date: string, start: string, end: string, extra: Partial<BusySlot> = {}, buffer = 10): BusySlot => ({
  bookingId: `b-${start}`,
  startsAt: fromLocal(date, start),
  endsAt: fromLocal(date, end),
  blockedUntil: new Date(fromLocal(date, end).getTime() + buffer * 60_000),
  status: 'confirmed',
  title: 'Planering',
  mine: false,
  checkedIn: false,
  ...extra,
});
const MONDAY = '2026-12-07';
// Saturday before, 10:00: every slot of Monday is in the future.
const NOW = fromLocal('2026-12-05', '10:00');
const WINDOW = { from: 8 * 60, to: 17 * 60 };
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const summary = (cells: GridCell[]) => cells.map((c) => `${c.kind} ${hhmm(c.from)}–${hhmm(c.to)}`);

describe('a room’s row in the booking grid', () => {
  it('draws a booking at its true minutes inside the half hours it touches, buffer included', () => {
    const cells = gridRow(room(), true, [busy(MONDAY, '09:55', '10:55')], MONDAY, WINDOW, NOW);
    const run = cells.find((c) => c.kind === 'busy');
    // 09:55–10:55 plus a 10-minute buffer (to 11:05) touches 09:30–11:30: one run of four half hours.
    expect(run).toMatchObject({ kind: 'busy', from: 9 * 60 + 30, to: 11 * 60 + 30 });
    expect(run?.kind === 'busy' && run.items[0]).toMatchObject({ from: 595, to: 655, heldUntil: 665 });
    expect(summary(cells).filter((c) => c.startsWith('free')).length).toBe(WINDOW.to / 30 - WINDOW.from / 30 - 4);
  });

  it('a free half hour books an hour, ending early so its own buffer ends when the next meeting starts', () => {
    const cells = gridRow(room(), true, [busy(MONDAY, '09:30', '10:30')], MONDAY, WINDOW, NOW);
    const at = (m: number) => cells.find((c) => c.from === m);
    expect(at(8 * 60)).toMatchObject({ kind: 'free', book: { start: 480, end: 540 } });
    // 09:00 → would end 10:00, but the 09:30 meeting needs a 10-minute break before it: 09:20.
    expect(at(9 * 60)).toMatchObject({ kind: 'free', book: { start: 540, end: 560 } });
    // Near closing: 16:30 books until 17:00.
    expect(at(16 * 60 + 30)).toMatchObject({ kind: 'free', book: { start: 990, end: 1020 } });
  });

  it('merges closed hours, and a closed weekday is closed all day', () => {
    const early = gridRow(room({ opensAt: '09:00' }), true, [], MONDAY, WINDOW, NOW);
    expect(summary(early).slice(0, 2)).toEqual(['closed 08:00–09:00', 'free 09:00–09:30']);
    const saturday = gridRow(room(), true, [], '2026-12-12', WINDOW, NOW);
    expect(summary(saturday)).toEqual(['closed 08:00–17:00']);
  });

  it('today: ended half hours are past, the one under way books from the next five minutes', () => {
    const now = fromLocal(MONDAY, '10:12');
    const cells = gridRow(room(), true, [], MONDAY, WINDOW, now);
    expect(summary(cells)[0]).toBe('past 08:00–10:00');
    expect(cells[1]).toMatchObject({ kind: 'free', from: 600, book: { start: 615, end: 675 } });
  });

  it('a room the viewer may not book, and days beyond its limit, offer no slot', () => {
    expect(summary(gridRow(room(), false, [], MONDAY, WINDOW, NOW))).toEqual(['restricted 08:00–17:00']);
    expect(summary(gridRow(room({ maxDaysAhead: 1 }), true, [], MONDAY, WINDOW, NOW))).toEqual(['ahead 08:00–17:00']);
  });

  it('adjacent bookings share one run; a booking from the day before starts the day busy', () => {
    const cells = gridRow(
      room({ opensAt: '00:00' }),
      true,
      [busy('2026-12-06', '23:00', '23:59', {}, 61), busy(MONDAY, '08:30', '09:00'), busy(MONDAY, '09:10', '09:40')],
      MONDAY,
      { from: 0, to: 17 * 60 },
      NOW,
    );
    expect(summary(cells)[0]).toBe('busy 00:00–01:00');
    const run = cells.find((c) => c.kind === 'busy' && c.from === 8 * 60 + 30);
    expect(run).toMatchObject({ to: 10 * 60 });
    expect(run?.kind === 'busy' && run.items.length).toBe(2);
  });

  it('counts free time for the week view', () => {
    const cells = gridRow(room(), true, [busy(MONDAY, '09:00', '10:00')], MONDAY, WINDOW, NOW);
    // 9 open hours, 09:00–10:30 taken (the buffer touches the 10:00 half hour).
    expect(freeMinutes(cells)).toBe(9 * 60 - 90);
  });

  it('keeps the wall clock on the day clocks go back (25 hours)', () => {
    const day = '2026-10-25';
    const cells = gridRow(room({ openWeekdays: [7] }), true, [busy(day, '10:00', '11:00')], day, WINDOW, NOW);
    expect(cells.find((c) => c.kind === 'busy')).toMatchObject({ from: 600, to: 690 });
  });
});

describe('the grid’s calendar', () => {
  it('spans the earliest opening to the latest closing, on the half hour', () => {
    expect(dayWindow([room({ opensAt: '07:15' }), room({ closesAt: '18:10' })])).toEqual({ from: 420, to: 1110 });
    expect(dayWindow([])).toEqual({ from: 480, to: 1020 });
  });

  it('weeks start on Monday and are numbered the ISO way', () => {
    expect(weekOf('2026-12-09')).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
    expect(isoWeekNumber('2026-12-07')).toBe(50);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
    expect(isoWeekNumber('2026-01-01')).toBe(1);
  });
});
