import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { createBooking, type BookingDeps } from '../booking.service.ts';
import { MONDAY, TUESDAY, failure, plainDeps, users } from '../booking.test-support.ts';
import { findRooms, setPreferredBuilding, type FinderQuery } from './finder.service.ts';
import { fromLocal, toLocal } from '../local-time.ts';

describe.each(testEngines())('room finder on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let erik: User; // socialsekreterare
  let sara: User; // socialsekreterare
  let johan: User; // employee, in no booking group
  let admin: User;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = plainDeps(t);
    ({ erik, sara, johan, admin } = await users(t, 'erik', 'sara', 'johan', 'admin'));
  });
  afterAll(async () => t.close());

  const q = (extra: Partial<FinderQuery> = {}): FinderQuery => ({
    date: MONDAY,
    start: '10:00',
    durationMinutes: 60,
    people: 3,
    ...extra,
  });
  const ids = async (user: User, query: FinderQuery) =>
    (await findRooms(t.database.db, user, query, t.clock())).rooms.map((r) => r.room.id);
  const book = (user: User, roomId: string, date: string, from: string, to: string) =>
    createBooking(deps, user, {
      roomId,
      startsAt: fromLocal(date, from),
      endsAt: fromLocal(date, to),
      title: 'Möte',
      attendees: 1,
    });

  it('ranks fitting rooms by the capacity closest above the need, then the preferred building, then name', async () => {
    const query = q({ purpose: 'client-meeting', accessibility: ['wheelchair'] });
    const found = await ids(erik, query);
    // Every client-meeting room with wheelchair access seating 3: the 3-seat room first, then the 4s by name (then id), then the 8s.
    expect(found).toEqual([
      'kirseberg-samtal',
      'fosie-samtal-1',
      'rosengard-samtal-1',
      'fosie-samtal-2',
      'rosengard-samtal-2',
      'fosie-samtal-3',
      'hyllie-samtal',
      'rosengard-familjerummet',
      'fosie-samtal-4',
    ]);
    await setPreferredBuilding(t.database.db, erik, 'rosengard');
    const preferred = await findRooms(t.database.db, erik, query, t.clock());
    expect(preferred.rooms.map((r) => r.room.id)).toEqual([
      'kirseberg-samtal',
      'rosengard-samtal-1',
      'rosengard-samtal-2',
      'fosie-samtal-1',
      'fosie-samtal-2',
      'fosie-samtal-3',
      'hyllie-samtal',
      'rosengard-familjerummet',
      'fosie-samtal-4',
    ]);
    expect(preferred.rooms.find((r) => r.room.id === 'rosengard-samtal-1')!.preferred).toBe(true);
    expect(preferred.rooms.find((r) => r.room.id === 'fosie-samtal-1')!.preferred).toBe(false);
    expect(preferred.alternatives).toBeNull();
    await setPreferredBuilding(t.database.db, erik, null);
    expect(await ids(erik, query)).toEqual(found);
    expect((await failure(setPreferredBuilding(t.database.db, erik, 'nowhere'))).details.fields).toEqual([
      { field: 'building', code: 'unknownBuilding' },
    ]);
  });

  it('filters by equipment, accessibility, building, floor and purpose', async () => {
    expect(await ids(johan, q({ equipment: ['video-conference', 'whiteboard'], people: 2 }))).toEqual([
      'hyllie-vattentornet',
      'rosengard-motet',
      'fosie-gruppen',
      'stadshuset-oresund',
    ]);
    expect(await ids(johan, q({ buildingId: 'stadshuset', floor: 3, people: 4 }))).toEqual([
      'stadshuset-ribban',
      'stadshuset-kungsparken',
    ]);
    expect(await ids(johan, q({ accessibility: ['hearing-loop'], people: 10, purpose: 'meeting' }))).toEqual([
      'stadshuset-oresund',
      'stadshuset-kungsparken',
    ]);
    expect(await ids(johan, q({ people: 81 }))).toEqual([]);
  });

  it('hides client-meeting rooms from staff outside the authorised groups; administrators see them', async () => {
    const johans = await ids(johan, q({ people: 1 }));
    expect(johans.length).toBeGreaterThan(0);
    expect(johans.filter((id) => id.includes('samtal') || id === 'rosengard-familjerummet')).toEqual([]);
    expect(await ids(johan, q({ purpose: 'client-meeting' }))).toEqual([]);
    expect(await ids(admin, q({ purpose: 'client-meeting' }))).toContain('rosengard-samtal-1');
    expect(await ids(sara, q({ purpose: 'client-meeting' }))).toContain('rosengard-samtal-1');
  });

  it('leaves out booked rooms, keeping the booked room’s buffer and the new meeting’s buffer', async () => {
    await book(erik, 'rosengard-samtal-3', TUESDAY, '13:00', '14:00'); // 10-minute buffer: held until 14:10
    const at = (start: string, durationMinutes = 30) =>
      ids(erik, q({ date: TUESDAY, start, durationMinutes, buildingId: 'rosengard', purpose: 'client-meeting' }));
    expect(await at('13:30')).not.toContain('rosengard-samtal-3');
    expect(await at('14:05')).not.toContain('rosengard-samtal-3');
    expect(await at('14:10')).toContain('rosengard-samtal-3');
    // A meeting 12:20–12:50 would hold the room until 13:00: fits; 12:25–12:55 would hold it until 13:05: does not.
    expect(await at('12:20')).toContain('rosengard-samtal-3');
    expect(await at('12:25')).not.toContain('rosengard-samtal-3');
    // Back to back is not an overlap: a cancelled or other room's booking does not matter.
    expect(await at('13:00')).toEqual(
      expect.arrayContaining(['rosengard-samtal-1', 'rosengard-samtal-2', 'rosengard-familjerummet']),
    );
  });

  it('obeys opening hours, open days, duration limits and how far ahead a room may be booked', async () => {
    // Default hours 07:00–18:00; Fosie's client rooms 07:00–20:00.
    expect(await ids(erik, q({ start: '18:00', purpose: 'client-meeting', people: 1 }))).toEqual([
      'fosie-samtal-1',
      'fosie-samtal-2',
      'fosie-samtal-3',
      'fosie-samtal-4',
    ]);
    expect(await ids(erik, q({ start: '16:30', durationMinutes: 90, people: 1, buildingId: 'kirseberg' }))).toEqual([
      'kirseberg-samtal',
      'kirseberg-motesrum',
    ]);
    expect(await ids(erik, q({ start: '17:30', durationMinutes: 60, people: 1, buildingId: 'kirseberg' }))).toEqual([]);
    expect(await ids(erik, q({ date: '2026-12-05', people: 1 }))).toEqual([]); // a Saturday
    // Client rooms allow at most 180 minutes; Rådssalen needs at least 60.
    expect(await ids(erik, q({ durationMinutes: 240, purpose: 'client-meeting', people: 1 }))).toEqual([]);
    expect(await ids(admin, q({ durationMinutes: 30, people: 50 }))).toEqual([]);
    expect(await ids(admin, q({ durationMinutes: 60, people: 50 }))).toEqual(['stadshuset-radssalen']);
    const found = await findRooms(t.database.db, erik, q({ date: '2027-06-01', people: 1 }), t.clock());
    expect(found.rooms).toEqual([]);
  });

  it('offers the nearest free times of the best-fitting rooms and the rooms one relaxed constraint away', async () => {
    await book(erik, 'kirseberg-samtal', TUESDAY, '09:00', '10:00');
    const result = await findRooms(
      t.database.db,
      erik,
      q({
        date: TUESDAY,
        start: '09:00',
        buildingId: 'kirseberg',
        purpose: 'client-meeting',
        accessibility: ['wheelchair'],
      }),
      t.clock(),
    );
    expect(result.rooms).toEqual([]);
    // The rules allow it: the one room that fits is booked. The same 09:00 hour on the next open days instead.
    expect(result.alternatives!.reasons).toEqual([{ code: 'taken' }]);
    const nextDays = result.alternatives!.nextDays;
    expect(nextDays.map((o) => [o.room.id, o.startsAt.toISOString()])).toEqual(
      ['2026-12-02', '2026-12-03', '2026-12-04'].map((date) => [
        'kirseberg-samtal',
        fromLocal(date, '09:00').toISOString(),
      ]),
    );
    expect(nextDays.every((o) => o.endsAt.getTime() - o.startsAt.getTime() === 3_600_000)).toBe(true);
    // Another building fits; so does a meeting room in Kirseberg; without the wheelchair need nothing more (the only client room is taken).
    const relaxed = result.alternatives!.relaxed;
    expect(relaxed.map((r) => r.constraint)).toEqual(['building', 'purpose']);
    expect(relaxed[0]!.rooms.map((r) => r.room.id)).toEqual(['fosie-samtal-1', 'rosengard-samtal-1', 'fosie-samtal-2']);
    expect(relaxed[1]!.rooms.map((r) => r.room.id)).toEqual(['kirseberg-motesrum']);
  });

  it('refuses a malformed query with field errors', async () => {
    const codes = async (query: FinderQuery) =>
      (await failure(findRooms(t.database.db, erik, query, t.clock()))).details.fields!.map(
        (f) => `${f.field}:${f.code}`,
      );
    expect(await codes(q({ date: '2026-02-30' }))).toEqual(['date:invalidDate']);
    expect(await codes(q({ date: '30/11/2026' }))).toEqual(['date:invalidDate']);
    expect(await codes(q({ start: '25:00' }))).toEqual(['start:invalidTime']);
    expect(await codes(q({ durationMinutes: 0 }))).toEqual(['duration:durationPositive']);
    expect(await codes(q({ durationMinutes: 30 * 24 * 60 }))).toEqual(['duration:tooLong']);
    expect(await codes(q({ durationMinutes: 17 }))).toEqual(['duration:offGrid']);
    expect(await codes(q({ people: 0 }))).toEqual(['people:peopleRange']);
    expect(await codes(q({ date: '2026-11-27' }))).toEqual(['start:inPast']);
    expect(await codes(q({ start: '10:03' }))).toEqual(['start:offGrid']);
  });

  describe('when nothing fits', () => {
    const alternatives = async (query: Partial<FinderQuery>) =>
      (await findRooms(t.database.db, erik, q({ buildingId: 'kirseberg', ...query }), t.clock())).alternatives!;
    const days = (offers: { startsAt: Date }[]) =>
      offers.map((o) => `${toLocal(o.startsAt).date} ${toLocal(o.startsAt).time}`);

    it('says the building is closed on Saturdays and offers the same time on the next open days, skipping Sunday', async () => {
      const a = await alternatives({ date: '2026-12-05', start: '10:00' });
      expect(a.reasons).toEqual([{ code: 'closedDay', weekday: 6, building: 'Kirsebergs kontor' }]);
      expect(days(a.nextDays)).toEqual(['2026-12-07 10:00', '2026-12-08 10:00', '2026-12-09 10:00']);
    });

    it('says the opening hours for a 06:00 start and moves the offers to the opening, from the same day', async () => {
      const a = await alternatives({ date: '2026-12-07', start: '06:00' });
      expect(a.reasons).toEqual([{ code: 'outsideHours', opens: '07:00', closes: '18:00' }]);
      expect(days(a.nextDays)).toEqual(['2026-12-07 07:00', '2026-12-08 07:00', '2026-12-09 07:00']);
    });

    it('says the largest room for more people than any seats, and the closed day too when both apply', async () => {
      expect((await alternatives({ people: 40 })).reasons).toEqual([{ code: 'overCapacity', people: 40, largest: 8 }]);
      const both = await alternatives({ people: 40, date: '2026-12-05' });
      expect(both.reasons).toEqual([
        { code: 'overCapacity', people: 40, largest: 8 },
        { code: 'closedDay', weekday: 6, building: 'Kirsebergs kontor' },
      ]);
      expect(both.nextDays).toEqual([]);
    });

    it('says how far ahead the rooms can be booked, and offers no days past it', async () => {
      const a = await alternatives({ date: '2027-06-01' });
      expect(a.reasons).toEqual([{ code: 'tooFarAhead', days: 180 }]);
      expect(a.nextDays).toEqual([]);
    });

    it('says the durations the rooms allow', async () => {
      const a = await alternatives({ start: '07:00', durationMinutes: 600, purpose: 'client-meeting' });
      expect(a.reasons).toEqual([{ code: 'duration', min: 15, max: 180 }]);
    });
  });
});
