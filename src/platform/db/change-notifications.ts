import type { PGlite } from '@electric-sql/pglite';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { PlatformDatabase } from './types.ts';

/**
 * "This data changed" across processes, through PostgreSQL's LISTEN/NOTIFY (issue 14). A service
 * calls notifyChanged in its business transaction; PostgreSQL delivers the notification to every
 * listening connection only when that transaction commits (never on a rollback), on PGlite and
 * on a server alike. Each web process listens and drops what it kept from that data (the pages
 * of rendered-once.ts). A topic names the data, e.g. `e-service-settings:sfi`.
 */
export const CHANGED_CHANNEL = 'smorgasbord_changed';

/** The connection's name in pg_stat_activity, so an operator (or a test) can find the listener. */
export const LISTENER_APPLICATION_NAME = `smorgasbord-changes:${process.pid}`;

/** Announces, in the caller's transaction, that the data named by `topic` changed. */
export async function notifyChanged(trx: Transaction<PlatformDatabase>, topic: string): Promise<void> {
  await sql`select pg_notify(${CHANGED_CHANNEL}, ${topic})`.execute(trx);
}

export interface ChangeHandlers {
  /** The data named by `topic` changed (a transaction that said so committed, in any process). */
  changed(topic: string): void;
  /**
   * Notifications may have been missed: the listening connection was lost and is back. Whatever
   * was kept from the database must be thrown away.
   */
  missed(): void;
}

export interface ChangeListener {
  close(): Promise<void>;
}

/** PGlite is one connection in this process: its own notifications come back to it on commit. */
export async function listenWithPglite(pglite: PGlite, handlers: ChangeHandlers): Promise<ChangeListener> {
  const unlisten = await pglite.listen(CHANGED_CHANNEL, (payload) => handlers.changed(payload));
  return {
    async close() {
      await unlisten();
    },
  };
}

export interface PgListenOptions {
  /** First wait before reconnecting; doubled on each failure up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Told when the connection is lost or cannot be made (the process's warnings by default). */
  onError?: (error: Error) => void;
}

/**
 * One dedicated connection outside the pool: a pooled connection is handed to other queries and
 * closed when idle, and LISTEN belongs to a session. When the connection drops (a restart, a
 * failover, an administrator's terminate) it reconnects with backoff, and once listening again
 * reports `missed`: what was committed in between was announced to nobody here.
 * Resolves once listening the first time (a server that is down at start fails the start).
 */
export async function listenWithPostgres(
  url: string,
  handlers: ChangeHandlers,
  options: PgListenOptions = {},
): Promise<ChangeListener> {
  const minDelayMs = options.minDelayMs ?? 100;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const onError =
    options.onError ??
    ((error: Error) =>
      process.emitWarning(`The change listener lost PostgreSQL: ${error.message}`, { code: 'SMB_PG_LISTENER' }));
  let client: pg.Client | undefined;
  let closed = false;
  let delayMs = minDelayMs;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME });
    // Without a listener an 'error' event would crash the process; the 'end' that follows reconnects.
    next.on('error', (error) => onError(error));
    next.on('notification', (message) => {
      if (message.channel === CHANGED_CHANNEL && message.payload !== undefined) handlers.changed(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANGED_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    next.once('end', () => {
      if (client === next) client = undefined;
      if (!closed) scheduleReconnect();
    });
    client = next;
    if (closed) await next.end();
  };

  const scheduleReconnect = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(
        () => {
          delayMs = minDelayMs;
          handlers.missed();
        },
        (error: unknown) => {
          onError(error instanceof Error ? error : new Error(String(error)));
          delayMs = Math.min(delayMs * 2, maxDelayMs);
          scheduleReconnect();
        },
      );
    }, delayMs);
    // A process that is stopping does not wait for a reconnect.
    timer.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const current = client;
      client = undefined;
      await current?.end();
    },
  };
}
