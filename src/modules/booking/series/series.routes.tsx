import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, STAFF } from '../../../platform/auth/roles.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { formStateFrom, type FormState } from '../../../platform/views/form.tsx';
import type { Room } from '../booking.schema.ts';
import { findBookableRoom } from '../booking.service.ts';
import { seriesTranslator } from './series.i18n.ts';
import {
  bookMissedElsewhere,
  cancelSeries,
  createSeries,
  getSeries,
  missedOffers,
  occurrenceRows,
  previewSeries,
  seriesCancellation,
  type SeriesDeps,
  type SeriesResult,
} from './series.service.ts';
import {
  SeriesCancelPage,
  SeriesFormPage,
  SeriesPage,
  SeriesPreviewPage,
  type SeriesFormValues,
} from './series.views.tsx';
import { MAX_OCCURRENCES } from './recurrence.ts';
import { slotFormFields, slotFormQuery } from '../slot-form.tsx';

/**
 * Recurring series pages: the form (/lokaler/boka/serie, pre-filled from the query like the
 * single booking form) and a series' page (/lokaler/serier/:id) with its occurrences and the
 * three cancel actions. Staff pages, Swedish and English; no JavaScript needed.
 */

/** For the harnesses: a series, which its booker and administrators may open. */
export const SERIES_OWNER = { fixture: 'booking.series', othersMay: ADMIN } as const;

const lang = z.string().max(10).optional();
const roomId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

const formQuery = slotFormQuery;
const toArray = (value: unknown) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
const seriesBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  ...slotFormFields,
  upprepa: z.string().max(40).optional(),
  till: z.string().max(40).optional(),
  antal: z.string().max(10).optional(),
  nyckel: z.string().max(100).optional(),
  // granska: the preview (nothing written); boka: book; andra: the form again with the values kept.
  // Missing: the preview, so nothing is booked unseen.
  steg: z.enum(['granska', 'boka', 'andra']).optional(),
  ersatt: z.preprocess(
    toArray,
    z.array(z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z~[a-z0-9][a-z0-9-]{0,62}$/)).max(MAX_OCCURRENCES),
  ),
});
const seriesParams = z.object({ id: z.string().max(100) });
// `start`, not `tillfalle` (the cancel form's booking id): the occurrence's planned start, an instant.
const elsewhereBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  start: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/),
  rum: roomId,
});
const cancelScope = z.enum(['one', 'following', 'all']);
const cancelQuery = z.object({
  omfattning: cancelScope,
  tillfalle: z.uuid().optional(),
  lang,
});
const cancelBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  omfattning: cancelScope,
  tillfalle: z.uuid().optional(),
});

/** Service field names → the form's. */
const FORM_FIELD: Record<string, string> = {
  roomId: 'rum',
  date: 'datum',
  startTime: 'start',
  endTime: 'slut',
  startsAt: 'start',
  endsAt: 'slut',
  title: 'titel',
  attendees: 'deltagare',
  freq: 'upprepa',
  repeatEnd: 'till',
  until: 'till',
  count: 'antal',
};
/** Errors about the day rather than the time belong to the date field. */
const DATE_CODES = new Set(['closedDay', 'inPast', 'tooFarAhead', 'invalidDate']);

function formFields(errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({
    ...e,
    field: e.field === 'startsAt' && DATE_CODES.has(e.code) ? 'datum' : (FORM_FIELD[e.field] ?? e.field),
  }));
}

export interface SeriesRoutesOptions {
  deps: SeriesDeps;
}

