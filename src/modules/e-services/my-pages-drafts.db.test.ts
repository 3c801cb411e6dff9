import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../test/helpers/sessions.ts';
import { newDraftToken, saveDraft } from './case.service.ts';
import { user } from './e-services.fixtures.ts';

const FORM = '/e-tjanster/sfi';
const DRAFT_COOKIE = 'smb_sfi_draft';

/** Residents with an unsent application are told how long it is kept (DRAFT_RETENTION_DAYS, default 30). */
describe.each(testEngines())('how long a draft is kept, told to its owner (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t?.close());

  const get = (url: string, cookies: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, cookies });
  const draft = (owner: { userId: string } | { draftToken: string }, answers: Record<string, unknown>) =>
    saveDraft(t.database.db, { serviceId: 'sfi', owner, answers, locale: 'sv', now: t.clock() });

  it('My pages lists a started application with a link to continue and says it is kept 30 days from the last change', async () => {
    const cookies = await sessionCookieFor(t, 'amina');
    const before = await get('/mina-sidor', cookies);
    expect(before.body).not.toContain('id="drafts"');

    await draft({ userId: (await user(t.database.db, 'amina')).id }, { contact: { email: 'amina@example.test' } });
    const page = await get('/mina-sidor', cookies);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Påbörjade ansökningar');
    expect(page.body).toMatch(new RegExp(`<a class="govuk-link" href="${FORM}">[^<]+</a>`));
    expect(page.body).toContain('Ditt utkast sparas i 30 dagar från senaste ändringen.');
    const english = await get('/mina-sidor?lang=en', cookies);
    expect(english.body).toContain('Your draft is kept for 30 days after your last change.');
  });

  it('does not count what a form keeps after sending (keys starting with "_") as a started application', async () => {
    const cookies = await sessionCookieFor(t, 'oleksandr');
    await draft(
      { userId: (await user(t.database.db, 'oleksandr')).id },
      { _submitted: [{ key: 'k', caseId: '00000000-0000-4000-8000-000000000000' }] },
    );
    const page = await get('/mina-sidor', cookies);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="drafts"');
    expect(page.body).not.toContain('id="draft-retention"');
  });

  it('the form’s start page says it next to "continue": 30 days with e-ID, 7 without (the draft cookie’s lifetime)', async () => {
    const signedIn = await get(FORM, await sessionCookieFor(t, 'amina'));
    expect(signedIn.body).toContain('Ditt utkast sparas i 30 dagar från senaste ändringen.');

    const token = newDraftToken();
    await draft({ draftToken: token }, { identity: { name: 'Testperson Ett' } });
    const anonymous = await get(`${FORM}?lang=uk`, { [DRAFT_COOKIE]: token });
    expect(anonymous.body).toContain('Ваша чернетка зберігається 7 днів після останньої зміни.');

    const noDraft = await get(FORM);
    expect(noDraft.body).not.toContain('id="draft-retention"');
  });
});
