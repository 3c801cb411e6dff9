import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { allOf, anyOf, definePolicy, nobody, owns, withRole, type DenialLog } from './policy.ts';
import type { Role, User } from './roles.ts';

function user(id: string, roles: Role[]): User {
  return {
    id,
    username: id,
    displayName: `Person ${id}`,
    kind: roles.includes('resident') ? 'resident' : 'staff',
    roles,
    email: null,
    personalNumber: null,
  };
}

interface Application {
  applicantId: string;
  secretNote: string;
}

const applicationPolicy = definePolicy<Application, 'read' | 'decide' | 'delete' | 'audit'>('application', {
  read: anyOf(
    owns((a) => a.applicantId),
    withRole('caseworker'),
  ),
  decide: withRole('caseworker'),
  delete: nobody,
  audit: allOf(),
});

const amina = user('amina', ['resident']);
const oleksandr = user('oleksandr', ['resident']);
const sara = user('sara', ['employee', 'caseworker']);
const erik = user('erik', ['employee']);
const application: Application = { applicantId: 'amina', secretNote: '198803052383' };

function recordingLog(): DenialLog & { entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  return { entries, warn: (details) => entries.push(details) };
}

describe('object policies', () => {
  it('lets a resident read her own application but not someone else’s', () => {
    expect(applicationPolicy.can(amina, 'read', application)).toBe(true);
    expect(applicationPolicy.can(oleksandr, 'read', application)).toBe(false);
  });

  it('lets a caseworker read and decide, an employee neither', () => {
    expect(applicationPolicy.can(sara, 'read', application)).toBe(true);
    expect(applicationPolicy.can(sara, 'decide', application)).toBe(true);
    expect(applicationPolicy.can(erik, 'read', application)).toBe(false);
    expect(applicationPolicy.can(erik, 'decide', application)).toBe(false);
  });

  it('denies by default: no user, an action without a rule, nobody, an empty allOf, prototype names', () => {
    expect(applicationPolicy.can(null, 'read', application)).toBe(false);
    expect(applicationPolicy.can(sara, 'delete', application)).toBe(false);
    expect(applicationPolicy.can(sara, 'audit', application)).toBe(false);
    expect(applicationPolicy.can(sara, 'export' as 'read', application)).toBe(false);
    expect(applicationPolicy.can(sara, 'toString' as 'read', application)).toBe(false);
  });

  it('assert throws FORBIDDEN for a signed-in user and UNAUTHENTICATED for nobody', () => {
    expect(() => applicationPolicy.assert(oleksandr, 'read', application)).toThrowError(AppError);
    try {
      applicationPolicy.assert(oleksandr, 'read', application);
    } catch (error) {
      expect((error as AppError).code).toBe('FORBIDDEN');
    }
    try {
      applicationPolicy.assert(null, 'read', application);
    } catch (error) {
      expect((error as AppError).code).toBe('UNAUTHENTICATED');
    }
    expect(() => applicationPolicy.assert(amina, 'read', application)).not.toThrow();
  });

  it('logs a denial as access.denied with ids only, never the resource or personal data', () => {
    const log = recordingLog();
    expect(() => applicationPolicy.assert(erik, 'decide', application, log)).toThrow();
    expect(log.entries).toEqual([{ event: 'access.denied', policy: 'application', action: 'decide', userId: 'erik' }]);
    const logged = JSON.stringify(log.entries);
    expect(logged).not.toContain('198803052383');
    expect(logged).not.toContain('Person erik');
  });

  it('logs nothing when access is granted', () => {
    const log = recordingLog();
    applicationPolicy.assert(sara, 'decide', application, log);
    expect(log.entries).toEqual([]);
  });
});
