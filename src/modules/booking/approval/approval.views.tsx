import { Button, ErrorSummary, SummaryList, Textarea, WarningText } from '../../../platform/views/components/index.ts';
import { CsrfInput } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { approvalTranslator } from './approval.i18n.ts';
import type { PendingBooking } from './approval.service.ts';
import { whenText } from '../booking.views.tsx';

/** /lokaler/godkannanden: the pending bookings an approver decides, each with approve/reject and an optional reason. */

export interface ApprovalFormError {
  bookingId: string;
  reason: string;
  errors: FieldError[];
}

export function reasonFieldId(bookingId: string): string {
  return `motivering-${bookingId}`;
}

export function ApprovalsPage({
  ctx,
  pending,
  approver,
  failed,
}: {
  ctx: PageContext;
  pending: readonly PendingBooking[];
  approver: boolean;
  failed?: ApprovalFormError | undefined;
}) {
  const a = approvalTranslator(ctx.locale);
  const title = a.t('approvals.title');
  const errorText = (e: FieldError) =>
    e.code === 'tooLong'
      ? a.t('approvals.errorReasonTooLong', { max: Number(e.params?.max ?? 500) })
      : a.t('approvals.errorDecision');
  return (
    <Layout ctx={ctx} title={title} hasErrors={failed !== undefined}>
      {failed && (
        <ErrorSummary
          titleText={ctx.t.t('form.errorSummaryTitle')}
          errorList={failed.errors.map((e) => ({ text: errorText(e), href: `#${reasonFieldId(failed.bookingId)}` }))}
        />
      )}
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body-l">{a.t('approvals.lead')}</p>
      {pending.length === 0 ? (
        <p class="govuk-body" data-testid="approvals-empty">
          {approver ? a.t('approvals.empty') : a.t('approvals.notApprover')}
        </p>
      ) : (
        <>
          <p class="govuk-body">{a.t('approvals.count', { count: pending.length })}</p>
          <ol class="govuk-list">
            {pending.map((p) => {
              const error = failed?.bookingId === p.id ? failed.errors[0] : undefined;
              const heading = a.t('approvals.item', { room: p.roomName, building: p.buildingName });
              return (
                <li id={`bokning-${p.id}`}>
                  <SummaryList
                    card={{ title: { text: heading, headingLevel: 2 } }}
                    rows={[
                      { key: { text: a.t('approvals.when') }, value: { text: whenText(ctx, p.startsAt, p.endsAt) } },
                      {
                        key: { text: a.t('approvals.meeting') },
                        value: { text: p.title ?? a.t('approvals.privateTitle') },
                      },
                      { key: { text: a.t('approvals.attendees') }, value: { text: String(p.attendees) } },
                      { key: { text: a.t('approvals.bookedBy') }, value: { text: p.bookerName } },
                      {
                        key: { text: a.t('approvals.requested') },
                        value: { text: ctx.t.formatDate(p.requestedAt, 'long') },
                      },
                    ]}
                  />
                  {p.past && <WarningText locale={ctx.locale} text={a.t('approvals.past')} />}
                  <form method="post" action={`/lokaler/godkannanden/${p.id}`} novalidate>
                    <CsrfInput ctx={ctx} />
                    <Textarea
                      name="motivering"
                      id={reasonFieldId(p.id)}
                      rows={2}
                      value={failed?.bookingId === p.id ? failed.reason : undefined}
                      label={{ text: a.t('approvals.reason'), classes: 'govuk-label--s' }}
                      hint={{ text: a.t('approvals.reasonHint') }}
                      errorMessage={
                        error ? { text: errorText(error), visuallyHiddenText: ctx.t.t('form.errorPrefix') } : undefined
                      }
                      attributes={{
                        'aria-label': `${a.t('approvals.reason')}: ${heading}, ${whenText(ctx, p.startsAt, p.endsAt)}`,
                      }}
                    />
                    <div class="govuk-button-group">
                      <Button text={a.t('approvals.approve')} name="beslut" value="godkann" preventDoubleClick />
                      <Button
                        text={a.t('approvals.reject')}
                        name="beslut"
                        value="avsla"
                        variant="warning"
                        preventDoubleClick
                      />
                    </div>
                  </form>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </Layout>
  );
}
