import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF, type User } from '../../../platform/auth/roles.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { bookingErrorText, bookingTranslator } from '../booking.i18n.ts';
import { BOOKING_OWNER } from '../booking.policies.ts';
import { ACCESSIBILITY, BOOKING_STATUSES, EQUIPMENT, PURPOSES, type Booking, type Room } from '../booking.schema.ts';
import { cancelBooking, loadManagedBooking, type BookingDeps } from '../booking.service.ts';
import type { FinderResult, FoundRoom } from '../finder/finder.service.ts';
import { isLocalDate } from '../local-time.ts';
import { createBookingForApi, findRoomsForApi, listBookingsForApi, listRoomsForApi } from './booking.api.service.ts';

/**
 * The rooms and bookings API (`/api/v1/rooms…`, `/api/v1/bookings…`) for API tokens of staff:
 * the same services as the pages (finder, createBooking, cancelBooking), JSON in and out, errors
 * as problem+json. A booking conflict is 409 with `alternatives` (nearest free times in the
 * same room, other rooms that fit); bad input is 422 with field errors, an unknown room 404;
 * nothing is stored either way. Titles of private rooms' bookings reach only their bookers.
 */

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const instant = z.string().describe('ISO 8601 date and time (UTC)');
const toList = (value: unknown) =>
  value === undefined || value === ''
    ? []
    : (Array.isArray(value) ? value : [value]).flatMap((v) =>
        typeof v === 'string' ? v.split(',').filter((s) => s !== '') : [v],
      );
const equipmentQuery = z
  .preprocess(toList, z.array(z.enum(EQUIPMENT)).max(EQUIPMENT.length))
  .describe(`Required equipment, repeated or comma-separated: ${EQUIPMENT.join(', ')}`);
const accessibilityQuery = z
  .preprocess(toList, z.array(z.enum(ACCESSIBILITY)).max(ACCESSIBILITY.length))
  .describe(`Required accessibility, repeated or comma-separated: ${ACCESSIBILITY.join(', ')}`);
const page = z.coerce.number().int().min(1).max(100_000).default(1);

// ---- Response schemas ------------------------------------------------------------------------

const roomSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    buildingId: z.string(),
    buildingName: z.string(),
    floor: z.int(),
    capacity: z.int(),
    equipment: z.array(z.enum(EQUIPMENT)),
    accessibility: z.array(z.enum(ACCESSIBILITY)),
    purpose: z.enum(PURPOSES),
    private: z.boolean().describe('A client-meeting room: others see its bookings only as booked, never their titles'),
    bookable: z.boolean().describe('Whether the caller may book it (client-meeting rooms: authorised groups only)'),
    rules: z.object({
      opensAt: z.string().describe('HH:MM, Europe/Stockholm'),
      closesAt: z.string().describe('HH:MM, Europe/Stockholm'),
      openWeekdays: z.array(z.int()).describe('ISO weekdays, 1 = Monday'),
      minMinutes: z.int(),
      maxMinutes: z.int(),
      maxDaysAhead: z.int(),
      approvalRequired: z
        .boolean()
        .describe('Bookings are pending until an approver confirms them (the slot is held meanwhile)'),
      bufferMinutes: z.int().describe('Kept free after each booking'),
      checkinWindowMinutes: z
        .int()
        .nullable()
        .describe('Minutes after the start to check in before the booking is released; null: no check-in'),
    }),
  })
  .meta({
    example: {
      id: 'stadshuset-oresund',
      name: 'Öresund',
      buildingId: 'stadshuset',
      buildingName: 'Stadshuset',
      floor: 2,
      capacity: 8,
      equipment: ['screen', 'video-conference'],
      accessibility: ['wheelchair'],
      purpose: 'meeting',
      private: false,
      bookable: true,
      rules: {
        opensAt: '07:00',
        closesAt: '18:00',
        openWeekdays: [1, 2, 3, 4, 5],
        minMinutes: 15,
        maxMinutes: 480,
        maxDaysAhead: 180,
        approvalRequired: false,
        bufferMinutes: 0,
        checkinWindowMinutes: 15,
      },
    },
  });
type RoomOut = z.infer<typeof roomSchema>;

const roomsResponse = z.object({ items: z.array(roomSchema), page: z.int(), pageCount: z.int(), total: z.int() });

