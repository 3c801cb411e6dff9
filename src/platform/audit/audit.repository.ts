import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import type { AuditRowContent, JsonValue } from './audit-chain.ts';

/**
 * Every audit append takes this transaction-scoped advisory lock first, so appends form one
 * queue and the chain cannot fork. The trade-off: audit writers are serialised across all
 * processes until their transactions commit — audit throughput is one transaction at a time,
 * so keep audited transactions short. (PGlite serialises transactions anyway.)
 * The number is arbitrary but fixed: "smb audit".
 */
const AUDIT_CHAIN_LOCK = 736_104_001;

export interface AuditRow extends AuditRowContent {
  hash: string;
}

/** Waits for and takes the chain lock; released when the transaction ends. */
export async function lockAuditChain(trx: Trx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)})`.execute(trx);
}

/**
 * The newest event's id and hash (under the lock, so nobody appends meanwhile) and the
 * database's clock, truncated to what a JavaScript Date holds so the hash survives a round trip.
 */
export async function findAuditHead(trx: Trx): Promise<{ id: number | null; hash: string | null; now: Date }> {
  const result = await sql<{ id: number | null; hash: string | null; now: Date }>`
    select h.id, h.hash, date_trunc('milliseconds', clock_timestamp()) as now
    from (select 1) as one
    left join lateral (select id, hash from audit_events order by id desc limit 1) as h on true
  `.execute(trx);
  const row = result.rows[0]!;
  return { id: row.id === null ? null : Number(row.id), hash: row.hash, now: new Date(row.now) };
}

export async function insertAuditRows(trx: Trx, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('audit_events')
    .values(
      rows.map((row) => ({
        id: row.id,
        occurred_at: row.occurredAt,
        recorded_at: row.recordedAt,
        actor_kind: row.actorKind,
        actor_id: row.actorId,
        event_type: row.eventType,
        subject_type: row.subjectType,
        subject_id: row.subjectId,
        old_value: row.oldValue === null ? null : JSON.stringify(row.oldValue),
        new_value: row.newValue === null ? null : JSON.stringify(row.newValue),
        request_id: row.requestId,
        prev_hash: row.prevHash,
        hash: row.hash,
      })),
    )
    .execute();
}

/** One page of the chain after `afterId`, oldest first (keyset pagination: constant memory). */
export async function listAuditRowsAfter(db: Db, afterId: number, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: new Date(r.occurred_at),
    recordedAt: new Date(r.recorded_at),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    eventType: r.event_type,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    oldValue: (r.old_value ?? null) as JsonValue | null,
    newValue: (r.new_value ?? null) as JsonValue | null,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The newest retention marker, if the chain was ever pruned. */
export async function findLatestPruneMarker(db: Db): Promise<{ id: number; newValue: unknown } | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select(['id', 'new_value'])
    .where('event_type', '=', 'audit.pruned')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { id: Number(row.id), newValue: row.new_value };
}

export async function countAuditRowsThrough(trx: Trx, throughId: number): Promise<number> {
  const row = await trx
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '<=', throughId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findAuditHashById(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('audit_events').select('hash').where('id', '=', id).executeTakeFirst();
  return row?.hash;
}

/**
 * Deletes the chain's prefix through `throughId`, and the checkpoints whose head lies in it: the
 * only DELETE the tables' triggers let through (and only of a whole prefix that spares the head).
 */
export async function deleteAuditRowsThrough(trx: Trx, throughId: number): Promise<number> {
  await sql`select set_config('smorgasbord.audit_prune_through', ${String(throughId)}, true)`.execute(trx);
  const result = await trx.deleteFrom('audit_events').where('id', '<=', throughId).executeTakeFirst();
  await trx.deleteFrom('audit_checkpoints').where('head_id', '<=', throughId).execute();
  await sql`select set_config('smorgasbord.audit_prune_through', '', true)`.execute(trx);
  return Number(result.numDeletedRows);
}

export interface AuditCheckpoint {
  id: number;
  headId: number;
  headHash: string;
  signature: string;
}

/** One small INSERT per append transaction: the head it leaves, signed (see audit-chain.ts). */
export async function insertAuditCheckpoint(trx: Trx, checkpoint: Omit<AuditCheckpoint, 'id'>): Promise<void> {
  await trx
    .insertInto('audit_checkpoints')
    .values({ head_id: checkpoint.headId, head_hash: checkpoint.headHash, signature: checkpoint.signature })
    .execute();
}

/**
 * One page of checkpoints after checkpoint `afterId` whose head lies above `aboveHeadId` (the
 * retention cut), oldest first, each with the hash of the event its head names as it is now
 * (null when that event is gone).
 */
export async function listAuditCheckpointsAfter(
  db: Db,
  afterId: number,
  aboveHeadId: number,
  limit: number,
): Promise<(AuditCheckpoint & { rowHash: string | null })[]> {
  const rows = await db
    .selectFrom('audit_checkpoints as c')
    .leftJoin('audit_events as e', 'e.id', 'c.head_id')
    .select(['c.id', 'c.head_id', 'c.head_hash', 'c.signature', 'e.hash as row_hash'])
    .where('c.id', '>', afterId)
    .where('c.head_id', '>', aboveHeadId)
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    headId: Number(r.head_id),
    headHash: r.head_hash,
    signature: r.signature,
    rowHash: r.row_hash,
  }));
}

/** The checkpoint naming the newest head, if any append has written one. */
export async function findLatestAuditCheckpoint(db: Db): Promise<AuditCheckpoint | undefined> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .select(['id', 'head_id', 'head_hash', 'signature'])
    .orderBy('head_id', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { id: Number(row.id), headId: Number(row.head_id), headHash: row.head_hash, signature: row.signature };
}

/** The lowest event id still in the table (the chain's start), if any. */
export async function findLowestAuditId(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.min('id').as('id'))
    .executeTakeFirst();
  return row?.id == null ? undefined : Number(row.id);
}

/** When the newest event through `throughId` was recorded (database time), for the retention check. */
export async function findLatestRecordedAtThrough(trx: Trx, throughId: number): Promise<Date | undefined> {
  const row = await trx
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('recorded_at').as('at'))
    .where('id', '<=', throughId)
    .executeTakeFirst();
  return row?.at == null ? undefined : new Date(row.at);
}
