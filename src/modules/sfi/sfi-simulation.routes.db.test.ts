import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { csrfFor } from '../../../test/helpers/sessions.ts';
import { visibleText } from '../../../test/helpers/html.ts';
import { findUserByUsername } from '../../platform/auth/user.repository.ts';
import { formFieldsOf, getSettingsInForce, saveSettingsFromForm } from '../e-services/index.ts';
import { SFI_SETTINGS_PARAMETERS } from './sfi-e-service.ts';
import { evaluate, loadRuleSet } from '../rules/index.ts';
import { sfiRuleSet } from './sfi-facts.schema.ts';
import { simulationFacts, simulationFormDefaults, simulationFormSchema } from './sfi-simulation.schema.ts';

// "Prova själv" through the real app: a public GOV.UK form of made-up facts whose answer is the
// rules' decision, shown on the same page with reasons, legal references and matched rows.

const URL = '/sa-fattas-besluten/sfi/prova';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-28T09:00:00Z');
});
afterAll(async () => t.close());

async function post(fields: Record<string, string>, lang = 'sv') {
  const url = `${URL}?lang=${lang}`;
  const { cookies, token } = await csrfFor(t, {}, url);
  return t.app.inject({
    method: 'POST',
    url,
    cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}

const defaults = simulationFormDefaults('2026-11-28');

describe('the "Prova själv" form', () => {
  it('shows a form of the main facts with ordinary defaults and today as the decision date, for anyone', async () => {
    const page = await t.app.inject({ method: 'GET', url: URL });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Prova själv: vad skulle reglerna besluta?</h1>');
    expect(page.body).toContain('<form method="post" novalidate action="/sa-fattas-besluten/sfi/prova#result"');
    expect(page.body).toMatch(/name="residenceBasis" type="radio" value="folkbokford" checked/);
    expect(page.body).toMatch(/name="decisionDate-year" type="text"[^>]*value="2026"/);
    // No personal data is asked for.
    expect(page.body).not.toContain('name="personalNumber"');
    expect(page.body).not.toContain('name="name"');
    // The rule set's page links to it.
    expect((await t.app.inject({ method: 'GET', url: '/sa-fattas-besluten/sfi' })).body).toContain(`href="${URL}"`);
  });

  it('shows the rules’ decision on the same page: outcome, reasons with linked references, matched rows', async () => {
    const response = await post({ ...defaults, residenceBasis: 'asylum-seeker' });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('Ansökan skulle avslås.');
    expect(body).toContain('data-reason="NOT_ENTITLED_RESIDENCE"');
    expect(body).toContain(
      '<a class="govuk-link" href="https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P3" rel="external noreferrer">skollagen (2010:800) 29 kap. 3 §</a>',
    );
    expect(body).toContain('<li data-row="rad-02"><code dir="ltr">rad-02</code>');
    expect(body).toContain('href="/sa-fattas-besluten/sfi#version-2026-01-01"');
    // The answers stay in the form for another try.
    expect(body).toMatch(/value="asylum-seeker" checked/);
  });

  it('gives the decision evaluate gives for the facts the form makes', async () => {
    const fields = { ...defaults, yearsOfSchooling: '13', 'decisionDate-day': '8', 'decisionDate-month': '12' };
    const facts = simulationFacts(simulationFormSchema.parse(fields), {
      today: '2026-11-28',
      municipalityCode: '1280',
    });
    const expected = await evaluate(await loadRuleSet('sfi', sfiRuleSet), facts.facts);
    expect(expected.decision.outcome).toBe('admit');
    expect(expected.decision.ruleSet.version).toBe('2026-12-07');
    const body = (await post(fields)).body;
    expect(body).toContain('Du skulle antas till sfi.');
    expect(body).toContain(`Studieväg ${expected.decision.studyPath}, börjar på kurs ${expected.decision.startCourse}`);
    expect(body).toContain('Versionen från 7 december 2026');
  });

  it('uses the municipality’s setting on temporary protection in force on the decision date, and says so', async () => {
    const fields = {
      ...defaults,
      residenceBasis: 'temporary-protection',
      'decisionDate-day': '8',
      'decisionDate-month': '12',
    };
    const before = await post(fields);
    expect(before.body).toContain('Ansökan skulle avslås.');
    expect(visibleText(before.body)).toContain(
      'Kommunen erbjuder inte sfi till personer med tillfälligt skydd som inte är folkbokförda.',
    );
    // The administrator decides to offer SFI under temporary protection from 5 December.
    const inForce = (await getSettingsInForce(t.database.db, 'sfi', '2026-11-28'))!;
    await saveSettingsFromForm(t.database.db, {
      serviceId: 'sfi',
      values: { ...formFieldsOf(inForce.settings, '2026-12-05'), 'parameter-offersSfiToTemporaryProtection': 'yes' },
      parameters: SFI_SETTINGS_PARAMETERS,
      actor: (await findUserByUsername(t.database.db, 'admin'))!,
      now: t.clock(),
    });
    const after = await post(fields);
    expect(after.body).not.toContain('Ansökan skulle avslås.');
    expect(visibleText(after.body)).toContain(
      'Kommunen erbjuder sfi till personer med tillfälligt skydd som inte är folkbokförda.',
    );
    // A decision date before the change is tried under the setting then in force.
    const earlier = await post({ ...fields, 'decisionDate-day': '4' });
    expect(earlier.body).toContain('Ansökan skulle avslås.');
    // Where the setting decides nothing, nothing is said of it.
    expect((await post(defaults)).body).not.toContain('id="result-municipal-setting"');
  });

  it('is in Arabic too, the legal reference marked Swedish left to right', async () => {
    const response = await post({ ...defaults, residenceBasis: 'asylum-seeker' }, 'ar');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="ar" dir="rtl"');
    expect(response.body).toContain('سيُرفض الطلب.');
    expect(response.body).toContain(
      '<span lang="sv" dir="ltr" class="smb-legal-ref"><a class="govuk-link" href="https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P3" rel="external noreferrer">skollagen (2010:800) 29 kap. 3 §</a></span>',
    );
  });

  it('shows the form again with 422 and every error when answers are missing or wrong', async () => {
    const response = await post({
      ...defaults,
      'birthDate-day': '31',
      'birthDate-month': '2',
      yearsOfSchooling: 'nio',
      'decisionDate-day': '',
      'decisionDate-month': '',
      'decisionDate-year': '',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('<title>Fel: ');
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('Skriv antalet år med siffror, till exempel 9');
    expect(response.body).not.toContain('id="result"');
    const dates = await post({ ...defaults });
    expect(dates.statusCode).toBe(200);
    const tooEarly = await post({ ...defaults, 'decisionDate-year': '2020' });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.body).toContain('Det finns inga regler för det datumet. De första gäller från 1 januari 2025');
    const errors = await post({ ...defaults, earlierSfi: 'yes' });
    expect(errors.statusCode).toBe(422);
    expect(errors.body).toContain('href="#earlierSfiDate');
  });

  it('shows errors in the page’s language', async () => {
    const response = await post(
      { ...defaults, 'birthDate-day': '', 'birthDate-month': '', 'birthDate-year': '' },
      'ar',
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).not.toContain('Skriv ');
  });
});
