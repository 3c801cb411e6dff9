import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Config } from '../config/config.ts';
import { sqlExecutorFor, type DatabaseHandle, type Trx } from '../db/database.ts';
import { isDeferred, transactionOf, type InTransaction } from '../db/deferred-writes.ts';
import type { JobDefinition, JobLog } from './job-definition.ts';
import {
  beatJobProcess,
  claimJobs,
  findJobById,
  forgetJobProcess,
  JOBS_SCHEMA,
  listFailedJobs,
  orphanedJobs,
  registerJobProcess,
  type JobSummary,
} from './jobs.repository.ts';

/** How often a working process says it is alive and looks for the jobs of processes that are not. */
export const HEARTBEAT_MS = 5_000;

export interface JobsOptions {
  database: DatabaseHandle;
  clock: () => Date;
  log: JobLog;
  config: Pick<Config, 'JOB_POLL_SECONDS'>;
  /** How long stop() waits for running jobs before pg-boss marks them failed (they are retried). */
  stopTimeoutMs?: number;
}

export interface EnqueueOptions {
  /** Not before this time. */
  startAfter?: Date;
  /** With singletonSeconds: at most one job per key and time slot; a duplicate enqueue returns null. */
  singletonKey?: string;
  singletonSeconds?: number;
  priority?: number;
}

