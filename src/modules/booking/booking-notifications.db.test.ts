import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import type { User } from '../../platform/auth/roles.ts';
import { cancelBooking, changeBooking, createBooking, type BookingChange } from './booking.service.ts';
import { parseCalendar as parse, users } from './booking.test-support.ts';
import { findRoom } from './room.repository.ts';
import { bDb } from './booking.table.ts';
import { createBookingNotifications } from './booking-notifications.ts';
import { fromLocal } from './local-time.ts';
import { cancelSeries, createSeries, type SeriesDeps } from './series/series.service.ts';

interface Mail {
  recipient: string;
  subject: string;
  body: string;
  attachments: { filename: string; contentType: string; text: string }[];
}

describe.each(testEngines())('booking notifications on %s', (engine) => {
  let t: TestApp;
  let deps: SeriesDeps;
  let erik: User;
  let johan: User;
  const seen = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp({ engine });
    const notifications = createBookingNotifications({
      notifier: t.notifier,
      baseUrl: 'https://boka.example',
      mailFrom: 'Malmö stad <noreply@malmo.example>',
      clock: t.clock,
    });
    deps = {
      db: t.database.db,
      clock: t.clock,
      onChange: notifications.onChange,
      onSeriesChange: notifications.onSeriesChange,
    };
    ({ erik, johan } = await users(t, 'erik', 'johan'));
    for (const row of await t.database.db.selectFrom('outbox_messages').select('id').execute()) seen.add(row.id);
  });
  afterAll(async () => t.close());

  /** The e-mails stored since the last call (the fake clock gives them equal times: no order). */
  async function newMail(): Promise<Mail[]> {
    const rows = (
      await t.database.db.selectFrom('outbox_messages').selectAll().where('channel', '=', 'email').execute()
    ).filter((r) => !seen.has(r.id));
    for (const row of rows) seen.add(row.id);
    return rows.map((r) => ({
      recipient: r.recipient,
      subject: r.subject,
      body: r.body_text,
      attachments: (r.attachments as { filename: string; contentType: string; contentBase64: string }[]).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        text: Buffer.from(a.contentBase64, 'base64').toString('utf8'),
      })),
    }));
  }

  it('mails the booker a REQUEST on booking and change, and a CANCEL on cancellation, in their transaction', async () => {
    const booking = await createBooking(deps, johan, {
      roomId: 'stadshuset-pildammen',
      startsAt: fromLocal('2026-12-01', '09:00'),
      endsAt: fromLocal('2026-12-01', '10:00'),
      title: 'Planering',
      attendees: 2,
    });
    let [mail] = await newMail();
    expect(mail!.recipient).toBe('johan.berg@malmo.example');
    expect(mail!.subject).toContain('Planering');
    expect(mail!.body).toContain('https://boka.example/lokaler/bokningar/');
    expect(mail!.attachments[0]!.contentType).toBe('text/calendar; method=REQUEST; charset=UTF-8');
    let event = new ICAL.Event(parse(mail!.attachments[0]!.text).getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(booking.icalUid);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toString()).toBe('2026-12-01T09:00:00');
    expect(event.organizer).toBe('mailto:noreply@malmo.example');

    await changeBooking(deps, johan, booking.id, {
      startsAt: fromLocal('2026-12-01', '13:00'),
      endsAt: fromLocal('2026-12-01', '14:00'),
      title: 'Planering',
      attendees: 2,
    });
    [mail] = await newMail();
    event = new ICAL.Event(parse(mail!.attachments[0]!.text).getFirstSubcomponent('vevent')!);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T12:00:00.000Z');

    await cancelBooking(deps, johan, booking.id);
    [mail] = await newMail();
    expect(mail!.attachments[0]!.contentType).toBe('text/calendar; method=CANCEL; charset=UTF-8');
    const cancel = parse(mail!.attachments[0]!.text);
    expect(cancel.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(2);
    expect(cancel.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('sends nothing when the change is rolled back (a 409)', async () => {
    await createBooking(deps, johan, {
      roomId: 'stadshuset-ribban',
      startsAt: fromLocal('2026-12-02', '09:00'),
      endsAt: fromLocal('2026-12-02', '10:00'),
      title: 'A',
      attendees: 2,
    });
    expect(await newMail()).toHaveLength(1);
    await expect(
      createBooking(deps, erik, {
        roomId: 'stadshuset-ribban',
        startsAt: fromLocal('2026-12-02', '09:30'),
        endsAt: fromLocal('2026-12-02', '10:30'),
        title: 'B',
        attendees: 2,
      }),
    ).rejects.toThrow();
    expect(await newMail()).toHaveLength(0);
  });

  it('tells the approvers of a room needing approval, with a link to the approval page', async () => {
    await createBooking(deps, johan, {
      roomId: 'stadshuset-radssalen',
      startsAt: fromLocal('2026-12-03', '09:00'),
      endsAt: fromLocal('2026-12-03', '11:00'),
      title: 'Nämndmöte',
      attendees: 30,
    });
    const mails = await newMail();
    const toBooker = mails.find((m) => m.recipient === 'johan.berg@malmo.example')!;
    expect(toBooker.subject).toMatch(/^Väntar på godkännande/);
    expect(
      new ICAL.Event(
        parse(toBooker.attachments[0]!.text).getFirstSubcomponent('vevent')!,
      ).component.getFirstPropertyValue('status'),
    ).toBe('TENTATIVE');
    const toApprovers = mails.filter((m) => m.recipient !== 'johan.berg@malmo.example');
    expect(toApprovers.length).toBeGreaterThan(0);
    const approverEmails = await bDb(t.database.db)
      .selectFrom('booking_group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.email')
      .where('m.group_id', '=', 'lokalservice')
      .execute();
    expect(toApprovers.map((m) => m.recipient).sort()).toEqual(
      approverEmails
        .map((r) => r.email)
        .filter((e) => e !== 'johan.berg@malmo.example')
        .sort(),
    );
    expect(toApprovers[0]!.body).toContain('https://boka.example/lokaler/godkannanden');
  });

  it("a rejection mails a CANCEL with the approver's reason, in English for a member of staff who chose English", async () => {
    const booking = await createBooking(deps, erik, {
      roomId: 'stadshuset-pildammen',
      startsAt: fromLocal('2026-12-04', '09:00'),
      endsAt: fromLocal('2026-12-04', '10:00'),
      title: 'Workshop',
      attendees: 2,
    });
    await newMail();
    await t.database.db.updateTable('users').set({ locale: 'en' }).where('id', '=', erik.id).execute();
    const room = (await findRoom(t.database.db, 'stadshuset-pildammen'))!;
    await t.database.db.transaction().execute(async (trx) => {
      await deps.onChange!(trx, {
        kind: 'rejected',
        booking: { ...booking, status: 'rejected', sequence: 1 },
        room,
        actorId: null,
        reason: 'The room is needed for the council',
      } as BookingChange);
    });
    await t.database.db.updateTable('users').set({ locale: null }).where('id', '=', erik.id).execute();
    const [mail] = await newMail();
    expect(mail!.subject).toMatch(/^Not approved: Workshop, Friday,? 4 December 2026 09:00–10:00$/); // ICU versions differ on the comma
    expect(mail!.body).toContain('Reason: The room is needed for the council');
    expect(mail!.attachments[0]!.contentType).toContain('method=CANCEL');
  });

  it('a weekly 09:00 series March–November 2027: one invite whose expansion stays at 09:00 local across both clock changes; cancelling one occurrence sends a CANCEL naming it', async () => {
    await bDb(t.database.db)
      .updateTable('booking_rooms')
      .set({ max_days_ahead: 400 })
      .where('id', '=', 'hyllie-vattentornet')
      .execute();
    const { series, booked } = await createSeries(deps, erik, {
      roomId: 'hyllie-vattentornet',
      date: '2027-03-01',
      startTime: '09:00',
      endTime: '10:00',
      title: 'Klientmöte',
      attendees: 2,
      freq: 'weekly',
      until: '2027-11-29',
    });
    const [mail, ...rest] = await newMail();
    expect(rest).toHaveLength(0);
    expect(mail!.recipient).toBe('erik.lind@malmo.example');
    expect(mail!.subject).toContain('40');
    const calendar = parse(mail!.attachments[0]!.text);
    const master = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(master.uid).toBe(series.icalUid);
    expect(master.isRecurring()).toBe(true);
    const starts: string[] = [];
    const utc: string[] = [];
    const iterator = master.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      starts.push(next.toString());
      utc.push(next.toJSDate().toISOString());
    }
    expect(starts).toHaveLength(40);
    expect(starts.every((s) => s.endsWith('T09:00:00'))).toBe(true);
    // The same instants as the rows in the database.
    expect(utc).toEqual(booked.map((b) => b.startsAt.toISOString()));
    expect(utc).toContain('2027-03-22T08:00:00.000Z');
    expect(utc).toContain('2027-03-29T07:00:00.000Z');
    expect(utc).toContain('2027-10-25T07:00:00.000Z');
    expect(utc).toContain('2027-11-01T08:00:00.000Z');

    const october = booked.find((b) => b.startsAt.toISOString() === '2027-10-25T07:00:00.000Z')!;
    await cancelSeries(deps, erik, series.id, 'one', october.id);
    const [cancelMail] = await newMail();
    expect(cancelMail!.attachments[0]!.contentType).toContain('method=CANCEL');
    const cancel = parse(cancelMail!.attachments[0]!.text);
    const vevent = cancel.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(series.icalUid);
    const recurrenceId = vevent.getFirstPropertyValue('recurrence-id') as ICAL.Time;
    expect(recurrenceId.toString()).toBe('2027-10-25T09:00:00');
    expect(recurrenceId.toJSDate().toISOString()).toBe('2027-10-25T07:00:00.000Z');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2); // the series' 1 + the booking's 1

    // Moving another occurrence on the booking page: an exception (series UID, RECURRENCE-ID), never below the master's SEQUENCE.
    const november = booked.find((b) => b.startsAt.toISOString() === '2027-11-08T08:00:00.000Z')!;
    await changeBooking(deps, erik, november.id, {
      startsAt: fromLocal('2027-11-08', '10:00'),
      endsAt: fromLocal('2027-11-08', '11:00'),
      title: 'Klientmöte',
      attendees: 2,
    });
    const [moveMail] = await newMail();
    const moved = parse(moveMail!.attachments[0]!.text).getFirstSubcomponent('vevent')!;
    expect(moved.getFirstPropertyValue('uid')).toBe(series.icalUid);
    expect((moved.getFirstPropertyValue('recurrence-id') as ICAL.Time).toString()).toBe('2027-11-08T09:00:00');
    expect((moved.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2027-11-08T10:00:00');
    expect(moved.getFirstPropertyValue('sequence')).toBe(2);

    await cancelSeries(deps, erik, series.id, 'all');
    const [allMail] = await newMail();
    const all = parse(allMail!.attachments[0]!.text);
    expect(all.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(all.getFirstSubcomponent('vevent')!.hasProperty('recurrence-id')).toBe(false);
  });
});
