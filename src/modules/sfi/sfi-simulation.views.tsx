import type { FieldError } from '../../platform/http/errors.ts';
import {
  Breadcrumbs,
  Button,
  DateInput,
  InsetText,
  Radios,
  SummaryList,
  TextInput,
} from '../../platform/views/components/index.ts';
import { CsrfInput, formView, type FormState } from '../../platform/views/form.tsx';
import { MixedLanguageText } from '../../platform/views/in-language.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { LegalReferenceLink } from '../../platform/views/legal-reference.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { myPagesTranslator, reasonMessage } from '../e-services/index.ts';
import { RuleText, ruleSetTitle, rulesTranslator, TRANSPARENCY_PATH, type Simulation } from '../rules/index.ts';
import { residenceBases, swedishLevels, type SfiDecision } from './sfi-facts.schema.ts';
import { isSfiFormKey, sfiFormTranslator, type SfiFormTranslator } from './sfi-form.i18n.ts';
import type { SimulationFormInput } from './sfi-simulation.schema.ts';
import { isSfiSimulationKey, sfiSimulationTranslator, type SfiSimulationTranslator } from './sfi-simulation.i18n.ts';

/** "Prova själv": the SFI rules on made-up facts, beside the public page about the rules. */
export const SFI_SIMULATION_PATH = `${TRANSPARENCY_PATH}/sfi/prova`;
export const SFI_SIMULATION_API_PATH = '/api/v1/rules/sfi/evaluate';

const FIELDS = {
  birthDate: { date: true },
  residenceBasis: {},
  registeredHere: {},
  swedishLevel: {},
  yearsOfSchooling: {},
  literateInOwnLanguage: {},
  knowsLatinAlphabet: {},
  earlierSfi: {},
  earlierSfiDate: { date: true },
  decisionDate: { date: true },
} as const;

function errorMessages(ctx: PageContext, p: SfiSimulationTranslator, s: SfiFormTranslator) {
  return (error: FieldError): string | undefined => {
    const params: Record<string, string | number> = { ...(error.params ?? {}) } as Record<string, string | number>;
    if (typeof params.firstVersion === 'string') params.date = ctx.t.formatDate(params.firstVersion);
    const specific = `err.${error.field}.${error.code}`;
    if (isSfiSimulationKey(specific)) return p.t(specific, params);
    if (isSfiFormKey(specific)) return s.t(specific, params);
    const generic = `err.${error.code}`;
    if (isSfiFormKey(generic)) return s.t(generic, params);
    return undefined;
  };
}

export interface SimulationPageProps {
  ctx: PageContext;
  form: FormState<SimulationFormInput>;
  result: Simulation<SfiDecision> | null;
  /** Whether the municipality offers SFI under temporary protection, where the result depends on it. */
  temporaryProtection?: boolean | null;
}

