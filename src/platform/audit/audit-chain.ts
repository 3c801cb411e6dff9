import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The pure part of the audit chain: what a row's hash covers and how it is computed. Kept free
 * of I/O so writing (recordAudit) and checking (verifyAuditChain) cannot drift apart.
 */

/** prev_hash of the very first event (before any retention has pruned the chain). */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Everything a row's hash covers: every column except `hash` itself. */
export interface AuditRowContent {
  id: number;
  occurredAt: Date;
  recordedAt: Date;
  actorKind: 'user' | 'resident' | 'system';
  actorId: string | null;
  eventType: string;
  subjectType: string;
  subjectId: string | null;
  oldValue: JsonValue | null;
  newValue: JsonValue | null;
  requestId: string | null;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same content always
 * gives the same bytes — whatever order jsonb hands keys back in.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

/**
 * What a stored jsonb value will read back as: Dates become ISO strings, undefined members
 * vanish. Applied before hashing and before inserting, so both see the same value.
 */
export function toJsonValue(value: unknown): JsonValue | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** sha256 (hex) over the canonical serialisation of a row's content, prev_hash included. */
export function auditHash(content: AuditRowContent): string {
  const canonical = canonicalJson({
    id: content.id,
    occurredAt: content.occurredAt.toISOString(),
    recordedAt: content.recordedAt.toISOString(),
    actorKind: content.actorKind,
    actorId: content.actorId,
    eventType: content.eventType,
    subjectType: content.subjectType,
    subjectId: content.subjectId,
    oldValue: content.oldValue,
    newValue: content.newValue,
    requestId: content.requestId,
    prevHash: content.prevHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * The signature of a checkpoint: HMAC-SHA256 (hex), with the key kept outside the database
 * (AUDIT_HMAC_KEY), over the head event's id and hash. Whoever can write SQL but lacks the key
 * cannot make a checkpoint for a chain they rewrote.
 */
export function signAuditHead(key: string, headId: number, headHash: string): string {
  return hmac(key, `smorgasbord audit head\n${headId}\n${headHash}`);
}

/** The signature a retention marker carries: over its own id and where it cut (id and hash). */
export function signPruneMarker(key: string, markerId: number, throughId: number, lastHash: string): string {
  return hmac(key, `smorgasbord audit pruned\n${markerId}\n${throughId}\n${lastHash}`);
}

/** Compares two hex signatures in constant time; anything that is not one never matches. */
export function signatureMatches(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string' || actual.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(actual, 'utf8'));
}

function hmac(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}
