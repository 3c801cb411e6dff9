import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF } from '../../../platform/auth/roles.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { ErrorSummary } from '../../../platform/views/components/index.ts';
import { formStateFrom, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ACCESSIBILITY, EQUIPMENT, PURPOSES, type Alternatives, type Room } from '../booking.schema.ts';
import { cancelBooking, changeBooking, createBooking, findBookableRoom, type BookingDeps } from '../booking.service.ts';
import { getManagedBooking, listBuildingsForFinder, listMyBookings, myDay, roomPage } from './booking-pages.service.ts';
import {
  BookingPage,
  CancelPage,
  changeFormOf,
  MyBookingsPageView,
  RoomPage,
  type ChangeFormValues,
} from './booking-pages.views.tsx';
import { finderTranslator } from './finder.i18n.ts';
import { findRooms, setPreferredBuilding, type FinderResult } from './finder.service.ts';
import { BookPage, FinderPage, type BookFormValues, type FinderFormValues } from './finder.views.tsx';
import { bookingErrorText } from '../booking.i18n.ts';
import { BOOKING_OWNER } from '../booking.policies.ts';
import { whenText } from '../booking.views.tsx';
import { addDays, fromLocal, isLocalDate, LOCAL_TIME, toLocal } from '../local-time.ts';
import { preferredBuildingOf } from '../room.repository.ts';
import { noShowCount } from '../door/checkin.service.ts';
import { bookingLinksOf } from '../booking.nav.ts';
import { bookingPageExtras, NoShowText } from '../door/checkin.views.tsx';
import { slotFormFields, slotFormQuery } from '../slot-form.tsx';
import { INVITEE_FORM_FIELD, inviteeFormFields, inviteeRequest } from '../attendees/attendees.views.tsx';

/**
 * The finder (/lokaler), the booking form (/lokaler/boka), my bookings and one booking
 * (/lokaler/bokningar[/:id], change, cancel) and a room's page (/lokaler/rum/:id); a building's
 * grid is grid/grid.routes.tsx. Staff pages, Swedish and English; every page works without JavaScript.
 */

const lang = z.string().max(10).optional();
const short = z.string().max(40).optional();
const toArray = (value: unknown) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const finderQuery = z.object({
  date: short,
  start: short,
  duration: short,
  people: short,
  floor: short,
  purpose: z.preprocess(emptyToUndefined, z.enum(PURPOSES).optional()),
  building: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
      .optional(),
  ),
  equipment: z.preprocess(toArray, z.array(z.enum(EQUIPMENT)).max(EQUIPMENT.length)),
  accessibility: z.preprocess(toArray, z.array(z.enum(ACCESSIBILITY)).max(ACCESSIBILITY.length)),
  lang,
});

const roomId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const bookQuery = slotFormQuery;
const bookBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  ...slotFormFields,
  // Optional where nobody else sees it (a private room); the handler requires it elsewhere.
  titel: z.string().trim().max(200),
  nyckel: z.string().max(100).optional(),
  ...inviteeFormFields,
});
const bookingParams = z.object({ id: z.string().max(100) });
const changeBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  datum: z.string().max(40),
  start: z.string().max(40),
  slut: z.string().max(40),
  // Absent when the viewer may not read the title (a private room's booking, not theirs): unchanged.
  titel: z.string().trim().max(200).optional(),
  deltagare: z.coerce.number({ message: 'number' }).int('number').min(1, 'number').max(1000, 'number'),
  sekvens: z.coerce.number().int().min(0).max(1_000_000),
  ...inviteeFormFields,
});
const csrfOnly = z.object({ [CSRF_FIELD]: z.string().optional() });
const mineQuery = z.object({
  visa: z.enum(['kommande', 'tidigare']).default('kommande'),
  sida: z.coerce.number().int().min(1).max(100_000).default(1),
  lang,
});
const buildingParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
const dayQuery = z.object({ datum: short, lang });
const preferenceBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  building: z.union([z.literal(''), z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/)]),
});

