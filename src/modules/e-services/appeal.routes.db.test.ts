import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { visibleText } from '../../../test/helpers/html.ts';
import { csrfFor, sessionCookieFor } from '../../../test/helpers/sessions.ts';
import type { User } from '../../platform/auth/roles.ts';
import { appeal, getMyCase } from './applicant.service.ts';
import { listAppealsByCase } from './appeal.repository.ts';
import { decideManually } from './caseworker.service.ts';
import { decideByRules, ensureTestService, REASONS, submitFor, user } from './e-services.fixtures.ts';
import { eDb } from './e-services.table.ts';

const DAY = 86_400_000;

/**
 * The three actions on an appeal on the caseworker's case page: reconsider (omprövning), dismiss
 * as late (avvisning) and forward (överlämnande), each its own form with a confirmation; wrong
 * input re-renders with Swedish errors (422), success redirects with a flash (303).
 */
describe.each(testEngines())('appeal actions on the case page on %s', (engine) => {
  let t: TestApp;
  let amina: User;
  let sara: User;
  let cookies: Record<string, string>;
  const get = (url: string) => t.app.inject({ method: 'GET', url, cookies });

  async function post(caseId: string, action: string, fields: Record<string, string>) {
    const pageUrl = `/handlaggning/arenden/${caseId}`;
    const form = await csrfFor(t, cookies, pageUrl);
    const response = await t.app.inject({
      method: 'POST',
      url: `${pageUrl}/overklagande/${action}`,
      cookies: form.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: form.token, ...fields }).toString(),
    });
    return { response, cookies: form.cookies };
  }

  /** A refused case its applicant appealed `afterDays` after reading it (today, by the test clock). */
  async function appealed(afterDays: number, readDaysAgo = afterDays) {
    const readAt = new Date(t.clock().getTime() - readDaysAgo * DAY);
    const c = await submitFor(t.database.db, amina, readAt);
    await decideByRules(t.database.db, c.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], readAt);
    await decideManually(
      { db: t.database.db, notifier: t.notifier, baseUrl: t.config.BASE_URL, municipalityName: 'Malmö' },
      { caseId: c.id, outcome: 'refuse', motivation: 'Folkbokförd i Lund.', caseworker: sara, now: readAt },
    );
    await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: readAt });
    await appeal(t.database.db, {
      userId: amina.id,
      caseId: c.id,
      text: 'Jag bor i Malmö nu.',
      now: new Date(readAt.getTime() + afterDays * DAY),
    });
    return c;
  }

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await ensureTestService(t.database.db);
    amina = await user(t.database.db, 'amina');
    sara = await user(t.database.db, 'sara');
    cookies = await sessionCookieFor(t, 'sara');
  });
  afterAll(async () => t.close());

  it('offers the three actions instead of the decide form, with the day to forward by', async () => {
    const c = await appealed(25, 26);
    const page = await get(`/handlaggning/arenden/${c.id}`);
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Hantera överklagandet');
    expect(text).toContain('Ompröva beslutet');
    expect(text).toContain('Avvisa för sent överklagande');
    expect(text).toContain('Överlämna till Skolväsendets överklagandenämnd');
    expect(text).toContain('Hantering Väntar på kommunen');
    expect(text).toContain('Ska överlämnas senast');
    expect(page.body).toContain(`action="/handlaggning/arenden/${c.id}/overklagande/avvisning"`);
    expect(page.body).not.toContain(`action="/handlaggning/arenden/${c.id}/beslut"`);
    // Came in yesterday: not yet overdue.
    expect(text).not.toContain('har väntat mer än en vecka');
  });

  it('warns when an appeal has waited more than a week without being forwarded', async () => {
    const c = await appealed(5, 20);
    const text = visibleText((await get(`/handlaggning/arenden/${c.id}`)).body);
    expect(text).toContain('Överklagandet har väntat mer än en vecka');
    // An appeal on time cannot be dismissed: no form, a sentence saying why.
    expect(text).toContain('Överklagandet kom in i tid och kan inte avvisas som för sent.');
  });

  it('re-renders a form sent without its choices with Swedish errors (422)', async () => {
    const c = await appealed(5);
    const { response } = await post(c.id, 'omprovning', { motivation: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/<title>Fel: /);
    const text = visibleText(response.body);
    expect(text).toContain('Välj ett alternativ för resultatet av omprövningen');
    expect(text).toContain('Fyll i en motivering');
    expect(text).toContain('Kryssa i rutan för att bekräfta');
    const forward = await post(c.id, 'overlamning', {});
    expect(forward.response.statusCode).toBe(422);
    expect(forward.response.body).toContain('href="#confirmForward"');
    expect((await listAppealsByCase(t.database.db, c.id))[0]!.state).toBe('pending');
  });

  it('reconsiders without change (303 + flash), then forwards once; a second forward makes no second case file', async () => {
    const c = await appealed(5);
    const kept = await post(c.id, 'omprovning', {
      change: 'no',
      motivation: 'Folkbokföringen visar fortfarande Lund.',
      confirmReconsider: 'yes',
    });
    expect(kept.response.statusCode).toBe(303);
    expect(kept.response.headers.location).toBe(`/handlaggning/arenden/${c.id}#appeal`);
    const after = await t.app.inject({ method: 'GET', url: `/handlaggning/arenden/${c.id}`, cookies: kept.cookies });
    expect(visibleText(after.body)).toContain('Omprövningen är sparad. Beslutet står fast');
    const first = await post(c.id, 'overlamning', { confirmForward: 'yes' });
    expect(first.response.statusCode).toBe(303);
    const second = await post(c.id, 'overlamning', { confirmForward: 'yes' });
    expect(second.response.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: `/handlaggning/arenden/${c.id}`, cookies: second.cookies });
    const text = visibleText(page.body);
    expect(text).toContain('Överklagandet är redan hanterat.');
    expect(text).toContain('Hantering Överlämnades');
    expect(text).toContain('Akt till överinstansen');
    const files = await eDb(t.database.db)
      .selectFrom('case_documents')
      .select('id')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'case-file')
      .execute();
    expect(files).toHaveLength(1);
    const download = await get(`/handlaggning/arenden/${c.id}/dokument/${files[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
  });

  it('dismisses a late appeal (303 + flash); sending the form again says it is already handled', async () => {
    const c = await appealed(30);
    const dismissed = await post(c.id, 'avvisning', { confirmDismiss: 'yes' });
    expect(dismissed.response.statusCode).toBe(303);
    const page = await t.app.inject({
      method: 'GET',
      url: `/handlaggning/arenden/${c.id}`,
      cookies: dismissed.cookies,
    });
    const text = visibleText(page.body);
    expect(text).toContain('Överklagandet är avvisat. Sökanden får beslutet med brev.');
    expect(text).toContain('Hantering Avvisades: kom in för sent');
    expect(text).toContain('Överklagandet avvisades som för sent');
    const again = await post(c.id, 'avvisning', { confirmDismiss: 'yes' });
    expect(again.response.statusCode).toBe(303);
  });

  it('lists appeals waiting for the municipality, oldest first, and counts appeals on the statistics page', async () => {
    const queue = await get('/handlaggning?status=appeal-pending');
    expect(queue.statusCode).toBe(200);
    const rows = await eDb(t.database.db)
      .selectFrom('case_appeals')
      .innerJoin('cases', 'cases.id', 'case_appeals.case_id')
      .select(['cases.case_number', 'case_appeals.state'])
      .execute();
    for (const row of rows) {
      if (row.state === 'pending') expect(queue.body).toContain(row.case_number!);
      else expect(queue.body).not.toContain(row.case_number!);
    }
    const stats = visibleText((await get('/handlaggning/statistik?weeks=12')).body);
    expect(stats).toContain('Överklaganden som kom in under perioden');
    expect(stats).toContain('Avvisade som för sena 1');
    expect(stats).toContain('Överlämnade till överinstansen 1');
  });
});
