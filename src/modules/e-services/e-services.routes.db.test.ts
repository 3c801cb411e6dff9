import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { csrfFor, multipartBody, sessionCookieFor } from '../../../test/helpers/sessions.ts';
import type { User } from '../../platform/auth/roles.ts';
import { createApiToken } from '../../platform/auth/tokens.ts';
import { attachLetter, recordFacts } from './case.service.ts';
import { decideManually } from './caseworker.service.ts';
import { eDb } from './e-services.table.ts';
import { decideByRules, ensureTestService, REASONS, submitFor, user } from './e-services.fixtures.ts';
import type { CaseDetail } from './e-services.schema.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);

describe.each(testEngines())('My pages, caseworker workspace and cases API on %s', (engine) => {
  let t: TestApp;
  let amina: User;
  let sara: User;
  let aminaCookies: Record<string, string>;
  let oleksandrCookies: Record<string, string>;
  let saraCookies: Record<string, string>;
  let adminCookies: Record<string, string>;
  let refused: CaseDetail;
  let admitted: CaseDetail;
  let waiting: CaseDetail;
  const e = () => eDb(t.database.db);
  const notify = () => ({
    db: t.database.db,
    notifier: t.notifier,
    baseUrl: t.config.BASE_URL,
    municipalityName: t.config.MUNICIPALITY_NAME,
  });
  const get = (url: string, cookies: Record<string, string>) => t.app.inject({ method: 'GET', url, cookies });
  async function postForm(
    url: string,
    cookies: Record<string, string>,
    pageUrl: string,
    fields: Record<string, string | string[]>,
  ) {
    const form = await csrfFor(t, cookies, pageUrl);
    const body = new URLSearchParams();
    body.append('_csrf', form.token);
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
    return t.app.inject({
      method: 'POST',
      url,
      cookies: form.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }
  async function upload(
    caseId: string,
    cookies: Record<string, string>,
    file: { filename: string; content: Buffer; contentType?: string } | null,
    lang = 'sv',
  ) {
    const form = await csrfFor(t, cookies, `/mina-sidor/arenden/${caseId}?lang=${lang}`);
    const body = await multipartBody({ _csrf: form.token }, file ? { file } : {});
    return t.app.inject({
      method: 'POST',
      url: `/mina-sidor/arenden/${caseId}/underlag`,
      cookies: form.cookies,
      headers: body.headers,
      payload: body.payload,
    });
  }
  const documentsOf = (caseId: string) =>
    e()
      .selectFrom('case_documents')
      .select(['filename', 'content_type', 'size'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'evidence')
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await ensureTestService(t.database.db);
    amina = await user(t.database.db, 'amina');
    sara = await user(t.database.db, 'sara');
    aminaCookies = await sessionCookieFor(t, 'amina');
    oleksandrCookies = await sessionCookieFor(t, 'oleksandr');
    saraCookies = await sessionCookieFor(t, 'sara');
    adminCookies = await sessionCookieFor(t, 'admin');
    const now = t.clock();
    refused = await submitFor(t.database.db, amina, now);
    await decideByRules(t.database.db, refused.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], now);
    await decideManually(notify(), {
      caseId: refused.id,
      outcome: 'refuse',
      motivation: 'Du är folkbokförd i Lund.',
      reasonCodes: ['REGISTERED_IN_OTHER_MUNICIPALITY'],
      caseworker: sara,
      now,
    });
    admitted = await submitFor(t.database.db, amina, now, { locale: 'ar' });
    await decideByRules(t.database.db, admitted.id, 'admit', [REASONS.ELIGIBLE!], now);
    await t.database.db
      .transaction()
      .execute((trx) =>
        attachLetter(trx, { caseId: admitted.id, filename: 'beslut-antagning.pdf', content: PDF, now }),
      );
    waiting = await submitFor(t.database.db, amina, now);
    await t.database.db.transaction().execute((trx) =>
      recordFacts(
        trx,
        waiting.id,
        [
          {
            name: 'applicant.birthDate',
            value: '1988-03-05',
            source: 'population-register',
            selfDeclared: false,
            retrievedAt: now,
          },
          {
            name: 'applicant.swedishLevel',
            value: 'none',
            source: 'application',
            selfDeclared: true,
            retrievedAt: now,
          },
        ],
        { now },
      ),
    );
    await decideByRules(t.database.db, waiting.id, 'manual', [REASONS.EVIDENCE_OF_RESIDENCE_REQUIRED!], now);
  });
  afterAll(async () => t.close());

  describe('My pages', () => {
    it('lists the resident’s own cases with status and case number, and a nav entry; another resident sees an empty state', async () => {
      const mine = await get('/mina-sidor', aminaCookies);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['cache-control']).toBe('no-store');
      for (const c of [refused, admitted, waiting]) expect(mine.body).toContain(c.caseNumber!);
      expect(mine.body).toContain('href="/mina-sidor"');
      expect(mine.body).toContain('Beslut fattat');
      const theirs = await get('/mina-sidor?lang=en', oleksandrCookies);
      expect(theirs.body).toContain('id="empty-state"');
      expect(theirs.body).not.toContain(refused.caseNumber!);
    });

    it('marks Swedish on an Arabic page with lang="sv" dir="ltr": the name "Mina sidor", the motivation, the legal reference, Swedish system messages', async () => {
      const list = await get('/mina-sidor?lang=ar', aminaCookies);
      expect(list.body).toMatch(
        /<h1 class="govuk-heading-xl">«صفحاتي» \(<span lang="sv" dir="ltr">Mina sidor<\/span>\)<\/h1>/,
      );
      // The service is named in Arabic: nothing to mark.
      expect(list.body).toContain(
        '<dd class="govuk-summary-list__value">طلب الالتحاق بتعليم اللغة السويدية للمهاجرين (SFI)</dd>',
      );
      expect(list.body).not.toContain('Application for SFI');

      const page = await get(`/mina-sidor/arenden/${refused.id}?lang=ar`, aminaCookies);
      expect(page.body).toContain(
        '<div lang="sv" dir="ltr" id="decision-motivation"><p class="govuk-body">Du är folkbokförd i Lund.</p></div>',
      );
      expect(page.body).toMatch(
        /<span lang="sv" dir="ltr" class="smb-legal-ref"><a class="govuk-link" href="https:\/\/rkrattsbaser\.gov\.se\/sfst\?bet=2010%3A800#K\d+P\d+" rel="external noreferrer">skollagen \(2010:800\) [^<]+<\/a><\/span>/,
      );
      expect(page.body).toContain('<span lang="sv" dir="ltr">Mina sidor</span>');
      // The appeal goes to a board named in Swedish.
      expect(page.body).toContain('(<span lang="sv" dir="ltr">Skolväsendets överklagandenämnd</span>)');
      // The case was made in Swedish: the system's message about the decision is Swedish.
      expect(page.body).toMatch(
        /data-sender="system">[\s\S]*?<div lang="sv" dir="ltr"><p class="govuk-body">Ditt ärende har fått ett beslut/,
      );

      // In Swedish nothing is marked: the page's own language.
      const swedish = await get(`/mina-sidor/arenden/${refused.id}?lang=sv`, aminaCookies);
      expect(swedish.body).toContain(
        '<div id="decision-motivation"><p class="govuk-body">Du är folkbokförd i Lund.</p></div>',
      );
      expect(swedish.body).not.toMatch(/<(span|div) lang="sv"/);
    });

    it('tells an e-ID applicant the register does not know that her identity is verified and a caseworker checks the rest, never that she applied without e-ID', async () => {
      const now = t.clock();
      const unknown = await submitFor(t.database.db, amina, now);
      await decideByRules(t.database.db, unknown.id, 'manual', [REASONS.IDENTITY_UNVERIFIED!], now);
      const swedish = await get(`/mina-sidor/arenden/${unknown.id}?lang=sv`, aminaCookies);
      expect(swedish.body).toContain('Styrkt med e-legitimation');
      expect(swedish.body).toContain(
        'Du legitimerade dig med e-legitimation, så din identitet är styrkt. Men vi hittade inte ditt personnummer i folkbokföringen. Därför kontrollerar en handläggare resten av dina uppgifter.',
      );
      expect(swedish.body).not.toContain('utan e-legitimation');
      const ukrainian = await get(`/mina-sidor/arenden/${unknown.id}?lang=uk`, aminaCookies);
      expect(ukrainian.body).toContain('Ви увійшли з електронним посвідченням, тож вашу особу підтверджено.');
      expect(ukrainian.body).not.toContain('без електронного посвідчення');
    });

    it('is for residents: anonymous visitors are sent to sign in, staff get 403', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: '/mina-sidor' });
      expect(anonymous.statusCode).toBe(302);
      expect(anonymous.headers.location).toBe('/auth/sign-in?returnTo=%2Fmina-sidor');
      expect((await get('/mina-sidor', saraCookies)).statusCode).toBe(403);
    });

    it('explains the decision’s reasons in the applicant’s language with the legal reference verbatim, and offers letters', async () => {
      const page = await get(`/mina-sidor/arenden/${admitted.id}?lang=en`, aminaCookies);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('You have been admitted');
      expect(page.body).toContain('You have the right to SFI.');
      expect(page.body).toContain(
        '<span lang="sv" class="smb-legal-ref"><a class="govuk-link" href="https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K20P31" rel="external noreferrer">skollagen (2010:800) 20 kap. 31 §</a></span>',
      );
      expect(page.body).toContain('The decision is in Swedish in the decision letter.');
      const letter = await e()
        .selectFrom('case_documents')
        .select('id')
        .where('case_id', '=', admitted.id)
        .where('kind', '=', 'letter')
        .executeTakeFirstOrThrow();
      expect(page.body).toContain(`/mina-sidor/arenden/${admitted.id}/dokument/${letter.id}`);
      const download = await get(`/mina-sidor/arenden/${admitted.id}/dokument/${letter.id}`, aminaCookies);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain('attachment; filename="beslut-antagning.pdf"');
      expect(download.rawPayload.equals(PDF)).toBe(true);
      // No appeal form on an admission.
      expect(page.body).not.toContain('/overklagande');
      const arabic = await get(`/mina-sidor/arenden/${admitted.id}?lang=ar`, aminaCookies);
      expect(arabic.body).toContain('dir="rtl"');
    });

    it('shows the postal address the applicant gave, with its c/o line, among her contact details', async () => {
      const oleksandr = await user(t.database.db, 'oleksandr');
      const own = await submitFor(t.database.db, oleksandr, t.clock(), {
        applicant: {
          userId: oleksandr.id,
          personalNumber: oleksandr.personalNumber,
          contact: {
            name: oleksandr.displayName,
            email: null,
            address: { careOf: 'Exempel Värdsson', street: 'Brevvägen 7', postalCode: '214 33', city: 'Malmö' },
          },
        },
      });
      const page = await get(`/mina-sidor/arenden/${own.id}`, oleksandrCookies);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('c/o Exempel Värdsson, Brevvägen 7, 214 33 Malmö');
    });

    it('another resident’s case is 404 on every route, and so is an id that names no case', async () => {
      const letter = await e()
        .selectFrom('case_documents')
        .select('id')
        .where('case_id', '=', admitted.id)
        .executeTakeFirstOrThrow();
      for (const url of [
        `/mina-sidor/arenden/${refused.id}`,
        `/mina-sidor/arenden/${admitted.id}/dokument/${letter.id}`,
        '/mina-sidor/arenden/not-a-uuid',
        '/mina-sidor/arenden/00000000-0000-4000-8000-000000000000',
      ]) {
        const response = await get(url, oleksandrCookies);
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain(refused.caseNumber!);
      }
      // The resident's own page gives a CSRF token for the posts.
      const own = await submitFor(t.database.db, await user(t.database.db, 'oleksandr'), t.clock());
      for (const [path, fields] of [
        ['meddelanden', { body: 'Hej' }],
        ['overklagande', { text: 'Fel beslut' }],
      ] as const) {
        const response = await postForm(
          `/mina-sidor/arenden/${refused.id}/${path}`,
          oleksandrCookies,
          `/mina-sidor/arenden/${own.id}`,
          fields,
        );
        expect(response.statusCode, path).toBe(404);
      }
      const uploadForm = await csrfFor(t, oleksandrCookies, `/mina-sidor/arenden/${own.id}`);
      const body = await multipartBody({ _csrf: uploadForm.token }, { file: { filename: 'intyg.pdf', content: PDF } });
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/mina-sidor/arenden/${refused.id}/underlag`,
        cookies: uploadForm.cookies,
        headers: body.headers,
        payload: body.payload,
      });
      expect(uploaded.statusCode).toBe(404);
      expect(await documentsOf(refused.id)).toEqual([]);
      const messages = await e()
        .selectFrom('case_messages')
        .select('id')
        .where('case_id', '=', refused.id)
        .where('sender_kind', '=', 'applicant')
        .execute();
      expect(messages).toEqual([]);
    });

    it('sends a message (Post/Redirect/Get with a confirmation) and re-shows an empty one with 422 and an error summary', async () => {
      const empty = await postForm(
        `/mina-sidor/arenden/${waiting.id}/meddelanden`,
        aminaCookies,
        `/mina-sidor/arenden/${waiting.id}`,
        { body: '   ' },
      );
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('<title>Fel:');
      expect(empty.body).toContain('govuk-error-summary');
      expect(empty.body).toContain('href="#body"');
      // A control character (other than line breaks and tabs) is a form error at the field.
      const control = await postForm(
        `/mina-sidor/arenden/${waiting.id}/meddelanden`,
        aminaCookies,
        `/mina-sidor/arenden/${waiting.id}`,
        { body: 'Hej\u0007där' },
      );
      expect(control.statusCode).toBe(422);
      expect(control.body).toContain('ditt meddelande innehåller tecken som inte är tillåtna');
      const sent = await postForm(
        `/mina-sidor/arenden/${waiting.id}/meddelanden`,
        aminaCookies,
        `/mina-sidor/arenden/${waiting.id}`,
        { body: 'Här kommer mitt intyg.' },
      );
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(`/mina-sidor/arenden/${waiting.id}#messages`);
      const after = await get(`/mina-sidor/arenden/${waiting.id}`, {
        ...aminaCookies,
        ...Object.fromEntries(sent.cookies.map((c) => [c.name, c.value])),
      });
      expect(after.body).toContain('Ditt meddelande har skickats.');
      expect(after.body).toContain('Här kommer mitt intyg.');
      expect(after.body).toContain('Inte läst än');
    });

    it('accepts real PDF, PNG and JPEG evidence, stored with the type its bytes show', async () => {
      for (const [filename, content, type] of [
        ['intyg.pdf', PDF, 'application/pdf'],
        ['foto.png', PNG, 'image/png'],
        ['skanning.JPG', JPEG, 'image/jpeg'],
      ] as const) {
        const response = await upload(waiting.id, aminaCookies, {
          filename,
          content,
          contentType: 'application/octet-stream',
        });
        expect(response.statusCode, filename).toBe(303);
        expect(response.headers.location).toBe(`/mina-sidor/arenden/${waiting.id}#evidence`);
        const stored = await e()
          .selectFrom('case_documents')
          .select(['content_type', 'size'])
          .where('case_id', '=', waiting.id)
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .execute();
        expect(stored.some((d) => d.content_type === type && d.size === content.length)).toBe(true);
      }
      expect((await documentsOf(waiting.id)).map((d) => d.filename).sort()).toEqual([
        'foto.png',
        'intyg.pdf',
        'skanning.jpg',
      ]);
    });

    it('refuses an executable renamed .pdf with a clear error in the user’s language, and stores nothing', async () => {
      const before = (await documentsOf(waiting.id)).length;
      const swedish = await upload(waiting.id, aminaCookies, {
        filename: 'intyg.pdf',
        content: EXE,
        contentType: 'application/pdf',
      });
      expect(swedish.statusCode).toBe(422);
      expect(swedish.body).toContain('Filen måste vara en PDF, JPG eller PNG');
      expect(swedish.body).toContain('href="#file"');
      // Shown at the POST address, its language links still lead to the case page.
      expect(swedish.body).toContain(`href="/mina-sidor/arenden/${waiting.id}?lang=en"`);
      const english = await upload(
        waiting.id,
        aminaCookies,
        { filename: 'certificate.pdf', content: EXE, contentType: 'application/pdf' },
        'en',
      );
      expect(english.statusCode).toBe(422);
      expect(english.body).toContain('The file must be a PDF, JPG or PNG');
      const none = await upload(waiting.id, aminaCookies, null);
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('Välj en fil att ladda upp');
      expect((await documentsOf(waiting.id)).length).toBe(before);
    });

    it('refuses a 20 MB upload with a 413 page in the user’s language, and stores nothing', async () => {
      const before = (await documentsOf(waiting.id)).length;
      const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024, 0x20)]);
      const english = await upload(waiting.id, aminaCookies, { filename: 'stor.pdf', content: big }, 'en');
      expect(english.statusCode).toBe(413);
      expect(english.body).toContain('lang="en"');
      expect(english.body).toMatch(/<h1 class="govuk-heading-l">[^<]+<\/h1>/);
      const swedish = await upload(waiting.id, aminaCookies, { filename: 'stor.pdf', content: big }, 'sv');
      expect(swedish.statusCode).toBe(413);
      expect(swedish.body).toContain('Filen eller texten är för stor');
      expect((await documentsOf(waiting.id)).length).toBe(before);
    });

    it('an upload without the form’s CSRF token is refused', async () => {
      const body = await multipartBody({}, { file: { filename: 'intyg.pdf', content: PDF } });
      const response = await t.app.inject({
        method: 'POST',
        url: `/mina-sidor/arenden/${waiting.id}/underlag`,
        cookies: aminaCookies,
        headers: body.headers,
        payload: body.payload,
      });
      expect(response.statusCode).toBe(403);
    });

    it('offers an appeal on a refusal with its deadline; appealing makes a caseworker task; an admission cannot be appealed', async () => {
      const page = await get(`/mina-sidor/arenden/${refused.id}`, aminaCookies);
      expect(page.body).toContain(`action="/mina-sidor/arenden/${refused.id}/overklagande"`);
      // Read on My pages on Saturday 28 November: three weeks end on Saturday 19 December, which
      // moves to Monday 21 December (lag (1930:173)).
      expect(page.body).toContain('Överklagandet ska ha kommit in till oss senast den 21 december 2026.');
      const appealed = await postForm(
        `/mina-sidor/arenden/${refused.id}/overklagande`,
        aminaCookies,
        `/mina-sidor/arenden/${refused.id}`,
        { text: 'Jag har flyttat till Malmö.' },
      );
      expect(appealed.statusCode).toBe(303);
      const row = await e().selectFrom('cases').select('status').where('id', '=', refused.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('appealed');
      const task = await e()
        .selectFrom('case_tasks')
        .select(['kind', 'status'])
        .where('case_id', '=', refused.id)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      expect(task.kind).toBe('appeal');
      const onAdmission = await postForm(
        `/mina-sidor/arenden/${admitted.id}/overklagande`,
        aminaCookies,
        `/mina-sidor/arenden/${admitted.id}`,
        { text: 'Fel' },
      );
      expect(onAdmission.statusCode).toBe(409);
    });
  });

  describe('caseworker workspace', () => {
    it('shows the queue with filters, is for caseworkers only, and exports CSV', async () => {
      expect((await get('/handlaggning', aminaCookies)).statusCode).toBe(403);
      expect((await get('/handlaggning', await sessionCookieFor(t, 'erik'))).statusCode).toBe(403);
      const queue = await get('/handlaggning', saraCookies);
      expect(queue.statusCode).toBe(200);
      expect(queue.body).toContain(waiting.caseNumber!);
      expect(queue.body).toContain('href="/handlaggning"');
      const filtered = await get('/handlaggning?status=all&reason=ELIGIBLE', saraCookies);
      expect(filtered.body).toContain(admitted.caseNumber!);
      expect(filtered.body).not.toContain(waiting.caseNumber!);
      expect(filtered.body).toContain('href="/handlaggning/export.csv?status=all&amp;reason=ELIGIBLE"');
      expect((await get('/handlaggning?waiting=bogus', saraCookies)).statusCode).toBe(422);
      const csv = await get('/handlaggning/export.csv?status=all', saraCookies);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toContain('arenden-2026-11-28.csv');
      expect(csv.body).toContain(waiting.caseNumber!);
      expect(csv.body).not.toContain('Amina');
    });

    it('shows every fact with label, value, source, time and a self-declared tag, the rule trace as a table, and logs the access', async () => {
      const before = await e()
        .selectFrom('audit_events')
        .select('id')
        .where('event_type', '=', 'case.viewed')
        .where('subject_id', '=', waiting.id)
        .execute();
      const page = await get(`/handlaggning/arenden/${waiting.id}`, saraCookies);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('Födelsedatum');
      expect(page.body).toContain('Folkbokföringen (Skatteverket)');
      expect(page.body).toContain('Egen uppgift');
      expect(page.body).toContain('Folkbokförd i en annan kommun'); // a matched rule row from the trace
      expect(page.body).toContain('Uppehållsrätt och bosättning behöver styrkas');
      expect(page.body).toContain(`action="/handlaggning/arenden/${waiting.id}/beslut"`);
      const after = await e()
        .selectFrom('audit_events')
        .select(['actor_id', 'new_value'])
        .where('event_type', '=', 'case.viewed')
        .where('subject_id', '=', waiting.id)
        .execute();
      expect(after.length).toBe(before.length + 1);
      expect(after.at(-1)).toEqual({ actor_id: sara.id, new_value: null });
    });

    it('decides manually through the form: a motivation is required; the decision notifies the applicant', async () => {
      const url = `/handlaggning/arenden/${waiting.id}`;
      const missing = await postForm(`${url}/beslut`, saraCookies, url, { outcome: 'admit', motivation: '' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('href="#motivation"');
      const outboxBefore = await e().selectFrom('outbox_messages').select('id').execute();
      const decided = await postForm(`${url}/beslut`, saraCookies, url, {
        outcome: 'admit',
        reasonCodes: 'EVIDENCE_OF_RESIDENCE_REQUIRED',
        motivation: 'Intyg om uppehållsrätt inkom.',
      });
      expect(decided.statusCode).toBe(303);
      const decision = await e()
        .selectFrom('decisions')
        .selectAll()
        .where('case_id', '=', waiting.id)
        .where('kind', '=', 'manual')
        .executeTakeFirstOrThrow();
      expect(decision).toMatchObject({
        outcome: 'admit',
        actor_kind: 'caseworker',
        actor_id: sara.id,
        motivation: 'Intyg om uppehållsrätt inkom.',
        is_final: true,
      });
      const outboxAfter = await e().selectFrom('outbox_messages').select(['id', 'recipient']).execute();
      expect(outboxAfter.length).toBe(outboxBefore.length + 1);
      const mine = await get(`/mina-sidor/arenden/${waiting.id}`, aminaCookies);
      expect(mine.body).toContain('Du är antagen');
      expect(mine.body).toContain('Intyg om uppehållsrätt inkom.');
    });

    it('shows statistics as SVG charts with a table of the same figures', async () => {
      const page = await get('/handlaggning/statistik?weeks=4', saraCookies);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<svg class="smb-chart" id="chart-weeks" role="img"');
      expect(page.body).toContain('<table class="govuk-table">');
      expect(page.body).toContain('2026-W48');
      expect((await get('/handlaggning/statistik?weeks=5', saraCookies)).statusCode).toBe(422);
    });

    it('lets administrators (only) set which outcomes are final automatically', async () => {
      expect((await get('/admin/e-tjanster', saraCookies)).statusCode).toBe(403);
      const list = await get('/admin/e-tjanster', adminCookies);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('href="/admin/e-tjanster/sfi"');
      const bad = await postForm('/admin/e-tjanster/sfi', adminCookies, '/admin/e-tjanster/sfi', {
        autoFinal: 'admit',
        minutesPerManualCase: 'many',
      });
      expect(bad.statusCode).toBe(422);
      const saved = await postForm('/admin/e-tjanster/sfi', adminCookies, '/admin/e-tjanster/sfi', {
        autoFinal: ['admit', 'refuse'],
        minutesPerManualCase: '40',
      });
      expect(saved.statusCode).toBe(303);
      const service = await e()
        .selectFrom('e_services')
        .select(['policy', 'minutes_per_manual_case'])
        .where('id', '=', 'sfi')
        .executeTakeFirstOrThrow();
      expect(service).toEqual({ policy: { autoFinal: ['admit', 'refuse'] }, minutes_per_manual_case: 40 });
      await postForm('/admin/e-tjanster/sfi', adminCookies, '/admin/e-tjanster/sfi', {
        autoFinal: 'admit',
        minutesPerManualCase: '30',
      });
    });
  });

  describe('cases API', () => {
    it('lists cases and returns one case with its decision records for a caseworker’s token; residents and anonymous callers are refused', async () => {
      const { token } = await createApiToken(t.database.db, sara.id, 'test');
      const auth = { authorization: `Bearer ${token}` };
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases?status=all', headers: auth });
      expect(list.statusCode).toBe(200);
      const body = list.json() as { items: { id: string; caseNumber: string }[]; total: number };
      expect(body.items.some((i) => i.id === admitted.id)).toBe(true);
      const one = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${refused.id}`, headers: auth });
      expect(one.statusCode).toBe(200);
      const detail = one.json() as { caseNumber: string; decisions: { kind: string; actor: { kind: string } }[] };
      expect(detail.caseNumber).toBe(refused.caseNumber);
      expect(detail.decisions.map((d) => [d.kind, d.actor.kind])).toEqual([
        ['automated', 'system'],
        ['manual', 'caseworker'],
      ]);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/cases/00000000-0000-4000-8000-000000000000',
            headers: auth,
          })
        ).statusCode,
      ).toBe(404);
      const resident = await createApiToken(t.database.db, amina.id, 'mine');
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/cases',
            headers: { authorization: `Bearer ${resident.token}` },
          })
        ).statusCode,
      ).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(401);
    });

    it('is in the OpenAPI document with a bearer requirement and response schemas', async () => {
      const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
        paths: Record<
          string,
          {
            get?: {
              security?: unknown[];
              responses?: Record<
                string,
                { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
              >;
            };
          }
        >;
      };
      for (const path of ['/api/v1/cases', '/api/v1/cases/{id}']) {
        const operation = spec.paths[path]?.get;
        expect(operation?.security, path).toEqual([{ bearerAuth: [] }]);
        expect(
          Object.keys(operation?.responses?.['200']?.content?.['application/json']?.schema?.properties ?? {}).length,
          path,
        ).toBeGreaterThan(3);
      }
    });
  });
});
