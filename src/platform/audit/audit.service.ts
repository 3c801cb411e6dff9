import { DEV_AUDIT_HMAC_KEY } from '../config/config.ts';
import type { Db, Trx } from '../db/database.ts';
import {
  auditHash,
  GENESIS_HASH,
  signatureMatches,
  signAuditHead,
  signPruneMarker,
  toJsonValue,
  type AuditRowContent,
} from './audit-chain.ts';
import {
  countAuditRowsThrough,
  deleteAuditRowsThrough,
  findAuditHashById,
  findAuditHead,
  findLatestAuditCheckpoint,
  findLatestPruneMarker,
  findLatestRecordedAtThrough,
  findLowestAuditId,
  insertAuditCheckpoint,
  insertAuditRows,
  listAuditCheckpointsAfter,
  listAuditRowsAfter,
  lockAuditChain,
  type AuditRow,
} from './audit.repository.ts';

let hmacKey = DEV_AUDIT_HMAC_KEY;

/**
 * Sets the key that signs checkpoints and retention markers (config.AUDIT_HMAC_KEY): main.ts and
 * the CLI call it once, before anything is audited. The key is process-wide rather than passed
 * to every recordAudit call so that the dozens of audited verbs keep their `(trx, event)` shape;
 * until it is called, the development key signs (production refuses to start without a key).
 */
export function useAuditHmacKey(key: string): void {
  if (key.length < 32) throw new Error('useAuditHmacKey: the key must be at least 32 characters');
  hmacKey = key;
}
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
    values: { throughId: number; lastHash: string; deleted: number; reason: string; signature: string };
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
 * and one INSERT however many (a batch of decisions), plus one INSERT of the signed checkpoint
 * of the new head. Each links to the one before, as if appended one by one.
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
  const last = rows.at(-1)!;
  await insertAuditCheckpoint(trx, {
    headId: last.id,
    headHash: last.hash,
    signature: signAuditHead(hmacKey, last.id, last.hash),
  });
  return rows.map((row) => ({ id: row.id, hash: row.hash }));
}

export type AuditBreak =
  | 'content-changed'
  | 'link-broken'
  | 'row-missing'
  | 'marker-invalid'
  | 'pruned-row-present'
  | 'checkpoint-invalid'
  | 'checkpoint-mismatch'
  | 'not-checkpointed';

export type AuditVerification =
  | { ok: true; count: number; headId: number | null; headHash: string | null }
  | { ok: false; count: number; id: number; reason: AuditBreak; message: string };

type Broken = { reason: AuditBreak; id: number; message: string };

const PAGE_SIZE = 500;

/**
 * Checks the chain against itself and against its signed checkpoints:
 * - the newest retention marker is signed with the key, and no event at or below where it cut
 *   is still in the table (a forged marker cannot hide events, a genuine one cannot be reused);
 * - oldest first, a page at a time, every row matches its hash, follows its predecessor without
 *   a gap, and links to its hash; every retention marker on the way is signed;
 * - every checkpoint above the cut is signed with the key and names an event that is present
 *   with the hash it recorded, and the newest checkpoint names the newest event — so deleting
 *   the newest events, or rewriting a suffix and recomputing every later hash, shows.
 * `knownHead` is a head recorded outside the database (the signed head in the log): the chain
 * must still hold it, which also exposes rolling back events and checkpoints together.
 * Reports the first break found.
 */
export async function verifyAuditChain(
  db: Db,
  options: { key?: string; knownHead?: { id: number; hash: string } } = {},
): Promise<AuditVerification> {
  const key = options.key ?? hmacKey;
  let cut = 0;
  let expectedPrev = GENESIS_HASH;
  const latestMarker = await findLatestPruneMarker(db);
  if (latestMarker) {
    const [row] = await listAuditRowsAfter(db, latestMarker.id - 1, 1);
    const broken = row && row.id === latestMarker.id ? checkMarker(row, key) : undefined;
    if (!row || row.id !== latestMarker.id || broken) {
      return { ok: false, count: 0, ...(broken ?? invalidMarker(latestMarker.id, 'cannot be read back')) };
    }
    const value = row.newValue as { throughId: number; lastHash: string };
    cut = value.throughId;
    expectedPrev = value.lastHash;
    const lowest = await findLowestAuditId(db);
    if (lowest !== undefined && lowest <= cut) {
      return {
        ok: false,
        count: 0,
        id: lowest,
        reason: 'pruned-row-present',
        message: `event ${lowest} is still in the table, but retention marker ${row.id} says every event through ${cut} was pruned`,
      };
    }
  }

  let expectedId = cut + 1;
  let count = 0;
  let afterId = cut;
  let headId: number | null = null;
  let headHash: string | null = null;
  for (;;) {
    const page = await listAuditRowsAfter(db, afterId, PAGE_SIZE);
    for (const row of page) {
      const broken =
        checkLink(row, expectedId, expectedPrev) ??
        (row.eventType === 'audit.pruned' ? checkMarker(row, key) : undefined);
      if (broken) return { ok: false, count, ...broken };
      count++;
      expectedId = row.id + 1;
      expectedPrev = row.hash;
      headId = row.id;
      headHash = row.hash;
    }
    if (page.length < PAGE_SIZE) break;
    afterId = page.at(-1)!.id;
  }

  const broken = (await checkCheckpoints(db, key, cut, headId)) ?? (await checkKnownHead(db, cut, options.knownHead));
  if (broken) return { ok: false, count, ...broken };
  return { ok: true, count, headId, headHash };
}

