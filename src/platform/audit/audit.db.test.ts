import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle, Trx } from '../db/database.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import { auditHash } from './audit-chain.ts';
import { listAuditRowsAfter } from './audit.repository.ts';
import { pruneAuditEvents, recordAudit, recordAudits, verifyAuditChain } from './audit.service.ts';

declare module './audit.service.ts' {
  interface AuditEventTypes {
    'test.counter-changed': { subject: 'counter'; values: { value: number } };
  }
}

const at = new Date('2026-11-28T09:00:00Z');

function record(trx: Trx, n: number) {
  return recordAudit(trx, {
    type: 'test.counter-changed',
    actor: { kind: 'user', id: 'user-1' },
    occurredAt: new Date(at.getTime() + n * 1000),
    subject: { type: 'counter', id: 'c-1' },
    oldValue: { value: n - 1 },
    newValue: { value: n },
    requestId: `req-${n}`,
  });
}

/** Runs SQL with the append-only trigger switched off — what an attacker with owner rights could do. */
async function bypassingTrigger(database: DatabaseHandle, statement: ReturnType<typeof sql>) {
  await database.db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger audit_events_no_update_delete`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_events enable trigger audit_events_no_update_delete`.execute(trx);
  });
}

describe.each(testEngines())('audit chain on %s', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database.close());

  it('an empty log verifies', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, count: 0, headHash: null });
  });

  it('a chain of N events verifies, each row linking to the previous hash', async () => {
    for (let n = 1; n <= 30; n++) await database.db.transaction().execute((trx) => record(trx, n));
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: true, count: 30 });
    const rows = await listAuditRowsAfter(database.db, 0, 100);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[0]).toMatchObject({
      actorKind: 'user',
      actorId: 'user-1',
      eventType: 'test.counter-changed',
      subjectType: 'counter',
      subjectId: 'c-1',
      oldValue: { value: 0 },
      newValue: { value: 1 },
      requestId: 'req-1',
    });
    expect(rows[0]!.occurredAt.toISOString()).toBe('2026-11-28T09:00:01.000Z');
  });

  it('rolling back the caller’s transaction leaves no event', async () => {
    const before = await verifyAuditChain(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await record(trx, 99);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await verifyAuditChain(database.db)).toEqual(before);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    await expect(
      sql`update audit_events set actor_id = 'someone-else' where id = 1`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where id = 30`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 30 });
  });

  it('a row changed behind the trigger’s back is reported with its id (content changed)', async () => {
    await bypassingTrigger(database, sql`update audit_events set new_value = '{"value": 1000}' where id = 7`);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      id: 7,
      reason: 'content-changed',
      count: 6,
    });
    await bypassingTrigger(database, sql`update audit_events set new_value = '{"value": 7}' where id = 7`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 30 });
  });

  it('a row rehashed to hide a change breaks the link to the next row (link broken)', async () => {
    const [row] = await listAuditRowsAfter(database.db, 11, 1);
    const forged = { ...row!, newValue: { value: 5000 } };
    const hash = auditHash(forged);
    await bypassingTrigger(
      database,
      sql`update audit_events set new_value = '{"value": 5000}', hash = ${hash} where id = 12`,
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 13, reason: 'link-broken' });
    await bypassingTrigger(
      database,
      sql`update audit_events set new_value = '{"value": 12}', hash = ${row!.hash} where id = 12`,
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 30 });
  });

  it('a deleted row is reported at the row after the gap (row missing)', async () => {
    const [row] = await listAuditRowsAfter(database.db, 19, 1);
    await bypassingTrigger(database, sql`delete from audit_events where id = 20`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 21, reason: 'row-missing' });
    await bypassingTrigger(
      database,
      sql`insert into audit_events (id, occurred_at, recorded_at, actor_kind, actor_id, event_type, subject_type, subject_id, old_value, new_value, request_id, prev_hash, hash)
          values (${row!.id}, ${row!.occurredAt}, ${row!.recordedAt}, ${row!.actorKind}, ${row!.actorId}, ${row!.eventType}, ${row!.subjectType}, ${row!.subjectId},
                  ${JSON.stringify(row!.oldValue)}, ${JSON.stringify(row!.newValue)}, ${row!.requestId}, ${row!.prevHash}, ${row!.hash})`,
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 30 });
  });

  it('retention prunes a prefix through the escape hatch and verification starts after it', async () => {
    const result = await database.db.transaction().execute((trx) =>
      pruneAuditEvents(trx, {
        throughId: 10,
        reason: 'gallring: test',
        actor: { kind: 'system', id: 'retention' },
        occurredAt: at,
      }),
    );
    expect(result).toEqual({ deleted: 10, markerId: 31 });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 21 });
    await database.db.transaction().execute((trx) => record(trx, 32));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 22 });
    // The hatch closes with the transaction: a later plain DELETE is refused again.
    await expect(sql`delete from audit_events where id = 11`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('deleting the start of the chain without a retention marker is reported', async () => {
    await bypassingTrigger(database, sql`delete from audit_events where id = 31`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 11, reason: 'row-missing' });
  });

  // PGlite runs transactions one at a time; the test still proves appends there neither fork nor deadlock.
  it('20 concurrent transactions append to one unbroken chain', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fresh.db.transaction().execute(async (trx) => {
            await sql`select pg_sleep(${Math.random() / 50})`.execute(trx);
            await record(trx, i + 1);
            await sql`select pg_sleep(${Math.random() / 50})`.execute(trx);
          }),
        ),
      );
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true, count: 20 });
    } finally {
      await fresh.close();
    }
  });
});

describe.each(testEngines())('audit batches on %s', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database.close());

  it('a batch of events appended at once links like events appended one by one', async () => {
    for (let n = 1; n <= 30; n++) await database.db.transaction().execute((trx) => record(trx, n));
    const before = await verifyAuditChain(database.db);
    const events = [31, 32, 33].map((n) => ({
      type: 'test.counter-changed' as const,
      actor: { kind: 'system' as const, id: 'batch' },
      occurredAt: new Date(at.getTime() + n * 1000),
      subject: { type: 'counter' as const, id: 'c-1' },
      newValue: { value: n },
    }));
    const appended = await database.db.transaction().execute((trx) => recordAudits(trx, events));
    expect(appended.map((a) => a.id)).toEqual([31, 32, 33].map((n) => n + (before.count - 30)));
    const rows = await listAuditRowsAfter(database.db, appended[0]!.id - 2, 10);
    expect(rows.map((r) => r.prevHash)).toEqual([rows[0]!.prevHash, rows[0]!.hash, rows[1]!.hash, rows[2]!.hash]);
    expect(rows.slice(1).map((r) => r.hash)).toEqual(appended.map((a) => a.hash));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: before.count + 3 });
  });
});
