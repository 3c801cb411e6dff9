import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { seedDemo } from '../../src/platform/seed/seed.ts';
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
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000', ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  clock: ReturnType<typeof fakeClock>;
  close(): Promise<void>;
}

/** The real app on a fresh seeded database with a fake clock — the same buildApp as production. */
export async function createTestApp(options: { engine?: TestEngine; config?: Record<string, string>; deps?: Partial<AppDeps> } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.engine);
  const config = testConfig(options.config);
  await seedDemo(database.db, { code: config.MUNICIPALITY_CODE, name: config.MUNICIPALITY_NAME });
  const clock = fakeClock();
  const app = await buildApp({ config, database, clock, logger: false, ...options.deps });
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
