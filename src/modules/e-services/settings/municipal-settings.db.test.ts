import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { csrfFor, sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { formFieldsOf, type SettingsParameter } from './municipal-settings.schema.ts';
import { getSettingsInForce, listSettingsHistory, saveSettingsFromForm } from './municipal-settings.service.ts';

const PARAMETERS: SettingsParameter[] = [
  { key: 'offersSfiToTemporaryProtection', label: { sv: 'Erbjuder?', en: 'Offers?' } },
];
const URL = '/admin/e-tjanster/sfi/installningar';

describe.each(testEngines())('municipal settings on %s', (engine) => {
  let t: TestApp;
  let admin: User;
  const NOW = new Date('2026-09-01T08:00:00Z');

  /** The form as the admin page fills it from the seeded version, with a new date and changes. */
  async function formWith(changes: Record<string, string>, effectiveFrom: string): Promise<Record<string, string>> {
    const seeded = await getSettingsInForce(t.database.db, 'sfi', '2026-09-01');
    return { ...formFieldsOf(seeded!.settings, effectiveFrom), ...changes };
  }

  beforeAll(async () => {
    t = await createTestApp({ engine });
    t.clock.set(NOW.toISOString());
    const row = await t.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'roles'])
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    admin = { id: row.id, displayName: row.display_name, roles: row.roles } as unknown as User;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has the demo settings in force from the e-service’s start (seeded, changed by nobody)', async () => {
    const seeded = await getSettingsInForce(t.database.db, 'sfi', '2026-09-01');
    expect(seeded?.version).toBe(1);
    expect(seeded?.changedBy).toBeNull();
    expect(seeded?.settings.appealAddress).toMatchObject({ postalCode: '205 80', city: 'Malmö' });
    expect(seeded?.settings.parameters).toEqual({ offersSfiToTemporaryProtection: false });
    expect(await getSettingsInForce(t.database.db, 'sfi', '2024-12-31')).toBeUndefined();
  });

  it('puts a new version in force from its effective date, not before; a same-day correction wins', async () => {
    const values = await formWith({ board: 'Vuxenutbildningsnämnden', postalCode: '21120' }, '2026-10-01');
    const saved = await saveSettingsFromForm(t.database.db, {
      serviceId: 'sfi',
      values,
      parameters: PARAMETERS,
      actor: admin,
      now: NOW,
    });
    expect(saved.version).toBe(2);
    // Written the Swedish way whatever was typed.
    expect(saved.settings.appealAddress.postalCode).toBe('211 20');
    expect((await getSettingsInForce(t.database.db, 'sfi', '2026-09-30'))?.version).toBe(1);
    expect((await getSettingsInForce(t.database.db, 'sfi', '2026-10-01'))?.settings.board).toBe(
      'Vuxenutbildningsnämnden',
    );
    await saveSettingsFromForm(t.database.db, {
      serviceId: 'sfi',
      values: { ...values, board: 'Vuxenutbildningsnämnden (rättad)' },
      parameters: PARAMETERS,
      actor: admin,
      now: NOW,
    });
    const inForce = await getSettingsInForce(t.database.db, 'sfi', '2026-10-01');
    expect(inForce).toMatchObject({ version: 3, changedBy: { id: admin.id } });
    expect(inForce?.settings.board).toBe('Vuxenutbildningsnämnden (rättad)');
    expect((await listSettingsHistory(t.database.db, 'sfi')).map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('audits a change with the version it replaces and the new one', async () => {
    const events = await t.database.db
      .withTables<{
        audit_events: { event_type: string; subject_id: string; old_value: unknown; new_value: unknown };
      }>()
      .selectFrom('audit_events')
      .select(['old_value', 'new_value'])
      .where('event_type', '=', 'e-service.settings-changed')
      .where('subject_id', '=', 'sfi')
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(2);
    expect(events[0]!.old_value).toMatchObject({
      version: 1,
      settings: { board: 'Arbetsmarknads- och vuxenutbildningsnämnden' },
    });
    expect(events[0]!.new_value).toMatchObject({
      version: 2,
      effectiveFrom: '2026-10-01',
      settings: { board: 'Vuxenutbildningsnämnden' },
    });
    expect(events[1]!.old_value).toMatchObject({ version: 2 });
  });

  it('refuses a past effective date, a postcode that is not Swedish, a bad phone and a missing parameter', async () => {
    const values = await formWith({ postalCode: '0123', phone: 'ring oss', web: 'http://x' }, '2026-08-31');
    delete values['parameter-offersSfiToTemporaryProtection'];
    const error = await saveSettingsFromForm(t.database.db, {
      serviceId: 'sfi',
      values,
      parameters: PARAMETERS,
      actor: admin,
      now: NOW,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details.fields).toEqual(
      expect.arrayContaining([
        { field: 'effectiveFrom', code: 'pastDate' },
        { field: 'postalCode', code: 'postalCode' },
        { field: 'phone', code: 'phone' },
        { field: 'web', code: 'web' },
        { field: 'parameter-offersSfiToTemporaryProtection', code: 'chooseOne' },
      ]),
    );
    expect((await listSettingsHistory(t.database.db, 'sfi'))[0]!.version).toBe(3);
  });

  describe('the admin page', () => {
    it('is for administrators only', async () => {
      expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(302);
      const caseworker = await sessionCookieFor(t, 'erik');
      expect((await t.app.inject({ method: 'GET', url: URL, cookies: caseworker })).statusCode).toBe(403);
      const cookies = await sessionCookieFor(t, 'admin');
      const page = await t.app.inject({ method: 'GET', url: URL, cookies });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Kommunens inställningar');
      expect(page.body).toContain('Version 3');
    });

    it('shows every problem in Swedish with status 422, keeping the input', async () => {
      const cookies = await sessionCookieFor(t, 'admin');
      const form = await csrfFor(t, cookies, URL);
      const values = await formWith({ postalCode: '99', email: 'inte-en-adress' }, '2026-09-15');
      const response = await t.app.inject({
        method: 'POST',
        url: URL,
        cookies: form.cookies,
        payload: new URLSearchParams({ ...values, _csrf: form.token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).toMatch(/<title>Fel: /);
      expect(response.body).toContain(
        'Postnumret måste vara ett svenskt postnummer med fem siffror, till exempel 205 80',
      );
      expect(response.body).toContain('Ange e-postadressen i rätt format');
      expect(response.body).toContain('value="inte-en-adress"');
    });

    it('saves a valid version, redirects with 303 and confirms it', async () => {
      const cookies = await sessionCookieFor(t, 'admin');
      const form = await csrfFor(t, cookies, URL);
      const values = await formWith({ phone: '070-174 06 06' }, '2026-09-15');
      const response = await t.app.inject({
        method: 'POST',
        url: URL,
        cookies: form.cookies,
        payload: new URLSearchParams({ ...values, _csrf: form.token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(URL);
      const after = await t.app.inject({
        method: 'GET',
        url: URL,
        cookies: { ...form.cookies, ...Object.fromEntries(response.cookies.map((c) => [c.name, c.value])) },
      });
      expect(after.body).toContain('är sparade och gäller från och med 2026-09-15');
      expect((await getSettingsInForce(t.database.db, 'sfi', '2026-09-15'))?.settings.phone).toBe('070-174 06 06');
    });
  });
});
