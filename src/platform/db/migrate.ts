import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';

/**
 * Applies every pending one of `migrations` (the platform's and the modules': src/modules.ts
 * `migrations`); throws with the failing migration's name.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>>,
): Promise<string[]> {
  if (await allApplied(db, migrations)) return [];
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * True when the database has applied exactly `migrations`, read with two small queries. Kysely's
 * migrator takes 0.4–0.6 s on PGlite to find nothing to do (its tables, a lock, a transaction),
 * which is most of a start on an existing database. Anything else (a table missing, a migration
 * pending, one applied that the code no longer has) goes to the migrator, which applies or
 * reports it under its lock.
 */
async function allApplied(db: Kysely<any>, migrations: Readonly<Record<string, Migration>>): Promise<boolean> {
  const table = await sql<{ found: boolean }>`select to_regclass('kysely_migration') is not null as found`.execute(db);
  if (!table.rows[0]?.found) return false; // a new database
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const applied = rows.map((r) => r.name);
  const expected = Object.keys(migrations);
  return applied.length === expected.length && expected.every((name) => applied.includes(name));
}