/** Service field names → the form's. */
const FORM_FIELD: Record<string, string> = {
  startsAt: 'start',
  endsAt: 'slut',
  attendees: 'deltagare',
  title: 'titel',
  roomId: 'rum',
  ...INVITEE_FORM_FIELD,
};

function formFields(error: AppError): FieldError[] {
  return (error.details.fields ?? []).map((e) => ({ ...e, field: FORM_FIELD[e.field] ?? e.field }));
}

/** A local date and two local times → instants, or the field errors. `24:00` ends a day. */
export function intervalOf(
  datum: string,
  start: string,
  slut: string,
): { startsAt: Date; endsAt: Date } | FieldError[] {
  const errors: FieldError[] = [];
  if (!isLocalDate(datum)) errors.push({ field: 'datum', code: 'invalidDate' });
  if (!LOCAL_TIME.test(start)) errors.push({ field: 'start', code: 'invalidTime' });
  if (!LOCAL_TIME.test(slut) && slut !== '24:00') errors.push({ field: 'slut', code: 'invalidTime' });
  if (errors.length > 0) return errors;
  return {
    startsAt: fromLocal(datum, start),
    endsAt: slut === '24:00' ? fromLocal(addDays(datum, 1), '00:00') : fromLocal(datum, slut),
  };
}

export interface FinderRoutesOptions {
  deps: BookingDeps;
}

