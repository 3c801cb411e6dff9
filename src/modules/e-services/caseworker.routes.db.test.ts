import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { visibleText } from '../../../test/helpers/html.ts';
import { csrfFor, sessionCookieFor } from '../../../test/helpers/sessions.ts';
import type { User } from '../../platform/auth/roles.ts';
import { appeal, getMyCase, listMyCases } from './applicant.service.ts';
import { listDecisionsByCase } from './case.repository.ts';
import { createCaseSubmissions, recordDecision, recordFacts } from './case.service.ts';
import { decideManually } from './caseworker.service.ts';
import { decideByRules, ensureTestService, REASONS, submission, submitFor, user } from './e-services.fixtures.ts';
import { caseEventTypes, type CaseDetail } from './e-services.schema.ts';
import { eDb } from './e-services.table.ts';

/**
 * The caseworker's case page reads like a case file, not like the database: the answers, facts,
 * rule trace and history with the e-service's Swedish labels and values in words (the app's SFI
 * plug-in labels the test service `sfi`), in reading order, and an appeal in the applicant's
 * own words with its dates.
 */

/** A trace as the Zen Engine writes it (shape of rules/sfi): input node, a calculation, a collecting and a single-hit table. */
const TRACE = {
  fakta: {
    id: 'fakta',
    name: 'Fakta om ansökan',
    order: 0,
    input: null,
    traceData: null,
    output: { decisionDate: '2026-11-28' },
  },
  'harledda-datum': {
    id: 'harledda-datum',
    name: 'Härledda datum',
    order: 1,
    output: {},
    traceData: { 'derived.eligibleFrom': { result: '2004-07-01' }, 'derived.rightExpires': { result: '2029-11-28' } },
  },
  'ratt-till-sfi': {
    id: 'ratt-till-sfi',
    name: 'Rätt till sfi: varje rad som stämmer ger ett skäl',
    order: 2,
    output: {
      ruleResults: [
        { outcome: 'manual', code: 'EVIDENCE_OF_RESIDENCE_REQUIRED', legalRef: 'SkolL 29 kap. 2 §' },
        { outcome: 'manual', code: 'IDENTITY_UNVERIFIED', legalRef: '(process rule)' },
      ],
    },
    traceData: [
      {
        index: 6,
        rule: {
          _id: 'rad-07',
          _description: '7. EU/EES- eller schweizisk medborgare med uppehållsrätt: behöver styrkas.',
          'applicant.residenceBasis[k-bosattning]': "'eu-free-movement'",
          'applicant.protectedIdentity[k-skyddad-identitet]': '',
        },
        reference_map: { 'applicant.residenceBasis': 'eu-free-movement', 'applicant.protectedIdentity': false },
      },
      {
        index: 14,
        rule: {
          _id: 'rad-15',
          _description: '15. Sökanden saknar personnummer och samordningsnummer: identiteten behöver styrkas.',
          'applicant.identityKind[k-identitet]': "'none'",
        },
        reference_map: { 'applicant.identityKind': 'none' },
      },
    ],
  },
  studievag: {
    id: 'studievag',
    name: 'Preliminär studieväg',
    order: 3,
    output: { placement: { studyPath: 2, startCourse: 'B' } },
    traceData: {
      index: 2,
      rule: { _id: 'sv-2', _description: '7–11 års skolgång: studieväg 2, start på kurs B.' },
      reference_map: {},
    },
  },
  beslut: { id: 'beslut', name: 'Beslut', order: 4, input: null, output: null, traceData: null },
};

const ANSWERS = {
  birthDate: '1988-03-05',
  residenceBasis: 'eu-free-movement',
  languages: ['ar', 'engelska'],
  yearsOfSchooling: 9,
  literateInOwnLanguage: true,
  knowsLatinAlphabet: false,
  swedishLevel: 'basic',
  nordicLanguageSufficient: false,
  earlierSfi: { firstAdmissionDate: '2024-09-01', completedCourseD: false },
  specialReasons: null,
  preferences: { studyForm: 'evening', pace: 'part-time', preferredSchool: null },
  adaptationNeeds: 'Jag hör dåligt.\nSitter gärna längst fram.',
};

