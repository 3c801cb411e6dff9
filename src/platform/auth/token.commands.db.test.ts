import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CliContext } from '../cli/cli.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { seedDemo } from '../seed/seed.ts';
import { tokenCommands } from './token.commands.ts';
import { createApiToken, findUserByApiToken, revokeApiToken } from './tokens.ts';

/** Runs one token command against the test database, capturing stdout and stderr lines. */
async function run(database: DatabaseHandle, name: keyof typeof tokenCommands, flags: Record<string, string | true>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  try {
    const ctx: CliContext = { config: testConfig(), database, args: [], flags, stdin: async () => '' };
    const code = await tokenCommands[name].run(ctx);
    return { code, stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe.each(testEngines())('API token commands (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedDemo(database.db, { code: '1280', name: 'Malmö stad' });
  });
  afterAll(async () => database.close());

  it('create-token prints the token once on stdout, and the token authenticates as that user', async () => {
    const result = await run(database, 'create-token', { user: 'sara', name: 'case export' });
    expect(result.code).toBe(0);
    expect(result.stdout).toHaveLength(1);
    const token = result.stdout[0]!;
    expect(token).toMatch(/^smb_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr.join('\n')).not.toContain(token);
    const user = await findUserByApiToken(database.db, token, new Date());
    expect(user?.username).toBe('sara');
  });

  it('a token records when it was last used, to the minute (not on every request), and a revoked one finds nobody', async () => {
    const { id, token } = await createApiToken(
      database.db,
      (await database.db.selectFrom('users').select('id').where('username', '=', 'sara').executeTakeFirstOrThrow()).id,
      'touch',
    );
    const lastUsed = async () =>
      (await database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow())
        .last_used_at;
    expect(await lastUsed()).toBeNull();
    const t0 = new Date('2026-11-28T10:00:00Z');
    expect((await findUserByApiToken(database.db, token, t0))?.username).toBe('sara');
    expect(new Date((await lastUsed())!).toISOString()).toBe(t0.toISOString());
    // Within the minute: the user is found, the row is left alone.
    expect((await findUserByApiToken(database.db, token, new Date(t0.getTime() + 59_000)))?.username).toBe('sara');
    expect(new Date((await lastUsed())!).toISOString()).toBe(t0.toISOString());
    const t1 = new Date(t0.getTime() + 60_000);
    await findUserByApiToken(database.db, token, t1);
    expect(new Date((await lastUsed())!).toISOString()).toBe(t1.toISOString());
    await revokeApiToken(database.db, id, t1);
    expect(await findUserByApiToken(database.db, token, new Date(t1.getTime() + 120_000))).toBeUndefined();
    expect(new Date((await lastUsed())!).toISOString()).toBe(t1.toISOString());
  });

  it('create-token for an unknown user fails with a clear message and exit code 1', async () => {
    const result = await run(database, 'create-token', { user: 'nobody-here' });
    expect(result.code).toBe(1);
    expect(result.stdout).toEqual([]);
    expect(result.stderr.join('\n')).toContain('there is no user "nobody-here"');
  });

  it('create-token without --user explains the usage', async () => {
    const result = await run(database, 'create-token', {});
    expect(result.code).toBe(1);
    expect(result.stderr.join('\n')).toContain('--user <username> is required');
  });

  it('list-tokens shows ids and names but never a token; revoke-token makes the token useless', async () => {
    const created = await run(database, 'create-token', { user: 'admin', name: 'monitoring' });
    const token = created.stdout[0]!;
    const listed = await run(database, 'list-tokens', { user: 'admin' });
    expect(listed.code).toBe(0);
    const rows = listed.stdout.slice(1).map((line) => line.split('\t'));
    const row = rows.find((r) => r[1] === 'monitoring');
    expect(row?.[2]).toBe('admin');
    expect(row?.[5]).toBe('-');
    expect(listed.stdout.join('\n')).not.toContain(token);

    const revoked = await run(database, 'revoke-token', { id: row![0]! });
    expect(revoked.code).toBe(0);
    expect(await findUserByApiToken(database.db, token, new Date())).toBeUndefined();

    const again = await run(database, 'revoke-token', { id: row![0]! });
    expect(again.code).toBe(1);
    expect(again.stderr.join('\n')).toContain('already revoked');
  });

  it('revoke-token refuses an id that is not a token id, without asking the database', async () => {
    const result = await run(database, 'revoke-token', { id: 'not-a-uuid' });
    expect(result.code).toBe(1);
    expect(result.stderr.join('\n')).toContain('is a UUID');
  });
});
