import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Booking, Room } from './booking.schema.ts';
import { bookingEvent, calendarText, escapeText, foldLine, seriesEvents } from './icalendar.ts';
import { addDays, fromLocal, toLocal } from './local-time.ts';
import { occurrences, RECURRENCE_FREQS, type Series } from './series/recurrence.ts';

const NOW = new Date('2026-11-28T09:00:00Z');

const room = { id: 'r', name: 'Rådssalen; stora', buildingName: 'Stadshuset, Malmö', isPrivate: false } as Room;

function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'b1',
    roomId: 'r',
    bookerId: 'u',
    seriesId: null,
    title: 'Planering',
    attendees: 2,
    status: 'confirmed',
    startsAt: fromLocal('2027-03-26', '09:00'),
    endsAt: fromLocal('2027-03-26', '10:00'),
    blockedUntil: fromLocal('2027-03-26', '10:00'),
    occurrenceStart: null,
    icalUid: 'b1@smorgasbord',
    sequence: 0,
    source: 'web',
    checkedInAt: null,
    decidedBy: null,
    decidedAt: null,
    cancelledBy: null,
    endedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    teamsUrl: null,
    ...overrides,
  };
}

/** Parses with ical.js (an independent implementation) and registers the VTIMEZONE we sent. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  expect(vtimezone).not.toBeNull();
  const zone = new ICAL.Timezone(vtimezone!);
  expect(zone.tzid).toBe('Europe/Stockholm');
  ICAL.TimezoneService.register(zone, 'Europe/Stockholm');
  return calendar;
}

describe('iCalendar', () => {
  it('escapes text and folds long lines at 75 octets without cutting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const line = `SUMMARY:${'åäö'.repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('emits a REQUEST that ical.js reads back with the same local and UTC times', () => {
    const text = calendarText({
      method: 'REQUEST',
      now: NOW,
      events: [
        bookingEvent(booking({ title: 'x' }), room, {
          summary:
            'Möte med, semikolon; och en lång titel som måste vikas eftersom raden blir längre än sjuttiofem oktetter',
          organizer: { name: 'Lokalbokning', email: 'noreply@example.se' },
          attendees: [{ name: 'Erik "E" Ek', email: 'erik@example.se' }],
        }),
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('prodid')).toContain('Smörgåsbord');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe('b1@smorgasbord');
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe(
      'Möte med, semikolon; och en lång titel som måste vikas eftersom raden blir längre än sjuttiofem oktetter',
    );
    expect(event.location).toBe('Rådssalen; stora, Stadshuset, Malmö');
    expect(event.startDate.toString()).toBe('2027-03-26T09:00:00');
    expect(event.startDate.zone.tzid).toBe('Europe/Stockholm');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-26T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-26T09:00:00.000Z');
    expect(event.organizer).toBe('mailto:noreply@example.se');
    expect(event.attendees[0]!.getFirstValue()).toBe('mailto:erik@example.se');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('names the booker as ORGANIZER of an invitee’s invite and asks each invitee to answer, with the Teams link Outlook joins by', () => {
    const teams = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%22Tid%22%7d';
    const text = calendarText({
      method: 'REQUEST',
      now: NOW,
      events: [
        bookingEvent(booking({ sequence: 3 }), room, {
          summary: 'Planering',
          organizer: { name: 'Johan Berg', email: 'johan@example.se' },
          attendees: [
            { name: 'Johan Berg', email: 'johan@example.se' },
            { name: 'Sara, "S" Nilsson', email: 'sara@example.se', partstat: 'NEEDS-ACTION' },
          ],
          url: teams,
          teamsUrl: teams,
          description: `Anslut till Teams-mötet: ${teams}`,
        }),
      ],
    });
    const event = new ICAL.Event(parse(text).getFirstSubcomponent('vevent')!);
    expect(event.sequence).toBe(3);
    expect(event.organizer).toBe('mailto:johan@example.se');
    const [booker, invitee] = event.attendees;
    expect(booker!.getParameter('partstat')).toBe('ACCEPTED');
    expect(booker!.getParameter('rsvp')).toBe('FALSE');
    expect(invitee!.getFirstValue()).toBe('mailto:sara@example.se');
    expect(invitee!.getParameter('cn')).toBe('Sara, S Nilsson');
    expect(invitee!.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(invitee!.getParameter('rsvp')).toBe('TRUE');
    expect(event.component.getFirstPropertyValue('x-microsoft-skypeteamsmeetingurl')).toBe(teams);
    expect(event.component.getFirstPropertyValue('url')).toBe(teams);
    expect(event.description).toBe(`Anslut till Teams-mötet: ${teams}`);
  });

  it('tells a feed’s subscribers to fetch it again every 15 minutes (REFRESH-INTERVAL, X-PUBLISHED-TTL)', () => {
    const text = calendarText({ method: 'PUBLISH', now: NOW, events: [], name: 'Mina bokningar', refreshMinutes: 15 });
    const calendar = parse(text);
    expect(calendar.getFirstProperty('refresh-interval')!.type).toBe('duration');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT15M');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT15M');
    expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n');
    expect(calendarText({ method: 'REQUEST', now: NOW, events: [] })).not.toContain('REFRESH-INTERVAL');
  });

  it('emits a CANCEL for a cancelled booking, with its raised sequence', () => {
    const text = calendarText({
      method: 'CANCEL',
      now: NOW,
      events: [bookingEvent(booking({ status: 'cancelled', sequence: 2 }), room, { summary: 'Bokat' })],
    });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
  });

  it("our occurrences equal ical.js's expansion of the RRULE we write, for every frequency from every 13th day of 2026–2028", () => {
    const base: Omit<Series, 'firstDate' | 'rule'> = {
      id: 's',
      roomId: 'r',
      bookerId: 'u',
      title: 'x',
      attendees: 1,
      localStart: '08:30',
      durationMinutes: 45,
      icalUid: 's@x',
      sequence: 0,
      createdAt: NOW,
      cancelledAt: null,
    };
    let compared = 0;
    for (let date = '2026-01-03'; date < '2028-12-31'; date = addDays(date, 13)) {
      for (const freq of RECURRENCE_FREQS) {
        const rule = compared % 2 === 0 ? { freq, count: 14 } : { freq, until: addDays(date, 200) };
        const series: Series = { ...base, firstDate: date, rule };
        const ours = occurrences(series).map((o) => o.startsAt.toISOString());
        const text = calendarText({
          method: 'PUBLISH',
          now: NOW,
          events: seriesEvents(series, [], room, { summary: 'x' }).map((e) => ({ ...e, exdates: [] })),
        });
        const master = new ICAL.Event(parse(text).getFirstSubcomponent('vevent')!);
        const theirs: string[] = [];
        const iterator = master.iterator();
        for (let next = iterator.next(); next && theirs.length < 200; next = iterator.next())
          theirs.push(next.toJSDate().toISOString());
        expect(theirs, `${date} ${JSON.stringify(rule)}`).toEqual(ours);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(240);
  }, 60_000);

  it('a weekly 09:00 series from March to November 2027 expands to 09:00 local on both sides of both clock changes, without its exceptions', () => {
    const series: Series = {
      id: 's',
      roomId: 'r',
      bookerId: 'u',
      title: 'Klientmöte',
      attendees: 2,
      firstDate: '2027-03-01',
      localStart: '09:00',
      durationMinutes: 60,
      rule: { freq: 'weekly', until: '2027-11-29' },
      icalUid: 's@smorgasbord',
      sequence: 1,
      createdAt: NOW,
      cancelledAt: null,
    };
    const planned = occurrences(series);
    const bookings = planned.map((o, i) =>
      booking({
        id: `b${i}`,
        seriesId: 's',
        icalUid: 's@smorgasbord',
        occurrenceStart: o.startsAt,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        status: o.date === '2027-10-25' ? 'cancelled' : 'confirmed',
      }),
    );
    // One occurrence moved an hour later (an exception with RECURRENCE-ID).
    const moved = bookings.find((b) => toLocal(b.startsAt).date === '2027-11-01')!;
    moved.startsAt = fromLocal('2027-11-01', '10:00');
    moved.endsAt = fromLocal('2027-11-01', '11:00');
    moved.sequence = 1;

    const text = calendarText({
      method: 'REQUEST',
      now: NOW,
      events: seriesEvents(series, bookings, room, { summary: 'Klientmöte' }),
    });
    const calendar = parse(text);
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(2);
    const master = new ICAL.Event(vevents.find((v) => !v.hasProperty('recurrence-id'))!);
    const exception = new ICAL.Event(vevents.find((v) => v.hasProperty('recurrence-id'))!);
    expect(master.component.getFirstPropertyValue('rrule')!.toString()).toBe(
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20271129T080000Z',
    );
    master.relateException(exception);

    const starts: { local: string; utc: string }[] = [];
    const it = master.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const details = master.getOccurrenceDetails(next);
      starts.push({ local: details.startDate.toString(), utc: details.startDate.toJSDate().toISOString() });
    }
    expect(starts).toHaveLength(39); // 40 Mondays, one cancelled (EXDATE)
    expect(starts.some((s) => s.local.startsWith('2027-10-25'))).toBe(false);
    const byDate = new Map(starts.map((s) => [s.local.slice(0, 10), s]));
    expect(byDate.get('2027-03-22')).toEqual({ local: '2027-03-22T09:00:00', utc: '2027-03-22T08:00:00.000Z' });
    expect(byDate.get('2027-03-29')).toEqual({ local: '2027-03-29T09:00:00', utc: '2027-03-29T07:00:00.000Z' });
    expect(byDate.get('2027-10-18')).toEqual({ local: '2027-10-18T09:00:00', utc: '2027-10-18T07:00:00.000Z' });
    expect(byDate.get('2027-11-08')).toEqual({ local: '2027-11-08T09:00:00', utc: '2027-11-08T08:00:00.000Z' });
    expect(byDate.get('2027-11-01')).toEqual({ local: '2027-11-01T10:00:00', utc: '2027-11-01T09:00:00.000Z' }); // the moved one
    for (const s of starts) if (!s.local.startsWith('2027-11-01')) expect(s.local.slice(11)).toBe('09:00:00');
  });
});
