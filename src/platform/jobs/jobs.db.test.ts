import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { z } from 'zod';
import { sqlExecutorFor, type DatabaseHandle, type Trx } from '../db/database.ts';
import { withDeferredWrites, type DeferredWrites } from '../db/deferred-writes.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import {
  recordInsertStatements,
  transactionIdOf,
  type InsertStatements,
} from '../../../test/helpers/insert-statements.ts';
import { defineJob } from './job-definition.ts';
import { createJobs, type Jobs } from './jobs.service.ts';

const silent = pino({ level: 'silent' });

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
async function waitFor<T>(check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testEngines())('jobs on %s', (engine) => {
  let database: DatabaseHandle;
  let jobs: Jobs;
  const ran: string[] = [];
  let failing = true;
  let flakyRuns = 0;
  let alwaysFailingRuns = 0;
  let slowFinished = false;

  const recordJob = defineJob({
    name: 'test-record',
    payload: z.object({ label: z.string().min(1), count: z.number().int().default(1) }),
    retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
    async handler(payload) {
      ran.push(`${payload.label}×${payload.count}`);
    },
  });
  const flakyJob = defineJob({
    name: 'test-flaky',
    payload: z.object({}),
    retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
    async handler() {
      flakyRuns++;
      if (failing)
        throw Object.assign(new Error('Upstream refused the request\nsecond line with details'), {
          recipients: ['someone@example.test'],
        });
    },
  });
  const alwaysFailingJob = defineJob({
    name: 'test-always-failing',
    payload: z.object({}),
    retry: { retryLimit: 2, retryDelay: 0, retryBackoff: false },
    async handler() {
      alwaysFailingRuns++;
      throw new Error('still broken');
    },
  });
  const slowJob = defineJob({
    name: 'test-slow',
    payload: z.object({}),
    retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
    async handler() {
      await new Promise((r) => setTimeout(r, 1500));
      slowFinished = true;
    },
  });

  // Six jobs, four at a time: the first runs wait (at most 5 s) until four run at once; later
  // ones pass. Job 2 fails on its first run only.
  const BATCH_JOBS = 6;
  const batchRuns: { n: number; retryCount: number }[] = [];
  let batchActive = 0;
  let batchMaxActive = 0;
  let batchReleased = false;
  const batchJob = defineJob({
    name: 'test-batch',
    payload: z.object({ n: z.number().int() }),
    retry: { retryLimit: 2, retryDelay: 0, retryBackoff: false },
    worker: { batchSize: 4, concurrency: 4 },
    async handler({ n }, ctx) {
      batchRuns.push({ n, retryCount: ctx.retryCount });
      batchActive++;
      batchMaxActive = Math.max(batchMaxActive, batchActive);
      try {
        const until = Date.now() + 5000;
        while (!batchReleased && Date.now() < until) {
          if (batchActive >= 4) batchReleased = true;
          else await new Promise((r) => setTimeout(r, 10));
        }
        if (n === 2 && ctx.retryCount === 0) throw new Error('job 2 fails once');
      } finally {
        batchActive--;
      }
    },
  });

  // handleBatch: jobs fetched together run as one batch; the batch fails job 3 alone (retried by
  // `handler`); a batch holding an `explode` job throws, and then every job of it runs alone.
  const setBatches: number[][] = [];
  const setAlone: { n: number; retryCount: number }[] = [];
  const setJob = defineJob({
    name: 'test-set',
    payload: z.object({ n: z.number().int(), explode: z.boolean().default(false) }),
    retry: { retryLimit: 2, retryDelay: 0, retryBackoff: false },
    worker: { batchSize: 8, concurrency: 8 },
    async handler({ n }, ctx) {
      setAlone.push({ n, retryCount: ctx.retryCount });
    },
    async handleBatch(batch) {
      setBatches.push(batch.map((job) => job.payload.n));
      if (batch.some((job) => job.payload.explode)) throw new Error('the batch went wrong');
      return new Map(batch.filter((job) => job.payload.n === 3).map((job) => [job.id, new Error('job 3 is refused')]));
    },
  });

  // worker.batchWindowMs: the jobs of a trickle gather for 300 ms before the loop fetches. Each
  // run (a batch through handleBatch, or a lone job through handler) records the jobs it held.
  const windowRuns: number[][] = [];
  const windowJob = defineJob({
    name: 'test-window',
    payload: z.object({ n: z.number().int() }),
    retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
    worker: { batchSize: 10, concurrency: 10, batchWindowMs: 300 },
    async handler({ n }) {
      windowRuns.push([n]);
    },
    async handleBatch(batch) {
      windowRuns.push(batch.map((job) => job.payload.n));
    },
  });

  // The batch cap on PGlite: a queue asking for batches of 32 gets at most 16 there (a batch's
  // transaction holds PGlite's one connection while pages wait), all 32 on PostgreSQL.
  const wideBatches: number[] = [];
  const wideJob = defineJob({
    name: 'test-wide',
    payload: z.object({ n: z.number().int() }),
    retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
    worker: { batchSize: 32, concurrency: 32, batchWindowMs: 300 },
    async handler() {
      wideBatches.push(1);
    },
    async handleBatch(batch) {
      wideBatches.push(batch.length);
    },
  });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    jobs = createJobs({ database, clock: () => new Date(), log: silent, config: { JOB_POLL_SECONDS: 0.5 } });
    for (const definition of [recordJob, flakyJob, alwaysFailingJob, slowJob, batchJob, setJob, windowJob, wideJob])
      jobs.register(definition);
    await jobs.start();
    await jobs.work();
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('a job enqueued in a rolled-back transaction never runs; one in a committed transaction runs', async () => {
    let rolledBackId: string | null = null;
    await expect(
      database.db.transaction().execute(async (trx) => {
        rolledBackId = await jobs.enqueue(trx, recordJob, { label: 'rolled-back', count: 1 });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const committedId = await database.db
      .transaction()
      .execute((trx) => jobs.enqueue(trx, recordJob, { label: 'committed', count: 2 }));

    await waitFor(async () => (await jobs.findJob(committedId!))?.state === 'completed');
    expect(rolledBackId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobs.findJob(rolledBackId!)).toBeUndefined();
    // Two more polling rounds: the rolled-back job still has not run.
    await new Promise((r) => setTimeout(r, 1200));
    expect(ran).toEqual(['committed×2']);
  });

  it('enqueueMany adds one job per payload in the caller’s transaction, checked against the schema', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await jobs.enqueueMany(trx, recordJob, [{ label: 'many-rolled-back', count: 1 }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(
      database.db.transaction().execute((trx) => jobs.enqueueMany(trx, recordJob, [{ label: '', count: 1 }])),
    ).rejects.toThrow();
    await database.db.transaction().execute((trx) =>
      jobs.enqueueMany(trx, recordJob, [
        { label: 'many', count: 1 },
        { label: 'many', count: 2 },
        { label: 'many', count: 3 },
      ]),
    );
    await waitFor(async () => ran.filter((r) => r.startsWith('many×')).length === 3);
    expect(ran.filter((r) => r.startsWith('many')).sort()).toEqual(['many×1', 'many×2', 'many×3']);
  });

  it('refuses a payload that does not match the job’s schema, and enqueues nothing', async () => {
    await expect(
      database.db
        .transaction()
        .execute((trx) => jobs.enqueue(trx, recordJob, { label: '' } as { label: string; count: number })),
    ).rejects.toThrow(z.ZodError);
    expect((await jobs.listFailed({ limit: 10, offset: 0 })).total).toBe(0);
  });

  it('hands the handler the parsed payload (schema defaults applied)', async () => {
    const id = await database.db
      .transaction()
      .execute((trx) => jobs.enqueue(trx, recordJob, { label: 'defaults' } as { label: string; count: number }));
    await waitFor(async () => (await jobs.findJob(id!))?.state === 'completed');
    expect(ran).toContain('defaults×1');
  });

  it('applies the definition’s retry policy: retryLimit 2 means three runs, then failed', async () => {
    const id = await database.db.transaction().execute((trx) => jobs.enqueue(trx, alwaysFailingJob, {}));
    const job = await waitFor(async () => {
      const found = await jobs.findJob(id!);
      return found?.state === 'failed' ? found : undefined;
    });
    expect(job).toMatchObject({ queue: 'test-always-failing', retryCount: 2, error: 'still broken' });
    expect(alwaysFailingRuns).toBe(3);
  });

  it('lists a failed job with the first line of its error, and runs it again on retry', async () => {
    const id = await database.db.transaction().execute((trx) => jobs.enqueue(trx, flakyJob, {}));
    await waitFor(async () => (await jobs.findJob(id!))?.state === 'failed');
    const failed = await jobs.listFailed({ limit: 10, offset: 0 });
    const listed = failed.jobs.find((j) => j.id === id);
    expect(listed).toMatchObject({
      queue: 'test-flaky',
      state: 'failed',
      retryCount: 0,
      error: 'Upstream refused the request',
    });
    expect(listed!.completedAt).toBeInstanceOf(Date);
    // Extra properties of the thrown error (here: recipients) are not stored with the job.
    const stored = await database.executeSql(`select output from pgboss.job where id = $1`, [id]);
    expect(JSON.stringify(stored.rows)).not.toContain('someone@example.test');

    failing = false;
    expect(await jobs.retry(id!)).toBe(true);
    await waitFor(async () => (await jobs.findJob(id!))?.state === 'completed');
    expect(flakyRuns).toBe(2);
    expect((await jobs.listFailed({ limit: 10, offset: 0 })).jobs.map((j) => j.id)).not.toContain(id);
    // A job that is not (or no longer) failed cannot be retried.
    expect(await jobs.retry(id!)).toBe(false);
    expect(await jobs.retry('00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(await jobs.retry('not-a-uuid')).toBe(false);
  });

  it('runs a singleton slot once: a second enqueue with the same key and slot is suppressed', async () => {
    const options = { singletonKey: 'slot-test', singletonSeconds: 3600 };
    const first = await database.db
      .transaction()
      .execute((trx) => jobs.enqueue(trx, recordJob, { label: 'slot', count: 1 }, options));
    const second = await database.db
      .transaction()
      .execute((trx) => jobs.enqueue(trx, recordJob, { label: 'slot', count: 1 }, options));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it('refuses to enqueue a job that was never registered', async () => {
    const unknown = defineJob({
      name: 'test-unregistered',
      payload: z.object({}),
      retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
      handler: async () => {},
    });
    await expect(database.db.transaction().execute((trx) => jobs.enqueue(trx, unknown, {}))).rejects.toThrow(
      /not registered/,
    );
  });

  it('runs a batch concurrently (up to its limit), and retries a failing job of the batch alone', async () => {
    const ids = await database.db.transaction().execute(async (trx) => {
      const enqueued: string[] = [];
      for (let n = 1; n <= BATCH_JOBS; n++) enqueued.push((await jobs.enqueue(trx, batchJob, { n }))!);
      return enqueued;
    });
    await waitFor(async () => {
      const states = await Promise.all(ids.map((id) => jobs.findJob(id)));
      return states.every((job) => job?.state === 'completed');
    });
    expect(batchMaxActive).toBe(4); // four at once, never more
    // Job 2 ran twice (failed, retried alone); every other job ran once and was completed once.
    await new Promise((r) => setTimeout(r, 1200));
    const runsOf = (n: number) => batchRuns.filter((run) => run.n === n).map((run) => run.retryCount);
    expect(runsOf(2)).toEqual([0, 1]);
    for (const n of [1, 3, 4, 5, 6]) expect(runsOf(n), `job ${n}`).toEqual([0]);
    const stored = await database.executeSql(
      `select data->>'n' as n, state, retry_count, started_on, output from pgboss.job where name = 'test-batch'`,
    );
    const rows = stored.rows as { n: string; state: string; retry_count: number; started_on: Date; output: unknown }[];
    expect(
      rows.map((r) => [Number(r.n), r.state, r.retry_count]).sort((a, b) => (a[0] as number) - (b[0] as number)),
    ).toEqual([
      [1, 'completed', 0],
      [2, 'completed', 1],
      [3, 'completed', 0],
      [4, 'completed', 0],
      [5, 'completed', 0],
      [6, 'completed', 0],
    ]);
    // Claimed in batches: one fetch marks its jobs started with the same statement time, so at
    // least three of the five jobs that never failed share a started_on (job 2 got a new one).
    const startedOn = new Map<number, number>();
    for (const row of rows.filter((r) => r.n !== '2'))
      startedOn.set(new Date(row.started_on).getTime(), (startedOn.get(new Date(row.started_on).getTime()) ?? 0) + 1);
    expect(Math.max(...startedOn.values())).toBeGreaterThanOrEqual(3);
  });

  it('caps a batch at 16 jobs on PGlite, and gives PostgreSQL the batch the queue asks for', async () => {
    const ids = await database.db
      .transaction()
      .execute(async (trx) => Promise.all(Array.from({ length: 40 }, (_, n) => jobs.enqueue(trx, wideJob, { n }))));
    await waitFor(async () =>
      (await Promise.all(ids.map((id) => jobs.findJob(id!)))).every((job) => job?.state === 'completed'),
    );
    expect(wideBatches.reduce((a, b) => a + b, 0)).toBe(40);
    if (engine === 'pglite') expect(Math.max(...wideBatches)).toBeLessThanOrEqual(16);
    else expect(Math.max(...wideBatches)).toBeGreaterThan(16);
  });

  it('handleBatch runs jobs fetched together as one batch; the jobs it fails are retried alone by the handler', async () => {
    const ids = await database.db
      .transaction()
      .execute(async (trx) =>
        Promise.all([1, 2, 3, 4, 5, 6].map((n) => jobs.enqueue(trx, setJob, { n, explode: false }))),
      );
    await waitFor(async () =>
      (await Promise.all(ids.map((id) => jobs.findJob(id!)))).every((job) => job?.state === 'completed'),
    );
    expect(setBatches.flat().sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(setBatches.some((batch) => batch.length > 1)).toBe(true);
    // Only job 3 ran alone: on its retry, after the batch failed it.
    expect(setAlone).toEqual([{ n: 3, retryCount: 1 }]);
    const stored = await database.executeSql(
      `select (data->>'n')::int as n, retry_count from pgboss.job where name = 'test-set' order by 1`,
    );
    expect((stored.rows as { n: number; retry_count: number }[]).map((r) => [r.n, r.retry_count])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 0],
      [5, 0],
      [6, 0],
    ]);
  });

  it('a batch that throws runs each of its jobs again alone, so one bad job does not fail the others', async () => {
    setBatches.length = 0;
    setAlone.length = 0;
    const ids = await database.db
      .transaction()
      .execute(async (trx) =>
        Promise.all([10, 11, 12].map((n) => jobs.enqueue(trx, setJob, { n, explode: n === 11 }))),
      );
    await waitFor(async () =>
      (await Promise.all(ids.map((id) => jobs.findJob(id!)))).every((job) => job?.state === 'completed'),
    );
    expect(setBatches.flat().sort()).toEqual([10, 11, 12]);
    // The batch held all three (one fetch, one transaction) and threw: each then ran alone, first time.
    expect(setBatches.map((batch) => [...batch].sort())).toEqual([[10, 11, 12]]);
    expect(setAlone.sort((a, b) => a.n - b.n)).toEqual([
      { n: 10, retryCount: 0 },
      { n: 11, retryCount: 0 },
      { n: 12, retryCount: 0 },
    ]);
  });

  it('worker.batchWindowMs lets jobs enqueued one by one gather into a batch instead of being fetched as they come', async () => {
    // Five jobs in five transactions, ~30 ms apart: without the window each would be fetched
    // (nudged 20 ms after its enqueue) on its own or nearly so.
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      if (n > 1) await new Promise((r) => setTimeout(r, 30));
      ids.push((await database.db.transaction().execute((trx) => jobs.enqueue(trx, windowJob, { n })))!);
    }
    await waitFor(async () =>
      (await Promise.all(ids.map((id) => jobs.findJob(id)))).every((job) => job?.state === 'completed'),
    );
    // Each job ran once, and the window let them gather: at most two fetches took all five (a
    // poll that ends just as the first commits can take it alone; the rest then wait together).
    expect(windowRuns.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(windowRuns.length, JSON.stringify(windowRuns)).toBeLessThanOrEqual(2);
    expect(Math.max(...windowRuns.map((run) => run.length))).toBeGreaterThanOrEqual(4);
  });

  it('a job enqueued by a request or by another job runs at once, not after the poll interval', async () => {
    // A second job system on the same database with a 5 s poll interval and queues of its own.
    const order: string[] = [];
    const second = defineJob({
      name: 'test-chain-second',
      payload: z.object({}),
      retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
      handler: async () => void order.push('second'),
    });
    const first = defineJob({
      name: 'test-chain-first',
      payload: z.object({}),
      retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
      async handler(_payload, ctx) {
        order.push('first');
        await ctx.db.transaction().execute((trx) => slowPolling.enqueue(trx, second, {}));
      },
    });
    const slowPolling = createJobs({ database, clock: () => new Date(), log: silent, config: { JOB_POLL_SECONDS: 5 } });
    slowPolling.register(first);
    slowPolling.register(second);
    await slowPolling.start();
    await slowPolling.work();
    try {
      await new Promise((r) => setTimeout(r, 300)); // the loops' first fetches are done: they wait 5 s now
      const started = Date.now();
      await database.db.transaction().execute((trx) => slowPolling.enqueue(trx, first, {}));
      await waitFor(async () => order.length === 2, 4000);
      expect(order).toEqual(['first', 'second']);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await slowPolling.stop();
    }
  });

  it('refuses worker settings that are not positive integers (batchWindowMs: not non-negative integers)', () => {
    const base = {
      payload: z.object({}),
      retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
      handler: async () => {},
    };
    expect(() => defineJob({ ...base, name: 'test-bad-worker', worker: { concurrency: 0 } })).toThrow(
      /worker.concurrency/,
    );
    expect(() => defineJob({ ...base, name: 'test-bad-worker', worker: { batchSize: 1.5 } })).toThrow(
      /worker.batchSize/,
    );
    expect(() => defineJob({ ...base, name: 'test-bad-worker', worker: { batchWindowMs: -1 } })).toThrow(
      /worker.batchWindowMs must be a non-negative integer/,
    );
    expect(() => defineJob({ ...base, name: 'test-bad-worker', worker: { batchWindowMs: 1.5 } })).toThrow(
      /worker.batchWindowMs/,
    );
    expect(defineJob({ ...base, name: 'test-good-worker', worker: { batchWindowMs: 0 } }).worker).toEqual({
      batchWindowMs: 0,
    });
  });

  describe('deferred enqueues (through a DeferredWrites)', () => {
    /** The labels of test-record jobs matching `like`, as `trx` (or, without it, a committed reader) sees them. */
    const labels = async (like: string, trx?: Trx) => {
      const run = trx ? sqlExecutorFor(trx) : database;
      const result = await run.executeSql(
        `select id, data->>'label' as label from pgboss.job where name = $1 and data->>'label' like $2 order by 2, data->>'count'`,
        [recordJob.name, like],
      );
      return result.rows as { id: string; label: string }[];
    };
    let statements: InsertStatements;
    beforeAll(async () => {
      statements = await recordInsertStatements(database, ['pgboss.job']);
    });
    afterAll(async () => statements.remove());
    /** The job INSERT statements of one transaction since the last call: rows per statement. */
    const jobInsertsIn = async (transaction: number) =>
      (await statements.take()).filter((s) => s.transaction === transaction).map((s) => s.rows);

    it('holds the jobs enqueued through it and inserts them with one statement at the end of its work, still in the transaction; after the commit they run', async () => {
      const seen: Record<string, string[]> = {};
      let id: string | null = null;
      let transaction = 0;
      await statements.take();
      const result = await database.db.transaction().execute(async (trx) => {
        transaction = await transactionIdOf(trx);
        const value = await withDeferredWrites(trx, async (deferred) => {
          id = await jobs.enqueue(deferred, recordJob, { label: 'deferred-one', count: 1 });
          await jobs.enqueueMany(deferred, recordJob, [
            { label: 'deferred-many', count: 1 },
            { label: 'deferred-many', count: 2 },
          ]);
          // Another part of the work, handed the same writer, joins its one statement.
          const part = (to: DeferredWrites) => jobs.enqueue(to, recordJob, { label: 'deferred-part', count: 1 });
          await part(deferred);
          // Given the transaction itself, an enqueue is written now: the call says which.
          await jobs.enqueue(trx, recordJob, { label: 'now-in-the-work', count: 1 });
          seen.insideWork = (await labels('%-in-the-work', trx))
            .concat(await labels('deferred-%', trx))
            .map((row) => row.label);
          return 'the work’s result';
        });
        seen.afterWork = (await labels('deferred-%', trx)).map((row) => row.label);
        // Another connection does not see them before the commit (PostgreSQL: PGlite has one connection, held by this transaction).
        if (database.kind === 'postgres')
          seen.othersBeforeCommit = (await labels('deferred-%')).map((row) => row.label);
        return value;
      });
      expect(result).toBe('the work’s result');
      expect(seen.insideWork).toEqual(['now-in-the-work']);
      expect(seen.afterWork).toEqual(['deferred-many', 'deferred-many', 'deferred-one', 'deferred-part']);
      if (database.kind === 'postgres') expect(seen.othersBeforeCommit).toEqual([]);
      // The one written now, then the four held, together.
      expect(await jobInsertsIn(transaction)).toEqual([1, 4]);
      const stored = await labels('deferred-%');
      expect(stored.map((row) => row.label)).toEqual([
        'deferred-many',
        'deferred-many',
        'deferred-one',
        'deferred-part',
      ]);
      expect(stored.find((row) => row.label === 'deferred-one')!.id).toBe(id); // enqueue's answer is the stored job's id
      await waitFor(async () => ran.filter((r) => r.startsWith('deferred-')).length === 4);
      expect(ran.filter((r) => r.startsWith('deferred-')).sort()).toEqual([
        'deferred-many×1',
        'deferred-many×2',
        'deferred-one×1',
        'deferred-part×1',
      ]);
      expect((await jobs.findJob(id!))?.state).toBe('completed');
    });

    it('writes nothing held when the work throws, and leaves nothing when the transaction rolls back after it', async () => {
      let afterWork: string[] = [];
      await expect(
        database.db.transaction().execute(async (trx) => {
          await expect(
            withDeferredWrites(trx, async (deferred) => {
              await jobs.enqueue(deferred, recordJob, { label: 'deferred-failed-work', count: 1 });
              throw new Error('the work failed');
            }),
          ).rejects.toThrow('the work failed');
          expect(await labels('deferred-failed-work', trx)).toEqual([]);
          await withDeferredWrites(trx, async (deferred) => {
            await jobs.enqueue(deferred, recordJob, { label: 'deferred-rolled-back', count: 1 });
            await jobs.enqueueMany(deferred, recordJob, [
              { label: 'deferred-rolled-back', count: 2 },
              { label: 'deferred-rolled-back', count: 3 },
            ]);
          });
          afterWork = (await labels('deferred-rolled-back', trx)).map((row) => row.label);
          throw new Error('the business change failed');
        }),
      ).rejects.toThrow('the business change failed');
      expect(afterWork).toHaveLength(3); // they were inserted, in the transaction that then rolled back
      expect(await labels('deferred-rolled-back')).toEqual([]);
      expect(await labels('deferred-failed-work')).toEqual([]);
    });

    it('inserts an enqueue with singleton options at once (its suppression needs the answer)', async () => {
      const slot = { singletonKey: 'deferred-slot-test', singletonSeconds: 3600 };
      const answers: Record<string, string | null> = {};
      let insideWork: { id: string; label: string }[] = [];
      await database.db.transaction().execute((trx) =>
        withDeferredWrites(trx, async (deferred) => {
          answers.plain = await jobs.enqueue(deferred, recordJob, { label: 'slot-deferred-plain', count: 1 });
          answers.first = await jobs.enqueue(deferred, recordJob, { label: 'slot-deferred-singleton', count: 1 }, slot);
          answers.duplicate = await jobs.enqueue(
            deferred,
            recordJob,
            { label: 'slot-deferred-singleton', count: 2 },
            slot,
          );
          insideWork = await labels('slot-deferred-%', trx);
        }),
      );
      expect(answers.first).not.toBeNull();
      expect(answers.duplicate).toBeNull(); // suppressed by the first, already in the table
      expect(insideWork).toEqual([{ id: answers.first, label: 'slot-deferred-singleton' }]); // the plain one is held
      const stored = await labels('slot-deferred-%');
      expect(stored).toEqual([
        { id: answers.plain, label: 'slot-deferred-plain' },
        { id: answers.first, label: 'slot-deferred-singleton' },
      ]);
      await waitFor(async () => ran.includes('slot-deferred-singleton×1') && ran.includes('slot-deferred-plain×1'));
      expect(ran.filter((r) => r.startsWith('slot-deferred-'))).toHaveLength(2);
    });

    it('writes rows held beside the jobs once per kind at the end of the work, kinds in the order first held', async () => {
      const writes: { items: string[]; jobsVisible: number }[] = [];
      const write = async (trx: Trx, items: string[]) => {
        writes.push({ items, jobsVisible: (await labels('held-beside-%', trx)).length });
      };
      await database.db.transaction().execute((trx) =>
        withDeferredWrites(trx, async (deferred) => {
          deferred.hold(write, ['a']);
          await jobs.enqueue(deferred, recordJob, { label: 'held-beside-rows', count: 1 });
          deferred.hold(write, ['b', 'c']);
          expect(writes).toEqual([]);
        }),
      );
      expect(writes).toEqual([{ items: ['a', 'b', 'c'], jobsVisible: 0 }]); // the rows first: held first
      expect((await labels('held-beside-%')).map((row) => row.label)).toEqual(['held-beside-rows']);
    });
  });

  // Last: it stops the workers.
  it('stop() lets the running job finish instead of failing it', async () => {
    const id = await database.db.transaction().execute((trx) => jobs.enqueue(trx, slowJob, {}));
    await waitFor(async () => (await jobs.findJob(id!))?.state === 'active');
    await jobs.stop();
    expect(slowFinished).toBe(true);
    expect((await jobs.findJob(id!))?.state).toBe('completed');
  });
});
