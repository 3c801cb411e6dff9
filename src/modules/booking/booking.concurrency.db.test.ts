import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import type { User } from '../../platform/auth/roles.ts';
import { createApiToken } from '../../platform/auth/tokens.ts';
import { upsertUser } from '../../platform/auth/user.repository.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createBooking, type BookingDeps } from './booking.service.ts';
import { bDb } from './booking.table.ts';
import { fromLocal } from './local-time.ts';

/**
 * The invariant under a race: 200 members of staff ask at the same moment for overlapping slots
 * of one room — over HTTP (the API, each with their own token and Idempotency-Key) and straight
 * through createBooking. Exactly one booking wins, every other request gets a 409 with
 * alternatives, and the database holds no two active bookings of a room that overlap.
 */

const CLIENTS = 200;
const MINUTE = 60_000;

/** Pairs of active bookings of the same room whose held intervals overlap (must be none). */
async function overlappingPairs(db: Db): Promise<number> {
  const row = await bDb(db)
    .selectFrom('bookings as a')
    .innerJoin('bookings as b', (join) => join.onRef('a.room_id', '=', 'b.room_id').on(sql<boolean>`a.id < b.id`))
    .where('a.status', 'in', ['pending', 'confirmed'])
    .where('b.status', 'in', ['pending', 'confirmed'])
    .where(sql<boolean>`tstzrange(a.starts_at, a.blocked_until, '[)') && tstzrange(b.starts_at, b.blocked_until, '[)')`)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Request i of the storm: 60 minutes from 09:00 + 5·(i mod 12) local, so every two of them overlap. */
function stormSlot(date: string, i: number): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(fromLocal(date, '09:00').getTime() + (i % 12) * 5 * MINUTE);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 60 * MINUTE) };
}

describe.each(testEngines())('booking conflict storm on %s', (engine) => {
  let t: TestApp;
  let users: User[];
  let tokens: string[];

  beforeAll(async () => {
    t = await createTestApp({ engine });
    users = [];
    tokens = [];
    for (let i = 0; i < CLIENTS; i++) {
      const user = await upsertUser(t.database.db, {
        username: `storm-${i}`,
        subject: `storm-${i}`,
        displayName: `Storm ${i}`,
        kind: 'staff',
        roles: ['employee'],
        email: null,
        personalNumber: null,
      });
      users.push(user);
      tokens.push((await createApiToken(t.database.db, user.id, 'storm')).token);
    }
  }, 120_000);
  afterAll(async () => t.close());

  const activeIn = async (roomId: string, date: string) =>
    bDb(t.database.db)
      .selectFrom('bookings')
      .select(['id', 'booker_id', 'status'])
      .where('room_id', '=', roomId)
      .where('status', 'in', ['pending', 'confirmed'])
      .where('starts_at', '>=', fromLocal(date, '00:00'))
      .where('starts_at', '<', fromLocal(date, '23:59'))
      .execute();

  it('200 concurrent API requests for overlapping slots: one 201, 199 × 409 with alternatives, no overlap stored', async () => {
    const date = '2026-11-30';
    const responses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => {
        const { startsAt, endsAt } = stormSlot(date, i);
        return t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: {
            authorization: `Bearer ${tokens[i]}`,
            'content-type': 'application/json',
            'idempotency-key': `storm-http-${i}`,
          },
          payload: JSON.stringify({
            roomId: 'stadshuset-oresund',
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
            title: `Storm ${i}`,
            attendees: 4,
          }),
        });
      }),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(CLIENTS - 1);
    for (const loser of responses.filter((r) => r.statusCode === 409)) {
      expect(loser.headers['content-type']).toContain('application/problem+json');
      const problem = loser.json();
      expect(problem.errors[0].code).toBe('taken');
      expect(problem.alternatives).toBeDefined();
    }
    const winner = responses.find((r) => r.statusCode === 201)!.json();
    const active = await activeIn('stadshuset-oresund', date);
    expect(active.map((b) => b.id)).toEqual([winner.id]);
    expect(await overlappingPairs(t.database.db)).toBe(0);
  }, 180_000);

  it('200 concurrent createBooking calls for overlapping slots: one booking, 199 CONFLICT, no overlap stored', async () => {
    const date = '2026-12-01';
    const deps: BookingDeps = { db: t.database.db, clock: t.clock };
    const results = await Promise.allSettled(
      users.map((user, i) =>
        createBooking(
          deps,
          user,
          {
            roomId: 'stadshuset-kungsparken',
            ...stormSlot(date, i),
            title: `Storm ${i}`,
            attendees: 4,
            idempotencyKey: `storm-direct-${i}`,
          },
          'api',
        ),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(CLIENTS - 1);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe('CONFLICT');
      expect((r.reason as AppError).details.alternatives).toBeDefined();
    }
    const active = await activeIn('stadshuset-kungsparken', date);
    expect(active).toHaveLength(1);
    expect(active[0]!.id).toBe((won[0] as PromiseFulfilledResult<{ id: string }>).value.id);
    expect(await overlappingPairs(t.database.db)).toBe(0);
  }, 180_000);

  it('the overlap check finds an overlap when one is forced in (the constraint dropped in a rolled-back transaction)', async () => {
    // Proves the self-join can fail: inside a transaction without the constraint, two
    // overlapping rows are inserted and counted; the rollback restores the constraint.
    const sentinel = new Error('rollback');
    let counted = -1;
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await sql`alter table bookings drop constraint bookings_no_overlap`.execute(trx);
        const { startsAt, endsAt } = stormSlot('2026-12-02', 0);
        for (const i of [0, 1]) {
          await bDb(trx)
            .insertInto('bookings')
            .values({
              room_id: 'stadshuset-ribban',
              booker_id: users[i]!.id,
              title: 'x',
              attendees: 1,
              status: 'confirmed',
              starts_at: startsAt,
              ends_at: endsAt,
              blocked_until: endsAt,
              ical_uid: `overlap-${i}`,
              source: 'api',
            })
            .execute();
        }
        counted = await overlappingPairs(trx as unknown as Db);
        throw sentinel;
      }),
    ).rejects.toBe(sentinel);
    expect(counted).toBe(1);
    expect(await overlappingPairs(t.database.db)).toBe(0);
  });
});
