import type { Migration } from 'kysely/migration';
import { useAuditHmacKey } from '../audit/audit.service.ts';
import { loadConfig, ConfigError, type Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/**
 * `npm run cli -- <command> [args]`. Commands are plain values: the platform and every module
 * export theirs, and src/cli.ts lists them. Each gets parsed config and an open, migrated
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
  /** `false`: the database is opened but not migrated first (the `migrate` command, which reports what it applies). */
  migrateFirst?: boolean;
  /** Returns the process exit code. */
  run(ctx: CliContext): Promise<number>;
}

/** Commands by name; a name may be two words ("audit verify"). */
export type CliCommands = Readonly<Record<string, CliCommand>>;

export interface CliOptions {
  commands: CliCommands;
  /** Every migration of the platform and the modules: the CLI migrates before a command that needs the database. */
  migrations: Readonly<Record<string, Migration>>;
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

/** Runs the command `argv` names; returns the exit code (2 for an unknown command, 78 for bad configuration). */
export async function runCli(argv: string[], { commands, migrations }: CliOptions): Promise<number> {
  const [name, ...rest] = argv;
  // Two-word commands ("audit verify", "rules eval") are looked up first.
  const twoWord = name && rest[0] ? `${name} ${rest[0]}` : undefined;
  const key = twoWord && Object.hasOwn(commands, twoWord) ? twoWord : name;
  const command = key && Object.hasOwn(commands, key) ? commands[key] : undefined;
  if (!command) {
    console.error('usage: npm run cli -- <command>\n\ncommands:');
    for (const [n, c] of Object.entries(commands).sort(([a], [b]) => a.localeCompare(b))) {
      console.error(`  ${n.padEnd(22)} ${c.summary}`);
    }
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
  useAuditHmacKey(config.AUDIT_HMAC_KEY);
  if (command.needsDatabase === false) {
    return await command.run({ config, database: noDatabase(key!), args: positional, flags, stdin: readStdin });
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    if (command.migrateFirst !== false) await migrateToLatest(database.db, migrations);
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
