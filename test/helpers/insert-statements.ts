import { sqlExecutorFor, type DatabaseHandle, type Trx } from '../../src/platform/db/database.ts';

/** One INSERT statement: into which table, how many rows it carried, in which transaction. */
export interface InsertStatement {
  table: string;
  rows: number;
  transaction: number;
}

export interface InsertStatements {
  /** The INSERT statements since the last take, in the order they ran (and forgets them). */
  take(): Promise<InsertStatement[]>;
  /** Drops the triggers: later inserts are not recorded. */
  remove(): Promise<void>;
}

/**
 * Records every INSERT statement into `tables` (`schema.table`; pg-boss's partitioned
 * `pgboss.job` included) with an AFTER … FOR EACH STATEMENT trigger whose transition table
 * counts the rows: so a test can tell a batch written with one statement from one per item,
 * whoever issued it (Kysely or pg-boss's raw SQL). Test databases only.
 */
export async function recordInsertStatements(
  database: DatabaseHandle,
  tables: readonly string[],
): Promise<InsertStatements> {
  await database.executeSql(`create schema if not exists harness`);
  await database.executeSql(
    `create table if not exists harness.insert_statements (id bigserial primary key, table_name text not null, row_count int not null, transaction_id bigint not null)`,
  );
  await database.executeSql(`
    create or replace function harness.note_insert_statement() returns trigger language plpgsql as $$
    begin
      insert into harness.insert_statements (table_name, row_count, transaction_id)
      select tg_table_schema || '.' || tg_table_name, count(*), txid_current() from inserted;
      return null;
    end $$`);
  const quoted = tables.map((table) =>
    table
      .split('.')
      .map((part) => `"${part}"`)
      .join('.'),
  );
  for (const table of quoted)
    await database.executeSql(
      `create or replace trigger harness_note_insert_statement after insert on ${table} referencing new table as inserted for each statement execute function harness.note_insert_statement()`,
    );
  await database.executeSql(`delete from harness.insert_statements`);
  return {
    async take() {
      const rows = (
        await database.executeSql(
          `with taken as (delete from harness.insert_statements returning *) select table_name, row_count, transaction_id from taken order by id`,
        )
      ).rows as { table_name: string; row_count: number; transaction_id: number | string }[];
      return rows.map((r) => ({ table: r.table_name, rows: r.row_count, transaction: Number(r.transaction_id) }));
    },
    async remove() {
      for (const table of quoted)
        await database.executeSql(`drop trigger if exists harness_note_insert_statement on ${table}`);
    },
  };
}

/** The id of `trx`'s transaction, as InsertStatement.transaction gives it. */
export async function transactionIdOf(trx: Trx): Promise<number> {
  const { rows } = await sqlExecutorFor(trx).executeSql(`select txid_current() as id`);
  return Number((rows[0] as { id: number | string }).id);
}
