import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { multipartBody, sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import { CSRF_COOKIE, csrfTokenFor } from '../../../platform/http/csrf.ts';
import { bDb } from '../booking.table.ts';
import { parseCsv } from './room-import.ts';

const SECRET = 'rooms-admin-test-csrf-secret-0123456789';

describe.each(testEngines())('room administration on %s', (engine) => {
  let t: TestApp;
  let admin: Record<string, string>;
  const get = (url: string, cookies = admin) => t.app.inject({ method: 'GET', url, cookies });
  function post(url: string, fields: Record<string, string | string[]>, cookies = admin) {
    const body = new URLSearchParams({ _csrf: csrfTokenFor(SECRET, t.config.SESSION_SECRET) });
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return t.app.inject({
      method: 'POST',
      url,
      cookies: { ...cookies, [CSRF_COOKIE]: SECRET },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }
  async function upload(csv: string, lang = 'sv') {
    const { payload, headers } = await multipartBody(
      { _csrf: csrfTokenFor(SECRET, t.config.SESSION_SECRET) },
      { file: { filename: 'rum.csv', content: new TextEncoder().encode(csv), contentType: 'text/csv' } },
    );
    return t.app.inject({
      method: 'POST',
      url: `/admin/lokaler/import?lang=${lang}`,
      cookies: { ...admin, [CSRF_COOKIE]: SECRET },
      headers,
      payload,
    });
  }
  const room = (id: string) =>
    bDb(t.database.db).selectFrom('booking_rooms').selectAll().where('id', '=', id).executeTakeFirst();
  const audit = (type: string, subject: string) =>
    t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('event_type', '=', type)
      .where('subject_id', '=', subject)
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ engine });
    admin = await sessionCookieFor(t, 'admin');
  });
  afterAll(async () => t.close());

  it('is for administrators only', async () => {
    const johan = await sessionCookieFor(t, 'johan');
    expect((await get('/admin/lokaler', johan)).statusCode).toBe(403);
    const page = await get('/admin/lokaler');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rosengårds förvaltningshus');
    expect(page.body).toContain('href="/admin/lokaler/rum/stadshuset-oresund"');
  });

  it('creates a room with all its rules, refuses bad input with field errors and stores nothing, and audits', async () => {
    const bad = await post('/admin/lokaler/rum/ny', {
      id: 'Bad Id',
      building: 'nowhere',
      floor: 'x',
      name: '',
      capacity: '0',
      purpose: 'meeting',
      opens_at: '18:00',
      closes_at: '08:00',
      min_minutes: '60',
      max_minutes: '30',
    });
    expect(bad.statusCode).toBe(422);
    for (const text of [
      'Ange ett id med små bokstäver',
      'Huset finns inte',
      'Ange en våning mellan -5 och 100',
      'Ange ett namn',
      'Ange antal platser mellan 1 och 1000',
      'Rummet måste stänga efter att det öppnar',
      'Längsta bokning kan inte vara kortare än kortaste',
    ]) {
      expect(bad.body).toContain(text);
    }
    const created = await post('/admin/lokaler/rum/ny', {
      id: 'hyllie-nytt',
      building: 'hyllie',
      floor: '2',
      name: 'Nya rummet',
      capacity: '6',
      purpose: 'client-meeting',
      equipment: ['screen', 'whiteboard'],
      accessibility: ['wheelchair'],
      allowed_groups: ['socialsekreterare'],
      opens_at: '08:00',
      closes_at: '17:00',
      open_weekdays: ['1', '2', '3'],
      min_minutes: '30',
      max_minutes: '120',
      max_days_ahead: '60',
      approval_required: 'ja',
      approver_group: 'lokalservice',
      buffer_minutes: '10',
      checkin_window_minutes: '',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/lokaler/rum/hyllie-nytt');
    const row = (await room('hyllie-nytt'))!;
    expect(row).toMatchObject({
      building_id: 'hyllie',
      floor: 2,
      capacity: 6,
      purpose: 'client-meeting',
      equipment: ['screen', 'whiteboard'],
      allowed_groups: ['socialsekreterare'],
      min_minutes: 30,
      max_minutes: 120,
      max_days_ahead: 60,
      approval_required: true,
      approver_group: 'lokalservice',
      buffer_minutes: 10,
      checkin_window_minutes: null,
    });
    expect(row.open_weekdays.map(Number)).toEqual([1, 2, 3]);
    expect(row.opens_at.slice(0, 5)).toBe('08:00');
    expect(row.door_key.length).toBeGreaterThanOrEqual(24);
    const events = await audit('booking.room-created', 'hyllie-nytt');
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0])).not.toContain(row.door_key);
    // The same id again: a field error, not a 500.
    const again = await post('/admin/lokaler/rum/ny', {
      id: 'hyllie-nytt',
      building: 'hyllie',
      floor: '1',
      name: 'X',
      capacity: '2',
      purpose: 'meeting',
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Det id:t används redan');
  });

  it('edits a room, shows its QR door sign, rotates the door key (the old door URL stops working) and deactivates it', async () => {
    const page = await get('/admin/lokaler/rum/kirseberg-motesrum');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    const oldKey = (await room('kirseberg-motesrum'))!.door_key;
    expect(page.body).toContain(`nyckel=${oldKey}`);
    const saved = await post('/admin/lokaler/rum/kirseberg-motesrum', {
      building: 'kirseberg',
      floor: '1',
      name: 'Mötesrummet',
      capacity: '9',
      purpose: 'meeting',
      opens_at: '07:00',
      closes_at: '19:00',
      open_weekdays: ['1', '2', '3', '4', '5'],
      min_minutes: '15',
      max_minutes: '240',
      max_days_ahead: '90',
      buffer_minutes: '5',
      checkin_window_minutes: '20',
    });
    expect(saved.statusCode).toBe(303);
    expect(await room('kirseberg-motesrum')).toMatchObject({
      capacity: 9,
      name: 'Mötesrummet',
      checkin_window_minutes: 20,
      buffer_minutes: 5,
      equipment: [],
    });
    const updated = await audit('booking.room-updated', 'kirseberg-motesrum');
    expect(updated).toHaveLength(1);
    expect(updated[0]!.new_value).toMatchObject({ capacity: 9, source: 'form' });

    const sign = await get('/admin/lokaler/rum/kirseberg-motesrum/dorrskylt');
    expect(sign.statusCode).toBe(200);
    expect(sign.body).toContain('<svg');
    expect((await get(`/lokaler/dorr/kirseberg-motesrum?nyckel=${oldKey}`, {})).statusCode).toBe(200);
    expect((await post('/admin/lokaler/rum/kirseberg-motesrum/ny-nyckel', {})).statusCode).toBe(303);
    const newKey = (await room('kirseberg-motesrum'))!.door_key;
    expect(newKey).not.toBe(oldKey);
    expect((await get(`/lokaler/dorr/kirseberg-motesrum?nyckel=${oldKey}`, {})).statusCode).toBe(404);
    expect((await get(`/lokaler/dorr/kirseberg-motesrum?nyckel=${newKey}`, {})).statusCode).toBe(200);
    expect(await audit('booking.door-key-rotated', 'kirseberg-motesrum')).toHaveLength(1);

    expect((await post('/admin/lokaler/rum/kirseberg-motesrum/avaktivera', {})).statusCode).toBe(303);
    expect((await post('/admin/lokaler/rum/kirseberg-motesrum/avaktivera', {})).statusCode).toBe(303); // twice: one change
    expect((await room('kirseberg-motesrum'))!.active).toBe(false);
    expect(await audit('booking.room-activation', 'kirseberg-motesrum')).toHaveLength(1);
    expect((await get(`/lokaler/dorr/kirseberg-motesrum?nyckel=${newKey}`, {})).statusCode).toBe(404);
    expect((await post('/admin/lokaler/rum/kirseberg-motesrum/aktivera', {})).statusCode).toBe(303);
    expect((await room('kirseberg-motesrum'))!.active).toBe(true);
    expect((await get('/admin/lokaler/rum/no-such-room')).statusCode).toBe(404);
  });

  it('manages group members by username, with a field error for an unknown one, audited', async () => {
    const added = await post('/admin/lokaler/grupper/socialsekreterare/medlemmar', { username: 'johan' });
    expect(added.statusCode).toBe(303);
    const johanId = (
      await t.database.db.selectFrom('users').select('id').where('username', '=', 'johan').executeTakeFirstOrThrow()
    ).id;
    const isMember = async () =>
      !!(await bDb(t.database.db)
        .selectFrom('booking_group_members')
        .select('user_id')
        .where('group_id', '=', 'socialsekreterare')
        .where('user_id', '=', johanId)
        .executeTakeFirst());
    expect(await isMember()).toBe(true);
    expect((await get('/admin/lokaler/grupper')).body).toContain('Johan');
    const unknown = await post('/admin/lokaler/grupper/socialsekreterare/medlemmar', { username: 'nobody-here' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Ingen i personalen har det användarnamnet');
    expect((await post('/admin/lokaler/grupper/socialsekreterare/ta-bort', { userId: johanId })).statusCode).toBe(303);
    expect(await isMember()).toBe(false);
    expect(await audit('booking.group-member-added', 'socialsekreterare')).toHaveLength(1);
    expect(await audit('booking.group-member-removed', 'socialsekreterare')).toHaveLength(1);
    expect((await post('/admin/lokaler/grupper', { id: 'vaktmastare', name: 'Vaktmästare' })).statusCode).toBe(303);
    expect(
      (await post('/admin/lokaler/hus', { id: 'limhamn', name: 'Limhamns kontor', address: 'Linnégatan 1' }))
        .statusCode,
    ).toBe(303);
    expect(await audit('booking.building-created', 'limhamn')).toHaveLength(1);
  });

  it('imports rooms from CSV all or nothing, with a per-row report in the user’s language; re-import updates by id', async () => {
    const header = 'id;building;floor;name;capacity;purpose;equipment;open_weekdays;checkin_window_minutes';
    const bad = [
      header,
      'limhamn-1;limhamn;1;Ettan;4;meeting;screen|whiteboard;1|2|3|4|5;15',
      'limhamn-2;nowhere;1;Tvåan;0;meeting;laser;1;',
      'limhamn-1;limhamn;1;Dubbel;4;meeting;;;',
    ].join('\r\n');
    const refused = await upload(bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Ingenting importerades');
    expect(refused.body).toContain('Huset finns inte');
    expect(refused.body).toContain('Okänd utrustning: laser');
    expect(refused.body).toContain('Samma id finns redan på rad 2');
    expect(refused.body).toContain('id="line-3"');
    expect(await room('limhamn-1')).toBeUndefined(); // all or nothing
    const english = await upload(bad, 'en');
    expect(english.body).toContain('The building does not exist');

    const good = [
      header,
      'limhamn-1;limhamn;1;Ettan;4;meeting;screen|whiteboard;1|2|3|4|5;15',
      '"limhamn-2";limhamn;2;"Tvåan; stora";10;training;;1|2;',
      '',
    ].join('\n');
    const imported = await upload(good);
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('2 nya rum, 0 ändrade, 0 oförändrade');
    expect(await room('limhamn-2')).toMatchObject({
      name: 'Tvåan; stora',
      capacity: 10,
      checkin_window_minutes: null,
      purpose: 'training',
    });
    const key = (await room('limhamn-1'))!.door_key;
    const reimport = await upload(good.replace('Ettan;4', 'Ettan;5'));
    expect(reimport.body).toContain('0 nya rum, 1 ändrat, 1 oförändrat');
    expect(await room('limhamn-1')).toMatchObject({ capacity: 5, door_key: key });
    expect(await audit('booking.room-updated', 'limhamn-1')).toHaveLength(1);

    expect((await upload('')).statusCode).toBe(422);
    const missing = await upload('id,name\nx,y');
    expect(missing.body).toContain('Kolumnerna saknas: building, floor, capacity, purpose');
  });

  it('reports a bad code once, naming the row and the column, and lists the allowed codes', async () => {
    const page = await get('/admin/lokaler/import');
    expect(page.body).toContain('Tillåtna koder');
    expect(page.body).toContain('<code>video-conference</code>');
    expect(page.body).toContain('Videokonferens');
    const refused = await upload(
      'id;building;floor;name;capacity;purpose;equipment\nstadshuset-x;stadshuset;1;X;4;meeting;screen|beamer\n',
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body.match(/Rad 2, kolumn Utrustning \(equipment\): Okänd utrustning: beamer/g)).toHaveLength(2); // summary + table
    expect(refused.body).not.toContain('kolumn Id');
    // A row with too few cells is one error, not one per column it could not fill.
    const short = await upload('id;building;floor;name;capacity;purpose\nstadshuset-y;stadshuset;1\n');
    expect(short.body).toContain('Rad 2: Raden har 3 kolumner men första raden har 6');
    expect(short.body).not.toContain('Ange ett namn');
  });

  it('offers a template and an export in the import format: export, edit, import round-trips', async () => {
    const template = await get('/admin/lokaler/import/mall.csv');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(template.headers['content-disposition']).toBe('attachment; filename="rum-mall.csv"');
    expect(template.body.startsWith('\uFEFFid;building;floor;name;capacity;equipment;')).toBe(true);
    expect(template.body.split('\r\n')).toHaveLength(3);
    const fromTemplate = await upload(template.body);
    expect(fromTemplate.statusCode).toBe(200); // the template's codes are valid here

    const exported = await get('/admin/lokaler/export.csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="rum-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rooms = await bDb(t.database.db).selectFrom('booking_rooms').select('id').execute();
    expect(exported.body.trimEnd().split('\r\n')).toHaveLength(rooms.length + 1);
    const again = await upload(exported.body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(`0 nya rum, 0 ändrade, ${rooms.length} oförändrade`);
    const edited = exported.body.replace(
      /\r\nstadshuset-oresund;([^;]*);([^;]*);([^;]*);\d+;/,
      '\r\nstadshuset-oresund;$1;$2;$3;99;',
    );
    expect(edited).not.toBe(exported.body);
    expect((await upload(edited)).body).toContain(`0 nya rum, 1 ändrat, ${rooms.length - 1} oförändrade`);
    expect(await room('stadshuset-oresund')).toMatchObject({ capacity: 99 });
    const johan = await sessionCookieFor(t, 'johan');
    expect((await get('/admin/lokaler/export.csv', johan)).statusCode).toBe(403);
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,"b ""c""",d\r\n1,"2,3",\n', ',')).toEqual([
      ['a', 'b "c"', 'd'],
      ['1', '2,3', ''],
    ]);
  });
});
