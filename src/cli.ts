import { loadConfig, describeConfig, ConfigError, type Config } from './platform/config/config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { seedDemo } from './platform/seed/seed.ts';

/**
 * `npm run cli -- <command> [args]`. Each command gets parsed config and an open, migrated
 * database; output for machines goes to stdout, messages for people to stderr.
 */
export interface CliContext {
  config: Config;
  database: DatabaseHandle;
  args: string[];
  /** `--name value` flags. */
  flags: Record<string, string | true>;
  stdin: () => Promise<string>;
}

export interface CliCommand {
  summary: string;
  usage?: string;
  /**
   * `false`: runs without opening or migrating the database (pure commands such as `config`
   * and `rules eval`); its `database` then throws on any use.
   */
  needsDatabase?: boolean;
  /** Returns the process exit code. */
  run(ctx: CliContext): Promise<number>;
}

const commands: Record<string, CliCommand> = {
  migrate: {
    summary: 'Apply pending database migrations.',
    async run({ database }) {
      const applied = await migrateToLatest(database.db);
      console.error(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    },
  },
  seed: {
    summary: 'Seed the demo municipality and test users (idempotent).',
    async run({ config, database }) {
      await seedDemo(database.db, { code: config.MUNICIPALITY_CODE, name: config.MUNICIPALITY_NAME });
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

/** Modules and platform parts add their commands here (see the imports at the end). */
export function registerCommand(name: string, command: CliCommand): void {
  commands[name] = command;
}

function parseFlags(args: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags[arg.slice(2)] = next;
        i++;
      } else flags[arg.slice(2)] = true;
    } else positional.push(arg);
  }
  return { positional, flags };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runCli(argv: string[]): Promise<number> {
  await loadCommands();
  const [name, ...rest] = argv;
  // Two-word commands ("audit verify", "rules eval") are looked up first.
  const twoWord = name && rest[0] ? `${name} ${rest[0]}` : undefined;
  const key = twoWord && commands[twoWord] ? twoWord : name;
  const command = key ? commands[key] : undefined;
  if (!command) {
    console.error('usage: npm run cli -- <command>\n\ncommands:');
    for (const [n, c] of Object.entries(commands).sort()) console.error(`  ${n.padEnd(22)} ${c.summary}`);
    return name ? 2 : 0;
  }
  const { positional, flags } = parseFlags(key === twoWord ? rest.slice(1) : rest);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  if (command.needsDatabase === false) {
    return await command.run({ config, database: noDatabase(key!), args: positional, flags, stdin: readStdin });
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    return await command.run({ config, database, args: positional, flags, stdin: readStdin });
  } finally {
    await database.close();
  }
}

/** Stands in for the database in a command that declared `needsDatabase: false`. */
function noDatabase(command: string): DatabaseHandle {
  return new Proxy({} as DatabaseHandle, {
    get() {
      throw new Error(`the command "${command}" declares needsDatabase: false but uses the database`);
    },
  });
}

/**
 * Commands from the platform and modules register themselves on import. Loaded on first run,
 * not at module top level: those files import `registerCommand` from this module, and a
 * top-level `await import()` of them here would wait on this module's own evaluation (an ESM
 * cycle through top-level await never settles — node exits with code 13).
 */
async function loadCommands(): Promise<void> {
  await import('./cli-commands.ts');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // No top-level await either, for the same reason.
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
