import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import type { Booking, Room } from './booking.schema.ts';
import type { BookingChange, BookingChangeKind } from './booking.service.ts';
import { bDb } from './booking.table.ts';
import { notificationTranslator, type NotificationTranslator } from './booking-notifications.i18n.ts';
import {
  bookingEvent,
  calendarText,
  seriesEvents,
  type Attendee,
  type CalendarMethod,
  type Person,
} from './icalendar.ts';
import { listInviteeRecipientsByBookingIds } from './attendees/attendees.repository.ts';
import type { Invitee } from './attendees/attendees.service.ts';
import { toLocal } from './local-time.ts';
import { occurrences, type Series } from './series/recurrence.ts';
import type { SeriesChange } from './series/series.service.ts';

/**
 * E-mail with an iCalendar invite for every booking change (BookingDeps.onChange) and series
 * change (SeriesDeps.onSeriesChange): to the booker, through the outbox notifier in the change's
 * own transaction (a rolled-back change sends nothing); to the booking's invitees too (the same
 * UID and SEQUENCE, ORGANIZER the booker, so their answers go to the booker), and a CANCEL to
 * an invitee the change removed. The invite is a text/calendar attachment
 * with `method=REQUEST` or `method=CANCEL` in its Content-Type, as Outlook needs. Bookings
 * awaiting approval are also mailed to the approvers (the room's approver group, else the
 * administrators), with a link to the approval page and, for private rooms, no title.
 * Staff read Swedish unless their profile says English.
 */

export interface BookingNotificationsOptions {
  notifier: Notifier;
  /** e.g. https://smorgasbord.malmo.se (no trailing slash) */
  baseUrl: string;
  /** MAIL_FROM (`Name <address>` or an address): the invites' ORGANIZER. */
  mailFrom: string;
  clock: () => Date;
}

interface Recipient {
  id: string;
  name: string;
  email: string;
  locale: 'sv' | 'en';
}

const CANCELLING: ReadonlySet<BookingChangeKind> = new Set(['cancelled', 'released', 'rejected']);

/** What an invitee is told of a change: invited, changed (moved, approved) or cancelled. */
function invitedKind(kind: BookingChangeKind): 'created' | 'changed' | 'cancelled' {
  return CANCELLING.has(kind) ? 'cancelled' : kind === 'created' ? 'created' : 'changed';
}

export function organizerAddress(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
}

async function bookerNameOf(trx: Trx, userId: string): Promise<string> {
  const row = await trx.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? '—';
}

/** A removed invitee's language: a colleague's profile, else Swedish. */
async function localeOf(trx: Trx, invitee: Invitee): Promise<'sv' | 'en'> {
  if (!invitee.userId) return 'sv';
  return (await recipient(trx, invitee.userId))?.locale ?? 'sv';
}

async function recipient(trx: Trx, userId: string): Promise<Recipient | undefined> {
  const row = await trx
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row?.email) return undefined;
  return { id: row.id, name: row.display_name, email: row.email, locale: row.locale === 'en' ? 'en' : 'sv' };
}

/** Who approves the room's bookings: its approver group's members, else the administrators. */
async function approversOf(trx: Trx, room: Room): Promise<Recipient[]> {
  const rows = room.rules.approverGroup
    ? await bDb(trx)
        .selectFrom('booking_group_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.display_name', 'u.email', 'u.locale'])
        .where('m.group_id', '=', room.rules.approverGroup)
        .execute()
    : await trx
        .selectFrom('users')
        .select(['id', 'display_name', 'email', 'locale'])
        .where(sql<boolean>`'admin' = any(roles)`)
        .execute();
  return rows
    .filter((r) => r.email)
    .map((r) => ({ id: r.id, name: r.display_name, email: r.email!, locale: r.locale === 'en' ? 'en' : 'sv' }));
}

const FULL_DATE = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'full', timeZone: 'Europe/Stockholm' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'Europe/Stockholm' }),
};

/** "tisdag 1 december 2026 09:00–10:00" in Stockholm time. */
export function when(t: NotificationTranslator, startsAt: Date, endsAt: Date): string {
  const day = (t.locale === 'en' ? FULL_DATE.en : FULL_DATE.sv).format(startsAt);
  return `${day} ${toLocal(startsAt).time}–${toLocal(endsAt).time}`;
}

function dateList(t: NotificationTranslator, instants: readonly Date[]): string {
  return instants.map((d) => `${t.formatDate(d, 'short')} ${toLocal(d).time}`).join(', ');
}

function pattern(t: NotificationTranslator, series: Series): string {
  return t.t(`pattern.${series.rule.freq}`, { time: series.localStart });
}

