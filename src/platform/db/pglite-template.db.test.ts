import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { isPgliteDataDir } from './pglite-template.ts';

describe('a new PGlite database starts from the initialised template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smb-template-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a DATA_DIR from the template, keeps what is written, and opens it again as it is', async () => {
    const dataDir = join(dir, 'data');
    expect(isPgliteDataDir(dataDir)).toBe(false);
    const first = await openDatabase({ dataDir });
    expect(isPgliteDataDir(dataDir)).toBe(true);
    await sql`create table kept (note text)`.execute(first.db);
    await sql`insert into kept values ('written before the restart')`.execute(first.db);
    await first.close();

    const second = await openDatabase({ dataDir });
    const { rows } = await sql<{ note: string }>`select note from kept`.execute(second.db);
    expect(rows).toEqual([{ note: 'written before the restart' }]);
    await second.close();
  }, 60_000);

  it('accepts an empty DATA_DIR, and refuses one that holds other files rather than overwrite them', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const database = await openDatabase({ dataDir: empty });
    await database.close();
    expect(isPgliteDataDir(empty)).toBe(true);

    const occupied = join(dir, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'notes.txt'), 'not a database');
    await expect(openDatabase({ dataDir: occupied })).rejects.toThrow(/holds files but no database/);
  }, 60_000);

  it('runs initdb as before, with a warning, when the template cannot be made or read', async () => {
    // A template folder under a file cannot exist: as a read-only installation without a template.
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const unusable = join(blocker, 'pglite-template');
    const warnings: string[] = [];
    const listen = (warning: Error & { code?: string }) => {
      if (warning.code === 'SMB_PGLITE_TEMPLATE') warnings.push(warning.message);
    };
    process.on('warning', listen);
    try {
      const dataDir = join(dir, 'without-template');
      const onDisk = await openDatabase({ dataDir, pgliteTemplateDir: unusable });
      await sql`select 1`.execute(onDisk.db);
      await onDisk.close();
      expect(isPgliteDataDir(dataDir)).toBe(true);

      const inMemory = await openDatabase({ dataDir: 'memory://', pgliteTemplateDir: unusable });
      await sql`select 1`.execute(inMemory.db);
      await inMemory.close();
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toMatch(/running initdb instead/);
    } finally {
      process.off('warning', listen);
    }
  }, 60_000);

  it('runs with small shared buffers, in memory as on disk', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const { rows } = await sql<{ setting: string }>`select current_setting('shared_buffers') as setting`.execute(
      database.db,
    );
    expect(rows[0]!.setting).toBe('16MB');
    await database.close();
  }, 60_000);
});
