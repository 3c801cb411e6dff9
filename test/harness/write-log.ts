import type { DatabaseHandle } from '../../src/platform/db/database.ts';

/**
 * Which rows a request wrote: an AFTER … FOR EACH ROW trigger on every table of the test
 * database appends (table, operation, event type) to `harness.writes`, so a harness can check
 * that a rejected request wrote nothing — inserts, updates and deletes alike, which row counts
 * alone would miss. Test databases only; installed after migrations, so every table is covered.
 */

export interface Write {
  table: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  /** `event_type` of an audit event, `name` of a job; null otherwise. */
  detail: string | null;
}

/**
 * Writes that happen on rejected requests by design, with the reason. Everything else written
 * while answering with a 4xx is a finding.
 */
export const WRITE_EXEMPTIONS: readonly {
  table: string;
  ops: readonly Write['op'][];
  detail?: RegExp;
  reason: string;
}[] = [
  {
    table: 'public.sessions',
    ops: ['INSERT', 'UPDATE', 'DELETE'],
    reason:
      'the platform saves the session whenever it changes (flash shown, sign-in state), and the harness signs each call in with a fresh session row',
  },
  {
    table: 'public.api_tokens',
    ops: ['UPDATE'],
    reason: 'last_used_at of the bearer token, recorded at most once a minute on API requests',
  },
  {
    table: 'public.audit_events',
    ops: ['INSERT'],
    detail: /^access\.denied$/,
    reason: 'a refusal may itself be audited',
  },
  {
    table: 'public.audit_events',
    ops: ['INSERT'],
    detail: /\.viewed$/,
    reason:
      'access log of a member of staff reading personal data (architecture.md): a form re-shown with errors shows the data again',
  },
  {
    table: 'public.audit_checkpoints',
    ops: ['INSERT'],
    reason:
      'the signed head every audit append writes in its transaction (ADR 0006); the audit event beside it is judged by the entries above',
  },
];

export function isExempt(write: Write): boolean {
  return WRITE_EXEMPTIONS.some(
    (e) =>
      e.table === write.table &&
      e.ops.includes(write.op) &&
      (e.detail === undefined || e.detail.test(write.detail ?? '')),
  );
}

export interface WriteLog {
  /** Forgets what was logged so far. */
  reset(): Promise<void>;
  /** What was written since the last reset (and forgets it). */
  take(): Promise<Write[]>;
}

export async function installWriteLog(database: DatabaseHandle): Promise<WriteLog> {
  await database.executeSql(`create schema if not exists harness`);
  await database.executeSql(
    `create table if not exists harness.writes (id bigserial primary key, table_name text not null, op text not null, detail text)`,
  );
  // pg-boss partitions its job table per queue: report the parent, pgboss.job.
  await database.executeSql(`
    create or replace function harness.note_write() returns trigger language plpgsql as $$
    declare
      row_data jsonb := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
    begin
      insert into harness.writes (table_name, op, detail)
      values (case when tg_table_schema = 'pgboss' then 'pgboss.job' else tg_table_schema || '.' || tg_table_name end,
              tg_op, coalesce(row_data ->> 'event_type', row_data ->> 'name'));
      return null;
    end $$`);
  const tables = (
    await database.executeSql(
      `select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema = 'public'`,
    )
  ).rows as { table_schema: string; table_name: string }[];
  for (const { table_schema, table_name } of tables) {
    await database.executeSql(
      `create or replace trigger harness_note_write after insert or update or delete on "${table_schema}"."${table_name}" for each row execute function harness.note_write()`,
    );
  }
  // Jobs: only new ones matter (pg-boss's own maintenance updates and archives rows on its timers).
  const pgboss = (
    await database.executeSql(
      `select 1 from information_schema.tables where table_schema = 'pgboss' and table_name = 'job'`,
    )
  ).rows;
  if (pgboss.length > 0) {
    await database.executeSql(
      `create or replace trigger harness_note_write after insert on pgboss.job for each row execute function harness.note_write()`,
    );
  }
  return {
    async reset() {
      await database.executeSql(`delete from harness.writes`);
    },
    async take() {
      const rows = (await database.executeSql(`delete from harness.writes returning table_name, op, detail`)).rows as {
        table_name: string;
        op: Write['op'];
        detail: string | null;
      }[];
      return rows.map((r) => ({ table: r.table_name, op: r.op, detail: r.detail }));
    },
  };
}
