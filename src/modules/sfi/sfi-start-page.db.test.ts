import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { findUserByUsername } from '../../platform/auth/user.repository.ts';
import { notifyChanged } from '../../platform/db/change-notifications.ts';
import { formFieldsOf, getSettingsInForce, saveSettingsFromForm, settingsTopic } from '../e-services/index.ts';
import { SFI_SETTINGS_PARAMETERS } from './sfi-e-service.ts';

// Issue 14: the SFI start page shows where to ask (the municipal settings in force). For an
// anonymous visitor it is rendered once per language and day, and dropped in every process when
// an administrator saves new settings (notifyChanged in the saving transaction, LISTEN/NOTIFY).

const URL = '/e-tjanster/sfi';
const DEMO_PHONE = '070-174 06 05';

/** Asks again until `check` holds: a notification reaches the listener just after the commit, not with it. */
async function eventually<T>(ask: () => Promise<T>, check: (answer: T) => boolean, withinMs = 2_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await ask();
    if (check(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(testEngines())('the SFI start page follows the municipal settings (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t?.close());

  const get = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: URL, headers });

  it('is rendered once, and rendered again with the new settings when they are saved', async () => {
    const first = await get();
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(DEMO_PHONE);
    expect(first.body).toContain('Arbetsmarknads- och vuxenutbildningsnämnden');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"/);
    expect((await get({ 'if-none-match': etag })).statusCode).toBe(304);

    // Changed behind the service's back (no notification): the kept page is what is served.
    await sql`update e_service_settings set settings = jsonb_set(settings, '{phone}', '"070-174 06 66"')`.execute(
      t.database.db,
    );
    expect((await get()).body).toContain(DEMO_PHONE);

    // A rolled-back change announces nothing.
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await notifyChanged(trx, settingsTopic('sfi'));
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await get()).body).toContain(DEMO_PHONE);

    // An administrator saves new contact details in force today, through the real service.
    const inForce = (await getSettingsInForce(t.database.db, 'sfi', '2026-11-28'))!;
    await saveSettingsFromForm(t.database.db, {
      serviceId: 'sfi',
      values: {
        ...formFieldsOf(inForce.settings, '2026-11-28'),
        phone: '070-174 06 07',
        email: 'fragor@malmo.example',
      },
      parameters: SFI_SETTINGS_PARAMETERS,
      actor: (await findUserByUsername(t.database.db, 'admin'))!,
      now: t.clock(),
    });
    const after = await eventually(get, (response) => response.body.includes('070-174 06 07'));
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('070-174 06 07');
    expect(after.body).toContain('href="mailto:fragor@malmo.example"');
    expect(after.body).not.toContain(DEMO_PHONE);
    expect(after.headers.etag).not.toBe(etag);
    // The old ETag no longer matches: a browser or cache holding the old page gets the new one.
    const revalidated = await get({ 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.body).toContain('070-174 06 07');
    expect((await get({ 'if-none-match': String(after.headers.etag) })).statusCode).toBe(304);
  });

  it('is a page per language, each dropped by the change', async () => {
    const before = await get({ 'accept-language': 'ar' });
    expect(before.body).toContain('<html lang="ar" dir="rtl"');
    expect(before.body).toContain('<span lang="sv" dir="ltr">Arbetsmarknads- och vuxenutbildningsnämnden</span>');
    const inForce = (await getSettingsInForce(t.database.db, 'sfi', '2026-11-28'))!;
    await saveSettingsFromForm(t.database.db, {
      serviceId: 'sfi',
      values: { ...formFieldsOf(inForce.settings, '2026-11-28'), board: 'Utbildningsnämnden' },
      parameters: SFI_SETTINGS_PARAMETERS,
      actor: (await findUserByUsername(t.database.db, 'admin'))!,
      now: t.clock(),
    });
    const after = await eventually(
      () => get({ 'accept-language': 'ar' }),
      (response) => response.body.includes('Utbildningsnämnden'),
    );
    expect(after.body).toContain('<span lang="sv" dir="ltr">Utbildningsnämnden</span>');
    expect((await get()).body).toContain('Utbildningsnämnden');
  });
});