function invite(method: CalendarMethod, text: string) {
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; method=${method}; charset=UTF-8`,
    content: Buffer.from(text, 'utf8'),
  };
}

export function createBookingNotifications(options: BookingNotificationsOptions) {
  const { notifier, baseUrl, clock } = options;
  const organizer = (t: NotificationTranslator): Person => ({
    name: t.t('organizer'),
    email: organizerAddress(options.mailFrom),
  });

  async function mailApprovers(
    trx: Trx,
    room: Room,
    bookerId: string,
    subjectWhen: string,
    body: (t: NotificationTranslator, booker: string) => string,
  ): Promise<void> {
    const booker = await recipient(trx, bookerId);
    for (const approver of await approversOf(trx, room)) {
      if (approver.id === bookerId) continue;
      const t = notificationTranslator(approver.locale);
      await notifier.sendEmail(trx, {
        to: approver.email,
        subject: t.t('subject.approval', { room: room.name, when: subjectWhen }),
        text: [
          t.t('body.greeting', { name: approver.name }),
          '',
          body(t, booker?.name ?? '—'),
          '',
          t.t('body.approvalLink', { url: `${baseUrl}/lokaler/godkannanden` }),
        ].join('\n'),
      });
    }
  }

  /**
   * BookingDeps.onChange: one e-mail (with the invite) per change of a single booking or one
   * occurrence, to the booker and to each invitee; a CANCEL to each invitee the change removed.
   */
  async function onChange(trx: Trx, change: BookingChange): Promise<void> {
    if (change.kind === 'checked-in' || change.notify === false) return;
    const { booking, room } = change;
    const to = await recipient(trx, booking.bookerId);
    const method: CalendarMethod = CANCELLING.has(change.kind) ? 'CANCEL' : 'REQUEST';
    const invitees = (await listInviteeRecipientsByBookingIds(trx, [booking.id])).get(booking.id) ?? [];
    // An occurrence of a series is an exception of the series' event (its UID, RECURRENCE-ID).
    const seriesSequence = booking.seriesId
      ? (
          await bDb(trx)
            .selectFrom('booking_series')
            .select('sequence')
            .where('id', '=', booking.seriesId)
            .executeTakeFirst()
        )?.sequence
      : undefined;
    const attendees: Attendee[] = [
      ...(to ? [{ name: to.name, email: to.email }] : []),
      ...invitees.flatMap((i) =>
        i.email ? [{ name: i.name, email: i.email, partstat: 'NEEDS-ACTION' as const }] : [],
      ),
    ];
    const roomText = `${room.name}, ${room.buildingName}`;
    const event = (
      t: NotificationTranslator,
      people: { organizer: Person; attendees: Attendee[]; url?: string },
      cancel: boolean,
    ) =>
      bookingEvent(booking, room, {
        summary: booking.title,
        ...people,
        cancelled: cancel,
        ...(booking.teamsUrl
          ? { teamsUrl: booking.teamsUrl, description: t.t('teams.description', { url: booking.teamsUrl }) }
          : {}),
        ...(seriesSequence !== undefined ? { seriesSequence } : {}),
      });
    const teamsLines = (t: NotificationTranslator) =>
      booking.teamsUrl ? [t.t('teams.line', { url: booking.teamsUrl })] : [];
    if (to) {
      const t = notificationTranslator(to.locale);
      const kind = change.kind === 'created' && booking.status === 'pending' ? 'pending' : change.kind;
      const url = `${baseUrl}/lokaler/bokningar/${booking.id}`;
      const whenText = when(t, booking.startsAt, booking.endsAt);
      // An approver's reason (approve/reject), when the approval flow gives one.
      const reason = (change as BookingChange & { reason?: string | null }).reason?.trim();
      await notifier.sendEmail(trx, {
        to: to.email,
        subject: t.t(`subject.${kind}`, { title: booking.title, when: whenText }).slice(0, 200),
        text: [
          t.t('body.greeting', { name: to.name }),
          '',
          t.t(`body.${kind}`, { room: roomText, when: whenText }),
          ...(reason ? [t.t('body.reason', { reason })] : []),
          ...teamsLines(t),
          '',
          t.t('body.calendar'),
          t.t('body.link', { url }),
        ].join('\n'),
        attachments: [
          invite(
            method,
            calendarText({
              method,
              now: clock(),
              events: [event(t, { organizer: organizer(t), attendees, url }, method === 'CANCEL')],
            }),
          ),
        ],
      });
    }
    // Invitees: the booker organises (their answers go to the booker); the room's system address
    // when the booker has none.
    const bookerName = to?.name ?? (await bookerNameOf(trx, booking.bookerId));
    const mailInvitee = async (
      invitee: Invitee & { locale: 'sv' | 'en' },
      kind: 'created' | 'changed' | 'cancelled' | 'removed',
    ) => {
      const address = invitee.email ?? (invitee.userId ? (await recipient(trx, invitee.userId))?.email : undefined);
      if (!address) return;
      const t = notificationTranslator(invitee.locale);
      const cancel = kind === 'cancelled' || kind === 'removed';
      const inviteMethod: CalendarMethod = cancel ? 'CANCEL' : 'REQUEST';
      const whenText = when(t, booking.startsAt, booking.endsAt);
      const params = { title: booking.title, when: whenText, room: roomText, booker: bookerName };
      const bodyKind = kind === 'created' && booking.status === 'pending' ? 'pending' : kind;
      await notifier.sendEmail(trx, {
        to: address,
        subject: t.t(`invited.subject.${kind}`, params).slice(0, 200),
        text: [
          t.t('body.greeting', { name: invitee.name }),
          '',
          t.t(`invited.body.${bodyKind}`, params),
          ...(cancel ? [] : teamsLines(t)),
          '',
          t.t('body.calendar'),
          ...(cancel ? [] : [t.t('invited.body.answer', { booker: bookerName })]),
        ].join('\n'),
        attachments: [
          invite(
            inviteMethod,
            calendarText({
              method: inviteMethod,
              now: clock(),
              events: [
                event(
                  t,
                  {
                    organizer: to ? { name: to.name, email: to.email } : organizer(t),
                    // A removed invitee's CANCEL names only them: the others stay invited.
                    attendees:
                      kind === 'removed'
                        ? [{ name: invitee.name, email: address, partstat: 'NEEDS-ACTION' }]
                        : attendees,
                    ...(booking.teamsUrl && !cancel ? { url: booking.teamsUrl } : {}),
                  },
                  cancel,
                ),
              ],
            }),
          ),
        ],
      });
    };
    for (const invitee of invitees) await mailInvitee(invitee, invitedKind(change.kind));
    for (const removed of change.removedInvitees ?? [])
      await mailInvitee({ ...removed, locale: await localeOf(trx, removed) }, 'removed');
    if (booking.status === 'pending' && (change.kind === 'created' || change.kind === 'changed')) {
      await mailApprovers(
        trx,
        room,
        booking.bookerId,
        when(notificationTranslator('sv'), booking.startsAt, booking.endsAt),
        (t, booker) =>
          t.t('body.approval', {
            booker,
            room: `${room.name}, ${room.buildingName}`,
            when: when(t, booking.startsAt, booking.endsAt),
          }),
      );
    }
  }

  /** SeriesDeps.onSeriesChange: the whole series as one invite (RRULE, EXDATE, exceptions), or a CANCEL. */
  async function onSeriesChange(trx: Trx, change: SeriesChange): Promise<void> {
    const { series, room, bookings, cancelled } = change;
    const to = await recipient(trx, series.bookerId);
    const roomText = `${room.name}, ${room.buildingName}`;
    const first = occurrences(series)[0]!;
    if (to) {
      const t = notificationTranslator(to.locale);
      const url = `${baseUrl}/lokaler/serier/${series.id}`;
      const people = {
        summary: series.title,
        organizer: organizer(t),
        attendees: [{ name: to.name, email: to.email }],
        url,
      };
      let method: CalendarMethod = 'REQUEST';
      let events = seriesEvents(series, bookings, room, people);
      let subject: string;
      let lines: string[];
      if (change.kind === 'created') {
        subject = t.t('subject.seriesCreated', { title: series.title, count: bookings.length });
        const booked = new Set(bookings.map((b) => b.occurrenceStart?.getTime()));
        const missed = occurrences(series).filter((o) => !booked.has(o.startsAt.getTime()));
        lines = [
          t.t('body.seriesCreated', {
            room: roomText,
            pattern: pattern(t, series),
            count: bookings.length,
            first: t.formatDate(first.startsAt, 'short'),
          }),
          ...(missed.length > 0
            ? [
                t.t('body.seriesCollisions', {
                  dates: dateList(
                    t,
                    missed.map((o) => o.startsAt),
                  ),
                }),
              ]
            : []),
          ...(bookings.some((b) => b.status === 'pending') ? [t.t('body.seriesPending')] : []),
        ];
      } else if (change.kind === 'cancelled') {
        method = 'CANCEL';
        subject = t.t('subject.seriesCancelled', { title: series.title });
        lines = [t.t('body.seriesCancelled', { room: roomText })];
      } else {
        subject = t.t('subject.seriesOccurrencesCancelled', { title: series.title });
        lines = [
          t.t('body.seriesOccurrencesCancelled', {
            room: roomText,
            dates: dateList(
              t,
              cancelled.map((b) => b.startsAt),
            ),
          }),
        ];
        if (change.scope === 'one') {
          // One occurrence: a CANCEL naming it (RECURRENCE-ID), so the calendar keeps the rest.
          method = 'CANCEL';
          events = cancelled.map((b: Booking) =>
            bookingEvent(b, room, { ...people, cancelled: true, seriesSequence: series.sequence }),
          );
        }
      }
      await notifier.sendEmail(trx, {
        to: to.email,
        subject: subject.slice(0, 200),
        text: [
          t.t('body.greeting', { name: to.name }),
          '',
          ...lines,
          '',
          t.t('body.calendar'),
          t.t('body.link', { url }),
        ].join('\n'),
        attachments: [invite(method, calendarText({ method, now: clock(), events }))],
      });
    }
    if (change.kind === 'created' && bookings.some((b) => b.status === 'pending')) {
      await mailApprovers(trx, room, series.bookerId, `${series.localStart}, ${first.date}`, (t, booker) =>
        t.t('body.approvalSeries', {
          booker,
          room: roomText,
          pattern: pattern(t, series),
          count: bookings.length,
          first: t.formatDate(first.startsAt, 'short'),
        }),
      );
    }
  }

  return { onChange, onSeriesChange };
}