const slotSchema = z.object({ startsAt: instant, endsAt: instant });
const availabilityResponse = z.object({
  startsAt: instant,
  endsAt: instant,
  rooms: z
    .array(roomSchema.extend({ preferred: z.boolean().describe('In the caller’s preferred building') }))
    .describe('Free rooms the caller may book, best fit first (capacity closest above need, then preferred building)'),
  alternatives: z
    .object({
      times: z
        .array(z.object({ room: roomSchema, slots: z.array(slotSchema) }))
        .describe(
          'Rooms free at the asked time of day (moved into opening hours when outside them) on the next open days, same duration',
        ),
      relaxed: z
        .array(
          z.object({
            constraint: z.enum(['floor', 'building', 'purpose', 'equipment', 'accessibility']),
            rooms: z.array(roomSchema),
          }),
        )
        .describe('Rooms free at the asked time that fit with one constraint dropped'),
    })
    .nullable()
    .describe('Only when no room fits'),
});

const bookingSchema = z
  .object({
    id: z.uuid(),
    roomId: z.string(),
    roomName: z.string(),
    buildingName: z.string(),
    bookerId: z.uuid(),
    mine: z.boolean(),
    title: z.string().nullable().describe('null for a booking of a private (client-meeting) room that is not yours'),
    attendees: z.int(),
    status: z
      .enum(BOOKING_STATUSES)
      .describe(
        'pending: awaiting approval (holds the slot); confirmed; cancelled; released (not checked in); rejected',
      ),
    startsAt: instant,
    endsAt: instant,
    seriesId: z.uuid().nullable(),
    source: z.enum(['web', 'api', 'door', 'series', 'import']),
    sequence: z.int().describe('iCalendar SEQUENCE: raised by every change'),
    checkedInAt: instant.nullable(),
    decidedAt: instant.nullable(),
    endedAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({
    example: {
      id: '4f1c2b7e-9a31-4c2e-8d55-2b3e8f0c1a77',
      roomId: 'stadshuset-oresund',
      roomName: 'Öresund',
      buildingName: 'Stadshuset',
      bookerId: '0b6f3d2c-7d0c-4c55-9a1e-5a362f4e8e11',
      mine: true,
      title: 'Planering',
      attendees: 4,
      status: 'confirmed',
      startsAt: '2026-11-30T09:00:00.000Z',
      endsAt: '2026-11-30T10:00:00.000Z',
      seriesId: null,
      source: 'api',
      sequence: 0,
      checkedInAt: null,
      decidedAt: null,
      endedAt: null,
      createdAt: '2026-11-28T09:00:00.000Z',
    },
  });
type BookingOut = z.infer<typeof bookingSchema>;

const bookingsResponse = z.object({ items: z.array(bookingSchema), page: z.int(), pageCount: z.int(), total: z.int() });

/** RFC 9457 problem details as the platform sends them (extension members pass through). */
const problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z
    .string()
    .optional()
    .describe(
      'What went wrong, for a person, in the request’s language (Accept-Language: sv or en); match on `code`, not on texts',
    ),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
    .optional()
    .describe('Field errors (422; also the reason of a 409)'),
});
const conflictProblem = problem
  .extend({
    alternatives: z
      .object({
        sameRoom: z.array(slotSchema),
        otherRooms: z.array(
          z.object({ roomId: z.string(), name: z.string(), buildingName: z.string(), capacity: z.int() }),
        ),
      })
      .optional()
      .describe(
        'When the slot is taken: the same room at the nearest free times, and other rooms free at the asked time',
      ),
  })
  .describe(
    'The slot is taken (code `taken`, with alternatives), the idempotency key was used for another booking (`keyReused`), or the booking is no longer active',
  );

// ---- Request schemas -------------------------------------------------------------------------

const roomsQuerySchema = z.object({
  building: slug.optional().describe('Building id'),
  floor: z.coerce.number().int().min(-5).max(100).optional(),
  purpose: z.enum(PURPOSES).optional(),
  people: z.coerce.number().int().min(1).max(1000).optional().describe('Seats needed (capacity at least)'),
  equipment: equipmentQuery,
  accessibility: accessibilityQuery,
  bookable: z.enum(['true', 'false']).optional().describe('`true`: only rooms the caller may book'),
  page,
});

