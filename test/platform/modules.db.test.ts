import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { commands } from '../../src/cli.ts';
import { migrations, modules } from '../../src/modules.ts';
import { runCli } from '../../src/platform/cli/cli.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { defineJob } from '../../src/platform/jobs/job-definition.ts';
import { commandsOf, migrationsOf, type Module } from '../../src/platform/module.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { testEngines } from '../helpers/database.ts';

/**
 * A module as a newcomer adds one: a folder whose index.ts exports a value like this, and one line
 * in src/modules.ts. Here that line is the list handed to the test app, the CLI and the migrations.
 */
function greetingsModule(greeted: string[]): Module {
  const greet = defineJob({
    name: 'test-greet',
    payload: z.object({ name: z.string() }),
    retry: { retryLimit: 0, retryDelay: 1, retryBackoff: false },
    handler: async ({ name }) => void greeted.push(name),
  });
  return {
    name: 'greetings',
    migrations: {
      '9001-test-greetings': {
        up: async (db: Kysely<unknown>) => {
          await sql`create table test_greetings (name text primary key)`.execute(db);
        },
      },
    },
    setup: ({ db, jobs }) => ({
      routes: async (app) => {
        app.post(
          '/api/v1/test/greetings',
          { config: { access: 'public' }, schema: { body: z.object({ name: z.string().min(1).max(50) }) } },
          async (request, reply) => {
            const { name } = request.body;
            await db.transaction().execute((trx) => jobs.enqueue(trx, greet, { name }));
            return reply.status(202).send({ queued: name });
          },
        );
      },
      nav: () => [{ href: '/test/greetings', label: 'Hälsningar' }],
      jobs: [greet],
    }),
    commands: {
      'greetings hello': {
        summary: 'Say hello.',
        needsDatabase: false,
        run: async ({ args }) => {
          console.log(`Hej ${args[0] ?? 'världen'}!`);
          return 0;
        },
      },
    },
  };
}

async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(testEngines())('a module added to the list, in the app (%s)', (engine) => {
  const greeted: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, modules: [...modules, greetingsModule(greeted)] });
  });
  afterAll(async () => t.close());

  it('serves its route through the platform, and the job the route enqueues runs', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/test/greetings', payload: { name: 'Amina' } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ queued: 'Amina' });
    // The platform validated the body with the route's schema, as for every module.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/test/greetings', payload: {} })).statusCode).toBe(422);
    await t.jobs.work();
    await waitFor(() => greeted.includes('Amina'));
    expect(greeted).toEqual(['Amina']);
  });

  it('adds its link to the navigation, after the modules before it in the list', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/test/greetings"');
  });
});

describe('a module added to the list, in the CLI and the migrations', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('its command runs through npm run cli beside the platform’s', async () => {
    const fixture = greetingsModule([]);
    const all = commandsOf([fixture], commands);
    expect(Object.keys(all)).toEqual(
      expect.arrayContaining(['migrate', 'create-token', 'rules eval', 'greetings hello']),
    );
    // Vite puts its own BASE_URL ("/") into process.env; the CLI's config wants a URL.
    vi.stubEnv('BASE_URL', 'http://localhost:3000');
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    expect(await runCli(['greetings', 'hello', 'Amina'], { commands: all, migrations })).toBe(0);
    expect(printed).toEqual(['Hej Amina!']);
  });

  it('its migrations join the one sequence and run after the others', async () => {
    const all = migrationsOf([...modules, greetingsModule([])]);
    expect(Object.keys(all)).toEqual([...Object.keys(migrations), '9001-test-greetings']);
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(await migrateToLatest(handle.db, all)).toEqual(Object.keys(all));
      const tables = await sql<{
        name: string;
      }>`select tablename as name from pg_tables where tablename = 'test_greetings'`.execute(handle.db);
      expect(tables.rows).toEqual([{ name: 'test_greetings' }]);
    } finally {
      await handle.close();
    }
  });

  it('a clash is refused at start: a second module of one name, a migration or a command named twice', () => {
    const fixture = greetingsModule([]);
    expect(() => migrationsOf([fixture, { ...fixture, migrations: {} }])).toThrow('two modules are named "greetings"');
    expect(() => migrationsOf([fixture, { ...fixture, name: 'other' }])).toThrow(
      '"9001-test-greetings" exists already',
    );
    expect(() => migrationsOf([{ ...fixture, migrations: { '0001-platform': { up: async () => {} } } }])).toThrow(
      '"0001-platform" exists already',
    );
    expect(() => migrationsOf([{ ...fixture, migrations: { greetings: { up: async () => {} } } }])).toThrow(
      'is not named NNNN-title',
    );
    expect(() => commandsOf([fixture, { ...fixture, name: 'other' }], {})).toThrow('"greetings hello" exists already');
  });
});