function checkLink(row: AuditRow, expectedId: number, expectedPrev: string): Broken | undefined {
  if (auditHash(row) !== row.hash)
    return { reason: 'content-changed', id: row.id, message: `event ${row.id}: content does not match its hash` };
  if (row.id !== expectedId) {
    const range = row.id - 1 === expectedId ? `${expectedId}` : `${expectedId}–${row.id - 1}`;
    return {
      reason: 'row-missing',
      id: row.id,
      message: `event ${row.id}: the event(s) before it (${range}) are missing`,
    };
  }
  if (row.prevHash !== expectedPrev)
    return {
      reason: 'link-broken',
      id: row.id,
      message: `event ${row.id}: prev_hash does not match the previous event's hash`,
    };
  return undefined;
}

/** A retention marker counts only when its content matches its hash and it is signed with the key. */
function checkMarker(row: AuditRow, key: string): Broken | undefined {
  if (auditHash(row) !== row.hash) return invalidMarker(row.id, 'does not match its hash');
  const value = row.newValue as { throughId?: unknown; lastHash?: unknown; signature?: unknown } | null;
  const throughId = value?.throughId;
  const lastHash = value?.lastHash;
  if (
    typeof throughId !== 'number' ||
    !Number.isInteger(throughId) ||
    throughId >= row.id ||
    typeof lastHash !== 'string'
  )
    return invalidMarker(row.id, 'does not say where it cut');
  if (!signatureMatches(signPruneMarker(key, row.id, throughId, lastHash), value?.signature))
    return invalidMarker(row.id, 'is not signed with AUDIT_HMAC_KEY (forged, or signed with another key)');
  return undefined;
}

function invalidMarker(id: number, problem: string): Broken {
  return { reason: 'marker-invalid', id, message: `retention marker ${id} ${problem}` };
}

/** Every checkpoint above the cut is signed and names a present event with its hash; the newest names the head. */
async function checkCheckpoints(db: Db, key: string, cut: number, headId: number | null): Promise<Broken | undefined> {
  let afterId = 0;
  for (;;) {
    const page = await listAuditCheckpointsAfter(db, afterId, cut, PAGE_SIZE);
    for (const checkpoint of page) {
      const { headId: id, headHash } = checkpoint;
      if (!signatureMatches(signAuditHead(key, id, headHash), checkpoint.signature))
        return {
          reason: 'checkpoint-invalid',
          id,
          message: `checkpoint ${checkpoint.id} (event ${id}) is not signed with AUDIT_HMAC_KEY (forged, or signed with another key)`,
        };
      if (checkpoint.rowHash === null)
        return {
          reason: 'checkpoint-mismatch',
          id,
          message: `event ${id} is missing, but checkpoint ${checkpoint.id} recorded it as the chain's head (newest events deleted?)`,
        };
      if (checkpoint.rowHash !== headHash)
        return {
          reason: 'checkpoint-mismatch',
          id,
          message: `event ${id} does not have the hash checkpoint ${checkpoint.id} recorded for it (rewritten?)`,
        };
    }
    if (page.length < PAGE_SIZE) break;
    afterId = page.at(-1)!.id;
  }
  if (headId === null) return undefined;
  const latest = await findLatestAuditCheckpoint(db);
  if (!latest || latest.headId < headId) {
    const from = latest && latest.headId > cut ? latest.headId + 1 : cut + 1;
    return {
      reason: 'not-checkpointed',
      id: from,
      message: `event(s) ${from === headId ? from : `${from}–${headId}`} have no signed checkpoint: appended outside recordAudit, or before checkpoints existed (then run \`audit checkpoint\` once)`,
    };
  }
  return undefined;
}

