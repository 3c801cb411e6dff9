import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { busySlots, cancelBooking, changeBooking, createBooking, type BookingDeps } from '../booking.service.ts';
import { failure, parseCalendar, users } from '../booking.test-support.ts';
import { createBookingNotifications } from '../booking-notifications.ts';
import { getManagedBooking } from '../finder/booking-pages.service.ts';
import { fromLocal } from '../local-time.ts';
import { findRoom } from '../room.repository.ts';

interface Mail {
  recipient: string;
  subject: string;
  body: string;
  calendar: ICAL.Component;
  method: string;
}

describe.each(testEngines())('invitees and Teams link on %s', (engine) => {
  let t: TestApp;
  let deps: BookingDeps;
  let erik: User;
  let sara: User;
  let johan: User;
  let admin: User;
  const seen = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp({ engine });
    const notifications = createBookingNotifications({
      notifier: t.notifier,
      baseUrl: 'https://boka.example',
      mailFrom: 'Malmö stad <noreply@malmo.example>',
      clock: t.clock,
    });
    deps = { db: t.database.db, clock: t.clock, onChange: notifications.onChange };
    ({ erik, sara, johan, admin } = await users(t, 'erik', 'sara', 'johan', 'admin'));
    // Two colleagues share a name: a name alone cannot say which one is meant.
    await t.database.db
      .insertInto('users')
      .values([
        { username: 'lena1', display_name: 'Lena Holm', kind: 'staff', email: 'lena.holm@malmo.example' },
        { username: 'lena2', display_name: 'Lena Holm', kind: 'staff', email: 'lena.holm2@malmo.example' },
      ])
      .execute();
    for (const row of await t.database.db.selectFrom('outbox_messages').select('id').execute()) seen.add(row.id);
  });
  afterAll(async () => t.close());

  async function newMail(): Promise<Mail[]> {
    const rows = (
      await t.database.db.selectFrom('outbox_messages').selectAll().where('channel', '=', 'email').execute()
    ).filter((r) => !seen.has(r.id));
    for (const row of rows) seen.add(row.id);
    return rows.map((r) => {
      const [attachment] = r.attachments as { contentType: string; contentBase64: string }[];
      const calendar = parseCalendar(Buffer.from(attachment!.contentBase64, 'base64').toString('utf8'));
      return {
        recipient: r.recipient,
        subject: r.subject,
        body: r.body_text,
        calendar,
        method: String(calendar.getFirstPropertyValue('method')),
      };
    });
  }
  const eventOf = (mail: Mail) => mail.calendar.getFirstSubcomponent('vevent')!;
  const attendeeLines = (mail: Mail) =>
    eventOf(mail)
      .getAllProperties('attendee')
      .map((p) => `${String(p.getFirstValue())} ${String(p.getParameter('partstat'))}`)
      .sort();

  const slot = (day: string, from: string, to: string) => ({
    startsAt: fromLocal(day, from),
    endsAt: fromLocal(day, to),
  });

  it('resolves colleagues by name and e-mail and a guest by address; each gets the invite, its update and its cancellation with the same UID and SEQUENCE', async () => {
    const booking = await createBooking(deps, johan, {
      roomId: 'stadshuset-pildammen',
      ...slot('2026-12-01', '09:00', '10:00'),
      title: 'Planering',
      attendees: 4,
      invitees: ['sara nilsson', 'Erik Lind <ERIK.LIND@malmo.example>', 'gast@example.org', 'Johan Berg'],
      teamsUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=x',
    });
    let mails = await newMail();
    // The booker (named among the invitees too) gets one e-mail, not two.
    expect(mails.map((m) => m.recipient).sort()).toEqual([
      'erik.lind@malmo.example',
      'gast@example.org',
      'johan.berg@malmo.example',
      'sara.nilsson@malmo.example',
    ]);
    for (const mail of mails) {
      expect(mail.method).toBe('REQUEST');
      expect(eventOf(mail).getFirstPropertyValue('uid')).toBe(booking.icalUid);
      expect(eventOf(mail).getFirstPropertyValue('sequence')).toBe(0);
      expect(attendeeLines(mail)).toEqual([
        'mailto:erik.lind@malmo.example NEEDS-ACTION',
        'mailto:gast@example.org NEEDS-ACTION',
        'mailto:johan.berg@malmo.example ACCEPTED',
        'mailto:sara.nilsson@malmo.example NEEDS-ACTION',
      ]);
      expect(eventOf(mail).getFirstPropertyValue('x-microsoft-skypeteamsmeetingurl')).toBe(booking.teamsUrl);
      expect(String(eventOf(mail).getFirstPropertyValue('description'))).toContain(booking.teamsUrl!);
    }
    const toSara = mails.find((m) => m.recipient === 'sara.nilsson@malmo.example')!;
    expect(toSara.subject).toMatch(/^Inbjudan: Planering/);
    expect(toSara.body).toContain('Johan Berg bjuder in dig till ”Planering”');
    // The invitee's answer goes to the booker.
    expect(eventOf(toSara).getFirstPropertyValue('organizer')).toBe('mailto:johan.berg@malmo.example');
    expect(eventOf(toSara).getFirstPropertyValue('url')).toBe(booking.teamsUrl);
    const toJohan = mails.find((m) => m.recipient === 'johan.berg@malmo.example')!;
    expect(eventOf(toJohan).getFirstPropertyValue('organizer')).toBe('mailto:noreply@malmo.example');

    // A change that drops the guest: the others get SEQUENCE 1, the guest a CANCEL naming only them.
    await changeBooking(deps, johan, booking.id, {
      ...slot('2026-12-01', '13:00', '14:00'),
      attendees: 3,
      invitees: ['Sara Nilsson', 'erik.lind@malmo.example'],
    });
    mails = await newMail();
    expect(mails).toHaveLength(4);
    const toGuest = mails.find((m) => m.recipient === 'gast@example.org')!;
    expect(toGuest.method).toBe('CANCEL');
    expect(toGuest.subject).toMatch(/^Du är inte längre inbjuden/);
    expect(eventOf(toGuest).getFirstPropertyValue('sequence')).toBe(1);
    expect(attendeeLines(toGuest)).toEqual(['mailto:gast@example.org NEEDS-ACTION']);
    for (const mail of mails.filter((m) => m.recipient !== 'gast@example.org')) {
      expect(mail.method).toBe('REQUEST');
      expect(eventOf(mail).getFirstPropertyValue('sequence')).toBe(1);
      expect(attendeeLines(mail)).not.toContain('mailto:gast@example.org NEEDS-ACTION');
    }
    // The Teams link was not in the change: unchanged.
    expect(eventOf(mails[0]!).getFirstPropertyValue('x-microsoft-skypeteamsmeetingurl')).toBe(booking.teamsUrl);

    await cancelBooking(deps, johan, booking.id);
    mails = await newMail();
    expect(mails.map((m) => m.recipient).sort()).toEqual([
      'erik.lind@malmo.example',
      'johan.berg@malmo.example',
      'sara.nilsson@malmo.example',
    ]);
    for (const mail of mails) {
      expect(mail.method).toBe('CANCEL');
      expect(eventOf(mail).getFirstPropertyValue('sequence')).toBe(2);
      expect(eventOf(mail).getFirstPropertyValue('uid')).toBe(booking.icalUid);
    }
    expect(mails.find((m) => m.recipient === 'erik.lind@malmo.example')!.subject).toMatch(/^Inställt möte: Planering/);
  });

  it('refuses a name that matches nobody or several colleagues, and a malformed address, saying how to fix it; nothing is booked or sent', async () => {
    const error = await failure(
      createBooking(deps, johan, {
        roomId: 'stadshuset-pildammen',
        ...slot('2026-12-02', '09:00', '10:00'),
        title: 'Planering',
        attendees: 2,
        invitees: ['Sara Nilson', 'Lena Holm', 'kalle@', 'Sara Nilsson'],
      }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields).toEqual([
      { field: 'invitees', code: 'inviteeInvalidEmail', params: { entry: 'kalle@' } },
      { field: 'invitees', code: 'inviteeNoMatch', params: { entry: 'Sara Nilson' } },
      { field: 'invitees', code: 'inviteeSeveral', params: { entry: 'Lena Holm', count: 2 } },
    ]);
    expect(await newMail()).toHaveLength(0);
    // The address says which Lena is meant.
    const booking = await createBooking(deps, johan, {
      roomId: 'stadshuset-pildammen',
      ...slot('2026-12-02', '09:00', '10:00'),
      title: 'Planering',
      attendees: 2,
      invitees: ['lena.holm2@malmo.example'],
    });
    expect((await newMail()).map((m) => m.recipient).sort()).toEqual([
      'johan.berg@malmo.example',
      'lena.holm2@malmo.example',
    ]);
    const managed = await getManagedBooking(t.database.db, johan, booking.id);
    expect(managed.invitees.map((i) => i.name)).toEqual(['Lena Holm']);
  });

  it('accepts a Teams link only as https on teams.microsoft.com or teams.live.com', async () => {
    for (const bad of [
      'http://teams.microsoft.com/l/meetup-join/1',
      'https://teams.microsoft.com.evil.example/l/1',
      'https://evil.example/?teams.microsoft.com',
      'javascript:alert(1)',
      'teams',
    ]) {
      const error = await failure(
        createBooking(deps, johan, {
          roomId: 'stadshuset-ribban',
          ...slot('2026-12-03', '09:00', '10:00'),
          title: 'Möte',
          attendees: 2,
          teamsUrl: bad,
        }),
      );
      expect(error.details.fields, bad).toEqual([{ field: 'teamsUrl', code: 'teamsUrl' }]);
    }
    const live = await createBooking(deps, johan, {
      roomId: 'stadshuset-ribban',
      ...slot('2026-12-03', '09:00', '10:00'),
      title: 'Möte',
      attendees: 2,
      teamsUrl: ' https://teams.live.com/meet/9876543210?p=a,b ',
    });
    expect(live.teamsUrl).toBe('https://teams.live.com/meet/9876543210?p=a%2Cb');
    await newMail();
    // An empty link in a change removes it.
    const changed = await changeBooking(deps, johan, live.id, {
      ...slot('2026-12-03', '09:00', '10:00'),
      attendees: 2,
      teamsUrl: '',
    });
    expect(changed.teamsUrl).toBeNull();
    await newMail();
  });

  it('in a private room, shows the title to the booker and the people the booking names, to no one else', async () => {
    const room = (await findRoom(t.database.db, 'kirseberg-samtal'))!;
    expect(room.isPrivate).toBe(true);
    const booking = await createBooking(deps, erik, {
      roomId: room.id,
      ...slot('2026-12-01', '10:00', '11:00'),
      title: 'Samtal med klient',
      attendees: 2,
      invitees: ['Sara Nilsson', 'Maria Andersson'],
    });
    await newMail();
    const titleFor = async (viewer: User) =>
      (
        await busySlots(
          t.database.db,
          [room],
          fromLocal('2026-12-01', '00:00'),
          fromLocal('2026-12-02', '00:00'),
          viewer,
        )
      )
        .get(room.id)!
        .find((b) => b.bookingId === booking.id)!.title;
    expect(await titleFor(erik)).toBe('Samtal med klient');
    expect(await titleFor(sara)).toBe('Samtal med klient');
    expect(await titleFor(admin)).toBe('Samtal med klient');
    expect(await titleFor(johan)).toBeNull();

    // An administrator manages every booking: invited, they read the title; not invited, they do not.
    const asInvited = await getManagedBooking(t.database.db, admin, booking.id);
    expect(asInvited.mayReadTitle).toBe(true);
    expect(asInvited.booking.title).toBe('Samtal med klient');
    expect(asInvited.invitees.map((i) => i.name)).toEqual(['Maria Andersson', 'Sara Nilsson']);
    await changeBooking(deps, erik, booking.id, {
      ...slot('2026-12-01', '10:00', '11:00'),
      attendees: 2,
      invitees: ['Sara Nilsson'],
    });
    const mails = await newMail();
    expect(mails.find((m) => m.recipient === 'maria.andersson@malmo.example')!.method).toBe('CANCEL');
    const uninvited = await getManagedBooking(t.database.db, admin, booking.id);
    expect(uninvited.mayReadTitle).toBe(false);
    expect(uninvited.booking.title).toBe('');
    expect(uninvited.invitees).toEqual([]);
    expect(await titleFor(admin)).toBeNull();
  });
});
