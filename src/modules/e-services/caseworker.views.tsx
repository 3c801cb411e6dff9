import type { Locale } from '../../platform/i18n/index.ts';
import { formatPersonalNumber } from '../../platform/identity/personal-number.ts';
import { legalReferenceText } from '../../platform/legal/legal-reference.ts';
import {
  Button,
  Checkboxes,
  DateInput,
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
import { LegalReferenceLink } from '../../platform/views/legal-reference.tsx';
import { ScrollRegion } from '../../platform/views/scroll-region.tsx';
import { StackedTable } from '../../platform/views/stacked-table.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { QueueRow } from './case.repository.ts';
import { caseworkerTranslator, isCaseworkerKey, type CaseworkerTranslator } from './caseworker.i18n.ts';
import type { AppealRecord } from './appeal.repository.ts';
import { appealForwardDueDay, stockholmDate } from './calendar.ts';
import { IDENTITY_METHODS, type CaseAppeal, type CaseworkerCase } from './caseworker.service.ts';
import { SameApplicantCasesSection } from './same-applicant-cases.views.tsx';
import { BarChart, HorizontalBars } from '../../platform/views/components/charts.tsx';
import {
  caseEventTypes,
  MANUAL_DECISION,
  type CaseEvent,
  type CaseEventType,
  type CaseStatus,
  type DecisionRecord,
  type EService,
  type Page,
} from './e-services.schema.ts';
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
import { traceRows, type TraceRow, type TraceValue } from './trace-table.ts';
import {
  formatValue,
  humaniseKey,
  labelOne,
  labelValues,
  swedishValueWords,
  type CaseLabels,
  type KeyLabel,
  type LabelledValue,
} from './case-labels.ts';

const STAFF = (locale: Locale) => caseworkerTranslator(locale);

function staffName(service: EService, locale: Locale): string {
  return locale === 'en' ? service.definition.names.en : service.definition.names.sv;
}

// ---------------------------------------------------------------------------------------------
// Queue

export interface QueueFilters {
  service?: string | undefined;
  status: CaseStatus | 'open' | 'all' | 'appeal-pending';
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

const QUEUE_STATUSES = [
  'open',
  'appeal-pending',
  'all',
  'submitted',
  'in_progress',
  'appealed',
  'decided',
  'closed',
] as const;
const WAITING_DAYS = [1, 3, 7, 14, 30] as const;

export function QueuePage({
  ctx,
  page,
  filters,
  services,
  reasonCodes,
  reasonLabels,
}: {
  ctx: PageContext;
  page: Page<QueueRow>;
  filters: QueueFilters;
  services: EService[];
  reasonCodes: string[];
  /** Reason codes by their labels (every e-service's). */
  reasonLabels: Readonly<Record<string, string>>;
}) {
  const c = STAFF(ctx.locale);
  const reason = (code: string) =>
    reasonLabels[code] ?? (code === MANUAL_DECISION ? c.t('reason.MANUAL_DECISION') : humaniseKey(code));
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
                ...reasonCodes.map((code) => ({ value: code, text: reason(code) })),
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
        <StackedTable
          caption={c.t('queue.caption')}
          classes="smb-queue"
          id="queue"
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
            <a class="govuk-link" href={`/handlaggning/arenden/${row.id}`}>
              {row.caseNumber}
            </a>,
            serviceNames.get(row.serviceId) ?? row.serviceId,
            <StatusTag status={row.status} text={c.t(`status.${row.status}`)} />,
            row.waitingSince ? c.formatDate(row.waitingSince, 'datetime') : '–',
            row.openTask ? c.t(`task.${row.openTask}`) : '–',
            row.reasonCodes.length === 0 ? (
              '–'
            ) : (
              <ul class="govuk-list govuk-!-margin-bottom-0" lang={ctx.locale === 'sv' ? undefined : 'sv'}>
                {row.reasonCodes.map((code) => (
                  <li>{reason(code)}</li>
                ))}
              </ul>
            ),
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
  reconsider?: FormState<{ change: string; motivation: string; confirmReconsider: string }>;
  dismiss?: FormState<{ confirmDismiss: string }>;
  forward?: FormState<{ confirmForward: string }>;
  paperAppeal?: FormState<{
    'arrivedOn-day': string;
    'arrivedOn-month': string;
    'arrivedOn-year': string;
    text: string;
  }>;
  decide?: FormState<{ outcome: string; reasonCodes: string[]; motivation: string }>;
  message?: FormState<{ body: string }>;
  assign?: FormState<{ assignTo: string }>;
  identity?: FormState<{ personalNumber: string; method: string }>;
}

const INTL_TAG = { sv: 'sv-SE', en: 'en-GB' } as const;

/** The case's data reads in Swedish on every staff page (its labels are Swedish terms). */
const WORDS = swedishValueWords();

/** The data's reader: labels from the e-service's catalogue, values in Swedish words. */
export interface CaseDataReader {
  labels: CaseLabels;
  /** `sv` on a page in another language: the data is Swedish. */
  lang: 'sv' | undefined;
  value(entry: LabelledValue, catalogue?: Readonly<Record<string, KeyLabel>>): string;
  reason(code: string): string;
  legalRef(ref: string): string;
  source(source: string): string;
  outcome(outcome: string): string;
}

export function caseDataReader(c: CaseworkerTranslator, labels: CaseLabels): CaseDataReader {
  const sv = STAFF('sv');
  return {
    labels,
    lang: c.locale === 'sv' ? undefined : 'sv',
    value: (entry, catalogue = labels.results) => formatValue(entry.value, entry.spec, WORDS, catalogue),
    reason: (code) =>
      labels.reasons[code] ?? (code === MANUAL_DECISION ? sv.t('reason.MANUAL_DECISION') : humaniseKey(code)),
    legalRef: (ref) => labels.results.legalRef?.values?.[ref] ?? legalReferenceText(ref),
    source: (source) => labels.sources[source] ?? humaniseKey(source),
    outcome: (outcome) =>
      labels.results.outcome?.values?.[outcome] ??
      (outcome === 'admit' || outcome === 'refuse' || outcome === 'manual' ? sv.t(`outcome.${outcome}`) : outcome),
  };
}

/** A value someone wrote (kept line breaks) or a formatted one. */
function DataValue({ text, written }: { text: string; written?: boolean }) {
  if (!text.includes('\n') && !written) return <>{text}</>;
  return <MultilineText text={text} class="govuk-body govuk-!-margin-bottom-0" />;
}

/** Label and value pairs as a list inside a cell: "Grund för att bo i Sverige: Folkbokförd i Sverige". */
function ValuePairs({ data, values }: { data: CaseDataReader; values: readonly TraceValue[] }) {
  return (
    <ul class="govuk-list govuk-!-margin-bottom-0">
      {[...values]
        .sort((a, b) => rankOf(data.labels.results, a.key) - rankOf(data.labels.results, b.key))
        .map(({ key, value }) => {
          const entry = labelOne(key, value, data.labels.results);
          return (
            <li>
              {entry.label}:{' '}
              {entry.spec?.format === 'legalRef' && typeof entry.value === 'string' ? (
                // The table reads Swedish already: the reference needs no language of its own.
                <LegalReferenceLink source={entry.value} page="sv" />
              ) : (
                <DataValue text={data.value(entry)} />
              )}
            </li>
          );
        })}
    </ul>
  );
}

function TraceTable({ c, data, rows }: { c: CaseworkerTranslator; data: CaseDataReader; rows: readonly TraceRow[] }) {
  return (
    <StackedTable
      caption={c.t('trace.caption')}
      classes="smb-trace"
      head={[c.t('trace.step'), c.t('trace.checked'), c.t('trace.output')]}
      bodyLang={data.lang}
      rows={rows.map((row) => [
        row.step,
        row.rule ? (
          <>
            <p class="govuk-body govuk-!-margin-bottom-1">
              {row.rule.description ??
                (row.rule.number ? c.t('trace.row', { number: row.rule.number }) : c.t('trace.none'))}
            </p>
            {row.checked.length > 0 && <ValuePairs data={data} values={row.checked} />}
          </>
        ) : row.result.length > 0 ? (
          c.t('trace.calculation')
        ) : (
          c.t('trace.none')
        ),
        row.result.length > 0 ? <ValuePairs data={data} values={row.result} /> : '–',
      ])}
    />
  );
}

function DecisionCard({
  c,
  data,
  decision,
  index,
}: {
  c: CaseworkerTranslator;
  data: CaseDataReader;
  decision: DecisionRecord;
  index: number;
}) {
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
                <ul class="govuk-list" lang={data.lang}>
                  {decision.reasons.map((r) => (
                    <li>
                      {data.reason(r.code)} – <LegalReferenceLink source={r.legalRef} page="sv" />
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
              text: decision.actor.kind === 'system' ? c.t('decisions.actorSystem') : c.t('actor.caseworker'),
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
          <p class="govuk-body">{c.t('trace.lead')}</p>
          <TraceTable c={c} data={data} rows={rows} />
        </>
      )}
    </div>
  );
}

function eventText(c: CaseworkerTranslator, view: CaseworkerCase, event: CaseEvent): string {
  const key = `event.${event.type}`;
  const name = (caseEventTypes as readonly string[]).includes(event.type)
    ? c.t(key as `event.${CaseEventType}`)
    : c.t('event.unknown');
  const d = event.data;
  if (event.type === 'case.decided' && typeof d.outcome === 'string')
    return c.t('event.decided', {
      event: name,
      outcome:
        d.outcome === 'admit' || d.outcome === 'refuse' || d.outcome === 'manual' ? c.t(`outcome.${d.outcome}`) : name,
      kind: d.kind === 'manual' ? c.t('decisions.manual') : c.t('decisions.automated'),
    });
  if (event.type === 'case.assigned') {
    if (d.assignedTo === null) return c.t('event.assignedNobody', { event: name });
    const worker = view.caseworkers.find((w) => w.id === d.assignedTo);
    if (worker) return c.t('event.assignedTo', { event: name, name: worker.name });
  }
  if (event.type === 'case.appealed' && d.late === true) return c.t('event.appealedLate', { event: name });
  return name;
}

/**
 * An entry known by its day, not its time: a paper appeal arrived on a day, and a posted
 * decision is presumed received on one. Their stored instant (the day's start) is no time
 * anybody saw.
 */
function happenedOnADay(event: CaseworkerCase['events'][number]): boolean {
  const data = (event.data ?? {}) as { onPaper?: unknown; via?: unknown };
  if (event.type === 'case.appealed') return data.onPaper === true;
  if (event.type === 'case.decision-received') return data.via === 'post' || data.via === 'appeal';
  return false;
}

function AppealCard({
  c,
  appeal,
  index,
  record,
  caseFileHref,
}: {
  c: CaseworkerTranslator;
  appeal: CaseAppeal;
  index: number;
  record: AppealRecord | undefined;
  caseFileHref: string | null;
}) {
  // A paper appeal came in on a day: its stored instant (the day's start) is no time anybody saw.
  const received = c.formatDate(appeal.receivedAt, appeal.onPaper ? 'long' : 'datetime');
  const day = (iso: string) => <time dateTime={iso}>{c.formatDate(new Date(`${iso}T12:00:00Z`), 'long')}</time>;
  return (
    <div class="govuk-summary-card smb-appeal" id={`appeal-${index + 1}`}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">{c.t('appeal.cardTitle', { date: received })}</h3>
      </div>
      <div class="govuk-summary-card__content">
        <h4 class="govuk-heading-s">{c.t('appeal.text')}</h4>
        {/* The applicant's own words: no lang (they may write in any language), direction from the text. */}
        <blockquote class="govuk-inset-text smb-appeal__text" dir="auto">
          {appeal.text ? <MultilineText text={appeal.text} class="govuk-body govuk-!-margin-bottom-0" /> : '–'}
        </blockquote>
        <SummaryList
          rows={[
            {
              key: { text: c.t('appeal.received') },
              value: {
                children: (
                  <time dateTime={appeal.onPaper ? stockholmDate(appeal.receivedAt) : appeal.receivedAt.toISOString()}>
                    {received}
                  </time>
                ),
              },
            },
            {
              key: { text: c.t('appeal.decisionReceived') },
              value: {
                children: appeal.decisionReceivedOn ? (
                  <time dateTime={appeal.decisionReceivedOn}>
                    {c.formatDate(new Date(`${appeal.decisionReceivedOn}T12:00:00Z`), 'long')}
                  </time>
                ) : (
                  c.t('appeal.unknown')
                ),
              },
            },
            {
              key: { text: c.t('appeal.deadline') },
              value: {
                children: appeal.deadline ? (
                  <time dateTime={appeal.deadline}>
                    {c.formatDate(new Date(`${appeal.deadline}T12:00:00Z`), 'long')}
                  </time>
                ) : (
                  c.t('appeal.unknown')
                ),
              },
            },
            {
              key: { text: c.t('appeal.verdict') },
              value: {
                children:
                  appeal.late === null ? (
                    c.t('appeal.unknown')
                  ) : (
                    <Tag
                      colour={appeal.late ? 'red' : 'green'}
                      text={appeal.late ? c.t('appeal.late') : c.t('appeal.onTime')}
                    />
                  ),
              },
            },
            record && {
              key: { text: c.t('appeal.state') },
              value: {
                children:
                  record.state === 'forwarded' && record.forwardedAt ? (
                    <>
                      {c.t('appeal.state.forwarded', { date: c.formatDate(record.forwardedAt, 'long') })}
                      {caseFileHref && (
                        <>
                          {' '}
                          <a class="govuk-link" href={caseFileHref}>
                            {c.t('appeal.caseFile')}
                          </a>
                        </>
                      )}
                    </>
                  ) : (
                    c.t(`appeal.state.${record.state}`)
                  ),
              },
            },
            record && {
              key: { text: c.t('appeal.reconsidered') },
              value: {
                text: record.reconsideredAt
                  ? c.t('appeal.reconsideredOn', { date: c.formatDate(record.reconsideredAt, 'long') })
                  : record.state === 'lapsed'
                    ? c.t('appeal.state.lapsed')
                    : c.t('appeal.notReconsidered'),
              },
            },
            record?.state === 'pending' && {
              key: { text: c.t('appeal.forwardDue') },
              value: { children: day(appealForwardDueDay(record.receivedAt)) },
            },
          ]}
        />
      </div>
    </div>
  );
}

export function CaseworkerCasePage({
  ctx,
  view,
  labels,
  forms = {},
  appealBody = 'förvaltningsrätten',
}: {
  ctx: PageContext;
  view: CaseworkerCase;
  labels: CaseLabels;
  forms?: CaseworkerForms;
  /** Who tries appeals against this e-service's decisions. */
  appealBody?: string;
}) {
  const c = STAFF(ctx.locale);
  const data = caseDataReader(c, labels);
  const subject = view.case;
  const base = `/handlaggning/arenden/${subject.id}`;
  const decide = formView<{ outcome: string; reasonCodes: string[]; motivation: string }>(
    ctx,
    forms.decide ?? emptyForm(),
    {
      fields: {
        outcome: { label: c.t('decide.outcomeField') },
        reasonCodes: { label: c.t('decide.reasonsField') },
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
  const identity = formView<{ personalNumber: string; method: string }>(
    ctx,
    forms.identity ?? emptyForm({ personalNumber: subject.applicantPersonalNumber ?? '', method: '' }),
    {
      fields: {
        personalNumber: { label: c.t('identity.personalNumber') },
        method: { label: c.t('identity.method') },
      },
      messages: (error) => {
        const key = `err.${error.field}.${error.code}`;
        return isCaseworkerKey(key) ? c.t(key) : undefined;
      },
    },
  );
  const confirmMessage = (error: { field: string; code: string }) =>
    error.field.startsWith('confirm') ? c.t('err.confirm.required') : undefined;
  const reconsider = formView<{ change: string; motivation: string; confirmReconsider: string }>(
    ctx,
    forms.reconsider ?? emptyForm(),
    {
      fields: {
        change: { label: c.t('reconsider.changeField') },
        motivation: { label: c.t('decide.motivationField') },
        confirmReconsider: { label: c.t('appeal.confirmField') },
      },
      messages: confirmMessage,
    },
  );
  const dismiss = formView<{ confirmDismiss: string }>(ctx, forms.dismiss ?? emptyForm(), {
    fields: { confirmDismiss: { label: c.t('appeal.confirmField') } },
    messages: confirmMessage,
  });
  const forward = formView<{ confirmForward: string }>(ctx, forms.forward ?? emptyForm(), {
    fields: { confirmForward: { label: c.t('appeal.confirmField') } },
    messages: confirmMessage,
  });
  const pendingAppeal = view.appealRecords.find((a) => a.state === 'pending');
  const paperAppeal = formView<{ arrivedOn: string; text: string }>(ctx, forms.paperAppeal ?? emptyForm(), {
    fields: {
      arrivedOn: { date: true, label: c.t('paperAppeal.arrivedOn') },
      text: { label: c.t('paperAppeal.text') },
    },
    messages: (error) => {
      const key = `err.${error.field}.${error.code}`;
      return isCaseworkerKey(key) ? c.t(key) : undefined;
    },
  });
  // A final refusal with no appeal pending may be appealed: on paper, a caseworker registers it.
  const finalDecision = view.decisions.filter((d) => d.isFinal).at(-1);
  const mayRegisterAppeal =
    !pendingAppeal &&
    finalDecision?.outcome === 'refuse' &&
    (subject.status === 'decided' || subject.status === 'closed');
  const withErrors = [identity, decide, message, assign, reconsider, dismiss, forward, paperAppeal].find(
    (f) => f.hasErrors,
  ) as FormView<unknown> | undefined;
  const title = c.t('case.title', { caseNumber: subject.caseNumber ?? '' });
  const address = subject.applicant.address;
  const answers = labelValues(subject.answers, labels.answers);
  const facts = view.facts
    .map((fact) => ({ fact, entry: labelOne(fact.name, fact.value, labels.facts) }))
    .sort((a, b) => rankOf(labels.facts, a.fact.name) - rankOf(labels.facts, b.fact.name));
  const contents: [string, string][] = [
    ['summary-heading', c.t('case.summary')],
    ...(view.appeals.length > 0 ? [['appeal-heading', c.t('appeal.heading')] as [string, string]] : []),
    ...(pendingAppeal ? [['appeal-actions-heading', c.t('appeal.actions')] as [string, string]] : []),
    ['answers-heading', c.t('answers.heading')],
    ['facts-heading', c.t('facts.heading')],
    ['decisions-heading', c.t('decisions.heading')],
    ['documents-heading', c.t('documents.heading')],
    ['messages-heading', c.t('messages.heading')],
    ['timeline-heading', c.t('timeline.heading')],
    ['assign-heading', c.t('assign.heading')],
    ...(!subject.identityVerified ? [['identity-heading', c.t('identity.heading')] as [string, string]] : []),
    ...(mayRegisterAppeal ? [['paper-appeal-heading', c.t('paperAppeal.heading')] as [string, string]] : []),
    ...(view.canDecide ? [['decide-heading', c.t('decide.heading')] as [string, string]] : []),
  ];
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!withErrors}>
      {withErrors?.errorSummary()}
      <div class="smb-case">
        <a class="govuk-back-link" href="/handlaggning">
          {c.t('case.back')}
        </a>
        <span class="govuk-caption-l">{ctx.locale === 'en' ? view.serviceName.en : view.serviceName.sv}</span>
        <h1 class="govuk-heading-xl">{title}</h1>
        {subject.protectedIdentity && <WarningText locale={ctx.locale} text={c.t('case.protected')} />}
        <nav class="smb-contents" aria-labelledby="contents-heading">
          <h2 class="govuk-heading-s govuk-!-margin-bottom-1" id="contents-heading">
            {c.t('case.contents')}
          </h2>
          <ul class="govuk-list">
            {contents.map(([id, text]) => (
              <li>
                <a class="govuk-link" href={`#${id}`}>
                  {text}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <section aria-labelledby="summary-heading">
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <h2 class="govuk-heading-l" id="summary-heading">
                {c.t('case.summary')}
              </h2>
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
                  { key: { text: c.t('case.locale') }, value: { text: languageName(ctx.locale, subject.locale) } },
                ]}
              />
            </div>
            <div class="govuk-grid-column-one-half">
              <h2 class="govuk-heading-l" id="applicant-heading">
                {c.t('applicant.heading')}
              </h2>
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
                      // The c/o line too: a letter written by hand must reach the same letterbox as the decision.
                      text: address
                        ? [
                            address.careOf && `c/o ${address.careOf}`,
                            address.street,
                            `${address.postalCode} ${address.city}`,
                          ]
                            .filter(Boolean)
                            .join(', ')
                        : c.t('applicant.none'),
                    },
                  },
                ]}
              />
            </div>
          </div>
        </section>

        {view.appeals.length > 0 && (
          <section aria-labelledby="appeal-heading" id="appeal">
            <h2 class="govuk-heading-l" id="appeal-heading">
              {c.t('appeal.heading')}
            </h2>
            {view.appealForwardDue?.overdue && (
              <WarningText locale={ctx.locale} text={c.t('appeal.forwardOverdue', { body: appealBody })} />
            )}
            {view.appeals.map((appeal, i) => {
              const record = view.appealRecords.find((r) => r.receivedAt.getTime() === appeal.receivedAt.getTime());
              return (
                <AppealCard
                  c={c}
                  appeal={appeal}
                  index={i}
                  record={record}
                  caseFileHref={record?.caseFileDocumentId ? `${base}/dokument/${record.caseFileDocumentId}` : null}
                />
              );
            })}
          </section>
        )}

        {pendingAppeal && (
          <section aria-labelledby="appeal-actions-heading" class="smb-panel smb-appeal-actions">
            <h2 class="govuk-heading-l" id="appeal-actions-heading">
              {c.t('appeal.actions')}
            </h2>
            <p class="govuk-body">{c.t('appeal.actionsLead', { body: appealBody })}</p>

            <h3 class="govuk-heading-m" id="reconsider-heading">
              {c.t('reconsider.heading')}
            </h3>
            {pendingAppeal.reconsideredAt ? (
              <p class="govuk-inset-text">{c.t('reconsider.already')}</p>
            ) : (
              <form
                method="post"
                action={`${base}/overklagande/omprovning`}
                novalidate
                aria-labelledby="reconsider-heading"
              >
                <CsrfInput ctx={ctx} />
                <p class="govuk-body">{c.t('reconsider.lead')}</p>
                <Radios
                  {...reconsider.radios('change')}
                  fieldset={{ legend: { text: c.t('reconsider.change'), classes: 'govuk-fieldset__legend--s' } }}
                  items={[
                    {
                      value: 'yes',
                      text: c.t('reconsider.changeYes'),
                      hint: { text: c.t('reconsider.changeYesHint') },
                    },
                    { value: 'no', text: c.t('reconsider.changeNo'), hint: { text: c.t('reconsider.changeNoHint') } },
                  ]}
                />
                <Textarea
                  {...reconsider.text('motivation')}
                  label={{ text: c.t('reconsider.motivation'), classes: 'govuk-label--s' }}
                  hint={{ text: c.t('reconsider.motivationHint') }}
                  rows={4}
                />
                <Checkboxes
                  {...reconsider.checkboxes('confirmReconsider')}
                  classes="govuk-checkboxes--small"
                  items={[{ value: 'yes', text: c.t('reconsider.confirm') }]}
                />
                <Button text={c.t('reconsider.submit')} preventDoubleClick />
              </form>
            )}

            <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
            <h3 class="govuk-heading-m" id="dismiss-heading">
              {c.t('dismiss.heading')}
            </h3>
            {pendingAppeal.late ? (
              <form
                method="post"
                action={`${base}/overklagande/avvisning`}
                novalidate
                aria-labelledby="dismiss-heading"
              >
                <CsrfInput ctx={ctx} />
                <p class="govuk-body">
                  {c.t('dismiss.lead', {
                    received: c.formatDate(pendingAppeal.receivedAt, 'long'),
                    deadline: pendingAppeal.lastDay
                      ? c.formatDate(new Date(`${pendingAppeal.lastDay}T12:00:00Z`), 'long')
                      : c.t('appeal.unknown'),
                  })}
                </p>
                <Checkboxes
                  {...dismiss.checkboxes('confirmDismiss')}
                  classes="govuk-checkboxes--small"
                  items={[{ value: 'yes', text: c.t('dismiss.confirm') }]}
                />
                <Button text={c.t('dismiss.submit')} variant="warning" preventDoubleClick />
              </form>
            ) : (
              <p class="govuk-body">{c.t('dismiss.onTime')}</p>
            )}

            <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
            <h3 class="govuk-heading-m" id="forward-heading">
              {c.t('forward.heading', { body: appealBody })}
            </h3>
            <form
              method="post"
              action={`${base}/overklagande/overlamning`}
              novalidate
              aria-labelledby="forward-heading"
            >
              <CsrfInput ctx={ctx} />
              <p class="govuk-body">{c.t('forward.lead', { body: appealBody })}</p>
              {!pendingAppeal.reconsideredAt && <p class="govuk-inset-text">{c.t('forward.notReconsidered')}</p>}
              <Checkboxes
                {...forward.checkboxes('confirmForward')}
                classes="govuk-checkboxes--small"
                items={[{ value: 'yes', text: c.t('forward.confirm', { body: appealBody }) }]}
              />
              <Button text={c.t('forward.submit')} preventDoubleClick />
            </form>
          </section>
        )}

        <section aria-labelledby="answers-heading">
          <h2 class="govuk-heading-l" id="answers-heading">
            {c.t('answers.heading')}
          </h2>
          {answers.length === 0 ? (
            <p class="govuk-body">{c.t('answers.empty')}</p>
          ) : (
            <SummaryList
              attributes={{ id: 'answers', lang: data.lang }}
              rows={answers.map((entry) => ({
                key: { text: entry.label },
                value: {
                  children: (
                    <DataValue
                      text={data.value(entry, labels.answers)}
                      written={entry.spec?.format === 'text' && entry.value !== null}
                    />
                  ),
                },
              }))}
            />
          )}
        </section>

        <SameApplicantCasesSection cases={view.sameApplicantCases} identityVerified={subject.identityVerified} />

        <section aria-labelledby="facts-heading">
          <h2 class="govuk-heading-l" id="facts-heading">
            {c.t('facts.heading')}
          </h2>
          {facts.length === 0 ? (
            <p class="govuk-body">{c.t('facts.empty')}</p>
          ) : (
            <SummaryList
              attributes={{ id: 'facts', lang: data.lang }}
              rows={facts.map(({ fact, entry }) => ({
                key: { text: entry.label },
                value: {
                  children: (
                    <>
                      <DataValue text={data.value(entry, labels.facts)} />
                      {fact.selfDeclared && (
                        <>
                          {' '}
                          <Tag colour="yellow" text={c.t('facts.selfDeclared')} />
                        </>
                      )}
                      <span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-top-1 govuk-!-margin-bottom-0 smb-fact__source">
                        {c.t('facts.sourceLine', {
                          source: data.source(fact.source),
                          date: c.formatDate(fact.retrievedAt, 'datetime'),
                        })}
                      </span>
                    </>
                  ),
                },
              }))}
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
            view.decisions.map((d, i) => <DecisionCard c={c} data={data} decision={d} index={i} />)
          )}
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

        <section aria-labelledby="timeline-heading">
          <h2 class="govuk-heading-l" id="timeline-heading">
            {c.t('timeline.heading')}
          </h2>
          <p class="govuk-body">{c.t('timeline.caption')}</p>
          <ol class="govuk-list smb-history" id="history">
            {view.events.map((event) => (
              <li class="smb-history__item">
                <time
                  class="govuk-body-s smb-history__time"
                  dateTime={happenedOnADay(event) ? stockholmDate(event.occurredAt) : event.occurredAt.toISOString()}
                >
                  {c.formatDate(event.occurredAt, happenedOnADay(event) ? 'long' : 'datetime')}
                </time>
                <span class="smb-history__event">{eventText(c, view, event)}</span>
                <span class="govuk-body-s smb-history__actor">
                  {c.t('event.by', { actor: c.t(`actor.${event.actor.kind}`) })}
                </span>
              </li>
            ))}
          </ol>
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

        {mayRegisterAppeal && (
          <section aria-labelledby="paper-appeal-heading">
            <h2 class="govuk-heading-l" id="paper-appeal-heading">
              {c.t('paperAppeal.heading')}
            </h2>
            <p class="govuk-body">{c.t('paperAppeal.lead')}</p>
            <form method="post" action={`${base}/overklagande/registrera`} novalidate>
              <CsrfInput ctx={ctx} />
              <DateInput
                {...paperAppeal.date('arrivedOn')}
                fieldset={{ legend: { text: c.t('paperAppeal.arrivedOn'), classes: 'govuk-fieldset__legend--s' } }}
                hint={{ text: c.t('paperAppeal.arrivedOnHint') }}
              />
              <Textarea
                {...paperAppeal.text('text')}
                label={{ text: c.t('paperAppeal.text'), classes: 'govuk-label--s' }}
                hint={{ text: c.t('paperAppeal.textHint') }}
                rows={6}
              />
              <Button text={c.t('paperAppeal.submit')} variant="secondary" />
            </form>
          </section>
        )}

        {!subject.identityVerified && (
          <section aria-labelledby="identity-heading">
            <h2 class="govuk-heading-l" id="identity-heading">
              {c.t('identity.heading')}
            </h2>
            <p class="govuk-body">{c.t('identity.lead')}</p>
            <form method="post" action={`${base}/identitet`} novalidate>
              <CsrfInput ctx={ctx} />
              <TextInput
                {...identity.text('personalNumber')}
                label={{ text: c.t('identity.personalNumber'), classes: 'govuk-label--s' }}
                hint={{ text: c.t('identity.personalNumberHint') }}
                classes="govuk-input--width-20"
                inputmode="numeric"
                spellcheck={false}
              />
              <Radios
                {...identity.radios('method')}
                fieldset={{ legend: { text: c.t('identity.method'), classes: 'govuk-fieldset__legend--s' } }}
                items={IDENTITY_METHODS.map((method) => ({ value: method, text: c.t(`identity.method.${method}`) }))}
              />
              <Button text={c.t('identity.submit')} variant="secondary" />
            </form>
          </section>
        )}

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
                  items={view.reasonOptions.map((r) => ({
                    value: r.code,
                    text: data.reason(r.code),
                    hint: { text: c.t('decide.legalRef', { legalRef: data.legalRef(r.legalRef) }) },
                  }))}
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
      </div>
    </Layout>
  );
}

