/**
 * The server the crash harness's own test kills: the real app (the same buildApp, database,
 * migrations, seed, jobs and graceful stop as src/main.ts) plus two TEST-ONLY routes that write
 * a probe row. They live here, not in production code, so production grows no test hooks.
 *
 *   POST /api/v1/test/crash-probe         { key }  — one transaction: the probe row and an audit
 *                                                     event; answers 201 after COMMIT (correct).
 *   POST /api/v1/test/crash-probe-unsafe  { key }  — answers 201 FIRST and writes a second later,
 *                                                     the bug a crash test must catch: a write
 *                                                     acknowledged before it is durable.
 *
 * Under /api/v1 so they need no session or CSRF token (public, bearer-only prefix); they declare
 * access and a body schema like every route. Start: `node --import tsx test/harness/crash-target.ts`
 * with the same environment as main.ts (DATA_DIR or DATABASE_URL, PORT, LOG_LEVEL).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { sql } from 'kysely';
import { z } from 'zod';
import { buildApp } from '../../src/app.ts';
import { recordAudit } from '../../src/platform/audit/audit.service.ts';
import { useAuditHmacKey } from '../../src/platform/audit/audit.service.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { openDatabase, type Db } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { seedModules, setUpModules } from '../../src/platform/module.ts';
import { migrations, modules } from '../../src/modules.ts';
import { platformJobs } from '../../src/platform/jobs/housekeeping.job.ts';
import { createJobs } from '../../src/platform/jobs/jobs.service.ts';
import { logDestination, pinoOptions } from '../../src/platform/logging/logger.ts';
import { createNotifier } from '../../src/platform/mail/notifier.service.ts';
import { seedDemo } from '../../src/platform/seed/seed.ts';

declare module '../../src/platform/audit/audit.service.ts' {
  interface AuditEventTypes {
    /** Written only by test/harness/crash-target.ts (never by the app). */
    'test.crash-probe': { subject: 'crash_probe'; values: { key: string } };
  }
}

export const CRASH_PROBE_ROUTE = 'POST /api/v1/test/crash-probe';
export const CRASH_PROBE_UNSAFE_ROUTE = 'POST /api/v1/test/crash-probe-unsafe';

const probeBody = z.object({ key: z.uuid() });

/** The probe table: no unique constraint on `key`, so a duplicated write would show as two rows. */
async function createProbeTable(db: Db): Promise<void> {
  await sql`create table if not exists crash_probe (seq bigserial primary key, key uuid not null, route text not null, written_at timestamptz not null default now())`.execute(
    db,
  );
}

async function writeProbe(
  db: Db,
  key: string,
  route: string,
  clock: () => Date,
  requestId: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`insert into crash_probe (key, route) values (${key}, ${route})`.execute(trx);
    await recordAudit(trx, {
      type: 'test.crash-probe',
      actor: { kind: 'system', id: 'crash-target' },
      occurredAt: clock(),
      subject: { type: 'crash_probe', id: key },
      newValue: { key },
      requestId,
    });
  });
}

/**
 * CRASH_RESIDENT_TOKEN (test/harness/sfi-crash.db.test.ts): an API token with this value for the
 * seeded demo resident amina (e-ID), so the test can submit on the e-ID path. Stored as the app
 * stores tokens (sha-256 of the token); added once, on the first start.
 */
async function ensureResidentToken(db: Db, token: string): Promise<void> {
  await sql`insert into api_tokens (user_id, name, token_hash)
    select u.id, 'crash-test', encode(sha256(convert_to(${token}, 'UTF8')), 'hex') from users u
    where u.username = 'amina' and not exists (select 1 from api_tokens t where t.name = 'crash-test')`.execute(db);
}

/** Composition as in src/main.ts (kept in step by hand: main.ts runs on import, so it cannot be reused). */
async function main(): Promise<void> {
  const config = loadConfig();
  useAuditHmacKey(config.AUDIT_HMAC_KEY);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await migrateToLatest(database.db, migrations);
  await createProbeTable(database.db);
  if (config.SEED_DEMO) {
    await seedDemo(database.db, { code: config.MUNICIPALITY_CODE, name: config.MUNICIPALITY_NAME });
    await seedModules(modules, database.db, config);
  }
  if (process.env.CRASH_RESIDENT_TOKEN) await ensureResidentToken(database.db, process.env.CRASH_RESIDENT_TOKEN);
  const clock = () => new Date();
  const log = pino(pinoOptions(config), logDestination());
  const jobs = createJobs({ database, clock, log, config });
  const notifier = createNotifier({ config, jobs, clock });
  for (const definition of platformJobs) jobs.register(definition);
  const parts = await setUpModules(modules, { config, db: database.db, clock, jobs, notifier });
  await jobs.start();
  let shuttingDown = false;
  const app = await buildApp({ config, database, clock, modules: parts, isShuttingDown: () => shuttingDown });

  app.post(
    '/api/v1/test/crash-probe',
    { config: { access: 'public' }, schema: { body: probeBody } },
    async (request, reply) => {
      const { key } = request.body;
      await writeProbe(database.db, key, CRASH_PROBE_ROUTE, clock, request.id);
      return reply.status(201).send({ key });
    },
  );

  app.post(
    '/api/v1/test/crash-probe-unsafe',
    { config: { access: 'public' }, schema: { body: probeBody } },
    async (request, reply) => {
      const { key } = request.body;
      // Deliberately wrong: the client hears "done" while the write is still only in memory. A
      // second's delay puts every kill (after 0.4–1.5 s of load) inside some write's window, so
      // the harness's test catches it however slow the machine is.
      setTimeout(
        () => void writeProbe(database.db, key, CRASH_PROBE_UNSAFE_ROUTE, clock, request.id).catch(() => undefined),
        1000,
      );
      return reply.status(201).send({ key });
    },
  );

  // Signals are handled before the first request, as in src/main.ts: a SIGTERM while the worker
  // still starts (reclaiming the killed process's jobs) must drain and exit 0.
  let workerStarting: Promise<void> = Promise.resolve();
  const stop = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    try {
      await workerStarting.catch(() => undefined);
      await Promise.all([app.close(), jobs.stop()]);
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());

  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.ROLE !== 'web' && !shuttingDown) {
    workerStarting = jobs.work();
    await workerStarting;
  }
}

// Only when run as a script: the test imports the route names from here.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
