import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { DatabaseHandle } from '../db/database.ts';
import { saveSession } from '../auth/session.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import { deleteExpiredSessionsJob } from './housekeeping.job.ts';
import { createJobs, type Jobs } from './jobs.service.ts';

const silent = pino({ level: 'silent' });

describe.each(testEngines())('housekeeping on %s', (engine) => {
  let database: DatabaseHandle;
  let jobs: Jobs;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    jobs = createJobs({
      database,
      clock: () => new Date('2026-11-28T12:00:00Z'),
      log: silent,
      config: { JOB_POLL_SECONDS: 0.5 },
    });
    jobs.register(deleteExpiredSessionsJob);
    await jobs.start();
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('deletes sessions that expired by the job’s clock and keeps the rest; a second run deletes nothing', async () => {
    await saveSession(database.db, 'expired-session', {}, new Date('2026-11-28T11:59:59Z'));
    await saveSession(database.db, 'live-session', {}, new Date('2026-11-28T12:00:01Z'));
    const ctx = {
      db: database.db,
      clock: () => new Date('2026-11-28T12:00:00Z'),
      log: silent,
      jobId: 'test',
      retryCount: 0,
    };
    await deleteExpiredSessionsJob.handler({}, ctx);
    expect(
      (await database.db.selectFrom('sessions').select('expires_at').execute()).map((s) => s.expires_at.toISOString()),
    ).toEqual(['2026-11-28T12:00:01.000Z']);
    await deleteExpiredSessionsJob.handler({}, ctx);
    expect(await database.db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(1);
  });

  it('is scheduled every 15 minutes with a singleton key per 15-minute slot, so two instances never run the same slot', async () => {
    const { rows } = await database.executeSql(`select cron, timezone, options from pgboss.schedule where name = $1`, [
      'delete-expired-sessions',
    ]);
    expect(rows).toEqual([
      {
        cron: '*/15 * * * *',
        timezone: 'Europe/Stockholm',
        options: expect.objectContaining({
          singletonKey: 'delete-expired-sessions',
          singletonSeconds: 900,
          retryLimit: 2,
        }),
      },
    ]);
    // What two instances' schedulers would both do for the same slot: only the first insert lands.
    const slot = { singletonKey: 'delete-expired-sessions', singletonSeconds: 900 };
    const first = await database.db
      .transaction()
      .execute((trx) => jobs.enqueue(trx, deleteExpiredSessionsJob, {}, slot));
    const second = await database.db
      .transaction()
      .execute((trx) => jobs.enqueue(trx, deleteExpiredSessionsJob, {}, slot));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });
});
