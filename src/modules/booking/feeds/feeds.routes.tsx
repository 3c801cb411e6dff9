import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { emptyForm, formStateFrom, type FormState } from '../../../platform/views/form.tsx';
import { createFeed, feedCalendar, listFeedRooms, listFeeds, revokeFeed } from './feeds.service.ts';
import { CalendarFeedsPage, type FeedFormValues } from './feeds.views.tsx';
import { feedsTranslator } from './feeds.i18n.ts';

/**
 * Calendar feeds: /lokaler/kalender (staff: create, list, remove their links) and the public
 * /kalender/:token.ics (the token is the capability; unknown or removed → 404; never cached by
 * shared caches).
 */

/** For the harnesses: a feed link, which only its owner may remove. */
export const FEED_OWNER = { fixture: 'booking.feed' } as const;

const lang = z.string().max(10).optional();
const createBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  /** `mine`, or a room's id. */
  visa: z.string().trim().min(1, 'required').max(100),
  /** The form's idempotency key (FeedFormValues); absent from forms rendered before it existed. */
  nyckel: z.string().max(100).optional(),
});
const feedParams = z.object({ id: z.string().max(100) });
const tokenParams = z.object({ token: z.string().max(200) });

export interface FeedRoutesOptions {
  db: Db;
  clock: () => Date;
  baseUrl: string;
}

export const feedRoutes: FastifyPluginAsyncZod<FeedRoutesOptions> = async (app, options) => {
  const { db, clock, baseUrl } = options;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState<FeedFormValues>,
    status: number,
    created?: string,
  ) {
    const rooms = await listFeedRooms(db);
    reply.header('cache-control', 'no-store');
    return reply.html(
      <CalendarFeedsPage
        ctx={request.pageContext()}
        feeds={await listFeeds(db, request.user!)}
        rooms={rooms}
        form={form}
        created={created}
      />,
      status,
    );
  }

  /** A fresh form: a new key, so creating another link from it is not taken for a repeat. */
  const freshForm = () => emptyForm<FeedFormValues>({ visa: 'mine', nyckel: randomUUID() });

  app.get(
    '/lokaler/kalender',
    { config: { access: STAFF }, schema: { querystring: z.object({ lang }) } },
    async (request, reply) => {
      return render(request, reply, freshForm(), 200);
    },
  );

  app.post(
    '/lokaler/kalender',
    {
      config: { access: STAFF, examples: { body: { visa: 'stadshuset-oresund', nyckel: 'harness-feed-key' } } },
      attachValidation: true,
      schema: { body: createBody },
    },
    async (request, reply) => {
      const form = formStateFrom<FeedFormValues>(request);
      const posted = typeof form.values.nyckel === 'string' ? form.values.nyckel : '';
      if (form.errors.length > 0)
        return render(request, reply, { ...form, values: { ...form.values, nyckel: posted || randomUUID() } }, 422);
      const body = request.body;
      const roomId = body.visa === 'mine' ? null : body.visa;
      try {
        // The URL is shown on this response only (the token is not stored), so it is not a redirect;
        // a reload sends the key again and gets the same feed with a new URL, never a second feed.
        const { token } = await createFeed(
          db,
          request.user!,
          roomId,
          clock(),
          body.nyckel && body.nyckel.length >= 8 ? body.nyckel : undefined,
        );
        return render(request, reply, freshForm(), 200, `${baseUrl}/kalender/${token}.ics`);
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'CONFLICT'))
          throw error;
        const errors: FieldError[] = (error.details.fields ?? []).map((e) => ({ ...e, field: 'visa' }));
        // The key was spent on another choice: a new one, so sending this form again creates its link.
        const nyckel = error.code === 'CONFLICT' ? randomUUID() : posted || randomUUID();
        return render(
          request,
          reply,
          { values: { ...form.values, nyckel }, errors },
          error.code === 'CONFLICT' ? 409 : 422,
        );
      }
    },
  );

  app.post(
    '/lokaler/kalender/:id/ta-bort',
    {
      config: { access: STAFF, owner: FEED_OWNER },
      schema: { params: feedParams, body: z.object({ [CSRF_FIELD]: z.string().optional() }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      await revokeFeed(db, request.user!, id, clock());
      request.flash('success', feedsTranslator(request.locale).t('feeds.revoked'));
      return reply.redirect('/lokaler/kalender', 303);
    },
  );

  app.get(
    '/kalender/:token.ics',
    {
      config: { access: 'public', examples: { params: { token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } } },
      schema: { params: tokenParams, querystring: z.object({}) },
    },
    async (request, reply) => {
      const { token } = request.params;
      const text = await feedCalendar(db, token, clock());
      if (text === undefined) throw new AppError('NOT_FOUND', 'There is no such calendar.');
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer')
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="lokalbokning.ics"')
        .send(text);
    },
  );
};
