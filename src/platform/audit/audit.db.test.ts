import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle, Trx } from '../db/database.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import { auditHash } from './audit-chain.ts';
import { insertAuditRows, listAuditRowsAfter } from './audit.repository.ts';
import { checkpointAuditHead, pruneAuditEvents, recordAudit, recordAudits, verifyAuditChain } from './audit.service.ts';

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
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, count: 0, headId: null, headHash: null });
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
        olderThan: new Date(Date.now() + 60_000),
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

/** Rewrites events fromId.. with a changed value and recomputes every later hash — a consistent forgery. */
async function rewriteSuffix(database: DatabaseHandle, fromId: number) {
  const [before] = await listAuditRowsAfter(database.db, fromId - 2, 1);
  const rows = await listAuditRowsAfter(database.db, fromId - 1, 1000);
  let prevHash = before!.hash;
  for (const row of rows) {
    const forged = { ...row, prevHash, newValue: row.id === fromId ? { value: 9999 } : row.newValue };
    const hash = auditHash(forged);
    await bypassingTrigger(
      database,
      sql`update audit_events set new_value = ${JSON.stringify(forged.newValue)}, prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`,
    );
    prevHash = hash;
  }
}

/** Appends a row that links correctly to the head — content chosen by whoever can write SQL. */
async function appendForgedMarker(database: DatabaseHandle, newValue: Record<string, unknown>) {
  const [head] = await database.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).execute();
  const content = {
    id: Number(head!.id) + 1,
    occurredAt: at,
    recordedAt: at,
    actorKind: 'system' as const,
    actorId: 'retention',
    eventType: 'audit.pruned',
    subjectType: 'audit_events',
    subjectId: null,
    oldValue: null,
    newValue: newValue as never,
    requestId: null,
    prevHash: head!.hash,
  };
  await database.db.transaction().execute((trx) => insertAuditRows(trx, [{ ...content, hash: auditHash(content) }]));
}

