/**
 * Issue 14: a page rendered once in one web process is dropped when its data changes through
 * another. Two real servers (`node --import tsx src/main.ts`, ROLE=web) on one fresh PostgreSQL
 * database keep the SFI start page, which shows the municipal settings; the settings are saved
 * through the real service (as the admin page does, without scripting a sign-in) and both
 * processes show the new page within a second. Then web B's listening connection is terminated
 * by the server, as a restart or an administrator would: B reconnects, drops every page it kept
 * (what was announced meanwhile is lost) and hears the next change again. Both stop cleanly.
 *
 * PostgreSQL only: PGlite is an embedded database that one process at a time may open.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formFieldsOf,
  getSettingsInForce,
  saveSettingsFromForm,
  stockholmDate,
} from '../../src/modules/e-services/index.ts';
import { SFI_SETTINGS_PARAMETERS } from '../../src/modules/sfi/sfi-e-service.ts';
import { findUserByUsername } from '../../src/platform/auth/user.repository.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { createScratchDatabase } from '../helpers/database.ts';
import { ServerGroup, type ServerExit, type ServerProcess } from './server-process.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
const PAGE = '/e-tjanster/sfi';
/** How soon a change saved anywhere must be on every process's page. */
const WITHIN_MS = 1_000;

describe.skipIf(!adminUrl)('a page rendered once follows its data across web processes (PostgreSQL only)', () => {
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  let database: DatabaseHandle | undefined;
  let webA: ServerProcess;
  let webB: ServerProcess;

  const group = new ServerGroup(() => ({ DATABASE_URL: scratch!.url, DATABASE_POOL_SIZE: '3' }));

  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl!, 'smb_invalidate');
    // A migrates and seeds first, alone; B's start then finds both done.
    webA = await group.start('web A', { ROLE: 'web' });
    webB = await group.start('web B', { ROLE: 'web' });
    database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
  });

  afterAll(async () => {
    await group.killLeftovers();
    await database?.close().catch(() => undefined);
    await scratch?.drop();
  });

  async function page(server: ServerProcess): Promise<{ html: string; etag: string }> {
    const response = await fetch(`${server.baseUrl}${PAGE}`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(200);
    return { html: await response.text(), etag: response.headers.get('etag') ?? '' };
  }

  /** Milliseconds until the page on `server` contains `text`; fails after WITHIN_MS. */
  async function shows(server: ServerProcess, text: string, since: number): Promise<number> {
    for (;;) {
      const { html } = await page(server);
      const elapsed = Math.round(performance.now() - since);
      if (html.includes(text)) return elapsed;
      if (elapsed > WITHIN_MS)
        throw new Error(`${server.baseUrl}${PAGE} did not show "${text}" within ${WITHIN_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Saves new settings in force today through the real service (what the admin page calls). */
  async function saveSettings(change: Record<string, string>): Promise<void> {
    const db = database!.db;
    const today = stockholmDate(new Date());
    const inForce = (await getSettingsInForce(db, 'sfi', today))!;
    await saveSettingsFromForm(db, {
      serviceId: 'sfi',
      values: { ...formFieldsOf(inForce.settings, today), ...change },
      parameters: SFI_SETTINGS_PARAMETERS,
      actor: (await findUserByUsername(db, 'admin'))!,
      now: new Date(),
    });
  }

  /** The backend of `server`'s listening connection (its application_name carries the process id). */
  async function listenerPid(server: ServerProcess): Promise<number | undefined> {
    const row = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where datname = current_database() and application_name = ${`smorgasbord-changes:${server.child.pid}`}`.execute(
      database!.db,
    );
    return row.rows[0]?.pid;
  }

  it('a saved change is on both processes’ kept pages within a second', async () => {
    const [a, b] = [await page(webA), await page(webB)];
    expect(b.html).toContain('070-174 06 05');
    // Kept: the same bytes, the same ETag, on the next request.
    expect((await page(webB)).etag).toBe(b.etag);
    expect(a.etag).toBe(b.etag);

    const saved = performance.now();
    await saveSettings({ phone: '070-174 06 07' });
    const [onB, onA] = [await shows(webB, '070-174 06 07', saved), await shows(webA, '070-174 06 07', saved)];
    expect(onB, group.outputs()).toBeLessThanOrEqual(WITHIN_MS);
    expect(onA).toBeLessThanOrEqual(WITHIN_MS);
    expect((await page(webB)).etag).not.toBe(b.etag);
  });

  it('web B reconnects after its listening connection is terminated, drops its pages, and hears changes again', async () => {
    const before = await listenerPid(webB);
    expect(before, group.outputs()).toBeDefined();
    expect(await listenerPid(webA)).toBeDefined();
    // Changed behind the services' back: no process is told, B's kept page stays as it was.
    await sql`update e_service_settings set settings = jsonb_set(settings, '{email}', '"tyst@malmo.example"')`.execute(
      database!.db,
    );
    expect((await page(webB)).html).not.toContain('tyst@malmo.example');

    await sql`select pg_terminate_backend(${before!}::int)`.execute(database!.db);
    const deadline = Date.now() + 10_000;
    let after = await listenerPid(webB);
    while (after === undefined || after === before) {
      if (Date.now() > deadline) throw new Error(`web B did not listen again within 10 s\n${group.outputs()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await listenerPid(webB);
    }
    // Back, it dropped what it kept: a change may have been announced while nobody listened.
    const reconnected = performance.now();
    await shows(webB, 'tyst@malmo.example', reconnected);

    const saved = performance.now();
    await saveSettings({ phone: '070-174 06 08' });
    expect(await shows(webB, '070-174 06 08', saved)).toBeLessThanOrEqual(WITHIN_MS);
    expect(await shows(webA, '070-174 06 08', saved)).toBeLessThanOrEqual(WITHIN_MS);
  });

  it('both stop cleanly on SIGTERM, the listening connections closed (exit code 0)', async () => {
    const exits = await group.stopAll();
    const expected: (ServerExit & { name: string })[] = group.names.map((name) => ({ name, code: 0, signal: null }));
    expect(exits, group.outputs()).toEqual(expected);
    const listeners = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name like 'smorgasbord-changes:%'`.execute(database!.db);
    expect(listeners.rows[0]?.n).toBe(0);
  });
});