const availabilityQuery = z.object({
  date: z.string().max(40).describe('Local date (Europe/Stockholm), YYYY-MM-DD'),
  start: z.string().max(40).describe('Local start time, HH:MM'),
  duration: z.string().max(40).describe('Minutes, on a 5-minute grid, at most 1440'),
  people: z.string().max(40).default('1').describe('Seats needed'),
  equipment: equipmentQuery,
  accessibility: accessibilityQuery,
  building: slug.optional().describe('Building id'),
  floor: z.coerce.number().int().min(-5).max(100).optional(),
  purpose: z.enum(PURPOSES).optional(),
});

const createBody = z.object({
  roomId: slug.describe('Room id, from GET /api/v1/rooms'),
  startsAt: z.iso.datetime({ offset: true }).describe('ISO 8601 with offset, e.g. 2026-11-30T10:00:00+01:00'),
  endsAt: z.iso.datetime({ offset: true }).describe('ISO 8601 with offset; after startsAt'),
  title: z.string().trim().min(1).max(200),
  attendees: z.int().min(1).max(1000),
});

const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'invalid')
    .describe(
      'A random value made once per booking (e.g. a UUID): the same key again answers with the same booking and books nothing',
    ),
});

const listQuery = z.object({
  booker: z
    .union([z.literal('me'), z.literal('all'), z.uuid()])
    .default('me')
    .describe('`me` (default); administrators: `all` or a user id'),
  room: slug.optional(),
  building: slug.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  from: z
    .string()
    .refine(isLocalDate, 'invalid-date')
    .optional()
    .describe('Local date: bookings ending on or after its start'),
  to: z
    .string()
    .refine(isLocalDate, 'invalid-date')
    .optional()
    .describe('Local date: bookings starting before its end (inclusive day)'),
  page,
});

const idParams = z.object({ id: z.string().max(100) });

// ---- Mapping ---------------------------------------------------------------------------------

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function roomOut(room: Room, bookable: boolean): RoomOut {
  const { rules } = room;
  return {
    id: room.id,
    name: room.name,
    buildingId: room.buildingId,
    buildingName: room.buildingName,
    floor: room.floor,
    capacity: room.capacity,
    equipment: room.equipment,
    accessibility: room.accessibility,
    purpose: room.purpose,
    private: room.isPrivate,
    bookable,
    rules: {
      opensAt: rules.opensAt,
      closesAt: rules.closesAt,
      openWeekdays: rules.openWeekdays,
      minMinutes: rules.minMinutes,
      maxMinutes: rules.maxMinutes,
      maxDaysAhead: rules.maxDaysAhead,
      approvalRequired: rules.approvalRequired,
      bufferMinutes: rules.bufferMinutes,
      checkinWindowMinutes: rules.checkinWindowMinutes,
    },
  };
}

/** A booking as `viewer` may see it: a private room's title only for its booker. */
export function bookingOut(
  booking: Booking,
  room: Pick<Room, 'name' | 'buildingName' | 'isPrivate'>,
  viewer: User,
): BookingOut {
  const mine = booking.bookerId === viewer.id;
  return {
    id: booking.id,
    roomId: booking.roomId,
    roomName: room.name,
    buildingName: room.buildingName,
    bookerId: booking.bookerId,
    mine,
    title: mine || !room.isPrivate ? booking.title : null,
    attendees: booking.attendees,
    status: booking.status,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    seriesId: booking.seriesId,
    source: booking.source,
    sequence: booking.sequence,
    checkedInAt: iso(booking.checkedInAt),
    decidedAt: iso(booking.decidedAt),
    endedAt: iso(booking.endedAt),
    createdAt: booking.createdAt.toISOString(),
  };
}

function foundOut(found: FoundRoom): RoomOut & { preferred: boolean } {
  return { ...roomOut(found.room, true), preferred: found.preferred };
}

function availabilityOut(result: FinderResult) {
  return {
    startsAt: result.startsAt.toISOString(),
    endsAt: result.endsAt.toISOString(),
    rooms: result.rooms.map(foundOut),
    alternatives: result.alternatives && {
      times: [...new Set(result.alternatives.nextDays.map((o) => o.room.id))].map((roomId) => {
        const offers = result.alternatives!.nextDays.filter((o) => o.room.id === roomId);
        return {
          room: roomOut(offers[0]!.room, true),
          slots: offers.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
        };
      }),
      relaxed: result.alternatives.relaxed.map((r) => ({
        constraint: r.constraint,
        rooms: r.rooms.map((f) => roomOut(f.room, true)),
      })),
    },
  };
}

