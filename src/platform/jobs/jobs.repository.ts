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
