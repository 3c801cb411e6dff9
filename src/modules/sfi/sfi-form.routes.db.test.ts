import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../test/helpers/sessions.ts';
import type { Kysely } from 'kysely';
import { DRAFT_COOKIE } from './sfi-form.routes.tsx';

const BASE = '/e-tjanster/sfi';

/** A browser's cookie jar over app.inject: keeps what the app sets, sends it back. */
function browser(t: TestApp, initial: Record<string, string> = {}) {
  const jar: Record<string, string> = { ...initial };
  const keep = (res: { cookies: { name: string; value: string; maxAge?: number }[] }) => {
    for (const c of res.cookies) {
      if (c.value === '' || c.maxAge === 0) delete jar[c.name];
      else jar[c.name] = c.value;
    }
  };
  return {
    jar,
    async get(url: string) {
      const res = await t.app.inject({ method: 'GET', url, cookies: jar });
      keep(res);
      return res;
    },
    /** Opens the page for its CSRF token (as a person would), then posts the fields. */
    async post(url: string, fields: Record<string, string | string[]>, pageUrl = url) {
      const page = await this.get(pageUrl);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      if (!token) throw new Error(`no form token on ${pageUrl} (${page.statusCode})`);
      return this.postWithToken(url, fields, token);
    },
    async postWithToken(url: string, fields: Record<string, string | string[]>, token: string) {
      const body = new URLSearchParams({ _csrf: token });
      for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
      const res = await t.app.inject({
        method: 'POST',
        url,
        cookies: jar,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
      keep(res);
      return res;
    },
  };
}
type Browser = ReturnType<typeof browser>;

const PAGES: [slug: string, fields: Record<string, string | string[]>][] = [
  ['kontakt', { email: 'testperson@example.test', phone: '' }],
  ['bosattning', { residenceBasis: 'folkbokford' }],
  ['sprak', { motherTongue: 'arabiska', otherLanguages: 'engelska, franska', nordicLanguageSufficient: 'no' }],
  ['skolgang', { yearsOfSchooling: '12' }],
  ['lasa-och-skriva', { literateInOwnLanguage: 'yes' }],
  ['latinska-alfabetet', { knowsLatinAlphabet: 'yes' }],
  ['svenska', { swedishLevel: 'basic' }],
  ['tidigare-sfi', { earlierSfi: 'no' }],
  ['sarskilda-skal', { specialReasonsText: '' }],
  ['onskemal', { studyTime: 'evening', pace: 'part-time', preferredSchool: 'hyllie' }],
  ['anpassning', { adaptationNeeds: '' }],
];

/** Where a decision is sent without e-ID (synthetic). */
const ADDRESS = { careOf: 'Exempel Värdsson', street: 'Brevvägen 7 lgh 1102', postalCode: '21433', city: 'Malmö' };

/** Answers every page after identity (the address page too when given: the no-e-ID path); each POST must lead to the next page (303). */
async function answerAll(b: Browser, address?: Record<string, string>): Promise<string> {
  let location = '';
  const pages = address ? [PAGES[0]!, ['adress', address] as (typeof PAGES)[number], ...PAGES.slice(1)] : PAGES;
  for (const [slug, fields] of pages) {
    const res = await b.post(`${BASE}/${slug}`, fields);
    expect(res.statusCode, `${slug}: ${res.body.slice(0, 300)}`).toBe(303);
    location = String(res.headers.location);
  }
  return location;
}

async function submit(b: Browser) {
  const check = await b.get(`${BASE}/kontrollera`);
  expect(check.statusCode).toBe(200);
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)![1]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(check.body)![1]!;
  return { check, key, token, send: () => b.postWithToken(`${BASE}/skicka`, { idempotencyKey: key }, token) };
}

describe.each(testEngines())('SFI application form on %s', (engine) => {
  let t: TestApp;
  // The cases table belongs to e-services; the test reads it as plain SQL rows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const eDb = (db: unknown) => db as Kysely<any>;
  const cases = () =>
    eDb(t.database.db).selectFrom('cases').selectAll().where('service_id', '=', 'sfi').where('status', '<>', 'draft');

  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the start page offers both ways to apply, publicly', async () => {
    const res = await t.app.inject({ method: 'GET', url: BASE });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ansök med e-legitimation');
    expect(res.body).toContain('href="/auth/sign-in?audience=resident&amp;returnTo=%2Fe-tjanster%2Fsfi%2Fkontakt"');
    expect(res.body).toContain(`href="${BASE}/om-dig"`);
  });

  it('without e-ID: every page with cookies and CSRF → check answers → submit → confirmation; the case is identity-unverified', async () => {
    const b = browser(t);
    const identity = await b.post(`${BASE}/om-dig`, {
      name: 'Testperson Ett',
      'birthDate-day': '5',
      'birthDate-month': '3',
      'birthDate-year': '1988',
      personalNumber: '',
    });
    expect(identity.statusCode).toBe(303);
    expect(identity.headers.location).toBe(`${BASE}/kontakt`);
    // The draft cookie holds a random token only, httpOnly.
    const cookie = identity.cookies.find((c) => c.name === DRAFT_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, path: BASE });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await answerAll(b, ADDRESS)).toBe(`${BASE}/kontrollera`);

    const { check, send } = await submit(b);
    expect(check.body).toContain('Testperson Ett');
    expect(check.body).toContain('arabiska');
    expect(check.body).toContain('Sfi Hyllie');
    // The address as on the envelope, the postal code as "NNN NN", with a change link to its page.
    expect(check.body).toContain('Postadress');
    expect(check.body).toMatch(
      /<bdi>c\/o Exempel Värdsson<\/bdi><br\/?><bdi>Brevvägen 7 lgh 1102<\/bdi><br\/?><bdi>214 33 Malmö<\/bdi>/,
    );
    expect(check.body).toContain(`href="${BASE}/adress?andra=1"`);
    const sent = await send();
    expect(sent.statusCode).toBe(303);
    const receiptUrl = String(sent.headers.location);
    expect(receiptUrl).toMatch(new RegExp(`^${BASE}/kvitto/[0-9a-f-]{36}$`));
    const receipt = await b.get(receiptUrl);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toMatch(/govuk-panel[\s\S]*SFI-\d{4}-\d{6}/);
    // Without e-ID a caseworker always handles the case: the page says so, and promises no quick decision.
    expect(receipt.body).toContain('Du ansökte utan e-legitimation. Därför går en handläggare igenom din ansökan');
    expect(receipt.body).not.toContain('inom några minuter');
    expect(receipt.body).not.toContain('href="/mina-sidor"');
    expect(receipt.body).toContain('Vi har skickat ett kvitto till din e-post.');
    const arabic = await b.get(`${receiptUrl}?lang=ar`);
    expect(arabic.body).toContain('قدّمت الطلب بدون هوية إلكترونية. لذلك يراجع الموظف المختص طلبك');
    expect(arabic.body).not.toContain('خلال بضع دقائق');
    expect(arabic.body).toMatch(/<strong dir="ltr">SFI-\d{4}-\d{6}<\/strong>/);

    const caseId = receiptUrl.split('/').pop()!;
    const stored = await cases().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      identity_verified: false,
      applicant_user_id: null,
      applicant_personal_number: null,
      status: 'submitted',
    });
    expect(stored.applicant.address).toEqual({
      careOf: 'Exempel Värdsson',
      street: 'Brevvägen 7 lgh 1102',
      postalCode: '214 33',
      city: 'Malmö',
    });
    // The receipt e-mail tells the same path.
    const mail = await eDb(t.database.db)
      .selectFrom('outbox_messages')
      .select('body_text')
      .where('subject', 'like', `%${stored.case_number}%`)
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain('Du ansökte utan e-legitimation. Därför går en handläggare igenom ansökan');
    expect(stored.answers).toMatchObject({
      birthDate: '1988-03-05',
      residenceBasis: 'folkbokford',
      languages: ['arabiska', 'engelska', 'franska'],
      yearsOfSchooling: 12,
      swedishLevel: 'basic',
      earlierSfi: null,
      preferences: { studyForm: 'evening', pace: 'part-time', preferredSchool: 'hyllie' },
    });
    // The answers leave the draft with the submission (it keeps only key → case); someone else's session cannot open the receipt.
    const drafts = await eDb(t.database.db)
      .selectFrom('cases')
      .select('answers')
      .where('status', '=', 'draft')
      .where('draft_token_hash', 'is not', null)
      .execute();
    expect(drafts.map((d) => d.answers)).toEqual([{ _submitted: [{ key: expect.any(String), caseId }] }]);
    expect((await b.get(`${BASE}/kontrollera`)).headers.location).toBe(`${BASE}/om-dig`);
    expect((await t.app.inject({ method: 'GET', url: receiptUrl })).statusCode).toBe(404);
  });

  it('with e-ID: identity is not asked, the signed-in resident applies in Arabic and the case is identity-verified', async () => {
    const b = browser(t, await sessionCookieFor(t, 'oleksandr'));
    await b.get(`${BASE}?lang=ar`);
    const skipped = await b.get(`${BASE}/om-dig`);
    expect(skipped.statusCode).toBe(303);
    expect(skipped.headers.location).toBe(`${BASE}/kontakt`);
    const contact = await b.get(`${BASE}/kontakt`);
    expect(contact.body).toContain('lang="ar"');
    expect(contact.body).toContain('dir="rtl"');
    // The population register has the address: the address page is not asked.
    const noAddress = await b.get(`${BASE}/adress`);
    expect(noAddress.statusCode).toBe(303);
    expect(noAddress.headers.location).toBe(`${BASE}/bosattning`);
    expect((await b.post(`${BASE}/kontakt`, PAGES[0]![1])).headers.location).toBe(`${BASE}/bosattning`);
    await answerAll(b);
    const { check, send } = await submit(b);
    expect(check.body).not.toContain('/adress');
    // Contact details keep their order in a right-to-left page.
    expect(check.body).toContain('<bdi>testperson@example.test</bdi>');
    const sent = await send();
    expect(sent.statusCode).toBe(303);
    const caseId = String(sent.headers.location).split('/').pop()!;
    const stored = await cases().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ identity_verified: true, applicant_personal_number: '199107142391', locale: 'ar' });
    const receipt = await b.get(String(sent.headers.location));
    expect(receipt.body).toContain('href="/mina-sidor"');
    // With e-ID, in Arabic: the decision may come within minutes; nothing says she applied without e-ID.
    expect(receipt.body).toContain('غالبًا يصلك القرار خلال بضع دقائق');
    expect(receipt.body).not.toContain('بدون هوية إلكترونية');
    expect(receipt.body).toContain('(<span lang="sv" dir="ltr">Mina sidor</span>)');
    const swedish = await b.get(`${String(sent.headers.location)}?lang=sv`);
    expect(swedish.body).toContain('Ofta får du beslutet inom några minuter.');
    expect(swedish.body).not.toContain('utan e-legitimation');
    const mail = await eDb(t.database.db)
      .selectFrom('outbox_messages')
      .select('body_text')
      .where('subject', 'like', `%${String(stored.case_number)}%`)
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain('استلمنا طلبك');
    expect(mail.body_text).not.toContain('بدون هوية إلكترونية');
  });

  it('a double submission creates one case and both land on the same confirmation', async () => {
    const b = browser(t, await sessionCookieFor(t, 'amina'));
    await answerAll(b);
    const before = (await cases().execute()).length;
    const { send } = await submit(b);
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();
    expect(new Set([first.headers.location, second.headers.location, third.headers.location]).size).toBe(1);
    expect((await cases().execute()).length).toBe(before + 1);
    // The confirmation page promises a receipt: queued once, in Swedish, to the e-mail given in the form.
    const { case_number } = await cases()
      .where('id', '=', String(third.headers.location).split('/').pop()!)
      .executeTakeFirstOrThrow();
    const receipts = await eDb(t.database.db)
      .selectFrom('outbox_messages')
      .select(['recipient', 'subject'])
      .where('subject', 'like', `%${case_number}%`)
      .execute();
    expect(receipts).toEqual([
      { recipient: 'testperson@example.test', subject: `Kvitto: din ansökan till sfi ${case_number}` },
    ]);
  });

  it('the receipt page shows the signed-in applicant her own receipt in any session; other residents, staff and anonymous visitors get 404', async () => {
    const b = browser(t, await sessionCookieFor(t, 'amina'));
    await answerAll(b);
    const sent = await (await submit(b)).send();
    const receiptUrl = String(sent.headers.location);
    const { case_number } = await cases().where('id', '=', receiptUrl.split('/').pop()!).executeTakeFirstOrThrow();
    const own = await t.app.inject({ method: 'GET', url: receiptUrl, cookies: await sessionCookieFor(t, 'amina') });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(case_number);
    for (const other of ['oleksandr', 'sara', null]) {
      const page = await t.app.inject({
        method: 'GET',
        url: receiptUrl,
        cookies: other ? await sessionCookieFor(t, other) : {},
      });
      expect(page.statusCode, String(other)).toBe(404);
      expect(page.body).not.toContain(case_number);
    }
  });

  it('validation errors in Swedish: 422, "Fel:" title, summary, nothing stored (check digit, future birth date, 1 MB text)', async () => {
    const b = browser(t);
    const res = await b.post(`${BASE}/om-dig`, {
      name: '',
      'birthDate-day': '1',
      'birthDate-month': '1',
      'birthDate-year': '2999',
      personalNumber: '19900327-1235',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<title>Fel: Om dig/);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Skriv ditt namn');
    expect(res.body).toContain('href="#name"');
    // The birth date's error waits until the name is given (the schema fails first); then each shows.
    const second = await b.post(`${BASE}/om-dig`, {
      name: 'Testperson',
      'birthDate-day': '1',
      'birthDate-month': '1',
      'birthDate-year': '2999',
      personalNumber: '19900327-1235',
    });
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain('Födelsedatumet kan inte vara i framtiden');
    expect(second.body).toContain('Numret stämmer inte');
    expect(b.jar[DRAFT_COOKIE]).toBeUndefined();
    const long = await b.post(`${BASE}/anpassning`, { adaptationNeeds: 'x'.repeat(900_000) });
    expect([413, 422]).toContain(long.statusCode);
    expect(b.jar[DRAFT_COOKIE]).toBeUndefined();
  });

  it('validation errors in Arabic: lang and dir on the page, the summary and the field message', async () => {
    const b = browser(t);
    await b.get(`${BASE}?lang=ar`);
    const res = await b.post(`${BASE}/kontakt`, { email: 'not-an-email', phone: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<html lang="ar" dir="rtl"');
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#email"');
  });

  it('without e-ID the address page follows the contact page: one fieldset, autocomplete on each line, the postal code kept as "NNN NN"', async () => {
    const b = browser(t);
    const contact = await b.post(`${BASE}/kontakt`, PAGES[0]![1]);
    expect(contact.headers.location).toBe(`${BASE}/adress`);
    const page = await b.get(`${BASE}/adress`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<title>Vart ska vi skicka beslutet\?/);
    expect(page.body).toMatch(
      /<legend[^>]*>\s*<h1 class="govuk-fieldset__heading">Vart ska vi skicka beslutet\?<\/h1>/,
    );
    expect(page.body).toContain('Vi skickar beslutet med post till den här adressen.');
    expect(page.body).toContain(`href="${BASE}/kontakt"`); // back
    expect(page.body).toMatch(/id="street" name="street" type="text"[^>]*autocomplete="address-line1"/);
    expect(page.body).toMatch(/id="postalCode" name="postalCode" type="text"[^>]*autocomplete="postal-code"/);
    expect(page.body).toMatch(/id="city" name="city" type="text"[^>]*autocomplete="address-level2"/);
    const sent = await b.post(`${BASE}/adress`, {
      careOf: '',
      street: 'Storgatan 1',
      postalCode: '21145',
      city: 'Malmö',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${BASE}/bosattning`);
    expect((await b.get(`${BASE}/adress`)).body).toContain('value="211 45"');
  });

  it('address errors in Swedish and in Arabic: 422, the summary links each field, the message at the field, nothing kept', async () => {
    const b = browser(t);
    const sv = await b.post(`${BASE}/adress`, { careOf: '', street: 'Storgatan 1', postalCode: '2114', city: 'Malmö' });
    expect(sv.statusCode).toBe(422);
    expect(sv.body).toMatch(/<title>Fel: Vart ska vi skicka beslutet\?/);
    expect(sv.body).toContain('href="#postalCode"');
    expect(sv.body).toContain('Skriv postnumret med fem siffror, till exempel 211\u00a045');
    expect(sv.body).toContain('value="2114"');

    await b.get(`${BASE}?lang=ar`);
    const ar = await b.post(`${BASE}/adress`, { careOf: 'x\u0001', street: '', postalCode: '', city: '' });
    expect(ar.statusCode).toBe(422);
    expect(ar.body).toContain('<html lang="ar" dir="rtl"');
    expect(ar.body).toContain('govuk-error-summary');
    const summary = ar.body.slice(ar.body.indexOf('govuk-error-summary'), ar.body.indexOf('</form>'));
    for (const field of ['careOf', 'street', 'postalCode', 'city']) expect(summary).toContain(`href="#${field}"`);
    // In page order: c/o, street, postal code, city.
    expect(['#careOf', '#street', '#postalCode', '#city'].map((h) => summary.indexOf(h))).toEqual(
      [...['#careOf', '#street', '#postalCode', '#city'].map((h) => summary.indexOf(h))].sort((x, y) => x - y),
    );
    expect(ar.body).toContain('يرجى كتابة عنوان الشارع');
    expect(ar.body).toContain('يرجى كتابة الرمز البريدي');
    expect(ar.body).toContain('يرجى كتابة اسم المدينة');
    expect(ar.body).not.toContain('Skriv');
    expect(b.jar[DRAFT_COOKIE]).toBeUndefined();
  });

  it('branching: earlier SFI asks for the details only when the answer is yes', async () => {
    const b = browser(t, await sessionCookieFor(t, 'amina'));
    const yes = await b.post(`${BASE}/tidigare-sfi`, { earlierSfi: 'yes' });
    expect(yes.headers.location).toBe(`${BASE}/tidigare-sfi-detaljer`);
    const future = await b.post(`${BASE}/tidigare-sfi-detaljer`, {
      'earlierSfiDate-month': '12',
      'earlierSfiDate-year': '2099',
      completedCourseD: 'no',
    });
    expect(future.statusCode).toBe(422);
    const no = await b.post(`${BASE}/tidigare-sfi`, { earlierSfi: 'no' });
    expect(no.headers.location).toBe(`${BASE}/sarskilda-skal`);
  });

  it('change links return to the check page; a change that opens a branch asks the new page first', async () => {
    const b = browser(t, await sessionCookieFor(t, 'amina'));
    await answerAll(b);
    const { check } = await submit(b);
    expect(check.body).toContain(`href="${BASE}/svenska?andra=1"`);
    const back = await b.get(`${BASE}/svenska?andra=1`);
    expect(back.body).toContain(`href="${BASE}/kontrollera"`);
    const changed = await b.post(`${BASE}/svenska?andra=1`, { swedishLevel: 'none' });
    expect(changed.headers.location).toBe(`${BASE}/kontrollera`);
    const branch = await b.post(`${BASE}/tidigare-sfi?andra=1`, { earlierSfi: 'yes' });
    expect(branch.headers.location).toBe(`${BASE}/tidigare-sfi-detaljer?andra=1`);
    const details = await b.post(`${BASE}/tidigare-sfi-detaljer?andra=1`, {
      'earlierSfiDate-month': '9',
      'earlierSfiDate-year': '2024',
      completedCourseD: 'yes',
    });
    expect(details.headers.location).toBe(`${BASE}/kontrollera`);
    const again = await b.get(`${BASE}/kontrollera`);
    expect(again.body).toContain('Ingen svenska');
    expect(again.body).toContain('9 2024');
  });
});
