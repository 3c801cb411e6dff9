import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { defineJob } from './job-definition.ts';
import { HEARTBEAT_MS, createJobs, type Jobs } from './jobs.service.ts';

/**
 * What a killed process leaves behind: its jobs `active`, claimed by it, and no heartbeat. They
 * must run again within seconds (issue 14: SFI applications waited six to seven minutes for the
 * jobs' expiry), never while the process that holds them is alive.
 */
describe.each(testEngines())('jobs of a process that stopped, on %s', (engine) => {
  let database: DatabaseHandle | undefined;
  let jobs: Jobs | undefined;
  afterEach(async () => {
    await jobs?.stop();
    await database?.close();
    jobs = undefined;
    database = undefined;
  });

  const ran: string[] = [];
  const stepJob = defineJob({
    name: 'test-step',
    payload: z.object({ label: z.string() }),
    retry: { retryLimit: 3, retryDelay: 0, retryBackoff: false },
    // As long as an SFI step's used to be: only recovery, not expiry, can bring it back in time.
    expireInSeconds: 300,
    async handler({ label }) {
      ran.push(label);
    },
  });

  /** A job as a process left it when it died: active, claimed by `processId`. */
  async function leftActive(label: string, processId: string): Promise<string> {
    const id = (await database!.db.transaction().execute((trx) => jobs!.enqueue(trx, stepJob, { label })))!;
    await sql`update pgboss.job set state = 'active', started_on = now(),
      output = jsonb_build_object('claimedBy', ${processId}::text) where id = ${id}::uuid`.execute(database!.db);
    return id;
  }

  async function waitUntilRan(label: string, ms: number): Promise<number> {
    const started = Date.now();
    while (!ran.includes(label)) {
      if (Date.now() - started > ms) throw new Error(`${label} did not run within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return Date.now() - started;
  }

  async function startJobs(): Promise<Jobs> {
    jobs = createJobs({
      database: database!,
      clock: () => new Date(),
      log: pino({ level: 'silent' }),
      config: { JOB_POLL_SECONDS: 0.5 },
    });
    jobs.register(stepJob);
    await jobs.start();
    return jobs;
  }

  it('a dead process’s claimed job runs again as soon as a worker starts, not after its expiry', async () => {
    database = await createTestDatabase(engine);
    await startJobs();
    const id = await leftActive('orphan', randomUUID());
    const started = Date.now();
    await jobs!.work();
    await waitUntilRan('orphan', HEARTBEAT_MS * 2);
    expect(Date.now() - started).toBeLessThan(HEARTBEAT_MS * 2);
    await expect.poll(async () => (await jobs!.findJob(id))?.state).toBe('completed');
  });

  it.runIf(engine === 'postgres')(
    'a job held by a live process is left alone; when that process stops beating, it runs again',
    async () => {
      database = await createTestDatabase(engine);
      await startJobs();
      const alive = randomUUID();
      await sql`insert into job_processes (id, started_at, heartbeat_at) values (${alive}::uuid, now(), now())`.execute(
        database.db,
      );
      const id = await leftActive('held', alive);
      await jobs!.work();
      // Two heartbeats later it is still the live process's.
      await new Promise((r) => setTimeout(r, HEARTBEAT_MS * 2 + 500));
      expect(ran).not.toContain('held');
      expect((await jobs!.findJob(id))?.state).toBe('active');
      // The process is killed: its heartbeat goes stale. The next heartbeat here gives the job back.
      await sql`update job_processes set heartbeat_at = now() - interval '1 minute' where id = ${alive}::uuid`.execute(
        database.db,
      );
      await waitUntilRan('held', HEARTBEAT_MS * 2);
    },
    30_000,
  );
});
