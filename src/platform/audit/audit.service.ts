import type { Db, Trx } from '../db/database.ts';
import { auditHash, GENESIS_HASH, toJsonValue, type AuditRowContent } from './audit-chain.ts';
import {
  countAuditRowsThrough,
  deleteAuditRowsThrough,
  findAuditHashById,
  findAuditHead,
  findLatestPruneMarker,
  insertAuditRows,
  listAuditRowsAfter,
  lockAuditChain,
  type AuditRow,
} from './audit.repository.ts';

/**
 * Every audit event type, with the subject type it concerns and the shape of its old/new values.
 * Modules add theirs by declaration merging, in their `x.audit.ts`:
 *
 *   declare module '../../platform/audit/audit.service.ts' {
 *     interface AuditEventTypes {
 *       'booking.cancelled': { subject: 'booking'; values: { status: string } };
 *     }
 *   }
 *
 * Values hold ids, codes and states — never names, e-mail addresses, identity numbers or free
 * text a person wrote: the audit log is kept for years and cannot be corrected, so personal
 * data goes in by reference (the subject/actor id), not by copy.
 */
export interface AuditEventTypes {
  /** Retention (gallring) removed the chain's prefix through `throughId`; see pruneAuditEvents. */
  'audit.pruned': {
    subject: 'audit_events';
    values: { throughId: number; lastHash: string; deleted: number; reason: string };
  };
}

export type AuditEventType = keyof AuditEventTypes;

/** Who did it: a member of staff (`user`), a resident, or the system (a job, the CLI). */
export interface AuditActor {
  kind: 'user' | 'resident' | 'system';
  /** A user id, or for `system` the component's name (e.g. `job:send-email`). */
  id: string;
}

export interface AuditEvent<T extends AuditEventType> {
  type: T;
  actor: AuditActor;
  /** Business time, from the caller's clock (the fake clock in tests). */
  occurredAt: Date;
  subject: { type: AuditEventTypes[T]['subject']; id: string | null };
  oldValue?: AuditEventTypes[T]['values'] | null;
  newValue?: AuditEventTypes[T]['values'] | null;
  requestId?: string | null;
}

/**
 * Appends an event in the caller's transaction: it commits or rolls back with the business
 * change it records. Appends are serialised by an advisory lock (see audit.repository.ts); ids
 * are assigned under that lock as head + 1, so they are gap-free and a missing row shows.
 */
export async function recordAudit<T extends AuditEventType>(
  trx: Trx,
  event: AuditEvent<T>,
): Promise<{ id: number; hash: string }> {
  return (await recordAudits(trx, [event]))[0]!;
}

/**
 * Appends several events in order, in the caller's transaction: one lock, one read of the head
 * and one INSERT however many (a batch of decisions). Each links to the one before, as if
 * appended one by one.
 */
export async function recordAudits(
  trx: Trx,
  events: readonly AuditEvent<AuditEventType>[],
): Promise<{ id: number; hash: string }[]> {
  if (events.length === 0) return [];
  await lockAuditChain(trx);
  return appendAfter(trx, await findAuditHead(trx), events);
}

async function appendAfter(
  trx: Trx,
  head: { id: number | null; hash: string | null; now: Date },
  events: readonly AuditEvent<AuditEventType>[],
): Promise<{ id: number; hash: string }[]> {
  const rows: AuditRow[] = [];
  let id = head.id ?? 0;
  let prevHash = head.hash ?? GENESIS_HASH;
  for (const event of events) {
    if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime()))
      throw new Error('recordAudit: occurredAt must be a valid Date');
    const content: AuditRowContent = {
      id: ++id,
      occurredAt: event.occurredAt,
      recordedAt: head.now,
      actorKind: event.actor.kind,
      actorId: event.actor.id,
      eventType: event.type,
      subjectType: event.subject.type,
      subjectId: event.subject.id,
      oldValue: toJsonValue(event.oldValue),
      newValue: toJsonValue(event.newValue),
      requestId: event.requestId ?? null,
      prevHash,
    };
    prevHash = auditHash(content);
    rows.push({ ...content, hash: prevHash });
  }
  await insertAuditRows(trx, rows);
  return rows.map((row) => ({ id: row.id, hash: row.hash }));
}

