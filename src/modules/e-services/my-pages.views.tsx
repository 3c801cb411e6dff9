import {
  Button,
  FileUpload,
  InsetText,
  SummaryList,
  Table,
  Textarea,
  WarningText,
} from '../../platform/views/components/index.ts';
import { CsrfInput, emptyForm, formView, type FormState, type FormView } from '../../platform/views/form.tsx';
import { InLanguage, MixedLanguageText } from '../../platform/views/in-language.tsx';
import type { Locale } from '../../platform/i18n/index.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { LegalReferenceLink } from '../../platform/views/legal-reference.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { MyCase, MyCaseSummary, MyDraft } from './applicant.service.ts';
import type { CaseDocumentInfo, DecisionRecord } from './e-services.schema.ts';
import { eventLabel, myPagesTranslator, outcomeKey, reasonMessage, type MyPagesTranslator } from './my-pages.i18n.ts';
import {
  CONTENT_TYPE_LABEL,
  DocumentList,
  formatBytes,
  MessageList,
  MultilineText,
  ServiceName,
  StatusTag,
} from './shared.views.tsx';

/** Applications the resident started and has not sent, with where to continue (when the e-service's form is known). */
export interface MyDraftsView {
  drafts: (MyDraft & { href: string | null })[];
  retentionDays: number;
}

function DraftsSection({ ctx, m, view }: { ctx: PageContext; m: MyPagesTranslator; view: MyDraftsView }) {
  return (
    <section aria-labelledby="drafts-heading" id="drafts">
      <h2 class="govuk-heading-m" id="drafts-heading">
        {m.t('drafts.heading')}
      </h2>
      <ul class="govuk-list">
        {view.drafts.map((d) => (
          <li>
            {d.href ? (
              <a class="govuk-link" href={d.href}>
                <ServiceName names={d.serviceName} page={ctx.locale} />
              </a>
            ) : (
              <ServiceName names={d.serviceName} page={ctx.locale} />
            )}
            <br />
            <span class="govuk-body-s">{m.t('drafts.changed', { date: m.formatDate(d.updatedAt) })}</span>
          </li>
        ))}
      </ul>
      <p class="govuk-body" id="draft-retention">
        {m.t('drafts.retention', { count: view.retentionDays })}
      </p>
    </section>
  );
}

