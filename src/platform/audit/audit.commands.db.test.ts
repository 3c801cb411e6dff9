import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import type { CliContext } from '../cli/cli.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { auditCommands } from './audit.commands.ts';
import { recordAudit } from './audit.service.ts';

declare module './audit.service.ts' {
  interface AuditEventTypes {
    'test.cli-fixture': { subject: 'fixture'; values: { n: number } };
  }
}

async function verify(database: DatabaseHandle, flags: CliContext['flags'] = {}) {
  const stdout: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const ctx: CliContext = { config: testConfig(), database, args: [], flags, stdin: async () => '' };
    return { code: await auditCommands['audit verify'].run(ctx), stdout };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe.each(testEngines())('audit verify command (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database.close());

  it('prints "ok (N events)" and exits 0 for an intact chain', async () => {
    for (let i = 0; i < 3; i++) {
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, {
          type: 'test.cli-fixture',
          actor: { kind: 'system', id: 'test' },
          occurredAt: new Date('2026-11-28T09:00:00Z'),
          subject: { type: 'fixture', id: String(i) },
          newValue: { n: i },
        }),
      );
    }
    expect(await verify(database)).toEqual({ code: 0, stdout: ['ok (3 events)'] });
  });

  it('prints the first broken link and exits 1 for a tampered chain', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_no_update_delete`.execute(trx);
      await sql`update audit_events set actor_id = 'someone-else' where id = 2`.execute(trx);
      await sql`alter table audit_events enable trigger audit_events_no_update_delete`.execute(trx);
    });
    expect(await verify(database)).toEqual({
      code: 1,
      stdout: ['broken at event 2 (content-changed): event 2: content does not match its hash'],
    });
  });

  it('reports the deletion of the newest event, which the chain alone cannot see', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      for (let i = 0; i < 3; i++)
        await fresh.db.transaction().execute((trx) =>
          recordAudit(trx, {
            type: 'test.cli-fixture',
            actor: { kind: 'system', id: 'test' },
            occurredAt: new Date('2026-11-28T09:00:00Z'),
            subject: { type: 'fixture', id: String(i) },
            newValue: { n: i },
          }),
        );
      const head = (await fresh.db.selectFrom('audit_events').select('hash').where('id', '=', 3).executeTakeFirst())!;
      expect(await verify(fresh, { head: `3:${head.hash}` })).toEqual({ code: 0, stdout: ['ok (3 events)'] });
      expect(await verify(fresh, { head: 'not-a-head' })).toEqual({ code: 2, stdout: [] });
      await fresh.db.transaction().execute(async (trx) => {
        await sql`alter table audit_events disable trigger user`.execute(trx);
        await sql`delete from audit_events where id = 3`.execute(trx);
        await sql`alter table audit_events enable trigger user`.execute(trx);
      });
      expect(await verify(fresh)).toEqual({
        code: 1,
        stdout: [
          "broken at event 3 (checkpoint-mismatch): event 3 is missing, but checkpoint 3 recorded it as the chain's head (newest events deleted?)",
        ],
      });
    } finally {
      await fresh.close();
    }
  });
});