/**
 * A booking service's refusal as the API answers it: problem+json `detail` and each field error's
 * `message` in the caller's language from the booking catalog (the platform's validation texts
 * know none of the booking codes: a taken slot read "Check startsAt"). Code, fields and extension
 * members (`alternatives`) are unchanged; anything else is passed on as it is.
 */
export function inCallersLanguage(error: unknown, locale: Locale): unknown {
  if (!(error instanceof AppError)) return error;
  const b = bookingTranslator(locale);
  const fields: FieldError[] = (error.details.fields ?? []).map((f) => {
    const message = bookingErrorText(locale, f);
    return message === undefined ? f : { ...f, message };
  });
  const has = (code: string) => fields.some((f) => f.code === code);
  let detail: string | undefined;
  // FORBIDDEN from the booking services means one thing: a room the caller may not book.
  if (error.code === 'FORBIDDEN') detail = b.t('problem.mayNotBook');
  else if (has('taken')) detail = b.t('problem.taken');
  else if (has('keyReused')) detail = b.t('problem.keyReused');
  else if (fields.some((f) => f.message !== undefined)) {
    // Rule violations (and the like): every reason, as sentences.
    detail = fields
      .map((f) => f.message)
      .filter((m): m is string => m !== undefined)
      .map((m) => (/[.!?]$/.test(m) ? m : `${m}.`))
      .join(' ');
  }
  if (detail === undefined) return error;
  return new AppError(error.code, detail, { ...error.details, fields });
}

// ---- Routes ----------------------------------------------------------------------------------

export interface BookingApiRoutesOptions {
  deps: BookingDeps;
}

