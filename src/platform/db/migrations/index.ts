import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-platform.ts';
import * as m0002 from './0002-audit-append-only.ts';
import * as m0014 from './0014-audit-checkpoints.ts';
import * as m0015 from './0015-job-processes.ts';

/**
 * The platform's migrations. Modules keep theirs in their own folder (Module.migrations); one
 * sequence of numbers runs through all of them (platform/module.ts, migrationsOf). Add new ones
 * at the end; never edit one that has shipped.
 */
export const platformMigrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-audit-append-only': m0002,
  '0014-audit-checkpoints': m0014,
  '0015-job-processes': m0015,
};