/** The job system: one per process. See job-definition.ts for what a job is. */
export interface Jobs {
  /** Adds a definition; call start() (again) afterwards to create its queue. */
  register(definition: JobDefinition): void;
  /** Installs or migrates pg-boss's schema and creates the queues and schedules of registered jobs. Enough for enqueueing. */
  start(): Promise<void>;
  /**
   * Enqueues a job in the caller's transaction: it exists only if that transaction commits.
   * Given a DeferredWrites, the job is held and inserted with the others held there when its work
   * ends (one statement per job system); with singleton options it is inserted at once all the
   * same (its suppression needs the answer). The payload is checked against the definition's
   * schema (a ZodError otherwise). Returns the job id, or null when a singleton key suppressed a duplicate.
   */
  enqueue<P extends object>(
    to: InTransaction,
    definition: JobDefinition<P>,
    payload: P,
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /**
   * Enqueues one job per payload with one statement, in the caller's transaction (a batch's
   * follow-ups); given a DeferredWrites, held like enqueue's.
   */
  enqueueMany<P extends object>(to: InTransaction, definition: JobDefinition<P>, payloads: readonly P[]): Promise<void>;
  /** Starts polling workers for every registered job, and pg-boss's maintenance and scheduler. */
  work(): Promise<void>;
  /** Stops polling, lets running jobs finish (up to stopTimeoutMs), then stops. */
  stop(): Promise<void>;
  listFailed(page: { limit: number; offset: number }): Promise<{ jobs: JobSummary[]; total: number }>;
  /** Puts a failed job back in its queue; false when there is no failed job with this id. In `trx` when given. */
  retry(id: string, trx?: Trx): Promise<boolean>;
  findJob(id: string): Promise<JobSummary | undefined>;
}

/** A queue's polling loop in a worker process (see startQueueLoop). */
interface QueueLoop {
  name: string;
  /** Jobs being run, by id. */
  running: Map<string, Promise<void>>;
  /** Settles when the loop has stopped fetching. */
  done: Promise<void>;
  stop(): void;
  /** Ends the poll interval's wait now, if the loop is waiting: a job was probably enqueued. */
  nudge(): void;
}

/** The handler's promise, or a rejection once the job's expiry has passed (as pg-boss's own worker does). */
async function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  const ms = Math.max(1, Number.isFinite(seconds) ? seconds : 900) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The job ran longer than ${ms / 1000} s.`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Failed jobs stay retryable on the admin page this long before pg-boss archives them. */
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;
/** The largest batch on PGlite (see startQueueLoop). */
const PGLITE_MAX_BATCH = 16;

export function createJobs(options: JobsOptions): Jobs {
  const { database, clock, log } = options;
  const definitions = new Map<string, JobDefinition>();
  const ready = new Set<string>();

  // pg-boss does not await some of its writes (completing a job): track them so stop() can
  // wait for them before the caller closes the database.
  const inflight = new Set<Promise<unknown>>();
  const db: PgBoss.Db = {
    executeSql(text, values) {
      const run = database.executeSql(text, values);
      inflight.add(run);
      void run.finally(() => inflight.delete(run)).catch(() => {});
      return run as ReturnType<PgBoss.Db['executeSql']>;
    },
  };

  const common = { db, schema: JOBS_SCHEMA, archiveFailedAfterSeconds: KEEP_FAILED_SECONDS } as const;
  // Two pg-boss instances on one adapter: the producer (every process: enqueue, admin) runs no
  // timers; the worker instance, created by work(), polls and runs maintenance and schedules.
  const producer = new PgBoss({ ...common, supervise: false, schedule: false, migrate: true });
  let worker: PgBoss | undefined;
  let loops: QueueLoop[] = [];
  // Queues this process enqueued to since their loops were last nudged. A waiting loop would find
  // such a job only after JOB_POLL_SECONDS; it is nudged when the enqueueing transaction has
  // (most likely) committed: when the job that enqueued finishes, or shortly after an enqueue
  // from elsewhere (a request). A nudge that comes too early finds nothing and waits as before.
  const enqueued = new Set<string>();
  let nudgeTimer: NodeJS.Timeout | undefined;
  function nudgeEnqueued(): void {
    if (nudgeTimer) clearTimeout(nudgeTimer);
    nudgeTimer = undefined;
    if (enqueued.size === 0) return;
    for (const loop of loops) if (enqueued.has(loop.name)) loop.nudge();
    enqueued.clear();
  }
  let started = false;
  producer.on('error', onBossError);

  // Crash recovery: this process claims the jobs it fetches and beats; the jobs of a process that
  // stopped beating (kill -9, a lost machine) go back to their queues within seconds, not after
  // their expiry. On an embedded database only one process can exist, so at start every active
  // job is a dead process's.
  const processId = randomUUID();
  let heartbeat: NodeJS.Timeout | undefined;
  async function reclaimOrphans(everyoneElse: boolean): Promise<void> {
    const orphans = await orphanedJobs(database.db, processId, { everyoneElse });
    if (orphans.length === 0 || !worker) return;
    const byQueue = new Map<string, string[]>();
    for (const job of orphans) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job.id]);
    for (const [queue, ids] of byQueue) {
      // Failing counts as a try and follows the queue's retry policy, like an expiry would.
      const stopped = new Error('The process that ran the job stopped; it runs again.');
      for (const id of ids) await worker.fail(queue, id, stopped);
    }
    log.warn(
      { jobs: orphans.length, queues: [...byQueue.keys()] },
      'jobs of a stopped process returned to their queues',
    );
  }
  async function beat(): Promise<void> {
    try {
      await beatJobProcess(database.db, processId);
      await reclaimOrphans(false);
    } catch (error) {
      onBossError(error as Error);
    }
  }
  function jobInsert(definition: JobDefinition, data: object, id?: string): PgBoss.JobInsert {
    return {
      ...(id ? { id } : {}),
      name: definition.name,
      data,
      ...definition.retry,
      ...(definition.expireInSeconds ? { expireInSeconds: definition.expireInSeconds } : {}),
    };
  }

  /** This job system's jobs in one statement; what a DeferredWrites holds for it (one function, so one kind). */
  async function insertJobs(trx: Trx, jobs: PgBoss.JobInsert[]): Promise<void> {
    await producer.insert(jobs, { db: sqlExecutorFor(trx) as PgBoss.Db });
  }

  function onBossError(error: Error) {
    log.error({ err: { name: error.name, message: error.message } }, 'job system error');
  }

  function stripped(error: unknown): Error {
    // pg-boss stores every enumerable property of the error with the job (SMTP errors carry
    // recipient lists, for example): keep only name, message and stack.
    const e = error instanceof Error ? error : new Error(String(error));
    const clean = new Error(e.message);
    clean.name = e.name;
    clean.stack = e.stack;
    return clean;
  }

  async function ensureQueues(): Promise<void> {
    for (const definition of definitions.values()) {
      if (ready.has(definition.name)) continue;
      const queueOptions = {
        ...definition.retry,
        ...(definition.expireInSeconds ? { expireInSeconds: definition.expireInSeconds } : {}),
      };
      await producer.createQueue(definition.name, { name: definition.name, ...queueOptions });
      await producer.updateQueue(definition.name, { name: definition.name, ...queueOptions }); // keeps an existing queue in step with the definition
      if (definition.schedule) {
        await producer.schedule(
          definition.name,
          definition.schedule.cron,
          {},
          {
            tz: definition.schedule.tz ?? 'Europe/Stockholm',
            singletonKey: definition.name,
            singletonSeconds: definition.schedule.slotSeconds,
            ...queueOptions,
          },
        );
      }
      ready.add(definition.name);
    }
  }

  /**
   * One queue's polling loop in this process. Not pg-boss's work(): with a batch, pg-boss
   * completes or fails the whole batch with one result, and a job failed on its own inside the
   * batch callback could be fetched again (retry delay 0) and then completed unrun by the batch's
   * trailing complete. Here every job is completed or failed by its own id as soon as its handler
   * settles, and only jobs that fit into free slots are claimed.
   */
  function startQueueLoop(definition: JobDefinition, boss: PgBoss): QueueLoop {
    const concurrency = definition.worker?.concurrency ?? 1;
    // On PGlite a batch's transaction holds the one connection, and every page's query waits
    // behind it: smaller batches there keep pages answering while a pipeline runs.
    const batchSize = Math.min(
      definition.worker?.batchSize ?? concurrency,
      concurrency,
      options.database.kind === 'pglite' ? PGLITE_MAX_BATCH : Infinity,
    );
    // Refill when half a batch of slots is free: batches stay batches under load, and a slow
    // job does not hold back the rest of its batch.
    const refillAt = Math.ceil(batchSize / 2);
    const batchWindowMs = definition.worker?.batchWindowMs ?? 0;
    const pollMs = options.config.JOB_POLL_SECONDS * 1000;
    const running = new Map<string, Promise<void>>();
    let stopping = false;
    let wake: (() => void) | undefined;
    // A nudge that came while the loop was fetching (nothing to wake yet): that fetch may have
    // started before the job's transaction committed, so the loop fetches again instead of sleeping.
    let nudgedWhileBusy = false;
    // Jobs that finish in the same turn of the event loop are completed with one statement.
    let completing: { ids: string[]; sent: Promise<void> } | undefined;
    function complete(id: string): Promise<void> {
      if (!completing) {
        const batch: { ids: string[]; sent: Promise<void> } = { ids: [], sent: Promise.resolve() };
        batch.sent = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
          completing = undefined; // later completions go in the next batch
          await boss.complete(definition.name, batch.ids);
        });
        completing = batch;
      }
      completing.ids.push(id);
      return completing.sent;
    }

    async function runJob(job: PgBoss.JobWithMetadata<object>): Promise<void> {
      const jobLog = log.child({ queue: definition.name, jobId: job.id });
      const started = performance.now();
      let failure: Error | undefined;
      try {
        const parsed = definition.payload.safeParse(job.data);
        if (!parsed.success) throw new Error(`The payload does not match the ${definition.name} schema.`);
        const run = definition.handler(parsed.data, {
          db: database.db,
          clock,
          log: jobLog,
          jobId: job.id,
          retryCount: job.retryCount,
        });
        await withinSeconds(run, Number(job.expireInSeconds));
        jobLog.debug({ ms: Math.round(performance.now() - started) }, 'job done');
      } catch (error) {
        jobLog.warn({ retryCount: job.retryCount, errorName: (error as Error)?.name }, 'job failed');
        failure = stripped(error);
      }
      try {
        // Only an active job changes state: one that timed out meanwhile (and is retried) is left alone.
        if (failure) await boss.fail(definition.name, job.id, failure);
        else await complete(job.id);
      } catch (error) {
        onBossError(error as Error); // the job stays active until it expires, then it is retried
      }
      nudgeEnqueued(); // the handler's transaction has committed: its next steps can be fetched now
    }

    /**
     * Runs jobs through the definition's handleBatch (see JobDefinition.handleBatch): the jobs it
     * names fail, the rest complete; when it throws, each job runs again alone through runJob.
     */
    async function runBatch(jobs: PgBoss.JobWithMetadata<object>[], payloads: object[]): Promise<void> {
      const batchLog = log.child({ queue: definition.name, batch: jobs.length });
      const started = performance.now();
      let failures: ReadonlyMap<string, Error> | void;
      try {
        const run = definition.handleBatch!(
          jobs.map((job, i) => ({ id: job.id, payload: payloads[i]! })),
          { db: database.db, clock, log: batchLog },
        );
        failures = await withinSeconds(run, Number(jobs[0]!.expireInSeconds));
        batchLog.debug({ ms: Math.round(performance.now() - started) }, 'batch done');
      } catch (error) {
        batchLog.warn({ errorName: (error as Error)?.name }, 'batch failed; its jobs run one by one');
        await Promise.all(jobs.map((job) => runJob(job)));
        return;
      }
      await Promise.all(
        jobs.map(async (job) => {
          const failure = failures?.get(job.id);
          try {
            if (failure) await boss.fail(definition.name, job.id, stripped(failure));
            else await complete(job.id);
          } catch (error) {
            onBossError(error as Error); // the job stays active until it expires, then it is retried
          }
        }),
      );
      nudgeEnqueued();
    }

    /** Starts the fetched jobs: fresh ones together through handleBatch when the definition has one, the rest alone. */
    function startJobs(jobs: PgBoss.JobWithMetadata<object>[]): void {
      const batch: PgBoss.JobWithMetadata<object>[] = [];
      const payloads: object[] = [];
      for (const job of jobs) {
        const parsed =
          definition.handleBatch && job.retryCount === 0 ? definition.payload.safeParse(job.data) : undefined;
        if (parsed?.success) {
          batch.push(job);
          payloads.push(parsed.data);
          continue;
        }
        const run = runJob(job).finally(() => running.delete(job.id));
        running.set(job.id, run);
      }
      if (batch.length === 0) return;
      const run = batch.length === 1 ? runJob(batch[0]!) : runBatch(batch, payloads);
      const settled = run.finally(() => {
        for (const job of batch) running.delete(job.id);
      });
      for (const job of batch) running.set(job.id, settled);
    }

    const done = (async () => {
      while (!stopping) {
        const free = concurrency - running.size;
        if (free < refillAt) {
          await Promise.race(running.values());
          continue;
        }
        let jobs: PgBoss.JobWithMetadata<object>[] = [];
        const requested = Math.min(batchSize, free);
        nudgedWhileBusy = false;
        try {
          // Fetched and claimed in one transaction: a process killed in between leaves the jobs
          // waiting in their queue, never active without an owner to be found by.
          jobs = await database.db.transaction().execute(async (trx) => {
            const fetched = await boss.fetch<object>(definition.name, {
              batchSize: requested,
              includeMetadata: true,
              db: sqlExecutorFor(trx) as PgBoss.Db,
            });
            await claimJobs(
              trx,
              processId,
              fetched.map((job) => job.id),
            );
            return fetched;
          });
        } catch (error) {
          onBossError(error as Error);
        }
        startJobs(jobs);
        // Work was waiting: fetch again as soon as slots are free. Otherwise sleep one poll interval.
        let woken = false;
        if (jobs.length === 0 && !stopping && !nudgedWhileBusy) {
          woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = undefined;
        }
        // A batching queue lets a trickle of jobs gather before the next fetch (see worker.batchWindowMs).
        if (
          batchWindowMs > 0 &&
          !stopping &&
          (woken || nudgedWhileBusy || (jobs.length > 0 && jobs.length < requested))
        ) {
          await new Promise((resolve) => setTimeout(resolve, batchWindowMs));
        }
      }
    })();

    return {
      name: definition.name,
      running,
      done,
      stop() {
        stopping = true;
        wake?.();
      },
      nudge() {
        if (wake) wake();
        else nudgedWhileBusy = true;
      },
    };
  }

  return {
    register(definition) {
      const existing = definitions.get(definition.name);
      if (existing && existing !== definition) throw new Error(`Two job definitions are named "${definition.name}".`);
      definitions.set(definition.name, definition);
    },

    async start() {
      if (!started) {
        await producer.start();
        started = true;
      }
      await ensureQueues();
    },

    async enqueue(to, definition, payload, enqueueOptions = {}) {
      if (!ready.has(definition.name))
        throw new Error(`Job "${definition.name}" is not registered, or jobs.start() has not run since it was.`);
      const data = definition.payload.parse(payload);
      if (worker) {
        enqueued.add(definition.name);
        nudgeTimer ??= setTimeout(nudgeEnqueued, 20);
      }
      if (isDeferred(to) && Object.values(enqueueOptions).every((value) => value === undefined)) {
        const id = randomUUID(); // made here: the answer is due before the insert
        to.hold(insertJobs, [jobInsert(definition, data, id)]);
        return id;
      }
      return producer.send(definition.name, data, {
        ...definition.retry,
        ...(definition.expireInSeconds ? { expireInSeconds: definition.expireInSeconds } : {}),
        ...enqueueOptions,
        db: sqlExecutorFor(transactionOf(to)) as PgBoss.Db,
      });
    },

    async enqueueMany(to, definition, payloads) {
      if (payloads.length === 0) return;
      if (!ready.has(definition.name))
        throw new Error(`Job "${definition.name}" is not registered, or jobs.start() has not run since it was.`);
      const jobs = payloads.map((payload) => jobInsert(definition, definition.payload.parse(payload)));
      if (worker) {
        enqueued.add(definition.name);
        nudgeTimer ??= setTimeout(nudgeEnqueued, 20);
      }
      if (isDeferred(to)) to.hold(insertJobs, jobs);
      else await insertJobs(to, jobs);
    },

    async work() {
      if (!started) throw new Error('jobs.start() must run before jobs.work().');
      if (worker) return;
      await ensureQueues(); // definitions registered since start()
      worker = new PgBoss({ ...common, supervise: true, schedule: true, migrate: false });
      worker.on('error', onBossError);
      await worker.start();
      await registerJobProcess(database.db, processId);
      await reclaimOrphans(database.kind === 'pglite');
      heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
      heartbeat.unref();
      for (const definition of definitions.values()) loops.push(startQueueLoop(definition, worker));
    },

    async stop() {
      const timeout = options.stopTimeoutMs ?? 10_000;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
      if (worker) {
        // Stop polling, let running jobs finish within the timeout, fail (and so retry) the rest.
        for (const loop of loops) loop.stop();
        if (nudgeTimer) clearTimeout(nudgeTimer);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)));
        await Promise.race([
          Promise.all(loops.map((l) => l.done.then(() => Promise.allSettled([...l.running.values()])))),
          timedOut,
        ]);
        clearTimeout(timer);
        for (const loop of loops) {
          for (const id of loop.running.keys())
            await worker
              .fail(loop.name, id, new Error('The worker shut down while the job was running.'))
              .catch(onBossError);
        }
        loops = [];
        await forgetJobProcess(database.db, processId).catch(onBossError);
        await worker.stop({ graceful: true, wait: true, close: false, timeout });
      }
      if (started) await producer.stop({ graceful: true, wait: true, close: false, timeout });
      worker = undefined;
      started = false;
      ready.clear();
      await Promise.allSettled([...inflight]);
    },

    listFailed(page) {
      return listFailedJobs(database.db, page);
    },

    async retry(id, trx) {
      if (!UUID.test(id)) return false;
      const job = await findJobById(trx ?? database.db, id);
      if (!job || job.state !== 'failed') return false;
      const result = (await producer.retry(
        job.queue,
        id,
        trx ? { db: sqlExecutorFor(trx) as PgBoss.Db } : {},
      )) as unknown as { affected?: number } | undefined;
      return (result?.affected ?? 0) > 0;
    },

    async findJob(id) {
      return UUID.test(id) ? findJobById(database.db, id) : undefined;
    },
  };
}