async function checkKnownHead(
  db: Db,
  cut: number,
  knownHead: { id: number; hash: string } | undefined,
): Promise<Broken | undefined> {
  if (!knownHead || knownHead.id <= cut) return undefined;
  const hash = await findAuditHashById(db, knownHead.id);
  if (hash === knownHead.hash) return undefined;
  return {
    reason: 'checkpoint-mismatch',
    id: knownHead.id,
    message:
      hash === undefined
        ? `event ${knownHead.id}, a head recorded outside the database, is missing (events and checkpoints rolled back?)`
        : `event ${knownHead.id} does not have the hash recorded outside the database (rewritten?)`,
  };
}

/**
 * Signs the current head in a checkpoint, after checking the chain is intact: for a chain written
 * before checkpoints existed (once, after the upgrade). Refuses a broken chain.
 */
export async function checkpointAuditHead(trx: Trx): Promise<{ headId: number; headHash: string } | undefined> {
  await lockAuditChain(trx);
  const result = await verifyAuditChain(trx);
  if (!result.ok && result.reason !== 'not-checkpointed') throw new Error(`checkpointAuditHead: ${result.message}`);
  const head = await findAuditHead(trx);
  if (head.id === null || head.hash === null) return undefined;
  await insertAuditCheckpoint(trx, {
    headId: head.id,
    headHash: head.hash,
    signature: signAuditHead(hmacKey, head.id, head.hash),
  });
  return { headId: head.id, headHash: head.hash };
}

/** The newest checkpoint as it is stored, and whether its signature holds: what the scheduled log line records. */
export async function readSignedAuditHead(
  db: Db,
): Promise<{ headId: number; headHash: string; signature: string; valid: boolean } | undefined> {
  const latest = await findLatestAuditCheckpoint(db);
  if (!latest) return undefined;
  const valid = signatureMatches(signAuditHead(hmacKey, latest.headId, latest.headHash), latest.signature);
  return { headId: latest.headId, headHash: latest.headHash, signature: latest.signature, valid };
}

/**
 * Retention (gallring): deletes every event with id <= throughId — only the chain's prefix, only
 * events recorded before `olderThan` (now minus the retention time), never the newest event —
 * and appends an `audit.pruned` marker signed with the key, carrying the last pruned hash, where
 * verification then starts. The only path past the tables' delete triggers.
 */
export async function pruneAuditEvents(
  trx: Trx,
  input: {
    throughId: number;
    olderThan: Date;
    reason: string;
    actor: AuditActor;
    occurredAt: Date;
    requestId?: string | null;
  },
): Promise<{ deleted: number; markerId: number }> {
  await lockAuditChain(trx);
  const head = await findAuditHead(trx);
  if (head.id === null || input.throughId >= head.id)
    throw new Error(`pruneAuditEvents: retention may not delete the newest event (${head.id ?? 'none'})`);
  const lowest = await findLowestAuditId(trx);
  const lastHash = await findAuditHashById(trx, input.throughId);
  if (lowest === undefined || input.throughId < lowest || !lastHash)
    throw new Error(
      `pruneAuditEvents: there is no audit event ${input.throughId} to prune through (the chain's prefix starts at ${lowest ?? 'none'})`,
    );
  const newest = await findLatestRecordedAtThrough(trx, input.throughId);
  if (!newest || newest >= input.olderThan)
    throw new Error(
      `pruneAuditEvents: events through ${input.throughId} include some recorded ${newest?.toISOString() ?? '?'}, not older than the retention cut-off ${input.olderThan.toISOString()}`,
    );
  const expected = await countAuditRowsThrough(trx, input.throughId);
  const deleted = await deleteAuditRowsThrough(trx, input.throughId);
  if (deleted !== expected) throw new Error('pruneAuditEvents: the delete did not remove the whole prefix');
  const markerId = head.id + 1;
  const [marker] = await appendAfter(trx, head, [
    {
      type: 'audit.pruned',
      actor: input.actor,
      occurredAt: input.occurredAt,
      subject: { type: 'audit_events', id: null },
      newValue: {
        throughId: input.throughId,
        lastHash,
        deleted,
        reason: input.reason,
        signature: signPruneMarker(hmacKey, markerId, input.throughId, lastHash),
      },
      requestId: input.requestId ?? null,
    },
  ]);
  return { deleted, markerId: marker!.id };
}
