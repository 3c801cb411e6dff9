import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../test/helpers/sessions.ts';
import { findUserByUsername } from '../../platform/auth/user.repository.ts';
import { bDb } from './booking.table.ts';

describe.each(testEngines())('booking navigation on %s', (engine) => {
  let t: TestApp;
  /** The hrefs of the main navigation on `url`, as `username` sees it. */
  async function navOf(username: string, url = '/lokaler/kalender'): Promise<string[]> {
    const page = await t.app.inject({ method: 'GET', url, cookies: await sessionCookieFor(t, username) });
    expect(page.statusCode).toBe(200);
    const nav = /<nav class="smb-nav"[\s\S]*?<\/nav>/.exec(page.body)?.[0] ?? '';
    return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).filter((href) => href.includes('lokaler'));
  }

  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it('shows approvals, insight and calendar links to exactly those who may use them', async () => {
    // Staff without groups: the finder and calendar links only.
    expect(await navOf('johan')).toEqual(['/lokaler', '/lokaler/kalender']);
    // Administrators: everything, on any page (their role decides).
    const all = ['/lokaler', '/lokaler/godkannanden', '/lokaler/insikt', '/lokaler/kalender', '/admin/lokaler'];
    expect(await navOf('admin')).toEqual(all);
    expect(await navOf('admin', '/')).toEqual(all);

    // A member of an approver group (not lokalservice) approves, and sees no insight.
    const db = bDb(t.database.db);
    await db
      .updateTable('booking_rooms')
      .set({ approver_group: 'socialsekreterare' })
      .where('id', '=', 'stadshuset-oresund')
      .execute();
    expect(await navOf('erik')).toEqual(['/lokaler', '/lokaler/godkannanden', '/lokaler/kalender']);
    await db
      .updateTable('booking_rooms')
      .set({ approver_group: null })
      .where('id', '=', 'stadshuset-oresund')
      .execute();
    expect(await navOf('erik')).toEqual(['/lokaler', '/lokaler/kalender']);

    // A member of lokalservice sees insight (and approves the hall lokalservice approves).
    const johan = (await findUserByUsername(t.database.db, 'johan'))!;
    await db.insertInto('booking_group_members').values({ group_id: 'lokalservice', user_id: johan.id }).execute();
    expect(await navOf('johan')).toEqual(['/lokaler', '/lokaler/godkannanden', '/lokaler/insikt', '/lokaler/kalender']);
    // The links lead to pages that let them in.
    const cookies = await sessionCookieFor(t, 'johan');
    for (const url of ['/lokaler/godkannanden', '/lokaler/insikt'])
      expect((await t.app.inject({ method: 'GET', url, cookies })).statusCode).toBe(200);
    await db
      .deleteFrom('booking_group_members')
      .where('group_id', '=', 'lokalservice')
      .where('user_id', '=', johan.id)
      .execute();
    expect(await navOf('johan')).toEqual(['/lokaler', '/lokaler/kalender']);
  });

  it('shows residents no booking links', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/', cookies: await sessionCookieFor(t, 'amina') });
    expect(page.body).not.toContain('href="/lokaler');
  });
});
