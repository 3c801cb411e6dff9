import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { seedDemo } from '../seed/seed.ts';
import { SignInError, type SignInIdentity } from './oidc.ts';
import { signInFromIdentity } from './sign-in.service.ts';
import { findUserByUsername } from './user.repository.ts';

const staff = (sub: string, username: string, extra: Partial<SignInIdentity> = {}): SignInIdentity => ({
  kind: 'staff',
  subject: `staff:${sub}`,
  usernameHint: username,
  displayName: 'Staff Person',
  roles: ['employee'],
  email: null,
  personalNumber: null,
  ...extra,
});

const resident = (sub: string, personalNumber: string, extra: Partial<SignInIdentity> = {}): SignInIdentity => ({
  kind: 'resident',
  subject: `resident:${sub}`,
  usernameHint: null,
  displayName: 'Resident Person',
  roles: ['resident'],
  email: null,
  personalNumber,
  ...extra,
});

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInError) return error.reason;
    throw error;
  }
  return undefined;
}

describe.each(testEngines())('sign-in account linking (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedDemo(database.db, { code: '1280', name: 'Malmö stad' });
  });
  afterAll(async () => database.close());

  it('links a seeded staff account by username on first sign-in and takes roles from the IdP', async () => {
    const user = await signInFromIdentity(
      database.db,
      staff('entra-sara', 'sara', { roles: ['employee', 'caseworker', 'admin'] }),
    );
    expect(user.username).toBe('sara');
    expect(user.roles).toEqual(['employee', 'caseworker', 'admin']);
    // The IdP removes a role: the next sign-in removes it here too.
    const again = await signInFromIdentity(database.db, staff('entra-sara', 'sara', { roles: ['employee'] }));
    expect(again.id).toBe(user.id);
    expect(again.roles).toEqual(['employee']);
  });

  it('keeps the account when the work account is renamed (matched by subject)', async () => {
    const first = await signInFromIdentity(database.db, staff('entra-johan', 'johan'));
    const renamed = await signInFromIdentity(database.db, staff('entra-johan', 'johan.berg@malmo.example'));
    expect(renamed.id).toBe(first.id);
    expect(renamed.username).toBe('johan');
  });

  it('never hands an IdP-linked account to another subject that reuses its username', async () => {
    await signInFromIdentity(database.db, staff('entra-erik', 'erik'));
    expect(await reasonOf(signInFromIdentity(database.db, staff('entra-someone-else', 'erik')))).toBe('account');
  });

  it('links a seeded resident by personal identity number and keeps the username', async () => {
    const user = await signInFromIdentity(
      database.db,
      resident('broker-1', '199104121018', { displayName: 'Amina Yusuf' }),
    );
    expect(user.username).toBe('amina');
    expect(user.kind).toBe('resident');
    expect(user.roles).toEqual(['resident']);
  });

  it('gives a new resident a random username that holds no personal data', async () => {
    const user = await signInFromIdentity(database.db, resident('broker-new', '199001012384'));
    expect(user.username).toMatch(/^resident-[0-9a-f]{12}$/);
    expect(user.personalNumber).toBe('199001012384');
    const again = await signInFromIdentity(database.db, resident('broker-new', '199001012384'));
    expect(again.id).toBe(user.id);
  });

  it('refuses a staff identity whose username belongs to a resident', async () => {
    expect(await reasonOf(signInFromIdentity(database.db, staff('entra-x', 'oleksandr')))).toBe('account');
    const oleksandr = await findUserByUsername(database.db, 'oleksandr');
    expect(oleksandr?.kind).toBe('resident');
  });
});
