import type { Booking, Room } from './booking.schema.ts';
import { toLocal } from './local-time.ts';
import { occurrences, toRRule, type Series } from './series/recurrence.ts';

/**
 * iCalendar (RFC 5545) text for invites (RFC 5546 METHOD:REQUEST / CANCEL, so Outlook applies
 * them) and for feeds (METHOD:PUBLISH). Times are written as Stockholm wall-clock times with
 * TZID=Europe/Stockholm and the zone's VTIMEZONE, so a recurring 09:00 meeting stays at 09:00
 * in the receiving calendar across the clock changes; stamps are UTC. Lines end in CRLF and are
 * folded at 75 octets (never inside a UTF-8 character); text values are escaped.
 */

export const PRODID = '-//Smörgåsbord//Lokalbokning//SV';
export const TZID = 'Europe/Stockholm';

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface Person {
  name: string;
  email: string;
}

/** An attendee: the booker has accepted (the default); an invitee is asked to answer (RSVP). */
export interface Attendee extends Person {
  partstat?: 'ACCEPTED' | 'NEEDS-ACTION';
}

export interface CalendarEvent {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location?: string;
  description?: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  organizer?: Person;
  attendees?: Attendee[];
  /** A Teams meeting link: X-MICROSOFT-SKYPETEAMSMEETINGURL, which Outlook shows as "Join". */
  teamsUrl?: string;
  /** RRULE value (a series' master event). */
  rrule?: string;
  /** Occurrences of the rule that do not take place (the rule's start instants). */
  exdates?: Date[];
  /** For one occurrence of a series: the start the rule gave it. */
  recurrenceId?: Date;
  url?: string;
}

/** Europe/Stockholm since 1996 (EU rules): summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT value escaping (§3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''); // eslint-disable-line no-control-regex
}

/** A parameter value (§3.2): quoted, with the characters a quoted value cannot hold removed. */
function paramValue(value: string): string {
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`; // eslint-disable-line no-control-regex
}

/** Folds a content line at 75 octets (§3.1), never splitting a UTF-8 sequence. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Back off continuation bytes (10xxxxxx) so a character is never cut.
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // a continuation line starts with a space
  }
  return parts.join('\r\n ');
}

/** `20270301T080000Z` */
export function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `20270301T090000`: the Stockholm wall-clock time of an instant. */
export function localStamp(instant: Date): string {
  const local = toLocal(instant);
  const seconds = String(Math.floor(instant.getTime() / 1000) % 60).padStart(2, '0');
  return `${local.date.replace(/-/g, '')}T${local.time.replace(':', '')}${seconds}`;
}

function eventLines(event: CalendarEvent, now: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(now)}`,
    ...(event.recurrenceId ? [`RECURRENCE-ID;TZID=${TZID}:${localStamp(event.recurrenceId)}`] : []),
    `DTSTART;TZID=${TZID}:${localStamp(event.startsAt)}`,
    `DTEND;TZID=${TZID}:${localStamp(event.endsAt)}`,
    ...(event.rrule ? [`RRULE:${event.rrule}`] : []),
    ...(event.exdates && event.exdates.length > 0
      ? [`EXDATE;TZID=${TZID}:${event.exdates.map(localStamp).join(',')}`]
      : []),
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    ...(event.teamsUrl ? [`X-MICROSOFT-SKYPETEAMSMEETINGURL:${event.teamsUrl}`] : []),
    `STATUS:${event.status}`,
    'TRANSP:OPAQUE',
    ...(event.organizer ? [`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`] : []),
    ...(event.attendees ?? []).map(
      (a) =>
        `ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${a.partstat ?? 'ACCEPTED'};RSVP=${a.partstat === 'NEEDS-ACTION' ? 'TRUE' : 'FALSE'}:mailto:${a.email}`,
    ),
    'END:VEVENT',
  ];
  return lines;
}

