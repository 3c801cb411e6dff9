import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Migration } from 'kysely/migration';
import type { CliCommands } from './cli/cli.ts';
import type { Config } from './config/config.ts';
import type { Db } from './db/database.ts';
import { platformMigrations } from './db/migrations/index.ts';
import type { NavProvider } from './http/platform.tsx';
import type { JobDefinition } from './jobs/job-definition.ts';
import type { Jobs } from './jobs/jobs.service.ts';
import type { Notifier } from './mail/notifier.service.ts';

/**
 * What a module is given when a process starts: the process's shared services, and nothing else
 * (no container). main.ts builds it; tests build it through createTestApp.
 */
export interface ModuleContext {
  config: Config;
  db: Db;
  clock: () => Date;
  /** Enqueues jobs in the caller's transaction; only ROLE=all|worker runs them. */
  jobs: Jobs;
  /** E-mail and Teams, delivered by jobs after the caller's transaction commits. */
  notifier: Notifier;
}

/** A module's parts in one process, built once by `Module.setup`: its routes and jobs share what setup built. */
export interface ModuleParts {
  /**
   * A Fastify plugin with the module's routes (typed by their zod schemas); every route declares
   * `config.access`. Registered in its own encapsulated context, in list order.
   */
  routes?: FastifyPluginAsyncZod;
  /** Links the module adds to the main navigation (in the order of the module list). */
  nav?: NavProvider;
  /** Registered with the job system in every role; run where ROLE=all|worker. */
  jobs?: readonly JobDefinition[];
}

/**
 * One domain module, as its index.ts exports it. The app, the worker and the CLI go through the
 * one list in src/modules.ts: adding a module is its folder and one line there.
 */
export interface Module {
  /** kebab-case, unique. */
  name: string;
  /**
   * Wires the module for this process, once, before any request or job: builds its services from
   * `ctx` and may make idempotent start-up writes (e.g. its e-service's entry in the catalogue).
   */
  setup(ctx: ModuleContext): ModuleParts | Promise<ModuleParts>;
  /** Its `npm run cli -- <command>` commands. */
  commands?: CliCommands;
  /** Demo data (SEED_DEMO), after the platform's demo users; idempotent. */
  seed?(db: Db, config: Config): Promise<void>;
  /**
   * Demo history no first request needs (past bookings for insight, say): run once the server
   * listens, after `seed`, so a new demo starts as fast as one without it. Idempotent.
   */
  seedHistory?(db: Db, config: Config): Promise<void>;
  /** Its migrations, named `NNNN-title` in one sequence shared by the platform and every module. */
  migrations?: Readonly<Record<string, Migration>>;
}

/**
 * Sets every module up for this process, in list order, and registers their jobs with `ctx.jobs`
 * (call `jobs.start()` afterwards, so their queues exist). Give the parts to buildApp.
 */
export async function setUpModules(modules: readonly Module[], ctx: ModuleContext): Promise<ModuleParts[]> {
  const all: ModuleParts[] = [];
  for (const module of modules) {
    const parts = await module.setup(ctx);
    for (const definition of parts.jobs ?? []) ctx.jobs.register(definition);
    all.push(parts);
  }
  return all;
}

/** Seeds the modules' demo data in list order (the platform's demo users come first: seedDemo). */
export async function seedModules(modules: readonly Module[], db: Db, config: Config): Promise<void> {
  for (const module of modules) await module.seed?.(db, config);
}

/** The modules' demo history (seedHistory), in list order; main.ts runs it once the server listens. */
export async function seedModuleHistory(modules: readonly Module[], db: Db, config: Config): Promise<void> {
  for (const module of modules) await module.seedHistory?.(db, config);
}

/**
 * The platform's migrations and every module's, in name order. Two with one name, or module names
 * that are not unique, are a programming error caught at start.
 */
export function migrationsOf(modules: readonly Module[]): Record<string, Migration> {
  const names = new Set<string>();
  const all: Record<string, Migration> = { ...platformMigrations };
  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`two modules are named "${module.name}"`);
    names.add(module.name);
    for (const [name, migration] of Object.entries(module.migrations ?? {})) {
      if (!/^\d{4}-[a-z0-9-]+$/.test(name))
        throw new Error(`module ${module.name}: migration "${name}" is not named NNNN-title`);
      if (Object.hasOwn(all, name))
        throw new Error(`module ${module.name}: a migration named "${name}" exists already`);
      all[name] = migration;
    }
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The commands of every module; a name given twice is a programming error. */
export function commandsOf(modules: readonly Module[], platform: CliCommands): CliCommands {
  const all: Record<string, CliCommands[string]> = { ...platform };
  for (const module of modules) {
    for (const [name, command] of Object.entries(module.commands ?? {})) {
      if (Object.hasOwn(all, name)) throw new Error(`module ${module.name}: a command named "${name}" exists already`);
      all[name] = command;
    }
  }
  return all;
}
