import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import { bDb } from '../booking.table.ts';
import { postForm, text } from '../booking.test-support.ts';

describe.each(testEngines())('the booking form’s invitees and Teams link on %s', (engine) => {
  let t: TestApp;
  let johanCookies: Record<string, string>;
  let erikCookies: Record<string, string>;
  let adminCookies: Record<string, string>;
  const get = (url: string, cookies: Record<string, string>) => t.app.inject({ method: 'GET', url, cookies });
  const form = (fields: Record<string, string>) => ({
    rum: 'stadshuset-oresund',
    datum: '2026-12-01',
    start: '09:00',
    slut: '10:00',
    titel: 'Planering',
    deltagare: '3',
    inbjudna: '',
    teams: '',
    ...fields,
  });
  const mailsTo = async (recipient: string) =>
    (
      await t.database.db.selectFrom('outbox_messages').select(['subject']).where('recipient', '=', recipient).execute()
    ).map((r) => r.subject);

  beforeAll(async () => {
    t = await createTestApp({ engine });
    johanCookies = await sessionCookieFor(t, 'johan');
    erikCookies = await sessionCookieFor(t, 'erik');
    adminCookies = await sessionCookieFor(t, 'admin');
  });
  afterAll(async () => t.close());

  it('keeps the input and says how to fix a name nobody has and a link that is not Teams; nothing is booked', async () => {
    const page = '/lokaler/boka?rum=stadshuset-oresund';
    const response = await postForm(
      t,
      '/lokaler/boka',
      johanCookies,
      page,
      form({ inbjudna: 'Sara Nilsson\nKalle Anka', teams: 'https://zoom.us/j/1', nyckel: 'form-key-invitees-1' }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/<title>Fel: /);
    const shown = text(response.body);
    expect(shown).toContain('Ingen medarbetare heter ”Kalle Anka”. Kontrollera stavningen');
    expect(shown).toContain('Ange en Teams-länk som börjar med https://teams.microsoft.com/');
    expect(response.body).toContain('href="#inbjudna"');
    expect(response.body).toContain('href="#teams"');
    expect(response.body).toMatch(/<textarea[^>]*id="inbjudna"[^>]*>Sara Nilsson\nKalle Anka<\/textarea>/);
    const count = await bDb(t.database.db)
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('idempotency_key', '=', 'form-key-invitees-1')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('books with invitees and a Teams link, shows them on the booking page, and a change removes one (who gets a cancellation)', async () => {
    const created = await postForm(
      t,
      '/lokaler/boka',
      johanCookies,
      '/lokaler/boka?rum=stadshuset-oresund',
      form({
        inbjudna: 'Sara Nilsson, gast@example.org',
        teams: 'https://teams.microsoft.com/l/meetup-join/abc',
        nyckel: 'form-key-invitees-2',
      }),
    );
    expect(created.statusCode).toBe(303);
    const url = created.headers.location as string;
    const page = await get(url, johanCookies);
    const shown = text(page.body);
    expect(shown).toContain('Inbjudna Sara Nilsson gast@example.org (gäst)');
    expect(page.body).toContain('href="https://teams.microsoft.com/l/meetup-join/abc"');
    expect(page.body).toMatch(/<textarea[^>]*id="inbjudna"[^>]*>Sara Nilsson\ngast@example.org<\/textarea>/);
    expect(await mailsTo('sara.nilsson@malmo.example')).toEqual([expect.stringMatching(/^Inbjudan: Planering/)]);
    expect(await mailsTo('gast@example.org')).toHaveLength(1);

    // A move button's form sends no invitee fields: the invitees stay.
    const moved = await postForm(t, `${url}/andra`, johanCookies, url, {
      datum: '2026-12-01',
      start: '11:00',
      slut: '12:00',
      titel: 'Planering',
      deltagare: '3',
      sekvens: '0',
    });
    expect(moved.statusCode).toBe(303);
    expect(text((await get(url, johanCookies)).body)).toContain('gast@example.org (gäst)');

    const changed = await postForm(t, `${url}/andra`, johanCookies, url, {
      datum: '2026-12-01',
      start: '11:00',
      slut: '12:00',
      titel: 'Planering',
      deltagare: '3',
      sekvens: '1',
      inbjudna: 'Sara Nilsson',
      teams: '',
    });
    expect(changed.statusCode).toBe(303);
    const after = await get(url, johanCookies);
    expect(text(after.body)).not.toContain('gast@example.org');
    expect(after.body).not.toContain('teams.microsoft.com/l/');
    expect((await mailsTo('gast@example.org')).at(-1)).toMatch(/^Du är inte längre inbjuden: Planering/);
    expect(await mailsTo('sara.nilsson@malmo.example')).toHaveLength(3);
  });

  it('in a private room, an invited administrator reads the title and the invitees; one not invited sees neither', async () => {
    const created = await postForm(t, '/lokaler/boka', erikCookies, '/lokaler/boka?rum=kirseberg-samtal', {
      ...form({ rum: 'kirseberg-samtal', titel: 'Samtal med familjen K', deltagare: '2' }),
      inbjudna: 'maria.andersson@malmo.example',
      nyckel: 'form-key-invitees-3',
    });
    expect(created.statusCode).toBe(303);
    const url = created.headers.location as string;
    const asInvited = text((await get(url, adminCookies)).body);
    expect(asInvited).toContain('Samtal med familjen K');
    expect(asInvited).toContain('Inbjudna Maria Andersson');
    await postForm(t, `${url}/andra`, erikCookies, url, {
      datum: '2026-12-01',
      start: '09:00',
      slut: '10:00',
      titel: 'Samtal med familjen K',
      deltagare: '2',
      sekvens: '0',
      inbjudna: '',
    });
    const page = await get(url, adminCookies);
    expect(text(page.body)).not.toContain('familjen K');
    expect(text(page.body)).not.toContain('Inbjudna');
    expect(page.body).not.toContain('id="inbjudna"');
  });
});
