import { CSRF_FIELD } from '../../platform/http/csrf.ts';
import type { JobSummary } from '../../platform/jobs/jobs.repository.ts';
import type { OutboxMessage } from '../../platform/mail/outbox.repository.ts';
import {
  Pagination,
  SummaryList,
  Table,
  Tag,
  type PaginationItem,
  type TagColour,
} from '../../platform/views/components/index.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { adminTranslator } from './admin.i18n.ts';
import type { Page } from './admin.service.ts';

/** Numbered links around the current page, with the first and last always shown. */
export function pageItems(current: number, count: number, hrefFor: (page: number) => string): PaginationItem[] {
  const wanted = new Set([1, count, current - 1, current, current + 1].filter((n) => n >= 1 && n <= count));
  const pages = [...wanted].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  pages.forEach((n, i) => {
    if (i > 0 && n - pages[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === current });
  });
  return items;
}

function PageLinks({ ctx, page, path }: { ctx: PageContext; page: Page<unknown>; path: string }) {
  if (page.pageCount <= 1) return null;
  const hrefFor = (n: number) => `${path}?page=${n}`;
  return (
    <Pagination
      locale={ctx.locale}
      previous={page.page > 1 ? { href: hrefFor(page.page - 1) } : undefined}
      next={page.page < page.pageCount ? { href: hrefFor(page.page + 1) } : undefined}
      items={pageItems(page.page, page.pageCount, hrefFor)}
    />
  );
}

export function FailedJobsPage({ ctx, page }: { ctx: PageContext; page: Page<JobSummary> }) {
  const a = adminTranslator(ctx.locale);
  return (
    <Layout ctx={ctx} title={a.t('jobs.title')}>
      <h1 class="govuk-heading-xl">{a.t('jobs.title')}</h1>
      <p class="govuk-body">{a.t('jobs.lead')}</p>
      {page.total === 0 ? (
        <p class="govuk-body" id="empty-state">
          {a.t('jobs.empty')}
        </p>
      ) : (
        <>
          <p class="govuk-body">{a.t('jobs.count', { count: page.total })}</p>
          <Table
            caption={a.t('jobs.caption')}
            captionClasses="govuk-visually-hidden"
            head={[
              a.t('jobs.queue'),
              a.t('jobs.id'),
              a.t('jobs.failedAt'),
              { text: a.t('jobs.retries'), format: 'numeric' },
              a.t('jobs.error'),
              a.t('jobs.action'),
            ]}
            rows={page.items.map((job) => [
              job.queue,
              { children: <code>{job.id}</code> },
              job.completedAt ? ctx.t.formatDate(job.completedAt, 'datetime') : '',
              { text: job.retryCount, format: 'numeric' },
              job.error ?? a.t('jobs.noError'),
              {
                children: (
                  <form method="post" action={`/admin/jobs/${job.id}/retry`} class="smb-inline-form" novalidate>
                    <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                    <input type="hidden" name="page" value={String(page.page)} />
                    <button
                      type="submit"
                      class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      data-module="govuk-button"
                    >
                      {a.t('jobs.retry')}
                      <span class="govuk-visually-hidden"> {a.t('jobs.retryHidden', { id: job.id })}</span>
                    </button>
                  </form>
                ),
              },
            ])}
          />
        </>
      )}
      <PageLinks ctx={ctx} page={page} path="/admin/jobs" />
    </Layout>
  );
}

const STATUS_COLOUR: Record<OutboxMessage['status'], TagColour> = {
  queued: 'grey',
  sent: 'green',
  stored: 'blue',
  failed: 'red',
};

/** The body as written: line breaks kept, every character escaped (Preact escapes text). */
function BodyText({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <p class="govuk-body">
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </p>
  );
}

export function OutboxPage({ ctx, page }: { ctx: PageContext; page: Page<OutboxMessage> }) {
  const a = adminTranslator(ctx.locale);
  return (
    <Layout ctx={ctx} title={a.t('outbox.title')}>
      <h1 class="govuk-heading-xl">{a.t('outbox.title')}</h1>
      <p class="govuk-body">{a.t('outbox.lead')}</p>
      {page.total === 0 ? (
        <p class="govuk-body" id="empty-state">
          {a.t('outbox.empty')}
        </p>
      ) : (
        <p class="govuk-body">{a.t('outbox.count', { count: page.total })}</p>
      )}
      {page.items.map((message) => (
        <SummaryList
          card={{ title: { text: message.subject, headingLevel: 2 } }}
          rows={[
            { key: { text: a.t('outbox.recipient') }, value: { text: message.recipient } },
            { key: { text: a.t('outbox.time') }, value: { text: ctx.t.formatDate(message.createdAt, 'datetime') } },
            { key: { text: a.t('outbox.channel') }, value: { text: a.t(`outbox.channel.${message.channel}`) } },
            {
              key: { text: a.t('outbox.status') },
              value: {
                children: <Tag colour={STATUS_COLOUR[message.status]} text={a.t(`outbox.status.${message.status}`)} />,
              },
            },
            message.attachments.length > 0 && {
              key: { text: a.t('outbox.attachments') },
              value: { text: message.attachments.map((f) => f.filename).join(', ') },
            },
            { key: { text: a.t('outbox.body') }, value: { children: <BodyText text={message.bodyText} /> } },
          ]}
        />
      ))}
      <PageLinks ctx={ctx} page={page} path="/dev/outbox" />
    </Layout>
  );
}
