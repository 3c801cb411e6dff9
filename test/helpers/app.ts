import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, type App, type AppDeps } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { JobDefinition } from '../../src/platform/jobs/job-definition.ts';
import { createJobs, type Jobs } from '../../src/platform/jobs/jobs.service.ts';
import { createNotifier, type Notifier } from '../../src/platform/mail/notifier.service.ts';
import { seedDemo } from '../../src/platform/seed/seed.ts';
import { modules as platformModules } from '../../src/modules.ts';
import { seedModules, setUpModules, type Module } from '../../src/platform/module.ts';
import { createTestDatabase, type TestEngine } from './database.ts';

/** A controllable clock for tests: starts at `start`, moves only when told. */
export function fakeClock(start = '2026-11-28T09:00:00Z') {
  let now = new Date(start).getTime();
  const clock = () => new Date(now);
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (iso: string) => {
    now = new Date(iso).getTime();
  };
  return clock;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '100000',
    RULES_API_RATE_LIMIT_MAX: '100000',
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  clock: ReturnType<typeof fakeClock>;
  /** Started (queues exist, enqueue works) but not working: call `jobs.work()` to run jobs. */
  jobs: Jobs;
  notifier: Notifier;
  close(): Promise<void>;
}

export interface CreateTestAppOptions {
  engine?: TestEngine;
  config?: Record<string, string>;
  deps?: Partial<AppDeps>;
  /**
   * Test-only routes registered on the real app before `ready()` — e.g. a form route to prove
   * CSRF, or a route that throws. They go through every platform hook like production routes
   * and must declare `config.access` like them; their request parts are typed by their zod schemas.
   */
  routes?: (app: App) => void | Promise<void>;
  /** Job definitions to register besides the notifier's (send-email, send-teams) and the modules'. */
  jobs?: readonly JobDefinition[];
  /** The modules, set up as main.ts sets them up; default every module of src/modules.ts. */
  modules?: readonly Module[];
}

/** The real app on a fresh seeded database with a fake clock — the same buildApp as production. */
export async function createTestApp(options: CreateTestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.config);
  // DATABASE_POOL_SIZE in options.config sizes the PostgreSQL pool (benchmarks); tests keep 10.
  const database = await createTestDatabase(
    options.engine,
    options.config?.DATABASE_POOL_SIZE ? { poolSize: config.DATABASE_POOL_SIZE } : {},
  );
  const modules = options.modules ?? platformModules;
  await seedDemo(database.db, { code: config.MUNICIPALITY_CODE, name: config.MUNICIPALITY_NAME });
  if (config.SEED_DEMO) await seedModules(modules, database.db, config);
  const clock = fakeClock();
  const jobs = createJobs({ database, clock, log: pino({ level: 'silent' }), config });
  const notifier = createNotifier({ config, jobs, clock });
  for (const definition of options.jobs ?? []) jobs.register(definition);
  const parts = await setUpModules(modules, { config, db: database.db, clock, jobs, notifier }); // as main.ts does
  await jobs.start();
  const app = await buildApp({ config, database, clock, modules: parts, logger: false, ...options.deps });
  if (options.routes) await options.routes(app);
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    jobs,
    notifier,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