export function SimulationPage({ ctx, form, result, temporaryProtection = null }: SimulationPageProps) {
  const p = sfiSimulationTranslator(ctx.locale);
  const s = sfiFormTranslator(ctx.locale);
  const r = rulesTranslator(ctx.locale);
  // Loosely typed: the month-and-year date (earlierSfiDate) has no day part for FieldName to find.
  const f = formView<Record<string, unknown>>(ctx, form as FormState<Record<string, unknown>>, {
    fields: FIELDS,
    messages: errorMessages(ctx, p, s),
  });
  const yesNo = [
    { value: 'yes', text: s.t('answer.yes') },
    { value: 'no', text: s.t('answer.no') },
  ];
  const title = p.t('title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={f.hasErrors}
      beforeContent={
        <Breadcrumbs
          locale={ctx.locale}
          items={[
            { text: r.t('ruleSet.breadcrumb'), href: TRANSPARENCY_PATH },
            { text: ruleSetTitle(r, 'sfi'), href: `${TRANSPARENCY_PATH}/sfi` },
            { text: title },
          ]}
        />
      }
    >
      {f.errorSummary()}
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body-l">{p.t('lead')}</p>
      <InsetText text={p.t('notDecision')} />
      {result && <Result ctx={ctx} p={p} result={result} temporaryProtection={temporaryProtection} />}
      <h2 class="govuk-heading-l">{p.t('form.heading')}</h2>
      {/* Back at the answer after posting, also without JavaScript: the result is above the form. */}
      <form method="post" novalidate action={`${ctx.currentUrl.split('#')[0]}#result`}>
        <CsrfInput ctx={ctx} />
        <DateInput
          {...f.date('birthDate')}
          fieldset={{ legend: { text: s.t('identity.birthDate'), classes: 'govuk-fieldset__legend--m' } }}
        />
        <Radios
          {...f.radios('residenceBasis')}
          fieldset={{ legend: { text: s.t('residence.title'), classes: 'govuk-fieldset__legend--m' } }}
          items={residenceBases.map((basis) => ({ value: basis, text: s.t(`residence.${basis}`) }))}
        />
        <Radios
          {...f.radios('registeredHere')}
          classes="govuk-radios--inline"
          fieldset={{
            legend: {
              text: p.t('registeredHere.title', { municipality: ctx.municipalityName }),
              classes: 'govuk-fieldset__legend--m',
            },
          }}
          hint={{ text: p.t('registeredHere.hint') }}
          items={yesNo}
        />
        <Radios
          {...f.radios('swedishLevel')}
          fieldset={{ legend: { text: s.t('swedish.title'), classes: 'govuk-fieldset__legend--m' } }}
          items={swedishLevels.map((level) => ({ value: level, text: s.t(`swedish.${level}`) }))}
        />
        <TextInput
          {...f.text('yearsOfSchooling')}
          label={{ text: s.t('schooling.title'), classes: 'govuk-label--m' }}
          hint={{ text: s.t('schooling.hint') }}
          classes="govuk-input--width-2"
          inputmode="numeric"
          spellcheck={false}
          suffix={{ text: s.t('schooling.suffix') }}
        />
        <Radios
          {...f.radios('literateInOwnLanguage')}
          classes="govuk-radios--inline"
          fieldset={{ legend: { text: s.t('literacy.title'), classes: 'govuk-fieldset__legend--m' } }}
          items={yesNo}
        />
        <Radios
          {...f.radios('knowsLatinAlphabet')}
          classes="govuk-radios--inline"
          fieldset={{ legend: { text: s.t('latinAlphabet.title'), classes: 'govuk-fieldset__legend--m' } }}
          items={yesNo}
        />
        <Radios
          {...f.radios('earlierSfi')}
          classes="govuk-radios--inline"
          fieldset={{ legend: { text: s.t('earlierSfi.title'), classes: 'govuk-fieldset__legend--m' } }}
          items={yesNo}
        />
        <DateInput
          {...f.date('earlierSfiDate')}
          items={[{ part: 'month' }, { part: 'year', classes: 'govuk-input--width-4' }]}
          fieldset={{ legend: { text: p.t('earlierSfi.when'), classes: 'govuk-fieldset__legend--s' } }}
          hint={{ text: s.t('earlierSfiDetails.dateHint') }}
        />
        <DateInput
          {...f.date('decisionDate')}
          fieldset={{ legend: { text: p.t('decisionDate.title'), classes: 'govuk-fieldset__legend--m' } }}
          hint={{ text: p.t('decisionDate.hint') }}
        />
        <Button text={p.t('submit')} />
      </form>
      <p class="govuk-body">{p.t('private')}</p>
      <p class="govuk-body">{p.t('assumed')}</p>
      <p class="govuk-body">
        <ApiSentence p={p} />
      </p>
    </Layout>
  );
}