describe.each(testEngines())('the caseworker’s case page on %s', (engine) => {
  let t: TestApp;
  let amina: User;
  let sara: User;
  let saraCookies: Record<string, string>;
  let manual: CaseDetail;
  let appealed: CaseDetail;
  const get = (url: string) => t.app.inject({ method: 'GET', url, cookies: saraCookies });

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await ensureTestService(t.database.db);
    amina = await user(t.database.db, 'amina');
    sara = await user(t.database.db, 'sara');
    saraCookies = await sessionCookieFor(t, 'sara');
    const now = t.clock();
    manual = await submitFor(t.database.db, amina, now, { answers: ANSWERS });
    await t.database.db.transaction().execute(async (trx) => {
      await recordFacts(
        trx,
        manual.id,
        [
          {
            name: 'applicant.birthDate',
            value: '1988-03-05',
            source: 'population-register',
            selfDeclared: false,
            retrievedAt: now,
          },
          {
            name: 'applicant.residenceBasis',
            value: 'eu-free-movement',
            source: 'self-declared',
            selfDeclared: true,
            retrievedAt: now,
          },
          {
            name: 'history.firstAdmissionDate',
            value: null,
            source: 'student-records',
            selfDeclared: false,
            retrievedAt: now,
          },
          {
            name: 'applicant.protectedIdentity',
            value: false,
            source: 'population-register',
            selfDeclared: false,
            retrievedAt: now,
          },
          { name: 'decisionDate', value: '2026-11-28', source: 'pipeline', selfDeclared: false, retrievedAt: now },
        ],
        { now },
      );
      await recordDecision(trx, {
        caseId: manual.id,
        outcome: 'manual',
        reasons: [REASONS.EVIDENCE_OF_RESIDENCE_REQUIRED!, REASONS.IDENTITY_UNVERIFIED!],
        ruleSet: { id: 'sfi', version: '2026-01-01' },
        contentHash: 'a'.repeat(64),
        facts: {},
        trace: JSON.stringify(TRACE),
        result: { outcome: 'manual' },
        decidedAt: now,
      });
    });

    appealed = await submitFor(t.database.db, amina, now);
    await decideByRules(t.database.db, appealed.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], now);
    await decideManually(
      { db: t.database.db, notifier: t.notifier, baseUrl: t.config.BASE_URL, municipalityName: 'Malmö' },
      {
        caseId: appealed.id,
        outcome: 'refuse',
        motivation: 'Folkbokförd i Lund.',
        reasonCodes: [],
        caseworker: sara,
        now,
      },
    );
    // Read on My pages the day it was made; appealed thirty days later, after the three weeks.
    await getMyCase(t.database.db, { userId: amina.id, caseId: appealed.id, now });
    await appeal(t.database.db, {
      userId: amina.id,
      caseId: appealed.id,
      text: 'أنا أسكن في مالمو الآن.\nJag bor i Malmö nu.',
      now: new Date(now.getTime() + 30 * 86_400_000),
    });
  });
  afterAll(async () => t.close());

  it('shows the answers with Swedish labels and values in words: dates, Ja/Nej, choices, languages, months, absence', async () => {
    const page = await get(`/handlaggning/arenden/${manual.id}`);
    expect(page.statusCode).toBe(200);
    const answers = visibleText(
      page.body.slice(page.body.indexOf('id="answers"'), page.body.indexOf('id="facts-heading"')),
    );
    for (const text of [
      'Födelsedatum 5 mars 1988',
      'Grund för att bo i Sverige EU/EES- eller schweizisk medborgare med uppehållsrätt',
      'Språk (modersmål först) arabiska, engelska',
      'Antal år i skola 9',
      'Kan läsa och skriva på sitt modersmål Ja',
      'Kan läsa och skriva med det latinska alfabetet Nej',
      'Kunskaper i svenska (egen uppgift) Lite (förstår enkla ord och meningar)',
      'Började sfi första gången september 2024',
      'Särskilda skäl (sökandens egna ord) Inga',
      'Vill studera Kvällstid',
      'Studietakt Deltid',
      'Önskad skola Ingen särskild',
      'Behov av anpassning Jag hör dåligt. Sitter gärna längst fram.',
    ])
      expect(answers).toContain(text);
    expect(page.body).toContain('Jag hör dåligt.<br/>Sitter gärna längst fram.');
  });

  it('shows each fact with its label, its value and its source in words', async () => {
    const page = await get(`/handlaggning/arenden/${manual.id}`);
    const facts = visibleText(
      page.body.slice(page.body.indexOf('id="facts"'), page.body.indexOf('id="decisions-heading"')),
    );
    expect(facts).toContain(
      'Födelsedatum 5 mars 1988 Källa: Folkbokföringen (Skatteverket). Hämtad 28 november 2026 kl. 10:00.',
    );
    expect(facts).toContain(
      'Grund för att bo i Sverige EU/EES- eller schweizisk medborgare med uppehållsrätt Egen uppgift Källa: Sökandens egen uppgift.',
    );
    expect(facts).toContain('Första antagningen till sfi Ingen tidigare antagning Källa: Kommunens elevregister.');
    expect(facts).toContain('Skyddade personuppgifter Nej');
    expect(facts).toContain('Beslutsdatum 28 november 2026 Källa: E-tjänsten (dagens datum).');
  });

  it('shows the rule trace as a table of rules: what each checked and what it gave, in words', async () => {
    const page = await get(`/handlaggning/arenden/${manual.id}`);
    const trace = visibleText(page.body.slice(page.body.indexOf('class="smb-stack smb-trace"')));
    expect(trace).toContain(
      'Härledda datum Vad som prövades Beräkning Resultat Rätt till sfi från: 1 juli 2004 Treårsrätten upphör: 28 november 2029',
    );
    expect(trace).toContain(
      '7. EU/EES- eller schweizisk medborgare med uppehållsrätt: behöver styrkas. Grund för att bo i Sverige: EU/EES- eller schweizisk medborgare med uppehållsrätt',
    );
    expect(trace).toContain(
      'Utfall: Handläggare prövar Skäl: Uppehållsrätt och bosättning behöver styrkas Lagrum: skollagen (2010:800) 29 kap. 2 §',
    );
    // The provision as its full citation, linked to its section; never the rule file's abbreviation.
    expect(page.body).toContain(
      '<a class="govuk-link" href="https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P2" rel="external noreferrer">skollagen (2010:800) 29 kap. 2 §</a>',
    );
    expect(trace).not.toContain('SkolL');
    expect(trace).toContain('Identitetsbeteckning: Saknas eller inte styrkt');
    expect(trace).toContain('Lagrum: Handläggningsrutin (ingen lagregel)');
    expect(trace).toContain('Preliminär studieväg: 2 Startkurs: B');
    expect(trace).not.toContain('Fakta om ansökan'); // the facts are shown as facts
  });

  it('never shows a raw key, JSON, an event code or a reason code; the sections come in reading order, the decision form last', async () => {
    const page = await get(`/handlaggning/arenden/${manual.id}`);
    expect(page.body).not.toContain('{"');
    expect(page.body).not.toContain('{&quot;');
    const text = visibleText(page.body);
    for (const raw of [
      'applicant.',
      'history.',
      'birthDate',
      'residenceBasis',
      'eu-free-movement',
      'population-register',
      'EVIDENCE_OF_RESIDENCE_REQUIRED',
      'IDENTITY_UNVERIFIED',
      'process rule',
      'derived.',
      'placement',
      'ruleResults',
    ])
      expect(text).not.toContain(raw);
    for (const type of caseEventTypes) expect(text).not.toContain(type);
    expect(text).toContain('Ansökan kom in');
    expect(text).toContain('Uppgifter hämtades från register');
    expect(text).toContain('Uppehållsrätt och bosättning behöver styrkas – skollagen (2010:800) 29 kap. 2 §');
    expect(text).toContain('Identiteten är inte styrkt Lagrum: Handläggningsrutin (ingen lagregel)');
    const order = [
      'summary-heading',
      'answers-heading',
      'facts-heading',
      'decisions-heading',
      'timeline-heading',
      'decide-heading',
    ].map((id) => page.body.indexOf(`id="${id}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.body.lastIndexOf('<form')).toBe(
      page.body.indexOf(`<form method="post" action="/handlaggning/arenden/${manual.id}/beslut"`),
    );
  });

  it('shows an appeal: the applicant’s words without a language of ours, when it came in, the last day, and that it was late', async () => {
    const page = await get(`/handlaggning/arenden/${appealed.id}`);
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('id="appeal"'), page.body.indexOf('id="answers-heading"'));
    expect(section).toContain('<h2 class="govuk-heading-l" id="appeal-heading">Överklagande</h2>');
    expect(section).toMatch(
      /<blockquote class="govuk-inset-text smb-appeal__text" dir="auto"><p[^>]*>أنا أسكن في مالمو الآن.<br\/>Jag bor i Malmö nu.<\/p><\/blockquote>/,
    );
    const text = visibleText(section);
    expect(text).toContain('Kom in 28 december 2026 kl. 10:00');
    expect(text).toContain('Sökanden tog del av beslutet 28 november 2026');
    // Three weeks from Saturday 28 November end on a Saturday: moved to Monday 21 December.
    expect(text).toContain('Sista dag för att överklaga i tid 21 december 2026');
    expect(text).toContain('I rätt tid Nej, överklagandet kom in för sent');
    expect(visibleText(page.body)).toContain('Beslutet överklagades (för sent)');
  });

  it('shows an appeal that came in on time as on time', async () => {
    const onTime = await submitFor(t.database.db, amina, t.clock());
    await decideByRules(t.database.db, onTime.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], t.clock());
    await decideManually(
      { db: t.database.db, notifier: t.notifier, baseUrl: t.config.BASE_URL, municipalityName: 'Malmö' },
      {
        caseId: onTime.id,
        outcome: 'refuse',
        motivation: 'Folkbokförd i Lund.',
        reasonCodes: [],
        caseworker: sara,
        now: t.clock(),
      },
    );
    await appeal(t.database.db, { userId: amina.id, caseId: onTime.id, text: 'Fel beslut.', now: t.clock() });
    const text = visibleText((await get(`/handlaggning/arenden/${onTime.id}`)).body);
    expect(text).toContain('I rätt tid Ja, överklagandet kom in i tid');
    // Appealed before it was read on My pages: the appeal shows it was received, and the time starts then.
    expect(text).toContain('Sökanden tog del av beslutet 28 november 2026');
    expect(text).toContain('Sista dag för att överklaga i tid 21 december 2026');
    expect(text).toContain('Sökanden tog del av beslutet Av Sökanden');
  });

  it('a reason that is not the case’s is refused in words, never by its field name, and nothing is decided', async () => {
    const form = await csrfFor(t, saraCookies, `/handlaggning/arenden/${manual.id}`);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/handlaggning/arenden/${manual.id}/beslut`,
      cookies: form.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: form.token,
        outcome: 'refuse',
        reasonCodes: 'NOT_A_REASON_OF_THIS_CASE',
        motivation: 'Skäl som inte finns.',
      }).toString(),
    });
    expect(refused.statusCode).toBe(422);
    expect(visibleText(refused.body)).toContain('Välj ett alternativ för skälen som beslutet bygger på');
    expect(visibleText(refused.body)).not.toContain('reasonCodes');
    const decisions = await listDecisionsByCase(t.database.db, manual.id);
    expect(decisions.filter((d) => d.kind === 'manual')).toHaveLength(0);
  });

  it('lists reason codes in the queue by their labels', async () => {
    const queue = await get('/handlaggning?status=all');
    const text = visibleText(queue.body);
    expect(text).toContain('Uppehållsrätt och bosättning behöver styrkas');
    expect(text).not.toContain('EVIDENCE_OF_RESIDENCE_REQUIRED');
    expect(queue.body).toContain(
      '<option value="EVIDENCE_OF_RESIDENCE_REQUIRED">Uppehållsrätt och bosättning behöver styrkas</option>',
    );
  });

  it('verifies the identity of a case made without e-ID; the case then joins the resident’s My pages', async () => {
    // Oleksandr applied without e-ID, typing his number: nothing links the case to him yet.
    const oleksandr = await user(t.database.db, 'oleksandr');
    const { case: subject } = await createCaseSubmissions(t.database.db).submit(
      submission({
        applicant: {
          userId: null,
          personalNumber: oleksandr.personalNumber,
          contact: { name: 'Oleksandr utan e-legitimation', email: null, phone: '070-1234567' },
        },
        now: t.clock(),
      }),
    );
    const mine = () =>
      listMyCases(t.database.db, { userId: oleksandr.id, personalNumber: oleksandr.personalNumber, now: t.clock() });
    expect((await mine()).map((c) => c.id)).not.toContain(subject.id);

    const page = await get(`/handlaggning/arenden/${subject.id}`);
    expect(page.body).toContain('id="identity-heading">Styrk identiteten</h2>');
    const post = async (fields: Record<string, string>) => {
      const form = await csrfFor(t, saraCookies, `/handlaggning/arenden/${subject.id}`);
      return t.app.inject({
        method: 'POST',
        url: `/handlaggning/arenden/${subject.id}/identitet`,
        cookies: form.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: form.token, ...fields }).toString(),
      });
    };
    // A wrong check digit and no method: both said, in Swedish, and nothing is stored.
    const refused = await post({ personalNumber: '19900517-1235' });
    expect(refused.statusCode).toBe(422);
    expect(visibleText(refused.body)).toContain('Numret stämmer inte. Skriv det som ÅÅÅÅMMDD-NNNN');
    expect(visibleText(refused.body)).toContain('Välj hur du styrkte identiteten');
    expect((await mine()).map((c) => c.id)).not.toContain(subject.id);

    const verified = await post({ personalNumber: oleksandr.personalNumber!, method: 'swedish-id' });
    expect(verified.statusCode).toBe(303);
    const after = await get(`/handlaggning/arenden/${subject.id}`);
    expect(after.body).not.toContain('id="identity-heading"');
    expect(visibleText(after.body)).toContain('Handläggaren styrkte sökandens identitet');
    // Verified twice (a second tab): refused, not done again.
    expect((await post({ personalNumber: oleksandr.personalNumber!, method: 'swedish-id' })).statusCode).toBe(409);

    // He signs in with e-ID: the case is his on My pages, with a time line entry saying so.
    expect((await mine()).map((c) => c.id)).toContain(subject.id);
    const myCase = await getMyCase(t.database.db, { userId: oleksandr.id, caseId: subject.id, now: t.clock() });
    expect(myCase.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case.identity-verified', 'case.joined-my-pages']),
    );
    // Another resident does not get it.
    expect(
      (
        await listMyCases(t.database.db, { userId: amina.id, personalNumber: amina.personalNumber, now: t.clock() })
      ).map((c) => c.id),
    ).not.toContain(subject.id);
  });

  it('shows the postal address an applicant without e-ID gave, with its c/o line', async () => {
    const { case: subject } = await createCaseSubmissions(t.database.db).submit(
      submission({
        applicant: {
          userId: null,
          personalNumber: null,
          contact: {
            name: 'Rania Exempelsdotter',
            email: null,
            phone: '070-1234567',
            address: { careOf: 'Exempel Värdsson', street: 'Brevvägen 7', postalCode: '214 33', city: 'Malmö' },
          },
        },
        now: t.clock(),
      }),
    );
    const page = await get(`/handlaggning/arenden/${subject.id}`);
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('Adress c/o Exempel Värdsson, Brevvägen 7, 214 33 Malmö');
  });

  it('registers an appeal that came in on paper: on the day it arrived, judged on time from then', async () => {
    const { case: subject } = await createCaseSubmissions(t.database.db).submit(
      submission({
        applicant: {
          userId: null,
          personalNumber: null,
          contact: { name: 'Per Post', email: null, phone: '070-1740605' },
        },
        now: t.clock(),
      }),
    );
    await decideByRules(t.database.db, subject.id, 'refuse', [REASONS.IDENTITY_UNVERIFIED!], t.clock());
    await decideManually(
      { db: t.database.db, notifier: t.notifier, baseUrl: t.config.BASE_URL, municipalityName: 'Malmö' },
      {
        caseId: subject.id,
        outcome: 'refuse',
        motivation: 'Identiteten är inte styrkt.',
        reasonCodes: [],
        caseworker: sara,
        now: t.clock(),
      },
    );
    const page = await get(`/handlaggning/arenden/${subject.id}`);
    expect(page.body).toContain('id="paper-appeal-heading"');
    const post = async (fields: Record<string, string>) => {
      const form = await csrfFor(t, saraCookies, `/handlaggning/arenden/${subject.id}`);
      return t.app.inject({
        method: 'POST',
        url: `/handlaggning/arenden/${subject.id}/overklagande/registrera`,
        cookies: form.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: form.token, ...fields }).toString(),
      });
    };
    // No day and no text: both said in Swedish, nothing stored.
    const refused = await post({ 'arrivedOn-day': '', 'arrivedOn-month': '', 'arrivedOn-year': '', text: '' });
    expect(refused.statusCode).toBe(422);
    expect(visibleText(refused.body)).toContain('Skriv dagen då överklagandet kom in');
    // A day before the decision cannot be.
    const early = await post({ 'arrivedOn-day': '1', 'arrivedOn-month': '1', 'arrivedOn-year': '2026', text: 'Fel.' });
    expect(early.statusCode).toBe(422);
    expect(visibleText(early.body)).toContain('tidigast beslutsdagen');
    // The clock is 28 November 2026; the letter arrived that day.
    const done = await post({
      'arrivedOn-day': '28',
      'arrivedOn-month': '11',
      'arrivedOn-year': '2026',
      text: 'Jag överklagar. Jag har pass och bor i Malmö.',
    });
    expect(done.statusCode).toBe(303);
    const after = visibleText((await get(`/handlaggning/arenden/${subject.id}`)).body);
    expect(after).toContain('Jag överklagar. Jag har pass och bor i Malmö.');
    expect(after).toContain('I rätt tid Ja, överklagandet kom in i tid');
    // It came in on a day, at no known time: no made-up "kl. 00:00".
    expect(after).toContain('Överklagande som kom in 28 november 2026 ');
    expect(after).toContain('Kom in 28 november 2026 Sökanden tog del');
    // So in the history too: the appeal and the decision's receipt (taken as that day) by their day.
    const history = after.slice(after.indexOf('Händelser'));
    expect(history).toMatch(/28 november 2026 Beslutet överklagades/);
    expect(history).toMatch(/28 november 2026 Sökanden tog del av beslutet/);
    expect(history).not.toContain('kl. 00:00');
    expect(after).not.toContain('Registrera ett överklagande som kom in på papper');
    // Registered twice (a second tab): said, not done again.
    expect(
      (await post({ 'arrivedOn-day': '28', 'arrivedOn-month': '11', 'arrivedOn-year': '2026', text: 'Igen.' }))
        .statusCode,
    ).toBe(303);
    const appeals = await eDb(t.database.db)
      .selectFrom('case_appeals')
      .select('id')
      .where('case_id', '=', subject.id)
      .execute();
    expect(appeals).toHaveLength(1);
  });
});
