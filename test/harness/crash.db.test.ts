import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/audit.service.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { testEngines } from '../helpers/database.ts';
import { CRASH_PROBE_ROUTE, CRASH_PROBE_UNSAFE_ROUTE } from './crash-target.ts';
import { expectAcknowledgedOnce, runCrashHarness, seededRandom, type CrashRun } from './crash.ts';

/**
 * The crash harness proves itself on test/harness/crash-target.ts (the real app plus two probe
 * routes): the correct route keeps every acknowledged write through repeated SIGKILLs, and the
 * deliberately broken one (acknowledges before writing) is caught, by name. In CI: 3 kills per
 * engine; CRASH_KILLS and CRASH_SEED make a longer or different run (`CRASH_KILLS=20 npx vitest
 * run --project db test/harness/crash.db.test.ts`).
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? 20261128);

async function probeRows(db: Db, key: string, route: string): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from crash_probe where key = ${key} and route = ${route}`.execute(db);
  return rows[0]!.n;
}

describe.each(testEngines())('crash harness on %s', (engine) => {
  let run: CrashRun<string>;

  beforeAll(async () => {
    run = await runCrashHarness<string>({
      entry: 'test/harness/crash-target.ts',
      engine,
      seed: SEED,
      kills: KILLS,
      concurrency: 4,
      loadMs: [400, 1500],
      async request({ baseUrl, n, signal }) {
        // Every third call goes to the broken route, the rest to the correct one.
        const route = n % 3 === 2 ? CRASH_PROBE_UNSAFE_ROUTE : CRASH_PROBE_ROUTE;
        const key = randomUUID();
        const response = await fetch(baseUrl + route.slice('POST '.length), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ key }),
          signal,
        });
        await response.arrayBuffer();
        return { route, status: response.status, value: key };
      },
    });
    console.log(JSON.stringify({ harness: 'crash', engine, seed: SEED, cycles: run.cycles }));
  }, 300_000);

  afterAll(async () => {
    await run?.close();
  });

  it(`restarts after each of ${KILLS} SIGKILLs on the same data, serves again and stops cleanly`, () => {
    expect(run.cycles.map((c) => c.ended)).toEqual([...Array<string>(KILLS).fill('SIGKILL'), 'SIGTERM']);
    for (const cycle of run.cycles)
      expect(cycle.acknowledged, `cycle ${cycle.cycle} acknowledged nothing`).toBeGreaterThan(0);
  });

  it('every write the correct route acknowledged is in the database exactly once', async () => {
    await expectAcknowledgedOnce(run, CRASH_PROBE_ROUTE, (db, ack) => probeRows(db, ack.value, CRASH_PROBE_ROUTE));
  });

  it('a probe row and its audit event commit together, and the audit chain is unbroken after the crashes', async () => {
    const { rows } = await sql<{ orphans: number; rows: number }>`
      select count(*)::int as rows,
             count(*) filter (where not exists (select 1 from audit_events a where a.event_type = 'test.crash-probe' and a.subject_id = p.key::text))::int as orphans
      from crash_probe p`.execute(run.database.db);
    expect(rows[0]!.rows).toBeGreaterThan(0);
    expect(rows[0]!.orphans).toBe(0);
    const { rows: events } = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where event_type = 'test.crash-probe'`.execute(run.database.db);
    expect(events[0]!.n).toBe(rows[0]!.rows);
    expect(await verifyAuditChain(run.database.db)).toMatchObject({ ok: true });
  });

  it('catches the route that acknowledges before its write is durable, naming it', async () => {
    const error = await expectAcknowledgedOnce(run, CRASH_PROBE_UNSAFE_ROUTE, (db, ack) =>
      probeRows(db, ack.value, CRASH_PROBE_UNSAFE_ROUTE),
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /^POST \/api\/v1\/test\/crash-probe-unsafe: of \d+ acknowledged writes after \d+ SIGKILLs .* LOST/,
    );
    expect(error?.message).toContain(`seed ${SEED}`);
  });
});

describe('crash harness randomness', () => {
  it('is seeded: the same seed gives the same kill moments', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, seededRandom(43))).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });
});
