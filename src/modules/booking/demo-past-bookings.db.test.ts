import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { bDb } from './booking.table.ts';
import { seedDemoPastBookings, seededRandom } from './demo-past-bookings.ts';
import { insight } from './insight/insight.service.ts';
import { addDays, fromLocal, toLocal } from './local-time.ts';

describe.each(testEngines())('demo past bookings on %s', (engine) => {
  let t: TestApp;
  const now = fromLocal('2026-12-04', '12:00');

  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it('are not in the test seed', async () => {
    const count = await bDb(t.database.db)
      .selectFrom('bookings')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count!.n)).toBe(0);
  });

  it('fill eight past weeks of office hours, some checked in and some released, once', async () => {
    const started = Date.now();
    const first = await seedDemoPastBookings(t.database.db, now);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(first).toBeGreaterThan(500);
    expect(await seedDemoPastBookings(t.database.db, now)).toBe(0); // idempotent
    const rows = await bDb(t.database.db).selectFrom('bookings').selectAll().execute();
    expect(rows).toHaveLength(first);
    const today = toLocal(now).date;
    for (const row of rows) {
      const start = toLocal(new Date(row.starts_at));
      expect(start.date < today && start.date >= addDays(today, -56)).toBe(true);
      expect(start.minutes).toBeGreaterThanOrEqual(8 * 60);
      expect(toLocal(new Date(row.ends_at)).minutes).toBeLessThanOrEqual(17 * 60);
    }
    expect(rows.some((r) => r.status === 'released')).toBe(true);
    expect(rows.some((r) => r.checked_in_at !== null)).toBe(true);
    const result = await insight(t.database.db, { from: addDays(today, -56), to: addDays(today, -1) });
    const share = result.total.bookedMinutes / result.total.openMinutes;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.7);
    expect(result.weeks.length).toBeGreaterThanOrEqual(8);
  });

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom('stadshuset-oresund/2026-11-30');
    const b = seededRandom('stadshuset-oresund/2026-11-30');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(seededRandom('x')()).not.toBe(seededRandom('y')());
  });
});
