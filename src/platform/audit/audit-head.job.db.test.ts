import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import { logAuditHeadJob } from './audit-head.job.ts';
import { listAuditRowsAfter } from './audit.repository.ts';
import { recordAudit } from './audit.service.ts';

declare module './audit.service.ts' {
  interface AuditEventTypes {
    'test.head-fixture': { subject: 'fixture'; values: { n: number } };
  }
}

const at = new Date('2026-11-28T09:00:00Z');

describe.each(testEngines())('logging the audit head on %s', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    for (let n = 1; n <= 10; n++)
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, {
          type: 'test.head-fixture',
          actor: { kind: 'user', id: 'user-1' },
          occurredAt: at,
          subject: { type: 'fixture', id: String(n) },
          newValue: { n },
        }),
      );
  });
  afterAll(async () => database.close());

  it('the hourly log line carries the signed head: ids, a hash and a signature, nothing personal', async () => {
    const lines: { obj: object; msg?: string }[] = [];
    const log = {
      debug() {},
      info: (obj: object, msg?: string) => void lines.push({ obj, msg }),
      warn: (obj: object, msg?: string) => void lines.push({ obj, msg }),
      error() {},
      child: () => log,
    };
    await logAuditHeadJob.handler({}, { db: database.db, clock: () => at, log, jobId: 'test', retryCount: 0 });
    const [head] = await listAuditRowsAfter(database.db, 9, 1);
    expect(lines).toEqual([
      {
        obj: { headId: 10, headHash: head!.hash, signature: expect.stringMatching(/^[0-9a-f]{64}$/) },
        msg: 'audit head',
      },
    ]);
    expect(logAuditHeadJob.schedule).toEqual({ cron: '7 * * * *', slotSeconds: 3600 });
  });
});