export function MyCasesPage({
  ctx,
  cases,
  drafts,
}: {
  ctx: PageContext;
  cases: MyCaseSummary[];
  drafts?: MyDraftsView;
}) {
  const m = myPagesTranslator(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.t('list.title')}>
      <h1 class="govuk-heading-xl">
        <MixedLanguageText parts={m.parts('list.title')} page={ctx.locale} />
      </h1>
      <p class="govuk-body-l">{m.t('list.lead')}</p>
      {drafts && drafts.drafts.length > 0 && <DraftsSection ctx={ctx} m={m} view={drafts} />}
      {cases.length === 0 ? (
        <p class="govuk-body" id="empty-state">
          {m.t('list.empty')}
        </p>
      ) : (
        // One summary card per case rather than a table: five columns cannot fit a phone (WCAG 1.4.10,
        // reflow), and a resident has a handful of cases, read one at a time.
        <section aria-labelledby="cases-heading">
          <h2 class="govuk-heading-m" id="cases-heading">
            {m.t('list.caption')}
          </h2>
          <ul class="govuk-list" id="cases">
            {cases.map((c) => (
              <li>
                <SummaryList
                  card={{
                    title: {
                      headingLevel: 3,
                      children: (
                        <a class="govuk-link" href={`/mina-sidor/arenden/${c.id}`}>
                          <bdi>{m.t('case.title', { caseNumber: c.caseNumber ?? '' })}</bdi>
                        </a>
                      ),
                    },
                  }}
                  rows={[
                    {
                      key: { text: m.t('list.service') },
                      value: { children: <ServiceName names={c.serviceName} page={ctx.locale} /> },
                    },
                    c.submittedAt && {
                      key: { text: m.t('list.submitted') },
                      value: { text: m.formatDate(c.submittedAt) },
                    },
                    {
                      key: { text: m.t('list.status') },
                      value: { children: <StatusTag status={c.status} text={m.t(`status.${c.status}`)} /> },
                    },
                    { key: { text: m.t('list.updated') }, value: { text: m.formatDate(c.updatedAt) } },
                  ]}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

/** Which form on the case page was sent and came back with errors (at most one at a time). */
export interface MyCaseForms {
  message?: FormState<{ body: string }>;
  appeal?: FormState<{ text: string }>;
  evidence?: FormState<{ file: unknown }>;
}

function evidenceMessages(m: MyPagesTranslator, maxBytes: string) {
  return (error: { code: string }) => {
    switch (error.code) {
      case 'fileRequired':
        return m.t('evidence.error.required');
      case 'fileEmpty':
        return m.t('evidence.error.empty');
      case 'fileType':
        return m.t('evidence.error.type');
      case 'fileTooLarge':
        return m.t('evidence.error.tooLarge', { max: maxBytes });
      default:
        return undefined;
    }
  };
}

/** A reason explained in plain language, the Swedish names in it marked. */
function ReasonText(props: { m: MyPagesTranslator; page: Locale; code: string; identityVerified: boolean }) {
  const { key, params } = reasonMessage(props.code, { identityVerified: props.identityVerified });
  return <MixedLanguageText parts={props.m.parts(key, params)} page={props.page} />;
}

function DecisionSection({
  ctx,
  m,
  decision,
  identityVerified,
}: {
  ctx: PageContext;
  m: MyPagesTranslator;
  decision: Omit<DecisionRecord, 'facts' | 'trace'> | null;
  /** The case's: whether the applicant signed in with e-ID. */
  identityVerified: boolean;
}) {
  if (!decision) {
    return (
      <section aria-labelledby="decision-heading">
        <h2 class="govuk-heading-l" id="decision-heading">
          {m.t('decision.heading')}
        </h2>
        <p class="govuk-body" id="decision-pending">
          {m.t('decision.pending')}
        </p>
      </section>
    );
  }
  const headline = decision.isFinal ? m.t(outcomeKey(decision)) : m.t('decision.outcome.manual');
  const date = m.formatDate(decision.decidedAt);
  const byline =
    decision.kind === 'manual'
      ? m.t('decision.byCaseworker', { date })
      : decision.isFinal
        ? m.t('decision.byRules', { date })
        : m.t('decision.reviewByRules', { date });
  return (
    <section aria-labelledby="decision-heading" id="decision">
      <h2 class="govuk-heading-l" id="decision-heading">
        {m.t('decision.heading')}
      </h2>
      <p class="govuk-heading-m" id="decision-outcome">
        {headline}
      </p>
      <p class="govuk-body">{byline}</p>
      <h3 class="govuk-heading-s">{m.t('decision.reasons')}</h3>
      <ul class="govuk-list smb-reasons">
        {decision.reasons.map((reason) => (
          <li data-reason={reason.code}>
            <p class="govuk-body govuk-!-margin-bottom-1">
              <ReasonText m={m} page={ctx.locale} code={reason.code} identityVerified={identityVerified} />
            </p>
            <p class="govuk-body-s">
              {m.t('decision.legalRef')}:{' '}
              <LegalReferenceLink source={reason.legalRef} page={ctx.locale} class="smb-legal-ref" />
            </p>
          </li>
        ))}
      </ul>
      {decision.motivation && (
        <>
          <h3 class="govuk-heading-s">{m.t('decision.motivation')}</h3>
          {/* A caseworker writes the motivation in Swedish, the language of the decision. */}
          <InLanguage as="div" lang="sv" page={ctx.locale} id="decision-motivation">
            <MultilineText text={decision.motivation} />
          </InLanguage>
        </>
      )}
      {decision.isFinal && ctx.locale !== 'sv' && <InsetText text={m.t('decision.swedishNote')} />}
    </section>
  );
}

export function MyCasePage({
  ctx,
  view,
  forms = {},
  uploadMaxBytes,
}: {
  ctx: PageContext;
  view: MyCase;
  forms?: MyCaseForms;
  uploadMaxBytes: number;
}) {
  const m = myPagesTranslator(ctx.locale);
  const c = view.case;
  const maxText = formatBytes(m, uploadMaxBytes);
  const messageForm = formView<{ body: string }>(ctx, forms.message ?? emptyForm(), {
    fields: { body: { label: m.t('messages.field') } },
  });
  const appealForm = formView<{ text: string }>(ctx, forms.appeal ?? emptyForm(), {
    fields: { text: { label: m.t('appeal.field') } },
  });
  const evidenceForm = formView<{ file: unknown }>(ctx, forms.evidence ?? emptyForm(), {
    fields: { file: {} },
    messages: evidenceMessages(m, maxText),
  });
  const withErrors: FormView<unknown> | undefined = [messageForm, appealForm, evidenceForm].find((f) => f.hasErrors) as
    FormView<unknown> | undefined;
  const base = `/mina-sidor/arenden/${c.id}`;
  const sizeText = (doc: CaseDocumentInfo) =>
    m.t('letters.size', { type: CONTENT_TYPE_LABEL[doc.contentType], size: formatBytes(m, doc.size) });
  const title = m.t('case.title', { caseNumber: c.caseNumber ?? '' });
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!withErrors}>
      {withErrors?.errorSummary()}
      <a class="govuk-back-link" href="/mina-sidor">
        <MixedLanguageText parts={m.parts('case.back')} page={ctx.locale} />
      </a>
      <span class="govuk-caption-l">
        <ServiceName names={view.serviceName} page={ctx.locale} />
      </span>
      <h1 class="govuk-heading-xl">
        <bdi>{title}</bdi>
      </h1>
      <SummaryList
        rows={[
          {
            key: { text: m.t('case.status') },
            value: { children: <StatusTag status={c.status} text={m.t(`status.${c.status}`)} /> },
          },
          c.submittedAt && {
            key: { text: m.t('case.submitted') },
            value: { text: m.formatDate(c.submittedAt, 'datetime') },
          },
          c.decidedAt && { key: { text: m.t('case.decided') }, value: { text: m.formatDate(c.decidedAt, 'datetime') } },
          {
            key: { text: m.t('case.identity') },
            value: { text: c.identityVerified ? m.t('case.identityVerified') : m.t('case.identityUnverified') },
          },
        ]}
      />

      <DecisionSection ctx={ctx} m={m} decision={view.current} identityVerified={c.identityVerified} />

      {view.appeal && (
        <section aria-labelledby="appeal-heading" id="appeal">
          <h2 class="govuk-heading-l" id="appeal-heading">
            {m.t('appeal.heading')}
          </h2>
          <p class="govuk-body">
            <MixedLanguageText parts={m.parts('appeal.lead')} page={ctx.locale} />
          </p>
          {view.appeal.late ? (
            <WarningText locale={ctx.locale} text={m.t('appeal.late', { date: m.formatDate(view.appeal.deadline) })} />
          ) : (
            <p class="govuk-body">
              <strong>{m.t('appeal.deadline', { date: m.formatDate(view.appeal.deadline) })}</strong>
            </p>
          )}
          <form method="post" action={`${base}/overklagande`} novalidate>
            <CsrfInput ctx={ctx} />
            <Textarea
              {...appealForm.text('text')}
              label={{ text: m.t('appeal.label'), classes: 'govuk-label--s' }}
              rows={6}
            />
            <Button text={m.t('appeal.submit')} preventDoubleClick />
          </form>
        </section>
      )}
      {c.status === 'appealed' && <InsetText text={m.t('appeal.pending')} />}

      <section aria-labelledby="letters-heading">
        <h2 class="govuk-heading-l" id="letters-heading">
          {m.t('letters.heading')}
        </h2>
        <DocumentList
          documents={view.letters}
          caseHref={base}
          linkText={(letter) => m.t('letters.download', { filename: letter.filename })}
          details={sizeText}
          empty={m.t('letters.empty')}
        />
      </section>

      <section aria-labelledby="messages-heading" id="messages">
        <h2 class="govuk-heading-l" id="messages-heading">
          {m.t('messages.heading')}
        </h2>
        <MessageList
          t={m}
          messages={view.messages}
          reader="applicant"
          languages={{ page: ctx.locale, case: c.locale }}
        />
        {view.canMessage && (
          <form method="post" action={`${base}/meddelanden`} novalidate>
            <CsrfInput ctx={ctx} />
            <Textarea
              {...messageForm.text('body')}
              label={{ text: m.t('messages.label'), classes: 'govuk-label--s' }}
              hint={{ text: m.t('messages.hint') }}
              rows={5}
            />
            <Button text={m.t('messages.send')} preventDoubleClick />
          </form>
        )}
      </section>

      <section aria-labelledby="evidence-heading" id="evidence">
        <h2 class="govuk-heading-l" id="evidence-heading">
          {m.t('evidence.heading')}
        </h2>
        {view.evidence.length > 0 && (
          <>
            <h3 class="govuk-heading-s">{m.t('evidence.list')}</h3>
            <DocumentList
              documents={view.evidence}
              caseHref={base}
              linkText={(doc) => doc.filename}
              details={sizeText}
            />
          </>
        )}
        {view.canUpload ? (
          <>
            <p class="govuk-body">{m.t('evidence.lead')}</p>
            <form method="post" action={`${base}/underlag`} enctype="multipart/form-data" novalidate>
              <CsrfInput ctx={ctx} />
              <FileUpload
                {...evidenceForm.text('file')}
                label={{ text: m.t('evidence.label'), classes: 'govuk-label--s' }}
                hint={{ text: m.t('evidence.hint', { max: maxText }) }}
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                javascript={{ locale: ctx.locale }}
              />
              <Button text={m.t('evidence.submit')} variant="secondary" preventDoubleClick />
            </form>
          </>
        ) : (
          <p class="govuk-body">{m.t('evidence.closed')}</p>
        )}
      </section>

      <section aria-labelledby="contact-heading">
        <h2 class="govuk-heading-l" id="contact-heading">
          {m.t('contact.heading')}
        </h2>
        <SummaryList
          rows={[
            { key: { text: m.t('contact.name') }, value: { text: c.applicant.name || m.t('contact.none') } },
            { key: { text: m.t('contact.email') }, value: { text: c.applicant.email ?? m.t('contact.none') } },
            { key: { text: m.t('contact.phone') }, value: { text: c.applicant.phone ?? m.t('contact.none') } },
            c.protectedIdentity
              ? { key: { text: m.t('contact.address') }, value: { text: m.t('contact.protected') } }
              : {
                  key: { text: m.t('contact.address') },
                  value: {
                    text: c.applicant.address
                      ? [
                          c.applicant.address.careOf && `c/o ${c.applicant.address.careOf}`,
                          c.applicant.address.street,
                          `${c.applicant.address.postalCode} ${c.applicant.address.city}`,
                        ]
                          .filter(Boolean)
                          .join(', ')
                      : m.t('contact.none'),
                  },
                },
          ]}
        />
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 class="govuk-heading-l" id="timeline-heading">
          {m.t('timeline.heading')}
        </h2>
        <Table
          caption={m.t('timeline.caption')}
          captionClasses="govuk-visually-hidden"
          head={[m.t('timeline.time'), m.t('timeline.event')]}
          rows={view.events.map((event) => [
            {
              children: (
                <time dateTime={event.occurredAt.toISOString()}>{m.formatDate(event.occurredAt, 'datetime')}</time>
              ),
            },
            eventLabel(m, event.type),
          ])}
        />
      </section>
    </Layout>
  );
}
