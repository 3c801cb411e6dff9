import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, toJsonValue, type AuditRowContent } from './audit-chain.ts';

const content: AuditRowContent = {
  id: 1,
  occurredAt: new Date('2026-11-28T09:00:00.123Z'),
  recordedAt: new Date('2026-11-28T09:00:01.000Z'),
  actorKind: 'user',
  actorId: 'u-1',
  eventType: 'case.decided',
  subjectType: 'case',
  subjectId: 'c-1',
  oldValue: { status: 'open' },
  newValue: { status: 'decided', codes: ['A1', 'B2'] },
  requestId: 'req-1',
  prevHash: GENESIS_HASH,
};

describe('canonical serialisation', () => {
  it('gives the same bytes whatever the key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 'å' })).toBe('{"a":"å","b":1}');
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
  });

  it('stores values as they will read back: dates as ISO strings, undefined members dropped', () => {
    expect(toJsonValue({ at: new Date('2026-01-01T00:00:00Z'), gone: undefined })).toEqual({
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(toJsonValue(undefined)).toBeNull();
  });
});

describe('audit hash', () => {
  it('is a sha256 hex digest that is stable for the same content', () => {
    expect(auditHash(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...content, newValue: { codes: ['A1', 'B2'], status: 'decided' } })).toBe(auditHash(content));
  });

  it('changes when any covered field changes, prev_hash included', () => {
    const base = auditHash(content);
    expect(auditHash({ ...content, id: 2 })).not.toBe(base);
    expect(auditHash({ ...content, occurredAt: new Date('2026-11-28T09:00:00.124Z') })).not.toBe(base);
    expect(auditHash({ ...content, actorId: 'u-2' })).not.toBe(base);
    expect(auditHash({ ...content, newValue: { status: 'refused', codes: ['A1', 'B2'] } })).not.toBe(base);
    expect(auditHash({ ...content, prevHash: 'f'.repeat(64) })).not.toBe(base);
  });
});
