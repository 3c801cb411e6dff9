import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { isPgError, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { migrations } from '../../src/modules.ts';
import { createTestDatabase, testEngines } from '../helpers/database.ts';

describe('migrations on a fresh embedded database', () => {
  it('apply every migration in order on an empty PGlite, then nothing on a second run', async () => {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(await migrateToLatest(handle.db, migrations)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(handle.db, migrations)).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it('migration names sort in the order they are listed, so every server applies them alike', () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
    for (const name of names) expect(name).toMatch(/^\d{4}-[a-z0-9-]+$/);
  });
});

describe.each(testEngines())('database invariants on %s', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database.close());

  it('has applied every migration and a second run applies nothing (idempotent)', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.db, migrations)).toEqual([]);
  });

  it('btree_gist is installed and an exclusion constraint refuses overlapping ranges with 23P01', async () => {
    await sql`create table test_bookings (
      room_id uuid not null,
      during tstzrange not null,
      exclude using gist (room_id with =, during with &&)
    )`.execute(database.db);
    const room = '6f1c1f0e-2a7b-4e55-9c0e-0d5f4c1a9b01';
    const insert = (from: string, to: string, roomId = room) =>
      sql`insert into test_bookings (room_id, during) values (${roomId}::uuid, tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)'))`.execute(
        database.db,
      );

    await insert('2026-12-01T09:00:00+01:00', '2026-12-01T10:00:00+01:00');
    // Half-open ranges: a booking that starts when the previous one ends does not overlap.
    await insert('2026-12-01T10:00:00+01:00', '2026-12-01T11:00:00+01:00');
    // Another room may be booked at the same time.
    await insert('2026-12-01T09:00:00+01:00', '2026-12-01T10:00:00+01:00', '6f1c1f0e-2a7b-4e55-9c0e-0d5f4c1a9b02');

    const error = await insert('2026-12-01T09:30:00+01:00', '2026-12-01T10:30:00+01:00').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(isPgError(error, '23P01')).toBe(true);
  });
});

describe.each(testEngines())('the database handle on %s', (engine) => {
  it('survives the server closing idle pooled connections, and the next query gets a fresh one', async () => {
    const database = await createTestDatabase(engine);
    try {
      // Several idle connections in the pool (PGlite has one in-process session: nothing to kill).
      await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(database.db)));
      if (engine === 'postgres') {
        const killed = await sql<{ n: number }>`
          select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and state = 'idle'`.execute(database.db);
        expect(killed.rows[0]!.n).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 200)); // the pool hears the 'error' of its idle clients
      }
      const after = await Promise.all(
        Array.from({ length: 4 }, () => sql<{ one: number }>`select 1 as one`.execute(database.db)),
      );
      expect(after.map((r) => r.rows[0]!.one)).toEqual([1, 1, 1, 1]);
    } finally {
      await database.close();
    }
  });
});