export const seriesRoutes: FastifyPluginAsyncZod<SeriesRoutesOptions> = async (app, options) => {
  const { deps } = options;
  const { db, clock } = deps;

  function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    room: Room,
    form: FormState<SeriesFormValues>,
    status: number,
  ) {
    reply.header('cache-control', 'no-store');
    return reply.html(<SeriesFormPage ctx={request.pageContext()} room={room} form={form} />, status);
  }

  app.get(
    '/lokaler/boka/serie',
    {
      config: {
        access: STAFF,
        examples: { query: { rum: 'stadshuset-oresund', datum: '2026-12-01', start: '09:00', slut: '10:00' } },
      },
      schema: { querystring: formQuery },
    },
    async (request, reply) => {
      const q = request.query;
      const room = await findBookableRoom(db, q.rum, request.user!);
      if (!room) throw new AppError('NOT_FOUND', 'There is no such room.');
      const values = {
        rum: room.id,
        datum: q.datum ?? '',
        start: q.start ?? '',
        slut: q.slut ?? '',
        titel: '',
        deltagare: q.personer ?? '',
        upprepa: 'weekly',
        till: '',
        antal: '',
        nyckel: randomUUID(),
      };
      return renderForm(request, reply, room, { values, errors: [] }, 200);
    },
  );

  app.post(
    '/lokaler/boka/serie',
    {
      config: {
        access: STAFF,
        examples: {
          body: {
            rum: 'stadshuset-oresund',
            datum: '2026-12-02',
            start: '13:00',
            slut: '14:00',
            titel: 'Veckomöte',
            deltagare: '4',
            upprepa: 'weekly',
            antal: '4',
            nyckel: 'harness-series-key',
            steg: 'boka',
          },
        },
      },
      attachValidation: true,
      schema: { body: seriesBody },
    },
    async (request, reply) => {
      const form = formStateFrom<SeriesFormValues>(request);
      const raw = form.values;
      const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
      const roomIdValue = str(raw.rum);
      const room = roomId.safeParse(roomIdValue).success
        ? await findBookableRoom(db, roomIdValue, request.user!)
        : undefined;
      if (!room) throw new AppError('NOT_FOUND', 'There is no such room.');
      const step = str(raw.steg) === 'boka' ? 'boka' : str(raw.steg) === 'andra' ? 'andra' : 'granska';
      if (step === 'andra') return renderForm(request, reply, room, { values: form.values, errors: [] }, 200);
      // Until a date or N times: the service refuses both and neither.
      const untilText = str(raw.till);
      const countText = str(raw.antal);
      const extra: FieldError[] = [];
      let count: number | undefined;
      if (countText !== '') {
        if (/^\d{1,4}$/.test(countText)) count = Number(countText);
        else extra.push({ field: 'antal', code: 'countOutOfRange', params: { max: 100 } });
      }
      if (form.errors.length > 0 || extra.length > 0)
        return renderForm(request, reply, room, { values: form.values, errors: [...form.errors, ...extra] }, 422);
      const body = request.body;
      const seriesRequest = {
        roomId: room.id,
        date: body.datum.trim(),
        startTime: body.start.trim(),
        endTime: body.slut.trim(),
        title: body.titel,
        attendees: body.deltagare,
        freq: body.upprepa ?? '',
        until: untilText === '' ? undefined : untilText,
        count,
        ...(body.nyckel && body.nyckel.length >= 8 ? { idempotencyKey: body.nyckel } : {}),
      };
      try {
        if (step === 'granska') {
          const preview = await previewSeries(deps, request.user!, seriesRequest);
          // This key already booked a series (back button, second tab): that series, not a second one.
          if (preview.kind === 'booked') return reply.redirect(`/lokaler/serier/${preview.series.id}`, 303);
          reply.header('cache-control', 'no-store');
          return reply.html(
            <SeriesPreviewPage
              ctx={request.pageContext()}
              room={room}
              values={form.values}
              pattern={{ firstDate: seriesRequest.date, rule: preview.rule }}
              rows={preview.rows}
            />,
          );
        }
        const result = await createSeries(deps, request.user!, seriesRequest);
        const s = seriesTranslator(request.locale);
        const standIns = await bookStandIns(request, result, body.ersatt);
        // One message for what was booked; one more only when a stand-in could not be booked.
        const booked = s.t('series.booked', {
          booked: result.booked.length,
          total: result.booked.length + result.collisions.length,
        });
        request.flash(
          'success',
          standIns.booked > 0 ? `${booked} ${s.t('series.standInsBooked', { count: standIns.booked })}` : booked,
        );
        if (standIns.failed > 0) request.flash('info', s.t('series.standInsFailed', { count: standIns.failed }));
        return reply.redirect(`/lokaler/serier/${result.series.id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'VALIDATION_FAILED')
          return renderForm(
            request,
            reply,
            room,
            { values: form.values, errors: formFields(error.details.fields ?? []) },
            422,
          );
        if (error.code === 'CONFLICT')
          return renderForm(
            request,
            reply,
            room,
            { values: form.values, errors: formFields(error.details.fields ?? []) },
            409,
          );
        throw error;
      }
    },
  );

  /**
   * The preview's ticked stand-ins, booked after the series: each a collided (taken) occurrence
   * in the room the preview suggested, through bookMissedElsewhere (idempotent per occurrence, so
   * a double submission replays). One that cannot be booked now is counted; the series page
   * offers it again.
   */
  async function bookStandIns(
    request: FastifyRequest,
    result: SeriesResult,
    ticked: readonly string[],
  ): Promise<{ booked: number; failed: number }> {
    const taken = new Set(
      result.collisions.filter((c) => c.reasons.some((e) => e.code === 'taken')).map((c) => c.startsAt.getTime()),
    );
    let booked = 0;
    let failed = 0;
    for (const value of new Set(ticked)) {
      const [iso, room] = value.split('~') as [string, string];
      const start = new Date(iso);
      if (!taken.has(start.getTime())) continue;
      try {
        await bookMissedElsewhere(deps, request.user!, result.series.id, start, room);
        booked++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failed++;
      }
    }
    return { booked, failed };
  }

  app.get(
    '/lokaler/serier/:id',
    {
      config: { access: STAFF, owner: SERIES_OWNER },
      schema: { params: seriesParams, querystring: z.object({ lang }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const view = await getSeries(db, request.user!, id);
      const rows = occurrenceRows(view);
      const offers = await missedOffers(deps, request.user!, view, rows);
      reply.header('cache-control', 'no-store');
      // A private room's title is for its booker only, administrators included in "others".
      const mayReadTitle = view.series.bookerId === request.user!.id || !view.room.isPrivate;
      return reply.html(
        <SeriesPage
          ctx={request.pageContext()}
          series={view.series}
          room={view.room}
          rows={rows}
          offers={offers}
          mayReadTitle={mayReadTitle}
          now={clock()}
        />,
      );
    },
  );

  // One click from the series page: a missed occurrence booked in the suggested room instead.
  app.post(
    '/lokaler/serier/:id/ersatt',
    {
      config: {
        access: STAFF,
        owner: SERIES_OWNER,
        examples: { body: { start: '2030-01-07T09:00:00.000Z', rum: 'stadshuset-pildammen' } },
      },
      schema: { params: seriesParams, body: elsewhereBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const s = seriesTranslator(request.locale);
      const back = `/lokaler/serier/${encodeURIComponent(id)}`;
      try {
        const { booking, room } = await bookMissedElsewhere(
          deps,
          request.user!,
          id,
          new Date(request.body.start),
          request.body.rum,
        );
        const ctx = request.pageContext();
        request.flash(
          'success',
          s.t('series.elsewhere.booked', {
            room: `${room.name}, ${room.buildingName}`,
            date: ctx.t.formatDate(booking.startsAt, 'long'),
          }),
        );
      } catch (error) {
        // The series itself not found stays a 404; anything about the occurrence or the room is said on the page.
        if (!(error instanceof AppError) || (error.code === 'NOT_FOUND' && !error.details.fields)) throw error;
        request.flash('info', s.t(error.code === 'CONFLICT' ? 'series.elsewhere.taken' : 'series.elsewhere.failed'));
      }
      return reply.redirect(back, 303);
    },
  );

  // Asks first: what would be cancelled, listed, and a form that cancels it (the POST below).
  app.get(
    '/lokaler/serier/:id/avboka',
    {
      config: { access: STAFF, owner: SERIES_OWNER, examples: { query: { omfattning: 'all' } } },
      schema: { params: seriesParams, querystring: cancelQuery },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { omfattning, tillfalle } = request.query;
      const { series, bookings } = await seriesCancellation(db, request.user!, id, omfattning, tillfalle);
      reply.header('cache-control', 'no-store');
      return reply.html(
        <SeriesCancelPage
          ctx={request.pageContext()}
          seriesId={series.id}
          scope={omfattning}
          bookingId={tillfalle}
          bookings={bookings}
        />,
      );
    },
  );

  app.post(
    '/lokaler/serier/:id/avboka',
    {
      config: { access: STAFF, owner: SERIES_OWNER, examples: { body: { omfattning: 'all' } } },
      schema: { params: seriesParams, body: cancelBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const s = seriesTranslator(request.locale);
      const { cancelled } = await cancelSeries(deps, request.user!, id, body.omfattning, body.tillfalle);
      const first = cancelled.map((b) => b.startsAt).sort((a, b) => a.getTime() - b.getTime())[0];
      const date = first ? request.pageContext().t.formatDate(first, 'long') : '';
      if (cancelled.length === 0) request.flash('info', s.t('series.nothingCancelled'));
      else if (body.omfattning === 'one') request.flash('success', s.t('series.cancelledOne', { date }));
      else if (body.omfattning === 'following')
        request.flash('success', s.t('series.cancelledFollowing', { count: cancelled.length, date }));
      else request.flash('success', s.t('series.cancelledAll', { count: cancelled.length }));
      return reply.redirect(`/lokaler/serier/${id}`, 303);
    },
  );
};