/** A whole VCALENDAR object as text (CRLF line ends, folded). */
export function calendarText(options: {
  method: CalendarMethod;
  events: readonly CalendarEvent[];
  now: Date;
  name?: string;
  /**
   * A feed's hint how often a subscriber should fetch it again (RFC 7986 REFRESH-INTERVAL, and
   * X-PUBLISHED-TTL, which Outlook reads), in minutes.
   */
  refreshMinutes?: number;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
    ...(options.name ? [`X-WR-CALNAME:${escapeText(options.name)}`, `X-WR-TIMEZONE:${TZID}`] : []),
    ...(options.refreshMinutes
      ? [`REFRESH-INTERVAL;VALUE=DURATION:PT${options.refreshMinutes}M`, `X-PUBLISHED-TTL:PT${options.refreshMinutes}M`]
      : []),
    ...VTIMEZONE,
    ...options.events.flatMap((e) => eventLines(e, options.now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function roomLocation(room: Room): string {
  return `${room.name}, ${room.buildingName}`;
}

const ACTIVE = new Set(['pending', 'confirmed']);

/**
 * SEQUENCE of one occurrence of a series (an exception with RECURRENCE-ID): the series' and the
 * booking's counters added, so it rises with every change of either and is never below the
 * master's — a calendar ignores an instance update whose SEQUENCE is lower than what it holds.
 */
export function occurrenceSequence(seriesSequence: number, bookingSequence: number): number {
  return seriesSequence + bookingSequence;
}

export interface EventOptions {
  /** The title as this calendar's reader may see it (private rooms: "Bokat" for anyone but the booker). */
  summary: string;
  organizer?: Person;
  attendees?: Attendee[];
  url?: string;
  /** Free text for the event (e.g. how to join the Teams meeting). */
  description?: string;
  /** The booking's Teams link, for those who may read the booking (not a room's feed). */
  teamsUrl?: string;
  /** Force the status (an invite cancelling the booking). */
  cancelled?: boolean;
  /** For an occurrence of a series: the series' SEQUENCE (see occurrenceSequence). */
  seriesSequence?: number;
}

/** One booking as an event; an occurrence of a series carries the series' UID and RECURRENCE-ID. */
export function bookingEvent(booking: Booking, room: Room, options: EventOptions): CalendarEvent {
  const cancelled = options.cancelled ?? !ACTIVE.has(booking.status);
  return {
    uid: booking.icalUid,
    sequence:
      booking.seriesId && options.seriesSequence !== undefined
        ? occurrenceSequence(options.seriesSequence, booking.sequence)
        : booking.sequence,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    summary: options.summary,
    location: roomLocation(room),
    status: cancelled ? 'CANCELLED' : booking.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
    ...(booking.seriesId && booking.occurrenceStart ? { recurrenceId: booking.occurrenceStart } : {}),
    ...(options.organizer ? { organizer: options.organizer } : {}),
    ...(options.attendees ? { attendees: options.attendees } : {}),
    ...(options.url ? { url: options.url } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.teamsUrl ? { teamsUrl: options.teamsUrl } : {}),
  };
}

/**
 * A series as events: the master (RRULE from the first date, EXDATE for every occurrence of the
 * rule that does not take place: collided, cancelled, released, rejected) and one exception per
 * occurrence that differs from the rule (moved, retitled or awaiting approval).
 */
export function seriesEvents(
  series: Series,
  bookings: readonly Booking[],
  room: Room,
  options: EventOptions,
): CalendarEvent[] {
  const byOccurrence = new Map(bookings.filter((b) => b.occurrenceStart).map((b) => [b.occurrenceStart!.getTime(), b]));
  const planned = occurrences(series);
  const exdates = planned
    .filter((o) => !ACTIVE.has(byOccurrence.get(o.startsAt.getTime())?.status ?? 'none'))
    .map((o) => o.startsAt);
  const first = planned[0]!;
  const cancelled = options.cancelled ?? series.cancelledAt !== null;
  const master: CalendarEvent = {
    uid: series.icalUid,
    sequence: series.sequence,
    startsAt: first.startsAt,
    endsAt: first.endsAt,
    summary: options.summary,
    location: roomLocation(room),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    rrule: toRRule(series.firstDate, series.localStart, series.rule),
    ...(exdates.length > 0 && !cancelled ? { exdates } : {}),
    ...(options.organizer ? { organizer: options.organizer } : {}),
    ...(options.attendees ? { attendees: options.attendees } : {}),
    ...(options.url ? { url: options.url } : {}),
  };
  if (cancelled) return [master];
  const exceptions = bookings
    .filter((b) => ACTIVE.has(b.status) && b.occurrenceStart)
    .filter(
      (b) =>
        b.startsAt.getTime() !== b.occurrenceStart!.getTime() ||
        b.endsAt.getTime() - b.startsAt.getTime() !== series.durationMinutes * 60_000 ||
        b.status === 'pending',
    )
    .map((b) => bookingEvent(b, room, { ...options, cancelled: false, seriesSequence: series.sequence }));
  return [master, ...exceptions];
}
