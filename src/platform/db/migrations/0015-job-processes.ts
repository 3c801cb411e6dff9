import type { Kysely } from 'kysely';

// Frozen migration: Kysely<any>, never imports application code.
//
// The processes that run jobs, each with a heartbeat. A job a process claims names it (in the
// job's output while it runs); when a process stops beating (killed, crashed, its machine gone),
// the live ones give its jobs back to their queues at once instead of waiting for the jobs'
// expiry.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_processes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
