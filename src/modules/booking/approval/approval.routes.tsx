import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, STAFF } from '../../../platform/auth/roles.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { formStateFrom } from '../../../platform/views/form.tsx';
import { approvalTranslator } from './approval.i18n.ts';
import { approvesAnyRoom, decideBooking, listPendingForApprover, REASON_MAX } from './approval.service.ts';
import { ApprovalsPage } from './approval.views.tsx';
import type { BookingDeps } from '../booking.service.ts';
import { whenText } from '../booking.views.tsx';

/**
 * /lokaler/godkannanden: the approvers' list of pending bookings (their rooms', oldest request
 * first) and the approve/reject form of each. Staff pages (sv, en); the decision is one POST per
 * booking, safe to send twice (the service returns an already-taken decision unchanged).
 */

/** For the harnesses: a pending booking of the demo approval room; its approvers (lokalservice: the admin) decide it. */
const PENDING_BOOKING = { fixture: 'booking.pending', othersMay: ADMIN } as const;

const lang = z.string().max(10).optional();
const decisionParams = z.object({ id: z.string().max(100) });
const decisionBody = z.object({
  [CSRF_FIELD]: z.string().optional(),
  beslut: z.enum(['godkann', 'avsla'], { message: 'chooseOne' }),
  // Longer than REASON_MAX is the service's field error (shown with the text kept); this bound only stops abuse.
  motivering: z.string().max(10_000).optional(),
});

export interface ApprovalRoutesOptions {
  deps: BookingDeps;
}

export const approvalRoutes: FastifyPluginAsyncZod<ApprovalRoutesOptions> = async (app, options) => {
  const { deps } = options;
  const { db, clock } = deps;

  app.get(
    '/lokaler/godkannanden',
    { config: { access: STAFF }, schema: { querystring: z.object({ lang }) } },
    async (request, reply) => {
      const user = request.user!;
      const [pending, approver] = await Promise.all([
        listPendingForApprover(db, user, clock()),
        approvesAnyRoom(db, user),
      ]);
      reply.header('cache-control', 'no-store');
      return reply.html(<ApprovalsPage ctx={request.pageContext()} pending={pending} approver={approver} />);
    },
  );

  app.post(
    '/lokaler/godkannanden/:id',
    {
      config: { access: STAFF, owner: PENDING_BOOKING, examples: { body: { beslut: 'godkann', motivering: '' } } },
      attachValidation: true,
      schema: { params: decisionParams, body: decisionBody },
    },
    async (request, reply) => {
      const user = request.user!;
      const { id } = request.params;
      // The form as sent, valid or not: a refused decision is shown again with the reason kept.
      const form = formStateFrom<{ motivering: string }>(request);
      const reason = typeof form.values.motivering === 'string' ? form.values.motivering : '';
      const rerender = async (errors: FieldError[]) => {
        const [pending, approver] = await Promise.all([
          listPendingForApprover(db, user, clock()),
          approvesAnyRoom(db, user),
        ]);
        // Someone who may not decide this booking learns nothing about it: the same 404 as the service's.
        if (!pending.some((p) => p.id === id)) throw new AppError('NOT_FOUND', 'There is no such booking.');
        const ctx = { ...request.pageContext(), currentUrl: '/lokaler/godkannanden' };
        return reply.html(
          <ApprovalsPage
            ctx={ctx}
            pending={pending}
            approver={approver}
            failed={{ bookingId: id, reason: reason.slice(0, REASON_MAX * 2), errors }}
          />,
          422,
        );
      };
      if (request.validationError)
        return rerender(form.errors.length > 0 ? [...form.errors] : [{ field: 'beslut', code: 'chooseOne' }]);
      const body = request.body;
      const a = approvalTranslator(request.locale);
      try {
        const booking = await decideBooking(deps, user, id, {
          decision: body.beslut === 'godkann' ? 'approve' : 'reject',
          reason: body.motivering,
          requestId: request.id,
        });
        const when = whenText(request.pageContext(), booking.startsAt, booking.endsAt);
        request.flash(
          'success',
          a.t(booking.status === 'confirmed' ? 'approvals.approved' : 'approvals.rejected', {
            room: booking.room.name,
            when,
          }),
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'VALIDATION_FAILED') return rerender(error.details.fields ?? []);
        if (error.code !== 'CONFLICT') throw error;
        const decided = error.details.fields?.some((f) => f.code === 'alreadyDecided');
        request.flash('info', a.t(decided ? 'approvals.alreadyDecided' : 'approvals.gone'));
      }
      return reply.redirect('/lokaler/godkannanden', 303);
    },
  );
};