export type AuditBreak = 'content-changed' | 'link-broken' | 'row-missing';

export type AuditVerification =
  | { ok: true; count: number; headHash: string | null }
  | { ok: false; count: number; id: number; reason: AuditBreak; message: string };

const PAGE_SIZE = 500;

/**
 * Walks the chain oldest first, a page at a time, and reports the first broken link:
 * a row whose content no longer matches its hash, a gap in the ids (a deleted row), or a row
 * whose prev_hash is not its predecessor's hash. Starts after the newest retention marker.
 * Deleting the newest rows cannot be seen from inside the database: compare `headHash` with a
 * copy kept elsewhere for that.
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let expectedId = 1;
  let expectedPrev = GENESIS_HASH;
  const marker = await findLatestPruneMarker(db);
  if (marker) {
    const [row] = await listAuditRowsAfter(db, marker.id - 1, 1);
    const value = marker.newValue as { throughId?: unknown; lastHash?: unknown } | null;
    const throughId = typeof value?.throughId === 'number' ? value.throughId : NaN;
    if (!row || auditHash(row) !== row.hash || typeof value?.lastHash !== 'string' || !(throughId < marker.id)) {
      return {
        ok: false,
        count: 0,
        id: marker.id,
        reason: 'content-changed',
        message: `retention marker ${marker.id} does not match its hash`,
      };
    }
    expectedId = throughId + 1;
    expectedPrev = value.lastHash;
  }

  let count = 0;
  let afterId = expectedId - 1;
  let headHash: string | null = null;
  for (;;) {
    const page = await listAuditRowsAfter(db, afterId, PAGE_SIZE);
    for (const row of page) {
      const broken = checkLink(row, expectedId, expectedPrev);
      if (broken) return { ok: false, count, id: row.id, ...broken };
      count++;
      expectedId = row.id + 1;
      expectedPrev = row.hash;
      headHash = row.hash;
    }
    if (page.length < PAGE_SIZE) return { ok: true, count, headHash };
    afterId = page.at(-1)!.id;
  }
}

function checkLink(
  row: AuditRow,
  expectedId: number,
  expectedPrev: string,
): { reason: AuditBreak; message: string } | undefined {
  if (auditHash(row) !== row.hash)
    return { reason: 'content-changed', message: `event ${row.id}: content does not match its hash` };
  if (row.id !== expectedId) {
    const range = row.id - 1 === expectedId ? `${expectedId}` : `${expectedId}–${row.id - 1}`;
    return { reason: 'row-missing', message: `event ${row.id}: the event(s) before it (${range}) are missing` };
  }
  if (row.prevHash !== expectedPrev)
    return { reason: 'link-broken', message: `event ${row.id}: prev_hash does not match the previous event's hash` };
  return undefined;
}

/**
 * Retention (gallring): deletes every event with id <= throughId — always a prefix, so the
 * rest of the chain stays verifiable — and appends an `audit.pruned` event carrying the last
 * pruned hash, where verification then starts. The only path past the table's delete trigger.
 */
export async function pruneAuditEvents(
  trx: Trx,
  input: { throughId: number; reason: string; actor: AuditActor; occurredAt: Date; requestId?: string | null },
): Promise<{ deleted: number; markerId: number }> {
  await lockAuditChain(trx);
  const head = await findAuditHead(trx);
  const lastHash = await findAuditHashById(trx, input.throughId);
  if (!lastHash) throw new Error(`pruneAuditEvents: there is no audit event ${input.throughId} to prune through`);
  const expected = await countAuditRowsThrough(trx, input.throughId);
  const deleted = await deleteAuditRowsThrough(trx, input.throughId);
  if (deleted !== expected) throw new Error('pruneAuditEvents: the delete did not remove the whole prefix');
  const [marker] = await appendAfter(trx, head, [
    {
      type: 'audit.pruned',
      actor: input.actor,
      occurredAt: input.occurredAt,
      subject: { type: 'audit_events', id: null },
      newValue: { throughId: input.throughId, lastHash, deleted, reason: input.reason },
      requestId: input.requestId ?? null,
    },
  ]);
  return { deleted, markerId: marker!.id };
}