export const finderRoutes: FastifyPluginAsyncZod<FinderRoutesOptions> = async (app, options) => {
  const { deps } = options;
  const { db, clock } = deps;

  app.addHook('onSend', async (request, reply, payload) => {
    // Bookings name people and meetings: never kept by a browser or proxy cache.
    if (request.url.startsWith('/lokaler')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // ---- Finder -------------------------------------------------------------------------------

  app.get(
    '/lokaler',
    {
      config: {
        access: STAFF,
        examples: { query: { date: '2026-11-30', start: '10:00', duration: '60', people: '3' } },
      },
      schema: { querystring: finderQuery },
    },
    async (request, reply) => {
      const q = request.query;
      const user = request.user!;
      const now = clock();
      // The finder is where "Boka rum" leads: facility insight is linked from here for those who may
      // see it (the navigation hook has looked it up already: bookingLinksOf).
      const [buildings, preferred, links, today] = await Promise.all([
        listBuildingsForFinder(db),
        preferredBuildingOf(db, user.id),
        bookingLinksOf(db, user),
        myDay(db, user, now),
      ]);
      const insightLink = links.insight;
      const searched = q.date !== undefined || q.start !== undefined;
      const local = toLocal(now);
      const values: FinderFormValues = {
        date: q.date ?? local.date,
        start: q.start ?? `${String(Math.min(23, Math.floor(local.minutes / 60) + 1)).padStart(2, '0')}:00`,
        duration: q.duration ?? '60',
        people: q.people ?? '2',
        purpose: q.purpose ?? '',
        building: q.building ?? '',
        floor: q.floor ?? '',
        equipment: q.equipment,
        accessibility: q.accessibility,
      };
      let result: FinderResult | null = null;
      let errors: FieldError[] = [];
      if (searched) {
        const num = (s: string) => (/^-?\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
        try {
          result = await findRooms(
            db,
            user,
            {
              date: values.date.trim(),
              start: values.start.trim(),
              durationMinutes: num(values.duration),
              people: num(values.people),
              equipment: q.equipment,
              accessibility: q.accessibility,
              buildingId: q.building,
              floor: values.floor.trim() === '' ? undefined : num(values.floor),
              purpose: q.purpose,
            },
            now,
          );
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
          errors = error.details.fields ?? [];
        }
      }
      const form: FormState<FinderFormValues> = { values: { ...values }, errors };
      return reply.html(
        <FinderPage
          ctx={request.pageContext()}
          buildings={buildings}
          form={form}
          result={result}
          preferredBuildingId={preferred}
          insightLink={insightLink}
          myDay={today}
          now={now}
        />,
        errors.length > 0 ? 422 : 200,
      );
    },
  );

  app.post(
    '/lokaler/mitt-hus',
    { config: { access: STAFF, examples: { body: { building: 'rosengard' } } }, schema: { body: preferenceBody } },
    async (request, reply) => {
      const { building } = request.body;
      try {
        await setPreferredBuilding(db, request.user!, building === '' ? null : building);
      } catch (error) {
        // Only a tampered form names an unknown building: the select offers the real ones.
        if (error instanceof AppError && error.code === 'VALIDATION_FAILED') throw new AppError('BAD_REQUEST');
        throw error;
      }
      request.flash('success', finderTranslator(request.locale).t('finder.preferenceSaved'));
      return reply.redirect('/lokaler', 303);
    },
  );

  // ---- Booking form -------------------------------------------------------------------------

  function renderBook(
    request: FastifyRequest,
    reply: FastifyReply,
    room: Room,
    form: FormState<BookFormValues>,
    status: number,
    alternatives?: Alternatives,
    asked?: { startsAt: Date; endsAt: Date },
  ) {
    const ctx = { ...request.pageContext(), currentUrl: `/lokaler/boka?rum=${encodeURIComponent(room.id)}` };
    return reply.html(<BookPage ctx={ctx} room={room} form={form} alternatives={alternatives} asked={asked} />, status);
  }

  /** The form for a room that does not exist (a stale link or a tampered form): 422 with the error. */
  function renderUnknownRoom(request: FastifyRequest, reply: FastifyReply) {
    const ctx = request.pageContext();
    const f = finderTranslator(ctx.locale);
    const message = bookingErrorText(ctx.locale, { field: 'rum', code: 'unknownRoom' })!;
    return reply.html(
      <Layout ctx={ctx} title={f.t('finder.title')} hasErrors>
        <ErrorSummary
          titleText={ctx.t.t('form.errorSummaryTitle')}
          errorList={[{ text: message, href: '#find-another' }]}
        />
        <h1 class="govuk-heading-xl">{f.t('finder.title')}</h1>
        <p class="govuk-body">
          <a class="govuk-link" href="/lokaler" id="find-another">
            {f.t('mine.findRoom')}
          </a>
        </p>
      </Layout>,
      422,
    );
  }

  app.get(
    '/lokaler/boka',
    {
      config: {
        access: STAFF,
        examples: { query: { rum: 'stadshuset-oresund', datum: '2026-11-30', start: '10:00', slut: '11:00' } },
      },
      schema: { querystring: bookQuery },
    },
    async (request, reply) => {
      const q = request.query;
      const room = await findBookableRoom(db, q.rum, request.user!);
      if (!room) throw new AppError('NOT_FOUND', 'There is no such room.');
      const form: FormState<BookFormValues> = {
        values: {
          rum: room.id,
          datum: q.datum ?? '',
          start: q.start ?? '',
          slut: q.slut ?? '',
          titel: '',
          // Filled in, so a slot chosen in the grid books with one more click: two, as the finder assumes.
          deltagare: q.personer ?? String(Math.min(2, room.capacity)),
          nyckel: randomUUID(),
        },
        errors: [],
      };
      return renderBook(request, reply, room, form, 200);
    },
  );

  app.post(
    '/lokaler/boka',
    {
      config: {
        access: STAFF,
        examples: {
          body: {
            rum: 'stadshuset-oresund',
            datum: '2026-11-30',
            start: '13:00',
            slut: '14:00',
            titel: 'Planering',
            deltagare: '4',
            nyckel: 'harness-example-key',
          },
        },
      },
      attachValidation: true,
      schema: { body: bookBody },
    },
    async (request, reply) => {
      const form = formStateFrom<BookFormValues>(request);
      const raw = form.values;
      const roomIdValue = typeof raw.rum === 'string' ? raw.rum : '';
      const room = roomId.safeParse(roomIdValue).success
        ? await findBookableRoom(db, roomIdValue, request.user!)
        : undefined;
      if (!room) return renderUnknownRoom(request, reply);
      const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
      const interval = intervalOf(str(raw.datum), str(raw.start), str(raw.slut));
      const errors = [...form.errors, ...(Array.isArray(interval) ? interval : [])];
      if (!room.isPrivate && !str(raw.titel) && !errors.some((e) => e.field === 'titel'))
        errors.push({ field: 'titel', code: 'required' });
      if (errors.length > 0 || Array.isArray(interval))
        return renderBook(request, reply, room, { values: form.values, errors }, 422);
      const body = request.body;
      const f = finderTranslator(request.locale);
      try {
        const booking = await createBooking(
          deps,
          request.user!,
          {
            roomId: room.id,
            startsAt: interval.startsAt,
            endsAt: interval.endsAt,
            // Only its booker sees a private room's title: without one it is named for the room.
            title: body.titel || f.t('book.defaultTitle', { room: room.name }),
            attendees: body.deltagare,
            ...(body.nyckel && body.nyckel.length >= 8 ? { idempotencyKey: body.nyckel } : {}),
            ...inviteeRequest(body),
          },
          'web',
        );
        request.flash(
          'success',
          booking.status === 'pending'
            ? f.t('book.donePending', { room: booking.room.name })
            : f.t('book.done', {
                room: booking.room.name,
                when: whenText(request.pageContext(), booking.startsAt, booking.endsAt),
              }),
        );
        return reply.redirect(`/lokaler/bokningar/${booking.id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'VALIDATION_FAILED')
          return renderBook(request, reply, room, { values: form.values, errors: formFields(error) }, 422);
        if (error.code === 'NOT_FOUND' && error.details.fields) return renderUnknownRoom(request, reply);
        if (error.code === 'CONFLICT') {
          return renderBook(
            request,
            reply,
            room,
            { values: form.values, errors: formFields(error) },
            409,
            error.details.alternatives as Alternatives | undefined,
            interval,
          );
        }
        throw error;
      }
    },
  );

  // ---- My bookings and one booking ---------------------------------------------------------

  app.get(
    '/lokaler/bokningar',
    { config: { access: STAFF }, schema: { querystring: mineQuery } },
    async (request, reply) => {
      const q = request.query;
      const page = await listMyBookings(
        db,
        request.user!,
        q.visa === 'kommande' ? 'upcoming' : 'past',
        q.sida,
        clock(),
      );
      const [noShows, links] = await Promise.all([
        noShowCount(db, request.user!.id, clock()),
        bookingLinksOf(db, request.user!),
      ]);
      const approver = links.approves;
      const ctx = request.pageContext(); // once: it takes the flash messages
      return reply.html(
        <MyBookingsPageView
          ctx={ctx}
          page={page}
          notice={<NoShowText ctx={ctx} count={noShows} />}
          approvalsLink={approver}
        />,
      );
    },
  );

  app.get(
    '/lokaler/bokningar/:id',
    {
      config: { access: STAFF, owner: BOOKING_OWNER },
      schema: { params: bookingParams, querystring: z.object({ lang }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const managed = await getManagedBooking(db, request.user!, id);
      // Check-in (button, state) and, for the booker, their no-show count (door/checkin.views.tsx).
      const noShows =
        managed.booking.bookerId === request.user!.id ? await noShowCount(db, request.user!.id, clock()) : null;
      const ctx = request.pageContext(); // once: it takes the flash messages
      return reply.html(
        <BookingPage
          ctx={ctx}
          managed={managed}
          form={changeFormOf(managed)}
          {...bookingPageExtras(ctx, managed.booking, managed.room, clock(), noShows)}
        />,
      );
    },
  );

  app.post(
    '/lokaler/bokningar/:id/andra',
    {
      config: {
        access: STAFF,
        owner: BOOKING_OWNER,
        examples: {
          body: {
            datum: '2026-12-02',
            start: '08:00',
            slut: '09:00',
            titel: 'Ändrat möte',
            deltagare: '2',
            sekvens: '0',
          },
        },
      },
      attachValidation: true,
      schema: { params: bookingParams, body: changeBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const managed = await getManagedBooking(db, request.user!, id);
      const form = formStateFrom<ChangeFormValues>(request);
      const raw = form.values;
      const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
      const interval = intervalOf(str(raw.datum), str(raw.start), str(raw.slut));
      const errors = [...form.errors, ...(Array.isArray(interval) ? interval : [])];
      if (managed.mayReadTitle && !str(raw.titel) && !errors.some((e) => e.field === 'titel'))
        errors.push({ field: 'titel', code: 'required' });
      const render = (
        state: FormState<ChangeFormValues>,
        status: number,
        moveAlternatives?: Alternatives['sameRoom'],
      ) => {
        const ctx = { ...request.pageContext(), currentUrl: `/lokaler/bokningar/${managed.booking.id}` };
        return reply.html(
          <BookingPage ctx={ctx} managed={managed} form={state} moveAlternatives={moveAlternatives} />,
          status,
        );
      };
      if (errors.length > 0 || Array.isArray(interval)) return render({ values: form.values, errors }, 422);
      const body = request.body;
      try {
        await changeBooking(deps, request.user!, managed.booking.id, {
          startsAt: interval.startsAt,
          endsAt: interval.endsAt,
          // Only the booker's (or a non-private room's) form has a title; nobody else's can change it.
          title: managed.mayReadTitle ? body.titel : undefined,
          attendees: body.deltagare,
          expectedSequence: body.sekvens,
          // Invitees and the Teams link are the booker's (or a non-private room's) to see and change.
          ...(managed.mayReadTitle ? inviteeRequest(body) : {}),
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'VALIDATION_FAILED') return render({ values: form.values, errors: formFields(error) }, 422);
        if (error.code === 'CONFLICT')
          return render(
            { values: form.values, errors: formFields(error) },
            409,
            (error.details.alternatives as Alternatives | undefined)?.sameRoom,
          );
        throw error;
      }
      request.flash('success', finderTranslator(request.locale).t('booking.changed'));
      return reply.redirect(`/lokaler/bokningar/${managed.booking.id}`, 303);
    },
  );

  app.get(
    '/lokaler/bokningar/:id/avboka',
    {
      config: { access: STAFF, owner: BOOKING_OWNER },
      schema: { params: bookingParams, querystring: z.object({ lang }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const managed = await getManagedBooking(db, request.user!, id);
      if (managed.booking.status !== 'pending' && managed.booking.status !== 'confirmed')
        return reply.redirect(`/lokaler/bokningar/${managed.booking.id}`, 303);
      return reply.html(<CancelPage ctx={request.pageContext()} managed={managed} />);
    },
  );

  app.post(
    '/lokaler/bokningar/:id/avboka',
    { config: { access: STAFF, owner: BOOKING_OWNER }, schema: { params: bookingParams, body: csrfOnly } },
    async (request, reply) => {
      const { id } = request.params;
      const managed = await getManagedBooking(db, request.user!, id);
      try {
        await cancelBooking(deps, request.user!, managed.booking.id);
      } catch (error) {
        // Released or rejected meanwhile: nothing to cancel; the page says so.
        if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
        return reply.redirect(`/lokaler/bokningar/${managed.booking.id}`, 303);
      }
      request.flash('success', finderTranslator(request.locale).t('cancel.done'));
      return reply.redirect(`/lokaler/bokningar/${managed.booking.id}`, 303);
    },
  );

  // ---- Room page --------------------------------------------------------------

  /** The day asked for, today when none; a malformed date is a field error (422, today shown). */
  function dayOf(datum: string | undefined): { date: string; error: FieldError | null } {
    const today = toLocal(clock()).date;
    if (datum === undefined || datum.trim() === '') return { date: today, error: null };
    return isLocalDate(datum.trim())
      ? { date: datum.trim(), error: null }
      : { date: today, error: { field: 'datum', code: 'invalidDate' } };
  }

  app.get(
    '/lokaler/rum/:id',
    {
      config: { access: STAFF, examples: { params: { id: 'stadshuset-oresund' }, query: { datum: '2026-11-30' } } },
      schema: { params: buildingParams, querystring: dayQuery },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { date, error } = dayOf(request.query.datum);
      const { day, week, groupNames } = await roomPage(db, request.user!, id, date);
      return reply.html(
        <RoomPage
          ctx={request.pageContext()}
          day={day}
          week={week}
          date={date}
          groupNames={groupNames}
          dateError={error}
          now={clock()}
        />,
        error ? 422 : 200,
      );
    },
  );
};
