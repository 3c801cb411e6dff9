import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF } from '../../../platform/auth/roles.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { STAFF_LOCALES } from '../../../platform/i18n/locales.ts';
import { bookingErrorText } from '../booking.i18n.ts';
import { BOOKING_OWNER } from '../booking.policies.ts';
import type { Room } from '../booking.schema.ts';
import type { BookingDeps } from '../booking.service.ts';
import { checkIn } from './checkin.service.ts';
import { doorTranslator } from './door.i18n.ts';
import { bookNow, doorRoom, doorView, mayBookAtDoor } from './door.service.ts';
import { DOOR_REFRESH_SECONDS, DoorPage, doorRefreshes } from './door.views.tsx';

/**
 * The door page /lokaler/dorr/:roomId?nyckel=… (public: the key is the capability, a wrong key is
 * 404; check-in there needs no sign-in — being at the door is the proof; "book now" needs a
 * sign-in that returns here), and check-in from the booking page (/lokaler/bokningar/:id/checka-in).
 */

const roomIdParam = z.object({ roomId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
const doorQuery = z.object({
  nyckel: z.string().max(200).optional(),
  klart: z.enum(['incheckad', 'bokad']).optional(),
  lang: z.string().max(10).optional(),
});
const checkInBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  nyckel: z.string().max(200),
  bokning: z.string().max(100),
});
const bookBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  nyckel: z.string().max(200),
  minuter: z.string().max(10).optional(),
  idempotens: z.string().max(100).optional(),
});
const bookingParams = z.object({ id: z.string().max(100) });
const EXAMPLE_KEY = 'AAAAAAAAAAAAAAAAAAAAAAAA';

export interface DoorRoutesOptions {
  deps: BookingDeps;
}

export const doorRoutes: FastifyPluginAsyncZod<DoorRoutesOptions> = async (app, options) => {
  const { deps } = options;
  const { db, clock } = deps;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    room: Room,
    doorKey: string,
    status: number,
    extra: { done?: 'checked-in' | 'booked'; error?: string } = {},
  ) {
    const user = request.user ?? null;
    const view = await doorView(db, room, clock());
    const canBook = user ? await mayBookAtDoor(db, room, user) : null;
    const here = `/lokaler/dorr/${encodeURIComponent(room.id)}?nyckel=${encodeURIComponent(doorKey)}`;
    // The kiosk reloads itself every minute, without JavaScript (see door.views.tsx).
    if (doorRefreshes(view, canBook)) reply.header('refresh', `${DOOR_REFRESH_SECONDS}; url=${here}`);
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .html(
        <DoorPage
          ctx={request.pageContext()}
          view={view}
          doorKey={doorKey}
          canBook={canBook}
          idempotencyKey={randomUUID()}
          done={extra.done}
          error={extra.error}
        />,
        status,
      );
  }

  /** An AppError's first field error in the page's language (the check-in and booking rules). */
  function errorText(request: FastifyRequest, error: AppError): string {
    const field = error.details.fields?.[0];
    return (field && bookingErrorText(request.locale, field)) ?? error.message;
  }

  app.get(
    '/lokaler/dorr/:roomId',
    {
      config: {
        access: 'public',
        locales: STAFF_LOCALES,
        examples: { params: { roomId: 'stadshuset-oresund' }, query: { nyckel: EXAMPLE_KEY } },
      },
      schema: { params: roomIdParam, querystring: doorQuery },
    },
    async (request, reply) => {
      const { roomId } = request.params;
      const q = request.query;
      const room = await doorRoom(db, roomId, q.nyckel);
      return render(request, reply, room, q.nyckel!, 200, {
        ...(q.klart ? { done: q.klart === 'incheckad' ? 'checked-in' : 'booked' } : {}),
      });
    },
  );

  app.post(
    '/lokaler/dorr/:roomId/checka-in',
    {
      config: {
        access: 'public',
        locales: STAFF_LOCALES,
        examples: {
          params: { roomId: 'stadshuset-oresund' },
          body: { nyckel: EXAMPLE_KEY, bokning: '00000000-0000-4000-8000-000000000000' },
        },
      },
      schema: { params: roomIdParam, body: checkInBody },
    },
    async (request, reply) => {
      const { roomId } = request.params;
      const body = request.body;
      const room = await doorRoom(db, roomId, body.nyckel);
      try {
        // checkIn compares the key with the booking's own room's: another room's booking is not found.
        await checkIn(deps, { doorKey: body.nyckel }, body.bokning);
      } catch (error) {
        if (error instanceof AppError && error.code === 'CONFLICT')
          return render(request, reply, room, body.nyckel, 409, { error: errorText(request, error) });
        throw error;
      }
      return reply.redirect(
        `/lokaler/dorr/${encodeURIComponent(room.id)}?nyckel=${encodeURIComponent(body.nyckel)}&klart=incheckad`,
        303,
      );
    },
  );

  app.post(
    '/lokaler/dorr/:roomId/boka',
    {
      config: {
        access: STAFF,
        examples: {
          params: { roomId: 'stadshuset-oresund' },
          body: { nyckel: EXAMPLE_KEY, minuter: '15', idempotens: 'harness-door-key' },
        },
      },
      schema: { params: roomIdParam, body: bookBody },
    },
    async (request, reply) => {
      const { roomId } = request.params;
      const body = request.body;
      const room = await doorRoom(db, roomId, body.nyckel);
      const minutes = body.minuter && /^\d{1,3}$/.test(body.minuter) ? Number(body.minuter) : Number.NaN;
      try {
        await bookNow(
          deps,
          request.user!,
          room,
          minutes,
          doorTranslator(request.locale).t('door.bookTitle'),
          body.idempotens,
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'VALIDATION_FAILED' || error.code === 'CONFLICT')
          return render(request, reply, room, body.nyckel, error.code === 'CONFLICT' ? 409 : 422, {
            error: errorText(request, error),
          });
        if (error.code === 'FORBIDDEN')
          return render(request, reply, room, body.nyckel, 403, {
            error: doorTranslator(request.locale).t('door.mayNotBook'),
          });
        throw error;
      }
      return reply.redirect(
        `/lokaler/dorr/${encodeURIComponent(room.id)}?nyckel=${encodeURIComponent(body.nyckel)}&klart=bokad`,
        303,
      );
    },
  );

  // Check-in from the booking page (the button is in checkin.views.tsx).
  app.post(
    '/lokaler/bokningar/:id/checka-in',
    {
      config: { access: STAFF, owner: BOOKING_OWNER },
      // `tillbaka=lokaler`: checked in from "My day" on the booking landing page, which it returns to.
      schema: {
        params: bookingParams,
        body: z.object({ [CSRF_FIELD]: z.string().optional(), tillbaka: z.enum(['lokaler']).optional() }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      try {
        const booking = await checkIn(deps, request.user!, id);
        request.flash('success', doorTranslator(request.locale).t('checkin.done'));
        if (request.body.tillbaka === 'lokaler') return reply.redirect('/lokaler', 303);
        return reply.redirect(`/lokaler/bokningar/${booking.id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
        // Too early, too late, released meanwhile: the booking page says where it stands.
        request.flash('info', errorText(request, error));
        return reply.redirect(`/lokaler/bokningar/${encodeURIComponent(id)}`, 303);
      }
    },
  );
};
