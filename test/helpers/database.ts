import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { migrations } from '../../src/modules.ts';

export type TestEngine = 'pglite' | 'postgres';

/** Engines the database tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): TestEngine[] {
  // `npm test` runs the PGlite half first, then sets TEST_ENGINES=postgres for the second pass,
  // so no database test runs twice on PGlite.
  if (process.env.TEST_ENGINES === 'postgres') return ['postgres'];
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL
 * database (created on the TEST_DATABASE_URL server, dropped on close).
 */
export async function createTestDatabase(
  engine: TestEngine = 'pglite',
  options: { poolSize?: number } = {},
): Promise<DatabaseHandle> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db, migrations);
    return handle;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const scratch = await createScratchDatabase(adminUrl, 'smb_test');
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: options.poolSize ?? 10 });
  await migrateToLatest(handle.db, migrations);
  return {
    ...handle,
    async close() {
      await handle.close();
      await scratch.drop();
    },
  };
}

/** A fresh database on the PostgreSQL server of `adminUrl` (tests, benches), and how to drop it. */
export async function createScratchDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