export const bookingApiRoutes: FastifyPluginAsyncZod<BookingApiRoutesOptions> = async (app, options) => {
  const { deps } = options;
  const { db, clock } = deps;
  const errors = { 401: problem, 403: problem, 404: problem, 422: problem };

  app.addHook('onSend', async (request, reply, payload) => {
    // Bookings name people and meetings: never kept by a cache between the client and us.
    if (request.url.startsWith('/api/v1/bookings')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get(
    '/api/v1/rooms',
    {
      config: { access: STAFF, examples: { query: { building: 'stadshuset', people: '4' } } },
      schema: {
        summary: 'List rooms',
        description:
          'Active rooms with their equipment, accessibility and rules, filtered by building, floor, purpose, seats, equipment and accessibility; 50 a page, by building, floor and name. `bookable` says whether the caller may book the room.',
        tags: ['booking'],
        querystring: roomsQuerySchema,
        response: { 200: roomsResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const user = request.user!;
      const page = await listRoomsForApi(db, user, {
        buildingId: q.building,
        floor: q.floor,
        purpose: q.purpose,
        people: q.people,
        equipment: q.equipment,
        accessibility: q.accessibility,
        onlyBookable: q.bookable === 'true',
        page: q.page,
      });
      return { ...page, items: page.items.map(({ room, bookable }) => roomOut(room, bookable)) };
    },
  );

  app.get(
    '/api/v1/rooms/availability',
    {
      config: {
        access: STAFF,
        examples: { query: { date: '2026-11-30', start: '10:00', duration: '60', people: '3' } },
      },
      schema: {
        summary: 'Find free rooms',
        description:
          'The rooms the caller may book that are free and open for the whole meeting (their buffer after it kept), best fit first: capacity closest above `people`, then the caller’s preferred building, then name (at most 25). When none fits, `alternatives`: the nearest free times of the best-fitting rooms and rooms that fit with one constraint dropped. Malformed dates and times, a zero or over-a-day duration, or a start in the past: 422 with field errors named after the query parameters.',
        tags: ['booking'],
        querystring: availabilityQuery,
        response: { 200: availabilityResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const number = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number(s) : NaN);
      const result = await findRoomsForApi(
        db,
        request.user!,
        {
          date: q.date,
          start: q.start,
          durationMinutes: number(q.duration),
          people: number(q.people),
          equipment: q.equipment,
          accessibility: q.accessibility,
          buildingId: q.building,
          floor: q.floor,
          purpose: q.purpose,
        },
        clock(),
      );
      return availabilityOut(result);
    },
  );

  app.post(
    '/api/v1/bookings',
    {
      config: {
        access: STAFF,
        examples: {
          body: {
            roomId: 'stadshuset-oresund',
            startsAt: '2026-11-30T13:00:00+01:00',
            endsAt: '2026-11-30T14:00:00+01:00',
            title: 'Planering',
            attendees: 4,
          },
          bodyType: 'json',
        },
      },
      schema: {
        summary: 'Book a room',
        description:
          'Books a room for `[startsAt, endsAt)`. Requires an `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header): the same key again, also while the first request is still running, books nothing and replays the first answer — 201 with the booking that request made (as it is now), marked with the response header `Idempotent-Replayed: true`; a request racing the first waits for it. A different booking (room, start or end) under the same key: 409 `keyReused`. A room needing approval gives a `pending` booking that holds the slot until an approver decides. A taken slot (the database never lets two active bookings of a room overlap, buffers included): 409 with `alternatives`. Breaking a room rule (opening hours, duration, days ahead, capacity, end before start…): 422 with field errors; unknown room: 404; a room the caller may not book: 403. Nothing is stored on an error.',
        tags: ['booking'],
        headers: idempotencyHeaders,
        body: createBody,
        response: { 201: bookingSchema, ...errors, 409: conflictProblem },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const user = request.user!;
      const key = request.headers['idempotency-key'];
      const { booking, replayed } = await createBookingForApi(deps, user, {
        roomId: body.roomId,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        title: body.title,
        attendees: body.attendees,
        idempotencyKey: key,
      }).catch((error: unknown) => {
        throw inCallersLanguage(error, request.locale);
      });
      // A replay repeats the first answer's status (the draft's "result of the previously completed
      // operation"), so a client that lost the first answer reads the retry's the same way.
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .status(201)
        .header('location', `/api/v1/bookings/${booking.id}`)
        .send(bookingOut(booking, booking.room, user));
    },
  );

  app.get(
    '/api/v1/bookings',
    {
      config: { access: STAFF, examples: { query: { from: '2026-11-30' } } },
      schema: {
        summary: 'List bookings',
        description:
          'The caller’s bookings (every status), earliest first, 50 a page, filtered by room, building, status and local dates `from`/`to`. Administrators may list everyone’s (`booker=all`) or one person’s (`booker=<user id>`); titles of private rooms’ bookings show only to their bookers.',
        tags: ['booking'],
        querystring: listQuery,
        response: { 200: bookingsResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const user = request.user!;
      const page = await listBookingsForApi(db, user, {
        booker: q.booker,
        roomId: q.room,
        buildingId: q.building,
        status: q.status,
        from: q.from,
        to: q.to,
        page: q.page,
      });
      return { ...page, items: page.items.map(({ booking, room }) => bookingOut(booking, room, user)) };
    },
  );

  app.get(
    '/api/v1/bookings/:id',
    {
      config: { access: STAFF, owner: BOOKING_OWNER },
      schema: {
        summary: 'One booking',
        description:
          'A booking of the caller’s, or (administrators, the room’s approvers) anyone’s; someone else’s is 404. A private room’s title shows only to its booker.',
        tags: ['booking'],
        params: idParams,
        querystring: z.object({}),
        response: { 200: bookingSchema, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { booking, room } = await loadManagedBooking(db, id, request.user!);
      return bookingOut(booking, room, request.user!);
    },
  );

  app.post(
    '/api/v1/bookings/:id/cancel',
    {
      config: { access: STAFF, owner: BOOKING_OWNER, examples: { body: {}, bodyType: 'json' } },
      schema: {
        summary: 'Cancel a booking',
        description:
          'Cancels an active (pending or confirmed) booking of the caller’s (administrators and the room’s approvers: anyone’s) and frees the slot. Idempotent: cancelling a cancelled booking answers 200 with it again. A released or rejected booking: 409 `notActive`.',
        tags: ['booking'],
        params: idParams,
        body: z.preprocess((v) => v ?? {}, z.object({})).describe('Empty (or no body)'),
        response: { 200: bookingSchema, ...errors, 409: conflictProblem },
      },
    },
    async (request) => {
      const { id } = request.params;
      const user = request.user!;
      const cancelled = await cancelBooking(deps, user, id).catch((error: unknown) => {
        throw inCallersLanguage(error, request.locale);
      });
      return bookingOut(cancelled, cancelled.room, user);
    },
  );
};
