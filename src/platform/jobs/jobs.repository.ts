import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';

/**
 * Read-only queries on pg-boss's own tables, for what its v10 API does not offer (listing failed
 * jobs across queues, finding a job's queue by id). They depend on pg-boss's schema layout
 * (`<schema>.job`), which is why they live here, next to the one place that pins pg-boss.
 */
export const JOBS_SCHEMA = 'pgboss';

const jobTable = sql.table(`${JOBS_SCHEMA}.job`);

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobSummary {
  id: string;
  queue: string;
  state: JobState;
  retryCount: number;
  createdAt: Date;
  completedAt: Date | null;
  /** First line of the error a failed job ended with. */
  error: string | null;
}

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  retry_count: number;
  created_on: Date;
  completed_on: Date | null;
  output: unknown;
}

function jobRowToSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    retryCount: Number(row.retry_count),
    createdAt: new Date(row.created_on),
    completedAt: row.completed_on ? new Date(row.completed_on) : null,
    error: row.state === 'failed' ? errorLineOf(row.output) : null,
  };
}

/** pg-boss stores a serialised Error ({ message, stack }) or, for timeouts, { value: { message } }. */
export function errorLineOf(output: unknown): string | null {
  const o = output as { message?: unknown; value?: unknown } | null | undefined;
  const inner = o?.value as { message?: unknown } | string | undefined;
  const message =
    typeof o?.message === 'string'
      ? o.message
      : typeof inner === 'string'
        ? inner
        : typeof inner?.message === 'string'
          ? inner.message
          : null;
  if (!message) return null;
  const line = message.split('\n', 1)[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

const columns = sql`id, name, state::text as state, retry_count, created_on, completed_on, output`;

/** Failed jobs, most recently failed first, and how many there are. */
export async function listFailedJobs(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ jobs: JobSummary[]; total: number }> {
  const rows = await sql<JobRow>`
    select ${columns} from ${jobTable}
    where state = 'failed'
    order by completed_on desc nulls last, id
    limit ${page.limit} offset ${page.offset}
  `.execute(db);
  const count = await sql<{ n: number }>`select count(*)::int as n from ${jobTable} where state = 'failed'`.execute(db);
  return { jobs: rows.rows.map(jobRowToSummary), total: Number(count.rows[0]?.n ?? 0) };
}

export async function findJobById(db: Db | Trx, id: string): Promise<JobSummary | undefined> {
  const rows = await sql<JobRow>`select ${columns} from ${jobTable} where id = ${id}::uuid`.execute(db);
  return rows.rows[0] && jobRowToSummary(rows.rows[0]);
}

// ---- Processes and the jobs they hold (migration 0015-job-processes) ---------------------------

/** A process not seen for this long is gone; its jobs go back to their queues. */
export const PROCESS_STALE_SECONDS = 15;
/** An active job nobody has claimed (its process died between fetching and claiming) after this long. */
const UNCLAIMED_STALE_SECONDS = 60;

/** This process runs jobs: its first heartbeat. */
export async function registerJobProcess(db: Db, processId: string): Promise<void> {
  await sql`insert into job_processes (id, started_at, heartbeat_at) values (${processId}::uuid, now(), now())
    on conflict (id) do update set heartbeat_at = now()`.execute(db);
}

/** Still alive; processes gone for an hour are forgotten. */
export async function beatJobProcess(db: Db, processId: string): Promise<void> {
  await sql`insert into job_processes (id, started_at, heartbeat_at) values (${processId}::uuid, now(), now())
    on conflict (id) do update set heartbeat_at = now()`.execute(db);
  await sql`delete from job_processes where heartbeat_at < now() - interval '1 hour'`.execute(db);
}

export async function forgetJobProcess(db: Db, processId: string): Promise<void> {
  await sql`delete from job_processes where id = ${processId}::uuid`.execute(db);
}

/**
 * Marks jobs just fetched as this process's (in pg-boss's `output`, which stays empty while a
 * job runs and is overwritten when it completes or fails): one statement per fetch, in the
 * fetch's transaction.
 */
export async function claimJobs(db: Db | Trx, processId: string, jobIds: readonly string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await sql`update ${jobTable} set output = jsonb_build_object('claimedBy', ${processId}::text)
    where id in (${sql.join(jobIds.map((id) => sql`${id}::uuid`))}) and state = 'active'`.execute(db);
}

/**
 * Active jobs whose process is gone: claimed by a process without a recent heartbeat, or never
 * claimed and running far longer than a fetch takes to claim. With `everyoneElse` (an embedded
 * database, which one process alone can open): every active job not this process's.
 */
export async function orphanedJobs(
  db: Db,
  processId: string,
  options: { everyoneElse: boolean },
): Promise<{ id: string; queue: string }[]> {
  const { rows } = await sql<{ id: string; name: string }>`
    select j.id, j.name from ${jobTable} j
    where j.state = 'active'
      and (j.output->>'claimedBy') is distinct from ${processId}::text
      and (
        ${options.everyoneElse}
        or (j.output->>'claimedBy' is not null and not exists (
          select 1 from job_processes p
          where p.id::text = j.output->>'claimedBy'
            and p.heartbeat_at > now() - make_interval(secs => ${PROCESS_STALE_SECONDS})))
        or (j.output->>'claimedBy' is null and j.started_on < now() - make_interval(secs => ${UNCLAIMED_STALE_SECONDS}))
      )
    limit 1000`.execute(db);
  return rows.map((r) => ({ id: r.id, queue: r.name }));
}
