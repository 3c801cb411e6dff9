import { Button, Table } from '../../../platform/views/components/index.ts';
import { CsrfInput } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { PrintQueue } from './delivery.service.ts';
import { printQueueTranslator } from './print-queue.i18n.ts';

/** The print queue: letters waiting for post, the batches made, and the decisions that cannot be sent. */
export function PrintQueuePage({ ctx, queue }: { ctx: PageContext; queue: PrintQueue }) {
  const p = printQueueTranslator(ctx.locale);
  return (
    <Layout ctx={ctx} title={p.t('title')}>
      <h1 class="govuk-heading-xl">{p.t('title')}</h1>
      <p class="govuk-body">{p.t('lead')}</p>
      <p class="govuk-body govuk-!-font-weight-bold" id="pending">
        {queue.pending > 0 ? p.t('pending', { count: queue.pending }) : p.t('pending.none')}
      </p>
      {queue.pending > 0 && (
        <form method="post" action="/handlaggning/utskrift" novalidate>
          <CsrfInput ctx={ctx} />
          <Button text={p.t('create')} preventDoubleClick />
        </form>
      )}

      <h2 class="govuk-heading-l">{p.t('batches.heading')}</h2>
      {queue.batches.length === 0 ? (
        <p class="govuk-body">{p.t('batches.none')}</p>
      ) : (
        <ul class="govuk-list smb-print-batches">
          {queue.batches.map((batch) => {
            const created = p.formatDate(batch.createdAt, 'datetime');
            return (
              <li class="smb-print-batch" data-batch={batch.id}>
                <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                  {p.t('batches.created')} {created}
                </h3>
                <p class="govuk-body govuk-!-margin-bottom-1">
                  {p.t('batches.letters')}: {batch.letters} · {p.t('batches.createdBy')} {batch.createdByName} ·{' '}
                  {batch.postedAt
                    ? `${p.t('batches.posted')} ${p.formatDate(batch.postedAt, 'datetime')}`
                    : p.t('batches.notPosted')}
                </p>
                <p class="govuk-body">
                  <a class="govuk-link" href={`/handlaggning/utskrift/${batch.id}/pdf`} download>
                    {p.t('batches.download')}
                    <span class="govuk-visually-hidden"> {p.t('batches.downloadLabel', { date: created })}</span>
                  </a>
                </p>
                {!batch.postedAt && (
                  <form method="post" action={`/handlaggning/utskrift/${batch.id}/postad`} novalidate>
                    <CsrfInput ctx={ctx} />
                    <Button text={p.t('batches.markPosted')} classes="govuk-button--secondary" preventDoubleClick />
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {queue.undeliverable.length > 0 && (
        <>
          <h2 class="govuk-heading-l">{p.t('undeliverable.heading')}</h2>
          <p class="govuk-body">{p.t('undeliverable.lead')}</p>
          <Table
            caption={p.t('undeliverable.caption')}
            captionClasses="govuk-visually-hidden"
            head={[p.t('undeliverable.case'), p.t('undeliverable.since')]}
            rows={queue.undeliverable.map((letter) => [
              {
                children: (
                  <a class="govuk-link" href={`/handlaggning/arenden/${letter.caseId}`}>
                    {letter.caseNumber ?? letter.caseId}
                  </a>
                ),
              },
              p.formatDate(letter.createdAt, 'datetime'),
            ])}
          />
        </>
      )}
    </Layout>
  );
}
