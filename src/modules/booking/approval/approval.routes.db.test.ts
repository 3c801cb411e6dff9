import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { decideBooking, listPendingForApprover } from './approval.service.ts';
import { createBooking, type BookingChange, type BookingDeps } from '../booking.service.ts';
import { bDb } from '../booking.table.ts';
import { postForm, text, users } from '../booking.test-support.ts';
import { fromLocal } from '../local-time.ts';

/**
 * The approval flow: a booking of a room needing approval is pending (and holds the slot); the
 * room's approvers (its approver group; administrators) see it at /lokaler/godkannanden, oldest
 * request first, and approve or reject it; others get 404; a repeated decision changes nothing.
 * Demo room stadshuset-radssalen: approval by lokalservice (the admin); here sara joins it too.
 */

const ROOM = 'stadshuset-radssalen';

describe.each(testEngines())('booking approval on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let johan: User;
  let sara: User;
  let admin: User;
  const cookies: Record<string, Record<string, string>> = {};
  const changes: BookingChange['kind'][] = [];
  let day = 0;

  const get = (url: string, as: string) => t.app.inject({ method: 'GET', url, cookies: cookies[as]! });
  const post = (url: string, as: string, fields: Record<string, string>) =>
    postForm(t, url, cookies[as]!, '/lokaler/godkannanden', fields);
  /** A pending booking by johan on the next weekday from Monday 30 November, 10–11 or at `time`. */
  async function pending(title = 'Utbildning', time: [string, string] = ['10:00', '11:00']) {
    const date = [
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
    ][day++]!;
    const booking = await createBooking(deps, johan, {
      roomId: ROOM,
      startsAt: fromLocal(date, time[0]),
      endsAt: fromLocal(date, time[1]),
      title,
      attendees: 20,
    });
    t.clock.advance(60_000); // requests in order
    return { booking, date };
  }
  const statusOf = async (id: string) =>
    await bDb(t.database.db)
      .selectFrom('bookings')
      .select(['status', 'decided_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const auditOf = async (id: string) =>
    (
      await sql<{
        event_type: string;
        new_value: unknown;
      }>`select event_type, new_value from audit_events where subject_id = ${id} order by id`.execute(t.database.db)
    ).rows;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    deps = { db: t.database.db, clock: t.clock, onChange: async (_trx, change) => void changes.push(change.kind) };
    ({ johan, sara, admin } = await users(t, 'johan', 'sara', 'admin'));
    await bDb(t.database.db)
      .insertInto('booking_group_members')
      .values({ group_id: 'lokalservice', user_id: sara.id })
      .execute();
    for (const u of ['erik', 'sara', 'johan', 'admin']) cookies[u] = await sessionCookieFor(t, u);
  });
  afterAll(async () => t.close());

  it('shows approvers an empty state, and others that they approve nothing', async () => {
    const empty = await get('/lokaler/godkannanden', 'sara');
    expect(empty.statusCode).toBe(200);
    expect(text(empty.body)).toContain('Inga bokningar väntar på godkännande.');
    const other = await get('/lokaler/godkannanden?lang=en', 'erik');
    expect(other.statusCode).toBe(200);
    expect(text(other.body)).toContain('You approve no rooms.');
  });

  it('lists pending bookings of the approver’s rooms, oldest request first, and the slot is held', async () => {
    const first = await pending('Första utbildningen');
    const second = await pending('Andra utbildningen');
    expect(first.booking.status).toBe('pending');
    // Pending holds the slot.
    await expect(
      createBooking(deps, sara, {
        roomId: ROOM,
        startsAt: fromLocal(first.date, '10:30'),
        endsAt: fromLocal(first.date, '11:30'),
        title: 'Krock',
        attendees: 5,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const page = await get('/lokaler/godkannanden', 'sara');
    const body = text(page.body);
    expect(body).toContain('2 bokningar väntar på beslut');
    expect(body.indexOf('Första utbildningen')).toBeLessThan(body.indexOf('Andra utbildningen'));
    expect(body).toContain('Rådssalen');
    expect(page.body).toContain(`action="/lokaler/godkannanden/${first.booking.id}"`);
    expect(text((await get('/lokaler/godkannanden', 'admin')).body)).toContain('Första utbildningen');
    expect(text((await get('/lokaler/godkannanden', 'erik')).body)).not.toContain('Första utbildningen');
    expect((await listPendingForApprover(t.database.db, johan, t.clock())).length).toBe(0);

    // Clean up for the next tests: the admin rejects both through the service.
    for (const b of [first, second]) await decideBooking(deps, admin, b.booking.id, { decision: 'reject' });
  });

  it('approves: confirmed, decided by the approver, audited, announced once; a second submission changes nothing', async () => {
    const { booking } = await pending('Godkänn mig');
    const denied = await post(`/lokaler/godkannanden/${booking.id}`, 'erik', { beslut: 'godkann', motivering: '' });
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain('Godkänn mig');
    expect((await statusOf(booking.id)).status).toBe('pending');

    changes.length = 0;
    const ok = await post(`/lokaler/godkannanden/${booking.id}`, 'sara', { beslut: 'godkann', motivering: '' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/lokaler/godkannanden');
    expect(await statusOf(booking.id)).toEqual({ status: 'confirmed', decided_by: sara.id });
    const again = await post(`/lokaler/godkannanden/${booking.id}`, 'sara', { beslut: 'godkann', motivering: '' });
    expect(again.statusCode).toBe(303);
    expect(changes).toEqual([]); // the app's own onChange (notifications) ran, not this test's deps
    expect((await auditOf(booking.id)).map((e) => e.event_type)).toEqual(['booking.approved']);

    // Through the service with this test's deps: a repeated decision neither re-announces nor re-audits.
    const next = await pending('Godkänn mig också');
    changes.length = 0;
    await decideBooking(deps, sara, next.booking.id, { decision: 'approve' });
    await decideBooking(deps, sara, next.booking.id, { decision: 'approve' });
    expect(changes).toEqual(['approved']);
    expect((await auditOf(next.booking.id)).map((e) => e.event_type)).toEqual(['booking.approved']);

    // The opposite decision afterwards is refused and changes nothing.
    const late = await post(`/lokaler/godkannanden/${booking.id}`, 'sara', { beslut: 'avsla', motivering: '' });
    expect(late.statusCode).toBe(303);
    expect((await statusOf(booking.id)).status).toBe('confirmed');
    expect(text((await get('/lokaler/godkannanden', 'sara')).body)).toContain(
      'Bokningen hade redan fått ett annat beslut.',
    );
    await expect(decideBooking(deps, sara, booking.id, { decision: 'reject' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('rejects with a reason: the slot is free again, the reason reaches onChange but never the audit log', async () => {
    const { booking, date } = await pending('Avslå mig');
    let reason: string | null | undefined;
    const capture: BookingDeps = { ...deps, onChange: async (_trx, change) => void (reason = change.reason) };
    const rejected = await decideBooking(capture, sara, booking.id, {
      decision: 'reject',
      reason: '  Salen renoveras den veckan.  ',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.endedAt).not.toBeNull();
    expect(reason).toBe('Salen renoveras den veckan.');
    const audit = await auditOf(booking.id);
    expect(audit.map((e) => e.event_type)).toEqual(['booking.rejected']);
    expect(JSON.stringify(audit)).not.toContain('renoveras');
    expect(audit[0]!.new_value).toMatchObject({ status: 'rejected', withReason: true });
    // The slot is free: another booking of the same time is accepted (by an admin: confirmed at once).
    const taken = await createBooking(deps, admin, {
      roomId: ROOM,
      startsAt: fromLocal(date, '10:00'),
      endsAt: fromLocal(date, '11:00'),
      title: 'Ny',
      attendees: 5,
    });
    expect(taken.status).toBe('confirmed');
  });

  it('refuses a reason that is too long or a missing decision with the form again (422), nothing changed', async () => {
    const { booking } = await pending('Fel i formuläret');
    const long = await post(`/lokaler/godkannanden/${booking.id}`, 'sara', {
      beslut: 'avsla',
      motivering: 'x'.repeat(501),
    });
    expect(long.statusCode).toBe(422);
    expect(text(long.body)).toContain('Motiveringen får vara högst 500 tecken');
    expect(long.body).toContain(`href="#motivering-${booking.id}"`);
    const none = await post(`/lokaler/godkannanden/${booking.id}`, 'sara', { motivering: 'hm' });
    expect(none.statusCode).toBe(422);
    expect(text(none.body)).toContain('Välj godkänn eller avslå');
    const stranger = await post(`/lokaler/godkannanden/${booking.id}`, 'johan', { motivering: 'hm' });
    expect(stranger.statusCode).toBe(404);
    expect((await statusOf(booking.id)).status).toBe('pending');
    expect(await auditOf(booking.id)).toEqual([]);
    await expect(
      decideBooking(deps, sara, booking.id, { decision: 'approve', reason: 'y'.repeat(501) }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('lets only one of two racing approvers decide', async () => {
    const { booking } = await pending('Kapplöpning');
    changes.length = 0;
    const results = await Promise.allSettled([
      decideBooking(deps, sara, booking.id, { decision: 'approve' }),
      decideBooking(deps, admin, booking.id, { decision: 'reject' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect(changes).toHaveLength(1);
    expect(await auditOf(booking.id)).toHaveLength(1);
  });
});
