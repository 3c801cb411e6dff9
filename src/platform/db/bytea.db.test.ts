import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';

describe.each(testEngines())('bytea on %s', (engine) => {
  it('stores and reads bytes exactly, as a Buffer, whatever view they come in', async () => {
    const database = await createTestDatabase(engine);
    try {
      const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      // A view into a larger buffer (as Buffer.subarray or a pooled Buffer gives): only its bytes count.
      const view = new Uint8Array([9, 9, 0, 92, 120, 255, 9]).subarray(2, 6);
      const { rows } = await sql<{ all: Buffer; view: Buffer; empty: Buffer; none: Buffer | null }>`
        select ${all}::bytea as all, ${view}::bytea as view, ${Buffer.alloc(0)}::bytea as empty, ${null}::bytea as none`.execute(
        database.db,
      );
      expect(Buffer.isBuffer(rows[0]!.all)).toBe(true);
      expect(rows[0]!.all.equals(all)).toBe(true);
      expect([...rows[0]!.view]).toEqual([0, 92, 120, 255]);
      expect(rows[0]!.empty.length).toBe(0);
      expect(rows[0]!.none).toBeNull();
    } finally {
      await database.close();
    }
  });
});
