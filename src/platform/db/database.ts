import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import {
  listenWithPglite,
  listenWithPostgres,
  type ChangeHandlers,
  type ChangeListener,
} from './change-notifications.ts';
import { createPgliteDataDir, isPgliteDataDir, pgliteTemplateTar, refuseOccupiedDataDir } from './pglite-template.ts';
import type { PlatformDatabase } from './types.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely handle, which engine is behind it, and raw SQL for pg-boss. */
export interface DatabaseHandle {
  db: Kysely<PlatformDatabase>;
  kind: DatabaseKind;
  /** Runs SQL outside Kysely (pg-boss): parameterless multi-statement text goes through `exec` on PGlite. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /**
   * Hears every committed notifyChanged, from any process (change-notifications.ts); resolves
   * once listening. Closed by its own close(), or at the latest by the handle's.
   */
  listenForChanges(handlers: ChangeHandlers): Promise<ChangeListener>;
  close(): Promise<void>;
}

export type Db = Kysely<PlatformDatabase>;
export type Trx = Transaction<PlatformDatabase>;

// int8 as JS number (counts, ids); numeric stays string; dates as Date.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** Where PGlite's initdb template lives (default node_modules/.cache/smorgasbord; tests point elsewhere). */
  pgliteTemplateDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://', options.pgliteTemplateDir);
}

/**
 * PostgreSQL's default 128 MB of shared buffers live inside PGlite's WebAssembly memory and are
 * all touched at start: a third of the process's memory for a database of a few megabytes.
 * 16 MB holds the demo data and a municipality's first years many times over; the operating
 * system's page cache still holds the data files behind them.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

/**
 * bytea to and from PostgreSQL's hex text (`\x0a1b…`) with Buffer's native hex codec. PGlite's own
 * goes byte by byte through strings: 16 decision letters (600 KB) took 60 ms to store and 37 ms
 * to read, during which nothing else on this thread ran; with these, 30–40 ms and 3–9 ms. Reading
 * gives a Buffer, as node-postgres does.
 */
function byteaToText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}
function byteaFromText(text: string): Buffer {
  return Buffer.from(text.slice(2), 'hex');
}

/**
 * PGlite runs PostgreSQL on this thread, synchronously, and answers through promises that settle
 * as microtasks: a job awaiting query after query (a batch of 500 applications) never let the
 * event loop take a request, and pages stalled for 0.5–2.5 s while the SFI pipeline ran. Every
 * query first waits for the event loop's next turn (setImmediate, after pending I/O), so a page
 * waits at most for the one query running, not for a whole batch.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function openPglite(dataDir: string, templateDir: string | undefined): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  // A new database starts from the initialised template instead of running initdb
  // (pglite-template.ts). Should the template be unusable (a read-only installation without
  // one, files of another user), PGlite runs initdb as it would without: slower, never stuck.
  const fromTemplate = async <T>(make: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await make();
    } catch (error) {
      process.emitWarning(`the PGlite template could not be used, running initdb instead: ${String(error)}`, {
        code: 'SMB_PGLITE_TEMPLATE',
      });
      return undefined;
    }
  };
  let loadDataDir: Blob | undefined;
  if (inMemory) loadDataDir = await fromTemplate(() => pgliteTemplateTar(templateDir));
  else if (!isPgliteDataDir(dataDir)) {
    refuseOccupiedDataDir(dataDir);
    await fromTemplate(() => createPgliteDataDir(dataDir, templateDir));
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(inMemory ? undefined : dataDir, {
    extensions: { btree_gist },
    parsers: { 20: (v: string) => Number(v), 17: byteaFromText },
    serializers: { 17: byteaToText },
    ...(loadDataDir ? { loadDataDir } : {}),
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  const db = new Kysely<PlatformDatabase>({
    dialect: new PGliteDialect({
      pglite,
      async onCreateConnection(connection) {
        const execute = connection.executeQuery.bind(connection);
        connection.executeQuery = async (query) => {
          await yieldToEventLoop();
          return execute(query);
        };
      },
    }),
  });
  const listeners = new ListenerSet();
  return {
    db,
    kind: 'pglite',
    listenForChanges: (handlers) => listeners.add(listenWithPglite(pglite, handlers)),
    async executeSql(text, values) {
      await yieldToEventLoop();
      if (values && values.length > 0) return pglite.query(text, values as unknown[]);
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async close() {
      await listeners.closeAll();
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection the server closes (a restart, a failover, an administrator's
  // terminate) emits 'error' on the pool; unheard, that would crash the process. The pool drops
  // the client and opens a new one on demand; queries in flight fail on their own.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL closed an idle pooled connection: ${error.message}`, {
      code: 'SMB_PG_IDLE_CLIENT',
    });
  });
  const db = new Kysely<PlatformDatabase>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new ListenerSet();
  return {
    db,
    kind: 'postgres',
    listenForChanges: (handlers) => listeners.add(listenWithPostgres(url, handlers)),
    async executeSql(text, values) {
      const result: pg.QueryResult | pg.QueryResult[] = await pool.query(text, values as unknown[] | undefined);
      // A multi-statement text yields one result per statement; the last one is the answer.
      return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
    },
    async close() {
      await listeners.closeAll();
      await db.destroy();
    },
  };
}

/** The change listeners a handle opened, so closing the handle closes them: none keeps the process alive. */
class ListenerSet {
  private readonly open = new Set<ChangeListener>();

  async add(opening: Promise<ChangeListener>): Promise<ChangeListener> {
    const listener = await opening;
    this.open.add(listener);
    return {
      close: async () => {
        if (!this.open.delete(listener)) return;
        await listener.close();
      },
    };
  }

  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.all(all.map((listener) => listener.close()));
  }
}

/** Raw SQL through a transaction, for libraries that must write in the caller's transaction. */
export function sqlExecutorFor(trx: Trx): {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    async executeSql(text, values) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}

/** True when the error is a PostgreSQL error with the given SQLSTATE. */
export function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}
