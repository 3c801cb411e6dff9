import pino from 'pino';
import { buildApp } from './app.ts';
import { useAuditHmacKey } from './platform/audit/audit.service.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { platformJobs } from './platform/jobs/housekeeping.job.ts';
import { createJobs } from './platform/jobs/jobs.service.ts';
import { logDestination, pinoOptions } from './platform/logging/logger.ts';
import { createNotifier } from './platform/mail/notifier.service.ts';
import { seedModuleHistory, seedModules, setUpModules } from './platform/module.ts';
import { seedDemo } from './platform/seed/seed.ts';
import { migrations, modules } from './modules.ts';

/** Composition root: config → database → migrations → seed → modules → app → listen, and a clean stop. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  useAuditHmacKey(config.AUDIT_HMAC_KEY);
  const started = performance.now();
  // How long each step of the start took, logged once listening: the start-up's own profile.
  const steps: Record<string, number> = {};
  let lap = started;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - lap);
    lap = now;
  };
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  step('database');
  const applied = await migrateToLatest(database.db, migrations);
  step('migrations');
  const seed = async () => {
    await seedDemo(database.db, { code: config.MUNICIPALITY_CODE, name: config.MUNICIPALITY_NAME });
    await seedModules(modules, database.db, config);
  };
  // The demo seed is idempotent. A new (or just migrated) database gets it before the first
  // request; an existing one already has it, and refreshes it once the server listens rather
  // than before (its first queries there cost about 0.2 s of a 2 s start on PGlite).
  const seedAfterListening = config.SEED_DEMO && applied.length === 0;
  if (config.SEED_DEMO && !seedAfterListening) {
    await seed();
    step('seed');
  }
  const clock = () => new Date();
  // The job system's own logger (the HTTP server has Fastify's): same level and redaction.
  const log = pino(pinoOptions(config), logDestination());
  const jobs = createJobs({ database, clock, log, config });
  const notifier = createNotifier({ config, jobs, clock });
  for (const definition of platformJobs) jobs.register(definition);
  // Every role sets the modules up: a worker needs their jobs, a web process their routes and what they enqueue.
  const parts = await setUpModules(modules, { config, db: database.db, clock, jobs, notifier });
  step('modules');
  await jobs.start(); // every role enqueues; only ROLE=all|worker runs jobs
  step('jobs');
  let shuttingDown = false;
  const app =
    config.ROLE === 'worker'
      ? undefined
      : await buildApp({ config, database, clock, modules: parts, isShuttingDown: () => shuttingDown });

  // Signals are handled from here on, before the first request can arrive: a SIGTERM while the
  // job worker is still starting (it reclaims a dead process's jobs while requests come in)
  // must drain and exit 0, not kill the process.
  let workerStarting: Promise<void> = Promise.resolve();
  let seeding: Promise<void> = Promise.resolve();
  const stop = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    (app?.log ?? log).info({ signal }, 'shutting down: draining requests and running jobs');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    try {
      await Promise.all([workerStarting.catch(() => undefined), seeding]);
      // Stops accepting requests and polling for jobs; waits for in-flight requests and jobs.
      // Closing the app also closes its change listener, whose connection is outside the pool.
      await Promise.all([app?.close(), jobs.stop()]);
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (app) {
    // A deep accept queue: a crisis opens thousands of connections at once (Node's default is 511;
    // the kernel caps it at net.core.somaxconn).
    await app.listen({ port: config.PORT, host: config.HOST, backlog: 4096 });
    step('app');
    app.log.info(
      {
        ms: Math.round(performance.now() - started),
        sinceProcessStart: Math.round(process.uptime() * 1000),
        steps,
        database: database.kind,
        role: config.ROLE,
      },
      `Smörgåsbord is listening on ${config.BASE_URL}`,
    );
  }
  // The demo's history (past bookings) is never needed by a first request: always after listening.
  if (config.SEED_DEMO && !shuttingDown) {
    seeding = (seedAfterListening ? seed() : Promise.resolve())
      .then(() => seedModuleHistory(modules, database.db, config))
      .catch((error: unknown) => log.error({ err: error }, 'the demo seed failed'));
  }
  if (config.ROLE !== 'web' && !shuttingDown) {
    workerStarting = jobs.work();
    await workerStarting;
    log.info({ role: config.ROLE, pollSeconds: config.JOB_POLL_SECONDS }, 'job worker started');
  }
}

await main();
