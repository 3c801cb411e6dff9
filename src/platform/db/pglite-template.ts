import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { projectRoot } from '../config/project-root.ts';

/**
 * A new PGlite database starts from a template: a freshly initialised data directory, made once
 * into node_modules/.cache/smorgasbord/ (by `npm ci`'s postinstall, or by the first open that
 * finds none). Running initdb takes about 3 s of CPU on every new database (`npm start`'s first
 * start, each PGlite test file); copying the template takes milliseconds, and loading its tar
 * into an in-memory database about 0.6 s. The template is keyed by the installed PGlite version
 * (its PostgreSQL data format) and holds nothing but initdb's output: migrations and the seed
 * still run on the new database.
 */
const pgliteVersion = (
  JSON.parse(
    // The package exports no ./package.json: it sits one folder above the entry point (dist/).
    readFileSync(
      join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'),
      'utf8',
    ),
  ) as { version: string }
).version;

/** The template as a closed data directory (copied for a DATA_DIR) … */
export const pgliteTemplateDir = join(projectRoot, 'node_modules', '.cache', 'smorgasbord', `pglite-${pgliteVersion}`);
// … and `${pgliteTemplateDir}.tar`: the same files as a tar, loaded into an in-memory database.

/** True when `dataDir` already holds a database. */
export function isPgliteDataDir(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Makes `dataDir` a copy of the template. The copy is made beside it and renamed into place, so
 * a start interrupted half-way leaves no half a database behind.
 */
export async function createPgliteDataDir(dataDir: string, templateDir = pgliteTemplateDir): Promise<void> {
  refuseOccupiedDataDir(dataDir);
  await ensurePgliteTemplate(templateDir);
  const partial = `${dataDir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    cpSync(templateDir, partial, { recursive: true });
    mkdirSync(dirname(dataDir), { recursive: true });
    renameSync(partial, dataDir); // replaces an empty directory
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** A DATA_DIR holding files but no database is someone's folder: never written into. */
export function refuseOccupiedDataDir(dataDir: string): void {
  if (existsSync(dataDir) && !isPgliteDataDir(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`DATA_DIR ${dataDir} holds files but no database (no PG_VERSION): empty it or choose another.`);
}

/** The template's tar, for an in-memory database. */
export async function pgliteTemplateTar(templateDir = pgliteTemplateDir): Promise<Blob> {
  await ensurePgliteTemplate(templateDir);
  return new Blob([readFileSync(`${templateDir}.tar`)]);
}

/**
 * Runs initdb into a new data directory and stores it, and its tar, as the template. Atomic by
 * rename: parallel test workers (or two starts) may race, and the first to finish wins.
 */
export async function ensurePgliteTemplate(templateDir = pgliteTemplateDir): Promise<void> {
  const templateTar = `${templateDir}.tar`;
  if (existsSync(templateDir) && existsSync(templateTar)) return;
  const partial = `${templateDir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const pglite = await PGlite.create(partial);
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  writeFileSync(`${partial}.tar`, new Uint8Array(await dump.arrayBuffer()));
  for (const [from, to] of [
    [`${partial}.tar`, templateTar],
    [partial, templateDir],
  ] as const) {
    try {
      renameSync(from, to);
    } catch (error) {
      // Another process made it first (a directory cannot replace a non-empty one): use theirs.
      if (!existsSync(to)) throw error;
      rmSync(from, { recursive: true, force: true });
    }
  }
}
