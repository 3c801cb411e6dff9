import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import type { User } from '../../platform/auth/roles.ts';
import { cancelBooking, changeBooking, createBooking, type BookingDeps } from './booking.service.ts';
import { bDb } from './booking.table.ts';
import { MONDAY, failure, plainDeps, users } from './booking.test-support.ts';
import { fromLocal } from './local-time.ts';

const at = (date: string, time: string) => fromLocal(date, time);

describe.each(testEngines())('booking core on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let erik: User; // social worker: member of socialsekreterare
  let johan: User; // employee, not a social worker
  let admin: User;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = plainDeps(t);
    ({ erik, johan, admin } = await users(t, 'erik', 'johan', 'admin'));
  });
  afterAll(async () => t.close());

  const request = (
    roomId: string,
    from: string,
    to: string,
    extra: Partial<{ title: string; attendees: number; idempotencyKey: string; date: string }> = {},
  ) => ({
    roomId,
    startsAt: at(extra.date ?? MONDAY, from),
    endsAt: at(extra.date ?? MONDAY, to),
    title: extra.title ?? 'Planering',
    attendees: extra.attendees ?? 2,
    ...(extra.idempotencyKey ? { idempotencyKey: extra.idempotencyKey } : {}),
  });

  it('books a free slot, lets a back-to-back meeting in, and refuses an overlap with 409 and alternatives', async () => {
    const first = await createBooking(deps, johan, request('stadshuset-pildammen', '09:00', '10:00'));
    expect(first.status).toBe('confirmed');
    const next = await createBooking(deps, johan, request('stadshuset-pildammen', '10:00', '11:00'));
    expect(next.startsAt.toISOString()).toBe(first.endsAt.toISOString());

    const error = await failure(createBooking(deps, erik, request('stadshuset-pildammen', '09:30', '10:30')));
    expect(error.code).toBe('CONFLICT');
    const alternatives = error.details.alternatives as {
      sameRoom: { startsAt: Date }[];
      otherRooms: { roomId: string }[];
    };
    expect(alternatives.sameRoom.length).toBeGreaterThan(0);
    for (const slot of alternatives.sameRoom)
      expect(slot.startsAt.getTime() >= first.endsAt.getTime() + 3_600_000 || slot.startsAt < first.startsAt).toBe(
        true,
      );
    expect(alternatives.otherRooms.map((r) => r.roomId)).not.toContain('stadshuset-pildammen');
    expect(alternatives.otherRooms.length).toBeGreaterThan(0);
  });

  it('keeps the room’s buffer between meetings (client rooms: 10 minutes)', async () => {
    await createBooking(deps, erik, request('rosengard-samtal-1', '13:00', '14:00'));
    expect((await failure(createBooking(deps, erik, request('rosengard-samtal-1', '14:05', '15:00')))).code).toBe(
      'CONFLICT',
    );
    await createBooking(deps, erik, request('rosengard-samtal-1', '14:10', '15:00'));
  });

  it('lets only authorised groups book client-meeting rooms', async () => {
    expect((await failure(createBooking(deps, johan, request('rosengard-samtal-2', '09:00', '10:00')))).code).toBe(
      'FORBIDDEN',
    );
    expect((await createBooking(deps, admin, request('rosengard-samtal-2', '09:00', '10:00'))).status).toBe(
      'confirmed',
    );
  });

  it('refuses bad requests with the rule that was broken and stores nothing', async () => {
    const before = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const codes = async (r: ReturnType<typeof request>) =>
      (await failure(createBooking(deps, johan, r))).details.fields?.map((f) => f.code);
    expect(await codes(request('stadshuset-ribban', '10:00', '09:00'))).toEqual(['endBeforeStart']);
    expect(await codes(request('stadshuset-ribban', '10:00', '10:00'))).toEqual(['endBeforeStart']);
    expect(await codes(request('stadshuset-ribban', '06:00', '07:30'))).toEqual(['outsideOpeningHours']);
    expect(await codes(request('stadshuset-ribban', '17:00', '19:00'))).toEqual(['outsideOpeningHours']);
    expect(await codes(request('stadshuset-ribban', '10:00', '10:10'))).toEqual(['tooShort']);
    expect(await codes(request('stadshuset-ribban', '10:00', '10:07'))).toEqual(['offGrid', 'tooShort']);
    expect(await codes(request('stadshuset-ribban', '10:00', '11:00', { date: '2026-12-05' }))).toEqual(['closedDay']); // a Saturday
    expect(await codes(request('stadshuset-ribban', '10:00', '11:00', { date: '2026-11-27' }))).toEqual(['inPast']);
    expect(await codes(request('stadshuset-ribban', '10:00', '11:00', { date: '2027-08-02' }))).toEqual([
      'tooFarAhead',
    ]);
    expect(await codes(request('stadshuset-ribban', '10:00', '11:00', { attendees: 5 }))).toEqual(['overCapacity']);
    const thirtyDays = {
      ...request('stadshuset-ribban', '10:00', '11:00'),
      endsAt: new Date(at(MONDAY, '10:00').getTime() + 30 * 86_400_000),
    };
    expect((await failure(createBooking(deps, johan, thirtyDays))).details.fields?.map((f) => f.code)).toContain(
      'tooLong',
    );
    expect((await failure(createBooking(deps, johan, request('no-such-room', '10:00', '11:00')))).code).toBe(
      'NOT_FOUND',
    );
    const after = await bDb(t.database.db)
      .selectFrom('bookings')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('returns the same booking for a repeated idempotency key, and refuses the key for another booking', async () => {
    const key = 'double-click-0001';
    const a = await createBooking(
      deps,
      johan,
      request('stadshuset-oresund', '08:00', '09:00', { idempotencyKey: key }),
    );
    const b = await createBooking(
      deps,
      johan,
      request('stadshuset-oresund', '08:00', '09:00', { idempotencyKey: key }),
    );
    expect(b.id).toBe(a.id);
    const [c, d] = await Promise.all([
      createBooking(deps, johan, request('stadshuset-oresund', '15:00', '16:00', { idempotencyKey: 'race-0002' })),
      createBooking(deps, johan, request('stadshuset-oresund', '15:00', '16:00', { idempotencyKey: 'race-0002' })),
    ]);
    expect(c.id).toBe(d.id);
    expect(
      (
        await failure(
          createBooking(deps, johan, request('stadshuset-oresund', '10:00', '11:00', { idempotencyKey: key })),
        )
      ).code,
    ).toBe('CONFLICT');
  });

  it('holds a pending booking (approval) and frees a cancelled one', async () => {
    const pending = await createBooking(
      deps,
      johan,
      request('stadshuset-radssalen', '09:00', '11:00', { attendees: 40 }),
    );
    expect(pending.status).toBe('pending');
    expect((await failure(createBooking(deps, erik, request('stadshuset-radssalen', '10:00', '12:00')))).code).toBe(
      'CONFLICT',
    );
    // Others may not cancel it (it is "not found" to them); the booker may, twice (double submission).
    expect((await failure(cancelBooking(deps, erik, pending.id))).code).toBe('NOT_FOUND');
    expect((await cancelBooking(deps, johan, pending.id)).status).toBe('cancelled');
    expect((await cancelBooking(deps, johan, pending.id)).status).toBe('cancelled');
    expect((await createBooking(deps, erik, request('stadshuset-radssalen', '10:00', '12:00'))).status).toBe('pending');
  });

  it('changes a booking in place with a new sequence, and refuses a move onto another booking', async () => {
    const a = await createBooking(deps, johan, request('kirseberg-motesrum', '09:00', '10:00'));
    await createBooking(deps, johan, request('kirseberg-motesrum', '11:00', '12:00'));
    const moved = await changeBooking(deps, johan, a.id, {
      startsAt: at(MONDAY, '09:30'),
      endsAt: at(MONDAY, '10:30'),
      title: 'Flyttat',
      attendees: 3,
      expectedSequence: 0,
    });
    expect(moved.sequence).toBe(1);
    expect(moved.title).toBe('Flyttat');
    // Moving within its own old slot is no conflict with itself.
    await changeBooking(deps, johan, a.id, {
      startsAt: at(MONDAY, '09:00'),
      endsAt: at(MONDAY, '10:00'),
      title: 'Flyttat',
      attendees: 3,
    });
    expect(
      (
        await failure(
          changeBooking(deps, johan, a.id, {
            startsAt: at(MONDAY, '10:30'),
            endsAt: at(MONDAY, '11:30'),
            title: 'x',
            attendees: 3,
          }),
        )
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await failure(
          changeBooking(deps, johan, a.id, {
            startsAt: at(MONDAY, '09:00'),
            endsAt: at(MONDAY, '10:00'),
            title: 'x',
            attendees: 3,
            expectedSequence: 0,
          }),
        )
      ).details.fields?.[0]?.code,
    ).toBe('stale');
  });

  it('never lets the database hold two overlapping active bookings of a room', async () => {
    const overlaps = await sql<{ n: number }>`
      select count(*)::int as n from bookings a join bookings b
        on a.room_id = b.room_id and a.id < b.id
       and tstzrange(a.starts_at, a.blocked_until, '[)') && tstzrange(b.starts_at, b.blocked_until, '[)')
     where a.status in ('pending', 'confirmed') and b.status in ('pending', 'confirmed')`.execute(t.database.db);
    expect(overlaps.rows[0]!.n).toBe(0);
  });
});
