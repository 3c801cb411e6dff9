import type { Locale } from '../../platform/i18n/index.ts';
import { formatPersonalNumber } from '../../platform/identity/personal-number.ts';
import {
  Button,
  Checkboxes,
  Radios,
  Select,
  SummaryList,
  Table,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from '../../platform/views/components/index.ts';
import { CsrfInput, emptyForm, formView, type FormState, type FormView } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { QueueRow } from './case.repository.ts';
import { caseworkerTranslator, type CaseworkerTranslator } from './caseworker.i18n.ts';
import type { CaseworkerCase } from './caseworker.service.ts';
import { BarChart, HorizontalBars } from '../../platform/views/components/charts.tsx';
import type { CaseStatus, DecisionRecord, EService, Page } from './e-services.schema.ts';
import {
  CONTENT_TYPE_LABEL,
  DocumentList,
  formatBytes,
  MessageList,
  MultilineText,
  PageLinks,
  StatusTag,
} from './shared.views.tsx';
import type { Statistics } from './statistics.service.ts';
import { traceRows } from './trace-table.ts';

const STAFF = (locale: Locale) => caseworkerTranslator(locale);

function staffName(service: EService, locale: Locale): string {
  return locale === 'en' ? service.definition.names.en : service.definition.names.sv;
}

// ---------------------------------------------------------------------------------------------
// Queue

export interface QueueFilters {
  service?: string | undefined;
  status: CaseStatus | 'open' | 'all';
  reason?: string | undefined;
  waiting?: number | undefined;
}

export function queueQueryString(filters: QueueFilters, page?: number): string {
  const params = new URLSearchParams();
  if (filters.service) params.set('service', filters.service);
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.reason) params.set('reason', filters.reason);
  if (filters.waiting) params.set('waiting', String(filters.waiting));
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const QUEUE_STATUSES = ['open', 'all', 'submitted', 'in_progress', 'appealed', 'decided', 'closed'] as const;
const WAITING_DAYS = [1, 3, 7, 14, 30] as const;

export function QueuePage({
  ctx,
  page,
  filters,
  services,
  reasonCodes,
}: {
  ctx: PageContext;
  page: Page<QueueRow>;
  filters: QueueFilters;
  services: EService[];
  reasonCodes: string[];
}) {
  const c = STAFF(ctx.locale);
  const serviceNames = new Map(services.map((s) => [s.id, staffName(s, ctx.locale)]));
  return (
    <Layout ctx={ctx} title={c.t('queue.title')}>
      <h1 class="govuk-heading-xl">{c.t('queue.title')}</h1>
      <p class="govuk-body">{c.t('queue.lead')}</p>
      <form method="get" action="/handlaggning" class="smb-filters" novalidate>
        <h2 class="govuk-heading-m">{c.t('queue.filters')}</h2>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter">
            <Select
              name="service"
              id="filter-service"
              label={{ text: c.t('queue.filterService') }}
              value={filters.service ?? ''}
              items={[
                { value: '', text: c.t('queue.any') },
                ...services.map((s) => ({ value: s.id, text: staffName(s, ctx.locale) })),
              ]}
            />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select
              name="status"
              id="filter-status"
              label={{ text: c.t('queue.filterStatus') }}
              value={filters.status}
              items={QUEUE_STATUSES.map((s) => ({ value: s, text: c.t(`status.${s}`) }))}
            />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select
              name="reason"
              id="filter-reason"
              label={{ text: c.t('queue.filterReason') }}
              value={filters.reason ?? ''}
              items={[
                { value: '', text: c.t('queue.any') },
                ...reasonCodes.map((code) => ({ value: code, text: code })),
              ]}
            />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select
              name="waiting"
              id="filter-waiting"
              label={{ text: c.t('queue.filterWaiting') }}
              value={filters.waiting ? String(filters.waiting) : ''}
              items={[
                { value: '', text: c.t('queue.any') },
                ...WAITING_DAYS.map((d) => ({ value: String(d), text: c.t('queue.days', { count: d }) })),
              ]}
            />
          </div>
        </div>
        <Button text={c.t('queue.apply')} variant="secondary" />
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={`/handlaggning/export.csv${queueQueryString(filters)}`} download>
          {c.t('queue.export')}
        </a>
      </p>
      <p class="govuk-body" id="queue-count">
        {c.t('queue.count', { count: page.total })}
      </p>
      {page.total === 0 ? (
        <p class="govuk-body" id="empty-state">
          {c.t('queue.empty')}
        </p>
      ) : (
        <Table
          caption={c.t('queue.caption')}
          captionClasses="govuk-visually-hidden"
          head={[
            c.t('queue.caseNumber'),
            c.t('queue.service'),
            c.t('queue.status'),
            c.t('queue.waitingSince'),
            c.t('queue.task'),
            c.t('queue.reasons'),
            c.t('queue.assignedTo'),
          ]}
          rows={page.items.map((row) => [
            {
              children: (
                <a class="govuk-link" href={`/handlaggning/arenden/${row.id}`}>
                  {row.caseNumber}
                </a>
              ),
            },
            serviceNames.get(row.serviceId) ?? row.serviceId,
            { children: <StatusTag status={row.status} text={c.t(`status.${row.status}`)} /> },
            row.waitingSince ? c.formatDate(row.waitingSince, 'datetime') : '–',
            row.openTask ? c.t(`task.${row.openTask}`) : '–',
            {
              children: row.reasonCodes.map((code, i) => (
                <>
                  {i > 0 && ' '}
                  <code>{code}</code>
                </>
              )),
            },
            row.assignedTo?.name ?? c.t('queue.unassigned'),
          ])}
        />
      )}
      <PageLinks
        locale={ctx.locale}
        page={page.page}
        pageCount={page.pageCount}
        hrefFor={(n) => `/handlaggning${queueQueryString(filters, n)}`}
      />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// One case

export interface CaseworkerForms {
  decide?: FormState<{ outcome: string; reasonCodes: string[]; motivation: string }>;
  message?: FormState<{ body: string }>;
  assign?: FormState<{ assignTo: string }>;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function DecisionCard({ c, decision, index }: { c: CaseworkerTranslator; decision: DecisionRecord; index: number }) {
  const rows = traceRows(decision.trace);
  return (
    <div class="smb-decision" id={`decision-${index + 1}`}>
      <SummaryList
        card={{
          title: {
            text: `${decision.kind === 'automated' ? c.t('decisions.automated') : c.t('decisions.manual')} – ${c.formatDate(decision.decidedAt, 'datetime')}`,
            headingLevel: 3,
          },
        }}
        rows={[
          {
            key: { text: c.t('decisions.outcome') },
            value: {
              children: (
                <>
                  {c.t(`outcome.${decision.outcome}`)}{' '}
                  <Tag
                    colour={decision.isFinal ? 'green' : 'yellow'}
                    text={decision.isFinal ? c.t('decisions.final') : c.t('decisions.notFinal')}
                  />
                </>
              ),
            },
          },
          {
            key: { text: c.t('decisions.reasons') },
            value: {
              children: (
                <ul class="govuk-list">
                  {decision.reasons.map((r) => (
                    <li>
                      <code>{r.code}</code> – {r.legalRef}
                    </li>
                  ))}
                </ul>
              ),
            },
          },
          decision.ruleSet && {
            key: { text: c.t('decisions.ruleSet') },
            value: { text: `${decision.ruleSet.id} ${decision.ruleSet.version}` },
          },
          !!decision.contentHash && {
            key: { text: c.t('decisions.contentHash') },
            value: { children: <code class="smb-hash">{decision.contentHash}</code> },
          },
          {
            key: { text: c.t('decisions.actor') },
            value: {
              text:
                decision.actor.kind === 'system'
                  ? c.t('decisions.actorSystem', { id: decision.actor.id })
                  : c.t('actor.caseworker'),
            },
          },
          !!decision.motivation && {
            key: { text: c.t('decisions.motivation') },
            value: {
              children: <MultilineText text={decision.motivation} class="govuk-body govuk-!-margin-bottom-0" />,
            },
          },
        ]}
      />
      {rows.length > 0 && (
        <>
          <h3 class="govuk-heading-s">{c.t('trace.heading')}</h3>
          <Table
            caption={c.t('trace.caption')}
            captionClasses="govuk-visually-hidden"
            classes="smb-trace"
            head={[c.t('trace.step'), c.t('trace.matched'), c.t('trace.output')]}
            firstCellIsHeader
            rows={rows.map((row) => [
              row.step,
              {
                children:
                  row.matched.length === 0 ? (
                    c.t('trace.none')
                  ) : (
                    <ul class="govuk-list govuk-!-margin-bottom-0">
                      {row.matched.map((m) => (
                        <li>{m}</li>
                      ))}
                    </ul>
                  ),
              },
              { children: <code class="smb-trace__output">{row.output}</code> },
            ])}
          />
        </>
      )}
    </div>
  );
}

export function CaseworkerCasePage({
  ctx,
  view,
  forms = {},
}: {
  ctx: PageContext;
  view: CaseworkerCase;
  forms?: CaseworkerForms;
}) {
  const c = STAFF(ctx.locale);
  const subject = view.case;
  const base = `/handlaggning/arenden/${subject.id}`;
  const decide = formView<{ outcome: string; reasonCodes: string[]; motivation: string }>(
    ctx,
    forms.decide ?? emptyForm(),
    {
      fields: {
        outcome: { label: c.t('decide.outcomeField') },
        reasonCodes: {},
        motivation: { label: c.t('decide.motivationField') },
      },
    },
  );
  const message = formView<{ body: string }>(ctx, forms.message ?? emptyForm(), {
    fields: { body: { label: c.t('messages.field') } },
  });
  const assign = formView<{ assignTo: string }>(
    ctx,
    forms.assign ?? emptyForm({ assignTo: subject.assignedTo ?? '' }),
    { fields: { assignTo: { label: c.t('assign.field') } } },
  );
  const withErrors = [decide, message, assign].find((f) => f.hasErrors) as FormView<unknown> | undefined;
  const title = c.t('case.title', { caseNumber: subject.caseNumber ?? '' });
  const address = subject.applicant.address;
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!withErrors}>
      {withErrors?.errorSummary()}
      <a class="govuk-back-link" href="/handlaggning">
        {c.t('case.back')}
      </a>
      <span class="govuk-caption-l">{ctx.locale === 'en' ? view.serviceName.en : view.serviceName.sv}</span>
      <h1 class="govuk-heading-xl">{title}</h1>
      {subject.protectedIdentity && <WarningText locale={ctx.locale} text={c.t('case.protected')} />}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">{c.t('case.summary')}</h2>
          <SummaryList
            rows={[
              {
                key: { text: c.t('case.status') },
                value: { children: <StatusTag status={subject.status} text={c.t(`status.${subject.status}`)} /> },
              },
              subject.submittedAt && {
                key: { text: c.t('case.submitted') },
                value: { text: c.formatDate(subject.submittedAt, 'datetime') },
              },
              subject.decidedAt && {
                key: { text: c.t('case.decided') },
                value: { text: c.formatDate(subject.decidedAt, 'datetime') },
              },
              {
                key: { text: c.t('case.identity') },
                value: { text: subject.identityVerified ? c.t('identity.verified') : c.t('identity.unverified') },
              },
              {
                key: { text: c.t('case.assignedTo') },
                value: { text: view.assignee?.name ?? c.t('queue.unassigned') },
              },
              { key: { text: c.t('case.locale') }, value: { text: subject.locale } },
            ]}
          />
        </div>
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">{c.t('applicant.heading')}</h2>
          <SummaryList
            rows={[
              {
                key: { text: c.t('applicant.name') },
                value: { text: subject.applicant.name || c.t('applicant.none') },
              },
              {
                key: { text: c.t('applicant.personalNumber') },
                value: {
                  text: subject.applicantPersonalNumber
                    ? formatPersonalNumber(subject.applicantPersonalNumber)
                    : c.t('applicant.none'),
                },
              },
              {
                key: { text: c.t('applicant.email') },
                value: { text: subject.applicant.email ?? c.t('applicant.none') },
              },
              {
                key: { text: c.t('applicant.phone') },
                value: { text: subject.applicant.phone ?? c.t('applicant.none') },
              },
              !subject.protectedIdentity && {
                key: { text: c.t('applicant.address') },
                value: {
                  text: address ? `${address.street}, ${address.postalCode} ${address.city}` : c.t('applicant.none'),
                },
              },
            ]}
          />
        </div>
      </div>

      {view.canDecide && (
        <section aria-labelledby="decide-heading" class="smb-panel">
          <h2 class="govuk-heading-l" id="decide-heading">
            {c.t('decide.heading')}
          </h2>
          <form method="post" action={`${base}/beslut`} novalidate>
            <CsrfInput ctx={ctx} />
            <Radios
              {...decide.radios('outcome')}
              fieldset={{ legend: { text: c.t('decide.outcome'), classes: 'govuk-fieldset__legend--s' } }}
              classes="govuk-radios--inline"
              items={[
                { value: 'admit', text: c.t('decide.admit') },
                { value: 'refuse', text: c.t('decide.refuse') },
              ]}
            />
            {view.reasonOptions.length > 0 && (
              <Checkboxes
                {...decide.checkboxes('reasonCodes')}
                fieldset={{ legend: { text: c.t('decide.reasons'), classes: 'govuk-fieldset__legend--s' } }}
                hint={{ text: c.t('decide.reasonsHint') }}
                classes="govuk-checkboxes--small"
                items={view.reasonOptions.map((r) => ({ value: r.code, text: `${r.code} (${r.legalRef})` }))}
              />
            )}
            <Textarea
              {...decide.text('motivation')}
              label={{ text: c.t('decide.motivation'), classes: 'govuk-label--s' }}
              hint={{ text: c.t('decide.motivationHint') }}
              rows={5}
            />
            <Button text={c.t('decide.submit')} preventDoubleClick />
          </form>
        </section>
      )}

      <section aria-labelledby="facts-heading">
        <h2 class="govuk-heading-l" id="facts-heading">
          {c.t('facts.heading')}
        </h2>
        {view.facts.length === 0 ? (
          <p class="govuk-body">{c.t('facts.empty')}</p>
        ) : (
          <Table
            caption={c.t('facts.caption')}
            captionClasses="govuk-visually-hidden"
            firstCellIsHeader
            head={[c.t('facts.name'), c.t('facts.value'), c.t('facts.source'), c.t('facts.retrieved')]}
            rows={view.facts.map((fact) => [
              { children: <code>{fact.name}</code> },
              { children: <code>{valueText(fact.value)}</code> },
              {
                children: (
                  <>
                    {fact.source} {fact.selfDeclared && <Tag colour="yellow" text={c.t('facts.selfDeclared')} />}
                  </>
                ),
              },
              c.formatDate(fact.retrievedAt, 'datetime'),
            ])}
          />
        )}
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 class="govuk-heading-l" id="decisions-heading">
          {c.t('decisions.heading')}
        </h2>
        {view.decisions.length === 0 ? (
          <p class="govuk-body">{c.t('decisions.empty')}</p>
        ) : (
          view.decisions.map((d, i) => <DecisionCard c={c} decision={d} index={i} />)
        )}
      </section>

      <section aria-labelledby="answers-heading">
        <h2 class="govuk-heading-l" id="answers-heading">
          {c.t('answers.heading')}
        </h2>
        <Table
          caption={c.t('answers.caption')}
          captionClasses="govuk-visually-hidden"
          firstCellIsHeader
          head={[c.t('answers.question'), c.t('answers.answer')]}
          rows={Object.entries(subject.answers).map(([key, value]) => [
            { children: <code>{key}</code> },
            valueText(value),
          ])}
        />
      </section>

      <section aria-labelledby="documents-heading">
        <h2 class="govuk-heading-l" id="documents-heading">
          {c.t('documents.heading')}
        </h2>
        <DocumentList
          documents={view.documents}
          caseHref={base}
          linkText={(doc) => c.t('documents.download', { filename: doc.filename })}
          details={(doc) =>
            `(${c.t(`documents.kind.${doc.kind}`)}, ${CONTENT_TYPE_LABEL[doc.contentType]}, ${formatBytes(c, doc.size)}, ${c.formatDate(doc.createdAt, 'datetime')})`
          }
          empty={c.t('documents.empty')}
        />
      </section>

      <section aria-labelledby="messages-heading" id="messages">
        <h2 class="govuk-heading-l" id="messages-heading">
          {c.t('messages.heading')}
        </h2>
        <MessageList t={c} messages={view.messages} reader="caseworker" />
        <form method="post" action={`${base}/meddelanden`} novalidate>
          <CsrfInput ctx={ctx} />
          <Textarea
            {...message.text('body')}
            label={{ text: c.t('messages.label'), classes: 'govuk-label--s' }}
            hint={{ text: c.t('messages.hint') }}
            rows={4}
          />
          <Button text={c.t('messages.send')} variant="secondary" preventDoubleClick />
        </form>
      </section>

      <section aria-labelledby="assign-heading">
        <h2 class="govuk-heading-l" id="assign-heading">
          {c.t('assign.heading')}
        </h2>
        <form method="post" action={`${base}/tilldela`} novalidate>
          <CsrfInput ctx={ctx} />
          <Select
            {...assign.text('assignTo')}
            label={{ text: c.t('assign.label') }}
            items={[
              { value: '', text: c.t('assign.nobody') },
              ...view.caseworkers.map((w) => ({ value: w.id, text: w.name })),
            ]}
          />
          <Button text={c.t('assign.submit')} variant="secondary" />
        </form>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 class="govuk-heading-l" id="timeline-heading">
          {c.t('timeline.heading')}
        </h2>
        <Table
          caption={c.t('timeline.caption')}
          captionClasses="govuk-visually-hidden"
          head={[c.t('timeline.time'), c.t('timeline.event'), c.t('timeline.actor')]}
          rows={view.events.map((event) => [
            c.formatDate(event.occurredAt, 'datetime'),
            { children: <code>{event.type}</code> },
            c.t(`actor.${event.actor.kind}`),
          ])}
        />
      </section>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Statistics

export const STATISTICS_PERIODS = [4, 12, 26, 52] as const;

export function StatisticsPage({
  ctx,
  stats,
  weeks,
  service,
  services,
}: {
  ctx: PageContext;
  stats: Statistics;
  weeks: number;
  service: string | undefined;
  services: EService[];
}) {
  const c = STAFF(ctx.locale);
  const percent = (share: number) => c.formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
  const hours = (h: number) => c.t('stats.hours', { hours: c.formatNumber(h, { maximumFractionDigits: 1 }) });
  const weekLabel = (week: string) => week.slice(5);
  return (
    <Layout ctx={ctx} title={c.t('stats.title')}>
      <h1 class="govuk-heading-xl">{c.t('stats.title')}</h1>
      <p class="govuk-body">{c.t('stats.lead', { weeks })}</p>
      <form method="get" action="/handlaggning/statistik" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <Select
              name="service"
              id="stats-service"
              label={{ text: c.t('queue.filterService') }}
              value={service ?? ''}
              items={[
                { value: '', text: c.t('queue.any') },
                ...services.map((s) => ({ value: s.id, text: staffName(s, ctx.locale) })),
              ]}
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              name="weeks"
              id="stats-weeks"
              label={{ text: c.t('stats.period') }}
              value={String(weeks)}
              items={STATISTICS_PERIODS.map((n) => ({ value: String(n), text: c.t('stats.weeks', { count: n }) }))}
            />
          </div>
        </div>
        <Button text={c.t('stats.show')} variant="secondary" />
      </form>
      <SummaryList
        rows={[
          { key: { text: c.t('stats.applications') }, value: { text: c.formatNumber(stats.applications) } },
          { key: { text: c.t('stats.decided') }, value: { text: c.formatNumber(stats.decided) } },
          {
            key: { text: c.t('stats.automaticShare') },
            value: { text: stats.automaticShare === null ? c.t('stats.noDecisions') : percent(stats.automaticShare) },
          },
          {
            key: { text: c.t('stats.median') },
            value: {
              text:
                stats.medianHoursToDecision === null ? c.t('stats.noDecisions') : hours(stats.medianHoursToDecision),
            },
          },
          {
            key: { text: c.t('stats.hoursSaved') },
            value: {
              children: (
                <>
                  {hours(stats.staffHoursSaved)}
                  {stats.minutesPerManualCase !== null && (
                    <span class="govuk-hint govuk-!-margin-bottom-0">
                      {' '}
                      {c.t('stats.hoursSavedHint', {
                        automatic: stats.decidedAutomatically,
                        minutes: stats.minutesPerManualCase,
                      })}
                    </span>
                  )}
                </>
              ),
            },
          },
        ]}
      />
      <h2 class="govuk-heading-m">{c.t('stats.perWeek')}</h2>
      <BarChart
        id="chart-weeks"
        title={c.t('stats.perWeek')}
        description={c.t('stats.chartLabel')}
        data={stats.weeks.map((w) => ({ label: weekLabel(w.week), value: w.applications }))}
      />
      <h2 class="govuk-heading-m">{c.t('stats.byWhom')}</h2>
      <HorizontalBars
        id="chart-automatic"
        title={c.t('stats.byWhom')}
        description={c.t('stats.shareChartLabel')}
        data={[
          { label: c.t('stats.automatic'), value: stats.decidedAutomatically },
          { label: c.t('stats.manual'), value: stats.decided - stats.decidedAutomatically },
        ]}
      />
      <Table
        caption={c.t('stats.perWeekCaption')}
        captionClasses="govuk-table__caption--m"
        firstCellIsHeader
        head={[
          c.t('stats.week'),
          { text: c.t('stats.applications'), format: 'numeric' },
          { text: c.t('stats.automatic'), format: 'numeric' },
          { text: c.t('stats.manual'), format: 'numeric' },
        ]}
        rows={stats.weeks.map((w) => [
          w.week,
          { text: w.applications, format: 'numeric' },
          { text: w.decidedAutomatically, format: 'numeric' },
          { text: w.decidedManually, format: 'numeric' },
        ])}
      />
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// Administration: policy per e-service

export function EServicesAdminPage({ ctx, services }: { ctx: PageContext; services: EService[] }) {
  const c = STAFF(ctx.locale);
  return (
    <Layout ctx={ctx} title={c.t('admin.title')}>
      <h1 class="govuk-heading-xl">{c.t('admin.title')}</h1>
      <p class="govuk-body">{c.t('admin.lead')}</p>
      {services.map((service) => (
        <SummaryList
          card={{
            title: { text: staffName(service, ctx.locale), headingLevel: 2 },
            actions: {
              items: [
                {
                  href: `/admin/e-tjanster/${service.id}`,
                  text: c.t('admin.edit'),
                  visuallyHiddenText: staffName(service, ctx.locale),
                },
              ],
            },
          }}
          rows={[
            {
              key: { text: c.t('admin.autoFinal') },
              value: { text: service.policy.autoFinal.map((o) => c.t(`admin.${o}`)).join(', ') || '–' },
            },
            { key: { text: c.t('admin.minutes') }, value: { text: String(service.minutesPerManualCase) } },
            { key: { text: c.t('admin.prefix') }, value: { children: <code>{service.caseNumberPrefix}</code> } },
            { key: { text: c.t('admin.versionKey') }, value: { text: String(service.version) } },
          ]}
        />
      ))}
    </Layout>
  );
}

export function EServicePolicyPage({
  ctx,
  service,
  form,
}: {
  ctx: PageContext;
  service: EService;
  form: FormState<{ autoFinal: string[]; minutesPerManualCase: string }>;
}) {
  const c = STAFF(ctx.locale);
  const f = formView<{ autoFinal: string[]; minutesPerManualCase: string }>(ctx, form, {
    fields: { autoFinal: {}, minutesPerManualCase: { label: c.t('admin.minutesField') } },
  });
  const name = staffName(service, ctx.locale);
  return (
    <Layout ctx={ctx} title={`${c.t('admin.title')}: ${name}`} hasErrors={f.hasErrors}>
      {f.errorSummary()}
      <a class="govuk-back-link" href="/admin/e-tjanster">
        {c.t('admin.title')}
      </a>
      <span class="govuk-caption-l">{c.t('admin.title')}</span>
      <h1 class="govuk-heading-xl">{name}</h1>
      <form method="post" action={`/admin/e-tjanster/${service.id}`} novalidate>
        <CsrfInput ctx={ctx} />
        <Checkboxes
          {...f.checkboxes('autoFinal')}
          fieldset={{ legend: { text: c.t('admin.autoFinal'), classes: 'govuk-fieldset__legend--m' } }}
          hint={{ text: c.t('admin.autoFinalHint') }}
          items={[
            { value: 'admit', text: c.t('admin.admit') },
            { value: 'refuse', text: c.t('admin.refuse') },
          ]}
        />
        <TextInput
          {...f.text('minutesPerManualCase')}
          label={{ text: c.t('admin.minutes'), classes: 'govuk-label--s' }}
          hint={{ text: c.t('admin.minutesHint') }}
          classes="govuk-input--width-4"
          inputmode="numeric"
        />
        <Button text={c.t('admin.save')} />
      </form>
    </Layout>
  );
}
