import { runCli, type CliCommands } from './platform/cli/cli.ts';
import { describeConfig } from './platform/config/config.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { seedDemo } from './platform/seed/seed.ts';
import { auditCommands } from './platform/audit/audit.commands.ts';
import { tokenCommands } from './platform/auth/token.commands.ts';
import { commandsOf, seedModules } from './platform/module.ts';
import { migrations, modules } from './modules.ts';

/** The platform's own commands: the database's schema and demo data, and the configuration reference. */
const platformCommands: CliCommands = {
  migrate: {
    summary: 'Apply pending database migrations.',
    // It migrates itself, so it can say what it applied (the CLI's own migration would leave it nothing).
    migrateFirst: false,
    async run({ database }) {
      const applied = await migrateToLatest(database.db, migrations);
      console.error(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    },
  },
  seed: {
    summary: 'Seed the demo municipality, test users and every module’s demo data (idempotent).',
    async run({ config, database }) {
      await seedDemo(database.db, { code: config.MUNICIPALITY_CODE, name: config.MUNICIPALITY_NAME });
      await seedModules(modules, database.db, config);
      console.error('demo data seeded');
      return 0;
    },
  },
  config: {
    summary: 'Print the configuration reference (every environment variable).',
    needsDatabase: false,
    async run() {
      for (const v of describeConfig()) {
        console.log(
          `${v.name}${v.defaultValue !== undefined ? ` (default: ${v.defaultValue})` : ''}${v.sensitive ? ' [sensitive]' : ''}\n    ${v.description}`,
        );
      }
      return 0;
    },
  },
};

/** Every command of `npm run cli -- <command>`: the platform's, then each module's. */
export const commands: CliCommands = commandsOf(modules, { ...platformCommands, ...tokenCommands, ...auditCommands });

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2), { commands, migrations });
}