describe.each(testEngines())('audit chain anchored in signed checkpoints on %s', (engine) => {
  let database: DatabaseHandle;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    for (let n = 1; n <= 10; n++) await database.db.transaction().execute((trx) => record(trx, n));
  });
  afterEach(async () => database.close());

  const prune = (throughId: number, olderThan = new Date(Date.now() + 60_000)) =>
    database.db.transaction().execute((trx) =>
      pruneAuditEvents(trx, {
        throughId,
        olderThan,
        reason: 'gallring: test',
        actor: { kind: 'system', id: 'retention' },
        occurredAt: at,
      }),
    );

  it('deleting the newest event is found: the last checkpoint names a row that is gone', async () => {
    await bypassingTrigger(database, sql`delete from audit_events where id = 10`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 10, reason: 'checkpoint-mismatch' });
  });

  it('deleting the newest events through the retention hatch is refused by the database', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select set_config('smorgasbord.audit_prune_through', '10', true)`.execute(trx);
        await sql`delete from audit_events where id = 10`.execute(trx);
      }),
    ).rejects.toThrow(/append-only|prefix/);
  });

  it('a rewritten suffix with every later hash recomputed is found by the checkpoints', async () => {
    await rewriteSuffix(database, 8);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 8, reason: 'checkpoint-mismatch' });
  });

  it('an unsigned retention marker is rejected, and does not hide the events before it', async () => {
    const [row5] = await listAuditRowsAfter(database.db, 4, 1);
    await appendForgedMarker(database, { throughId: 5, lastHash: row5!.hash, deleted: 5, reason: 'forged' });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 11, reason: 'marker-invalid' });
  });

  it('a retention marker signed with another key is rejected', async () => {
    const [row5] = await listAuditRowsAfter(database.db, 4, 1);
    await appendForgedMarker(database, {
      throughId: 5,
      lastHash: row5!.hash,
      deleted: 5,
      reason: 'forged',
      signature: 'f'.repeat(64),
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 11, reason: 'marker-invalid' });
  });

  it('an event at or below a retention marker that is still in the table fails verification', async () => {
    const [row3] = await listAuditRowsAfter(database.db, 2, 1);
    expect(await prune(3)).toEqual({ deleted: 3, markerId: 11 });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 8 });
    await database.db.transaction().execute((trx) => insertAuditRows(trx, [row3!]));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 3, reason: 'pruned-row-present' });
  });

  it('retention leaves a signed marker where it cut, and the chain verifies after it', async () => {
    await prune(4);
    const rows = await listAuditRowsAfter(database.db, 0, 100);
    expect(rows.map((r) => r.id)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(rows.at(-1)).toMatchObject({
      eventType: 'audit.pruned',
      newValue: { throughId: 4, deleted: 4, signature: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    await database.db.transaction().execute((trx) => record(trx, 12));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 8 });
  });

  it('retention refuses to prune events younger than the retention time', async () => {
    await expect(prune(4, new Date(Date.now() - 3_600_000))).rejects.toThrow(/retention/);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 10 });
  });

  it('retention refuses to prune the newest event, or a range that is not the chain’s prefix', async () => {
    await expect(prune(10)).rejects.toThrow(/newest/);
    await prune(4);
    await expect(prune(3)).rejects.toThrow(/prefix|no audit event/);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 7 });
  });

  it('the retention hatch refuses a delete that leaves older events behind', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select set_config('smorgasbord.audit_prune_through', '6', true)`.execute(trx);
        await sql`delete from audit_events where id between 4 and 6`.execute(trx);
      }),
    ).rejects.toThrow(/prefix/);
  });

  it('an event appended without a checkpoint is reported until the chain is checkpointed', async () => {
    const [head] = await listAuditRowsAfter(database.db, 9, 1);
    const content = { ...head!, id: 11, prevHash: head!.hash, newValue: { value: 11 } };
    await database.db.transaction().execute((trx) => insertAuditRows(trx, [{ ...content, hash: auditHash(content) }]));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 11, reason: 'not-checkpointed' });
    // What an upgrade does once for a chain written before checkpoints existed.
    expect(await database.db.transaction().execute((trx) => checkpointAuditHead(trx))).toMatchObject({ headId: 11 });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 11, headId: 11 });
  });

  it('a checkpoint not signed with the key is rejected, and so is every checkpoint under another key', async () => {
    expect(await verifyAuditChain(database.db, { key: 'another-key-of-at-least-32-characters!!' })).toMatchObject({
      ok: false,
      id: 1,
      reason: 'checkpoint-invalid',
    });
    const [head] = await listAuditRowsAfter(database.db, 9, 1);
    await database.db
      .insertInto('audit_checkpoints')
      .values({ head_id: 10, head_hash: head!.hash, signature: 'f'.repeat(64) })
      .execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, id: 10, reason: 'checkpoint-invalid' });
  });

  it('checkpoints are append-only: UPDATE and DELETE are refused', async () => {
    await expect(
      sql`update audit_checkpoints set head_hash = 'x' where head_id = 10`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_checkpoints where head_id = 10`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('a head recorded outside the database exposes rolling back events and checkpoints together', async () => {
    const [head] = await listAuditRowsAfter(database.db, 9, 1);
    await database.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger user`.execute(trx);
      await sql`alter table audit_checkpoints disable trigger user`.execute(trx);
      await sql`delete from audit_events where id = 10`.execute(trx);
      await sql`delete from audit_checkpoints where head_id = 10`.execute(trx);
      await sql`alter table audit_events enable trigger user`.execute(trx);
      await sql`alter table audit_checkpoints enable trigger user`.execute(trx);
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 9 });
    expect(await verifyAuditChain(database.db, { knownHead: { id: 10, hash: head!.hash } })).toMatchObject({
      ok: false,
      id: 10,
      reason: 'checkpoint-mismatch',
    });
  });
});
