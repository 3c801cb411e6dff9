import type { z } from 'zod';
import type { Db } from '../db/database.ts';

/** How often a failing job is tried again: pg-boss semantics (delay in seconds; backoff doubles it with jitter). */
export interface RetryPolicy {
  /** Attempts after the first; 0 = fail at once. */
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
}

/** The logging a handler gets: pino's (or Fastify's) logger. Log ids and counts, never personal data. */
export interface JobLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): JobLog;
}

export interface JobContext {
  db: Db;
  clock: () => Date;
  /** Already bound to the queue name and job id. */
  log: JobLog;
  jobId: string;
  /** 0 on the first run, then 1, 2, … on retries. */
  retryCount: number;
}

/**
 * A job: a name (the pg-boss queue), a payload schema checked when the job is enqueued and again
 * when it runs, a retry policy and a handler.
 *
 * Handlers must be idempotent. Delivery is at-least-once: a worker can die after the work is
 * done but before the job is marked complete, a timeout can fire on a slow run, and an
 * administrator can retry a failed job by hand. Key the work on something in the payload
 * (an outbox row id, a case id + step) and make a second run a no-op.
 *
 * A handler's thrown error is stored with the failed job and its first line shown to
 * administrators: say what failed, not whom it concerned (no names, addresses or identity numbers).
 */
export interface JobDefinition<P extends object = object> {
  /** Queue name: lower-case kebab-case, unique across the application. */
  name: string;
  payload: z.ZodType<P>;
  retry: RetryPolicy;
  /** A run longer than this counts as failed (and is retried). Default 15 minutes. */
  expireInSeconds?: number;
  /**
   * Run on a schedule (cron, evaluated in `tz`, default Europe/Stockholm) with an empty payload.
   * Each run gets a singleton key for its `slotSeconds`-long slot, so however many worker
   * processes are running, one slot runs once.
   */
  schedule?: { cron: string; tz?: string; slotSeconds: number };
  /**
   * How one worker process takes this queue's jobs. Default `{ batchSize: 1, concurrency: 1 }`:
   * one job at a time. Each job still succeeds or fails on its own (a failing job is retried
   * alone; its batch-mates are completed once), and a queue with work waiting is polled again at
   * once instead of after JOB_POLL_SECONDS.
   */
  worker?: {
    /**
     * At most this many jobs are claimed by one fetch (one query). Larger batches save queries
     * under load; a claimed job counts against its `expireInSeconds` from the moment it is
     * claimed, so keep a batch small enough to finish well within that. A fetch never claims
     * more jobs than there are free slots, so a batch larger than `concurrency` acts as
     * `concurrency`. Default: `concurrency`.
     */
    batchSize?: number;
    /**
     * At most this many of the queue's jobs run at once in one process (their handlers
     * interleave on the event loop: this helps handlers that wait for the database or the
     * network, not CPU-bound ones). Each running job may hold a database connection: keep the
     * sum over all queues well within DATABASE_POOL_SIZE. Default 1.
     */
    concurrency?: number;
    /**
     * Lets jobs gather into batches under load (for queues with `handleBatch`): after a fetch
     * that did not fill a batch, or when woken by a new job, the loop waits this long before it
     * fetches. Each job may wait up to this much longer; a burst is taken in few fetches and
     * few batches instead of one by one. Default 0: fetch at once.
     */
    batchWindowMs?: number;
  };
  handler(payload: P, ctx: JobContext): Promise<void>;
  /**
   * Optional: runs a whole fetched batch at once (set-based statements, one transaction), for
   * queues whose jobs are many and alike. The jobs it returns in the map fail (each is retried
   * on its own, with the error stored with it); the rest complete. When it throws, nothing of the
   * batch may have been committed, and each job is run again alone by `handler`: a job that
   * spoils the batch then fails alone, and its batch-mates succeed. A job being retried
   * (retryCount > 0) is always run alone by `handler`.
   */
  handleBatch?(
    jobs: readonly BatchJob<P>[],
    ctx: Omit<JobContext, 'jobId' | 'retryCount'>,
  ): Promise<ReadonlyMap<string, Error> | void>;
}

/** One job of a batch given to `handleBatch`. */
export interface BatchJob<P> {
  id: string;
  payload: P;
}

/** Identity function that infers the payload type from the schema. */
export function defineJob<S extends z.ZodType<object>>(
  definition: JobDefinition<z.output<S>> & { payload: S },
): JobDefinition<z.output<S>> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name))
    throw new Error(`Job name "${definition.name}" must be lower-case kebab-case.`);
  for (const [key, value] of Object.entries(definition.worker ?? {})) {
    const least = key === 'batchWindowMs' ? 0 : 1;
    if (value !== undefined && (!Number.isInteger(value) || value < least))
      throw new Error(
        `Job "${definition.name}": worker.${key} must be ${least === 0 ? 'a non-negative' : 'a positive'} integer.`,
      );
  }
  return definition;
}