function rankOf(catalogue: Readonly<Record<string, KeyLabel>>, key: string): number {
  const keys = Object.keys(catalogue);
  const i = keys.indexOf(key);
  return i === -1 ? keys.length : i;
}

/** The applicant's language by its name in the page's language ("arabiska"), not its code. */
function languageName(pageLocale: Locale, locale: Locale): string {
  const name = new Intl.DisplayNames(INTL_TAG[pageLocale === 'en' ? 'en' : 'sv'], { type: 'language' }).of(locale);
  return name ?? locale;
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
      <h2 class="govuk-heading-m" id="stats-appeals">
        {c.t('stats.appeals')}
      </h2>
      <SummaryList
        attributes={{ 'aria-labelledby': 'stats-appeals' }}
        rows={[
          { key: { text: c.t('stats.appealsReceived') }, value: { text: c.formatNumber(stats.appeals.received) } },
          { key: { text: c.t('stats.appealsLapsed') }, value: { text: c.formatNumber(stats.appeals.lapsed) } },
          { key: { text: c.t('stats.appealsDismissed') }, value: { text: c.formatNumber(stats.appeals.dismissed) } },
          { key: { text: c.t('stats.appealsForwarded') }, value: { text: c.formatNumber(stats.appeals.forwarded) } },
          { key: { text: c.t('stats.appealsPending') }, value: { text: c.formatNumber(stats.appeals.pending) } },
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
      <ScrollRegion label={c.t('stats.perWeekCaption')}>
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
      </ScrollRegion>
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
      <p class="govuk-body">
        <a class="govuk-link" href={`/admin/e-tjanster/${service.id}/installningar`}>
          {c.t('admin.settingsLink')}
        </a>
      </p>
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