/** The sentence about the API with the endpoint as code, left to right inside a right-to-left sentence too. */
function ApiSentence({ p }: { p: SfiSimulationTranslator }) {
  const [before, after] = p.t('result.api', { endpoint: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <code dir="ltr">POST {SFI_SIMULATION_API_PATH}</code>
      {after}
    </>
  );
}

function Result({
  ctx,
  p,
  result,
  temporaryProtection,
}: {
  ctx: PageContext;
  p: SfiSimulationTranslator;
  result: Simulation<SfiDecision>;
  temporaryProtection: boolean | null;
}) {
  const m = myPagesTranslator(ctx.locale);
  const { decision } = result;
  const none = p.t('result.none');
  const versionHref = `${TRANSPARENCY_PATH}/sfi#version-${result.ruleSet.version}`;
  const tables = result.trace.filter((step) => step.kind === 'table' && (step.matchedRows?.length ?? 0) > 0);
  return (
    <section aria-labelledby="result-heading" id="result" class="smb-simulation-result">
      <h2 class="govuk-heading-l" id="result-heading">
        {p.t('result.heading')}
      </h2>
      <p class="govuk-heading-m" id="result-outcome">
        {p.t(`result.${decision.outcome}`)}
      </p>
      <SummaryList
        rows={[
          {
            key: { text: p.t('result.studyPath') },
            value: {
              text:
                decision.studyPath !== null && decision.startCourse !== null
                  ? p.t('result.studyPathValue', { path: decision.studyPath, course: decision.startCourse })
                  : none,
            },
          },
          { key: { text: p.t('result.eligibleFrom') }, value: { text: ctx.t.formatDate(decision.eligibleFrom) } },
          {
            key: { text: p.t('result.rightExpires') },
            value: {
              text: decision.rightExpires
                ? ctx.t.formatDate(decision.rightExpires)
                : decision.outcome === 'refuse'
                  ? none
                  : p.t('result.noLimit'),
            },
          },
          {
            key: { text: p.t('result.ruleSet') },
            value: {
              children: (
                <a class="govuk-link" href={versionHref}>
                  {p.t('result.ruleSetValue', { date: ctx.t.formatDate(result.ruleSet.version) })}
                </a>
              ),
            },
          },
        ]}
      />
      {temporaryProtection !== null && (
        <p class="govuk-body" id="result-municipal-setting">
          {p.t(temporaryProtection ? 'result.temporaryProtection.offered' : 'result.temporaryProtection.notOffered')}
        </p>
      )}
      <h3 class="govuk-heading-m">{p.t('result.reasons')}</h3>
      <ul class="govuk-list smb-reasons">
        {result.reasons.map((reason) => {
          // The rule row says why in the rule set's words (translated where it is); My pages'
          // texts speak of an application that does not exist here, so only ELIGIBLE, which no
          // row gives, uses them.
          const { key, params } = reasonMessage(reason.code, { identityVerified: true });
          return (
            <li data-reason={reason.code}>
              <p class="govuk-body govuk-!-margin-bottom-1">
                {reason.row?.description ? (
                  <RuleText ctx={ctx} text={reason.row.description} />
                ) : (
                  <MixedLanguageText parts={m.parts(key, params)} page={ctx.locale} />
                )}
              </p>
              <p class="govuk-body-s govuk-!-margin-bottom-1">
                {p.t('result.legalRef')}:{' '}
                <LegalReferenceLink source={reason.legalRef} page={ctx.locale} class="smb-legal-ref" />
              </p>
              {reason.row && (
                <p class="govuk-body-s">
                  {p.t('result.row')}: <code dir="ltr">{reason.row.id}</code>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <h3 class="govuk-heading-m">{p.t('result.rowsHeading')}</h3>
      <p class="govuk-body">{p.t('result.rowsLead')}</p>
      <ol class="govuk-list govuk-list--number" id="matched-rows">
        {tables.map((step) => (
          <li>
            <RuleText ctx={ctx} text={step.name} />
            <ul class="govuk-list govuk-list--bullet govuk-body-s">
              {step.matchedRows!.map((row) => (
                <li data-row={row.id}>
                  <code dir="ltr">{row.id}</code>
                  {row.description && (
                    <>
                      {' – '}
                      <RuleText ctx={ctx} text={row.description} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
    </section>
  );
}
