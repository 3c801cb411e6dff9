import type { ComponentChildren } from 'preact';
import {
  BackLink,
  Button,
  Checkboxes,
  DateInput,
  Fieldset,
  Panel,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
  type SummaryListRow,
} from '../../platform/views/components/index.ts';
import { CsrfInput, formView, type FormState, type FormView } from '../../platform/views/form.tsx';
import { InLanguage, MixedLanguageText } from '../../platform/views/in-language.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { formatPersonalNumber } from '../../platform/identity/personal-number.ts';
import type { MunicipalSettings } from '../e-services/index.ts';
import { residenceBases, swedishLevels } from './sfi-facts.schema.ts';
import {
  birthDateOf,
  paces,
  specialReasonKinds,
  studyTimes,
  type PageAnswers,
  type SfiDraftAnswers,
  type StepId,
} from './sfi-form.schema.ts';
import { isSfiFormKey, sfiFormTranslator, type SfiFormTranslator } from './sfi-form.i18n.ts';

export const SFI_FORM_PATH = '/e-tjanster/sfi';

/** The pages in order; a page whose `applies` says no is skipped (identity and address with e-ID). */
export const STEPS: readonly {
  id: StepId;
  slug: string;
  applies?: (answers: SfiDraftAnswers, eId: boolean) => boolean;
}[] = [
  { id: 'identity', slug: 'om-dig', applies: (_a, eId) => !eId },
  { id: 'contact', slug: 'kontakt' },
  // Without e-ID the decision goes by post; with e-ID the population register has the address.
  { id: 'address', slug: 'adress', applies: (_a, eId) => !eId },
  { id: 'residence', slug: 'bosattning' },
  { id: 'languages', slug: 'sprak' },
  { id: 'schooling', slug: 'skolgang' },
  { id: 'literacy', slug: 'lasa-och-skriva' },
  { id: 'latinAlphabet', slug: 'latinska-alfabetet' },
  { id: 'swedish', slug: 'svenska' },
  { id: 'earlierSfi', slug: 'tidigare-sfi' },
  // Branch: the details only when the applicant has studied SFI before.
  { id: 'earlierSfiDetails', slug: 'tidigare-sfi-detaljer', applies: (a) => a.earlierSfi?.earlierSfi === 'yes' },
  { id: 'specialReasons', slug: 'sarskilda-skal' },
  { id: 'preferences', slug: 'onskemal' },
  { id: 'adaptations', slug: 'anpassning' },
];

export const stepPath = (slug: string, change = false) => `${SFI_FORM_PATH}/${slug}${change ? '?andra=1' : ''}`;
export const CHECK_PATH = `${SFI_FORM_PATH}/kontrollera`;

export interface School {
  id: string;
  name: string;
}

/** The signed-in resident as the form shows them (e-ID path). */
export interface EIdApplicant {
  displayName: string;
  personalNumber: string | null;
}

function errorMessages(s: SfiFormTranslator) {
  return (error: FieldError): string | undefined => {
    const params = Object.fromEntries(Object.entries(error.params ?? {}).map(([k, v]) => [k, v])) as Record<
      string,
      string | number
    >;
    const specific = `err.${error.field}.${error.code}`;
    if (isSfiFormKey(specific)) return s.t(specific, params);
    const generic = `err.${error.code}`;
    if (isSfiFormKey(generic)) return s.t(generic, params);
    return undefined;
  };
}

const yesNoItems = (s: SfiFormTranslator) => [
  { value: 'yes', text: s.t('answer.yes') },
  { value: 'no', text: s.t('answer.no') },
];

export interface StepPageProps {
  ctx: PageContext;
  step: StepId;
  form: FormState<Record<string, unknown>>;
  backHref: string;
  schools: readonly School[];
  eId: EIdApplicant | null;
}

/** One question page: the question, its fields, the continue button; errors the GOV.UK way. */
export function StepPage({ ctx, step, form, backHref, schools, eId }: StepPageProps) {
  const s = sfiFormTranslator(ctx.locale);
  const f = formView(ctx, form, { fields: FIELDS[step], messages: errorMessages(s) });
  const { title, body } = stepBody(step, s, f, schools, eId);
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={f.hasErrors}
      beforeContent={<BackLink locale={ctx.locale} href={backHref} />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {f.errorSummary()}
          <form method="post" action={ctx.currentUrl} novalidate>
            <CsrfInput ctx={ctx} />
            {body}
            <Button text={s.t('page.continue')} preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** Field order per page: the error summary lists errors in this order. */
const FIELDS: Record<StepId, Record<string, { date?: boolean }>> = {
  identity: { name: {}, birthDate: { date: true }, personalNumber: {} },
  contact: { email: {}, phone: {} },
  address: { careOf: {}, street: {}, postalCode: {}, city: {} },
  residence: { residenceBasis: {} },
  languages: { motherTongue: {}, otherLanguages: {}, nordicLanguageSufficient: {} },
  schooling: { yearsOfSchooling: {} },
  literacy: { literateInOwnLanguage: {} },
  latinAlphabet: { knowsLatinAlphabet: {} },
  swedish: { swedishLevel: {} },
  earlierSfi: { earlierSfi: {} },
  earlierSfiDetails: { earlierSfiDate: { date: true }, completedCourseD: {} },
  specialReasons: { specialReasons: {}, specialReasonsText: {} },
  preferences: { studyTime: {}, pace: {}, preferredSchool: {} },
  adaptations: { adaptationNeeds: {} },
};

type F = FormView<Record<string, unknown>>;

function yesNoQuestion(s: SfiFormTranslator, f: F, name: string, title: string, hint?: string) {
  return {
    title,
    body: (
      <Radios
        {...f.radios(name)}
        classes="govuk-radios--inline"
        fieldset={{ legend: { text: title, isPageHeading: true, classes: 'govuk-fieldset__legend--l' } }}
        hint={hint ? { text: hint } : undefined}
        items={yesNoItems(s)}
      />
    ),
  };
}

function stepBody(
  step: StepId,
  s: SfiFormTranslator,
  f: F,
  schools: readonly School[],
  eId: EIdApplicant | null,
): { title: string; body: ComponentChildren } {
  switch (step) {
    case 'identity': {
      const title = s.t('identity.title');
      return {
        title,
        body: (
          <>
            <h1 class="govuk-heading-l">{title}</h1>
            <TextInput
              {...f.text('name')}
              label={{ text: s.t('identity.name'), classes: 'govuk-label--s' }}
              hint={{ text: s.t('identity.nameHint') }}
              autocomplete="name"
              spellcheck={false}
            />
            <DateInput
              {...f.date('birthDate')}
              autocomplete="bday"
              fieldset={{ legend: { text: s.t('identity.birthDate'), classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: s.t('identity.birthDateHint') }}
            />
            <TextInput
              {...f.text('personalNumber')}
              label={{ text: s.t('identity.personalNumber'), classes: 'govuk-label--s' }}
              hint={{ text: s.t('identity.personalNumberHint') }}
              classes="govuk-input--width-20"
              inputmode="numeric"
              spellcheck={false}
            />
          </>
        ),
      };
    }
    case 'contact': {
      const title = s.t('contact.title');
      return {
        title,
        body: (
          <>
            <h1 class="govuk-heading-l">{title}</h1>
            {eId && (
              <p class="govuk-body">
                {s.t('identity.eid')}: <strong>{eId.displayName}</strong>
              </p>
            )}
            <p class="govuk-body">{s.t('contact.hint')}</p>
            <TextInput
              {...f.text('email')}
              type="email"
              label={{ text: s.t('contact.email'), classes: 'govuk-label--s' }}
              autocomplete="email"
              spellcheck={false}
            />
            <TextInput
              {...f.text('phone')}
              type="tel"
              label={{ text: s.t('contact.phone'), classes: 'govuk-label--s' }}
              autocomplete="tel"
              classes="govuk-input--width-20"
            />
          </>
        ),
      };
    }
    case 'address': {
      const title = s.t('address.title');
      // GOV.UK address pattern: one fieldset, the question as its legend, a text input per line.
      return {
        title,
        body: (
          <Fieldset legend={{ text: title, isPageHeading: true, classes: 'govuk-fieldset__legend--l' }}>
            <p class="govuk-body">{s.t('address.hint')}</p>
            <TextInput
              {...f.text('careOf')}
              label={{ text: s.t('address.careOf') }}
              hint={{ text: s.t('address.careOfHint') }}
              spellcheck={false}
            />
            <TextInput
              {...f.text('street')}
              label={{ text: s.t('address.street') }}
              hint={{ text: s.t('address.streetHint') }}
              autocomplete="address-line1"
              spellcheck={false}
            />
            <TextInput
              {...f.text('postalCode')}
              label={{ text: s.t('address.postalCode') }}
              hint={{ text: s.t('address.postalCodeHint') }}
              classes="govuk-input--width-10"
              autocomplete="postal-code"
              inputmode="numeric"
              spellcheck={false}
            />
            <TextInput
              {...f.text('city')}
              label={{ text: s.t('address.city') }}
              classes="govuk-!-width-two-thirds"
              autocomplete="address-level2"
              spellcheck={false}
            />
          </Fieldset>
        ),
      };
    }
    case 'residence': {
      const title = s.t('residence.title');
      return {
        title,
        body: (
          <Radios
            {...f.radios('residenceBasis')}
            fieldset={{ legend: { text: title, isPageHeading: true, classes: 'govuk-fieldset__legend--l' } }}
            hint={{ text: s.t('residence.hint') }}
            items={residenceBases.map((basis) => ({
              value: basis,
              text: s.t(`residence.${basis}`),
              hint: basis === 'folkbokford' ? { text: s.t('residence.folkbokford.hint') } : undefined,
            }))}
          />
        ),
      };
    }
    case 'languages': {
      const title = s.t('languages.title');
      return {
        title,
        body: (
          <>
            <h1 class="govuk-heading-l">{title}</h1>
            <TextInput
              {...f.text('motherTongue')}
              label={{ text: s.t('languages.motherTongue'), classes: 'govuk-label--s' }}
              hint={{ text: s.t('languages.motherTongueHint') }}
              classes="govuk-input--width-20"
            />
            <TextInput
              {...f.text('otherLanguages')}
              label={{ text: s.t('languages.otherLanguages'), classes: 'govuk-label--s' }}
              hint={{ text: s.t('languages.otherLanguagesHint') }}
            />
            <Radios
              {...f.radios('nordicLanguageSufficient')}
              classes="govuk-radios--inline"
              fieldset={{ legend: { text: s.t('languages.nordic'), classes: 'govuk-fieldset__legend--s' } }}
              items={yesNoItems(s)}
            />
          </>
        ),
      };
    }
    case 'schooling': {
      const title = s.t('schooling.title');
      return {
        title,
        body: (
          <TextInput
            {...f.text('yearsOfSchooling')}
            label={{ text: title, isPageHeading: true, classes: 'govuk-label--l' }}
            hint={{ text: s.t('schooling.hint') }}
            classes="govuk-input--width-3"
            inputmode="numeric"
            suffix={{ text: s.t('schooling.suffix') }}
          />
        ),
      };
    }
    case 'literacy':
      return yesNoQuestion(s, f, 'literateInOwnLanguage', s.t('literacy.title'));
    case 'latinAlphabet':
      return yesNoQuestion(s, f, 'knowsLatinAlphabet', s.t('latinAlphabet.title'), s.t('latinAlphabet.hint'));
    case 'swedish': {
      const title = s.t('swedish.title');
      return {
        title,
        body: (
          <Radios
            {...f.radios('swedishLevel')}
            fieldset={{ legend: { text: title, isPageHeading: true, classes: 'govuk-fieldset__legend--l' } }}
            items={swedishLevels.map((level) => ({ value: level, text: s.t(`swedish.${level}`) }))}
          />
        ),
      };
    }
    case 'earlierSfi':
      return yesNoQuestion(s, f, 'earlierSfi', s.t('earlierSfi.title'), s.t('earlierSfi.hint'));
    case 'earlierSfiDetails': {
      const title = s.t('earlierSfiDetails.title');
      const date = f.date('earlierSfiDate');
      return {
        title,
        body: (
          <>
            <h1 class="govuk-heading-l">{title}</h1>
            <DateInput
              {...date}
              items={[{ part: 'month' }, { part: 'year', classes: 'govuk-input--width-4' }]}
              fieldset={{ legend: { text: s.t('earlierSfiDetails.date'), classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: s.t('earlierSfiDetails.dateHint') }}
            />
            <Radios
              {...f.radios('completedCourseD')}
              classes="govuk-radios--inline"
              fieldset={{ legend: { text: s.t('earlierSfiDetails.courseD'), classes: 'govuk-fieldset__legend--s' } }}
              items={yesNoItems(s)}
            />
          </>
        ),
      };
    }
    case 'specialReasons': {
      const title = s.t('specialReasons.title');
      return {
        title,
        body: (
          <>
            <h1 class="govuk-heading-l">{title}</h1>
            <p class="govuk-body">{s.t('specialReasons.lead')}</p>
            <Checkboxes
              {...f.checkboxes('specialReasons')}
              fieldset={{ legend: { text: s.t('specialReasons.kinds'), classes: 'govuk-fieldset__legend--s' } }}
              items={specialReasonKinds.map((kind) => ({ value: kind, text: s.t(`specialReasons.${kind}`) }))}
            />
            <Textarea
              {...f.text('specialReasonsText')}
              label={{ text: s.t('specialReasons.text'), classes: 'govuk-label--s' }}
              hint={{ text: s.t('specialReasons.textHint') }}
              rows={5}
            />
          </>
        ),
      };
    }
    case 'preferences': {
      const title = s.t('preferences.title');
      return {
        title,
        body: (
          <>
            <h1 class="govuk-heading-l">{title}</h1>
            <Radios
              {...f.radios('studyTime')}
              fieldset={{ legend: { text: s.t('preferences.studyTime'), classes: 'govuk-fieldset__legend--s' } }}
              items={studyTimes.map((time) => ({ value: time, text: s.t(`preferences.${time}`) }))}
            />
            <Radios
              {...f.radios('pace')}
              classes="govuk-radios--inline"
              fieldset={{ legend: { text: s.t('preferences.pace'), classes: 'govuk-fieldset__legend--s' } }}
              items={paces.map((pace) => ({ value: pace, text: s.t(`preferences.${pace}`) }))}
            />
            {schools.length > 0 && (
              <Radios
                {...f.radios('preferredSchool')}
                fieldset={{ legend: { text: s.t('preferences.school'), classes: 'govuk-fieldset__legend--s' } }}
                hint={{ text: s.t('preferences.schoolHint') }}
                items={[
                  ...schools.map((school) => ({ value: school.id, text: school.name })),
                  { value: '', text: s.t('preferences.schoolNone') },
                ]}
              />
            )}
          </>
        ),
      };
    }
    case 'adaptations': {
      const title = s.t('adaptations.title');
      return {
        title,
        body: (
          <Textarea
            {...f.text('adaptationNeeds')}
            label={{ text: title, isPageHeading: true, classes: 'govuk-label--l' }}
            hint={{ text: s.t('adaptations.hint') }}
            rows={5}
          />
        ),
      };
    }
  }
}

export interface CheckPageProps {
  ctx: PageContext;
  answers: SfiDraftAnswers;
  eId: EIdApplicant | null;
  schools: readonly School[];
  idempotencyKey: string;
  backHref: string;
}

const v = (page: PageAnswers | undefined, key: string): string => {
  const value = page?.[key];
  return typeof value === 'string' ? value : '';
};

/** Check your answers: every answer with a change link back to its page, then send. */
export function CheckAnswersPage({ ctx, answers, eId, schools, idempotencyKey, backHref }: CheckPageProps) {
  const s = sfiFormTranslator(ctx.locale);
  const a = answers;
  const yesNo = (value: string) =>
    value === 'yes' ? s.t('answer.yes') : value === 'no' ? s.t('answer.no') : s.t('answer.none');
  const orNone = (value: string) => value || s.t('answer.none');
  const row = (label: string, value: ComponentChildren, step: StepId, fieldId?: string): SummaryListRow => {
    const slug = STEPS.find((x) => x.id === step)!.slug;
    return {
      key: { text: label },
      value: { children: value },
      actions: {
        items: [
          {
            href: `${stepPath(slug, true)}${fieldId ? `#${fieldId}` : ''}`,
            text: s.t('check.change'),
            visuallyHiddenText: label,
          },
        ],
      },
    };
  };
  const birthDate = birthDateOf(a.identity ?? {});
  const reasons = Array.isArray(a.specialReasons?.specialReasons) ? a.specialReasons.specialReasons : [];
  const reasonText = v(a.specialReasons, 'specialReasonsText');
  const school = schools.find((x) => x.id === v(a.preferences, 'preferredSchool'));
  const title = s.t('check.title');
  const rows: (SummaryListRow | false)[] = [
    ...(eId
      ? [
          { key: { text: s.t('identity.name') }, value: { text: eId.displayName } },
          {
            key: { text: s.t('identity.personalNumber') },
            value: { text: eId.personalNumber ? formatPersonalNumber(eId.personalNumber) : s.t('answer.none') },
          },
        ]
      : [
          row(s.t('identity.name'), v(a.identity, 'name'), 'identity', 'name'),
          row(
            s.t('identity.birthDate'),
            birthDate ? s.formatDate(`${birthDate}T12:00:00Z`) : '',
            'identity',
            'birthDate-day',
          ),
          row(s.t('identity.personalNumber'), orNone(v(a.identity, 'personalNumber')), 'identity', 'personalNumber'),
        ]),
    // Isolated: in a right-to-left page a phone number or an e-mail address would otherwise be reordered.
    row(s.t('contact.email'), <bdi>{orNone(v(a.contact, 'email'))}</bdi>, 'contact', 'email'),
    row(s.t('contact.phone'), <bdi>{orNone(v(a.contact, 'phone'))}</bdi>, 'contact', 'phone'),
    !eId &&
      row(
        s.t('address.summary'),
        // As on the envelope, one line each; the lines are the applicant's own text in any script.
        [
          v(a.address, 'careOf') && `c/o ${v(a.address, 'careOf')}`,
          v(a.address, 'street'),
          `${v(a.address, 'postalCode')} ${v(a.address, 'city')}`,
        ]
          .filter(Boolean)
          .map((text, i) => (
            <>
              {i > 0 && <br />}
              <bdi>{text}</bdi>
            </>
          )),
        'address',
      ),
    row(
      s.t('residence.title'),
      v(a.residence, 'residenceBasis')
        ? s.t(`residence.${v(a.residence, 'residenceBasis') as (typeof residenceBases)[number]}`)
        : '',
      'residence',
    ),
    row(s.t('languages.motherTongue'), v(a.languages, 'motherTongue'), 'languages', 'motherTongue'),
    row(s.t('languages.otherLanguages'), orNone(v(a.languages, 'otherLanguages')), 'languages', 'otherLanguages'),
    row(
      s.t('languages.nordic'),
      yesNo(v(a.languages, 'nordicLanguageSufficient')),
      'languages',
      'nordicLanguageSufficient',
    ),
    row(s.t('schooling.title'), s.t('check.yearsValue', { years: v(a.schooling, 'yearsOfSchooling') }), 'schooling'),
    row(s.t('literacy.title'), yesNo(v(a.literacy, 'literateInOwnLanguage')), 'literacy'),
    row(s.t('latinAlphabet.title'), yesNo(v(a.latinAlphabet, 'knowsLatinAlphabet')), 'latinAlphabet'),
    row(
      s.t('swedish.title'),
      v(a.swedish, 'swedishLevel')
        ? s.t(`swedish.${v(a.swedish, 'swedishLevel') as (typeof swedishLevels)[number]}`)
        : '',
      'swedish',
    ),
    row(s.t('earlierSfi.title'), yesNo(v(a.earlierSfi, 'earlierSfi')), 'earlierSfi'),
    v(a.earlierSfi, 'earlierSfi') === 'yes' &&
      row(
        s.t('earlierSfiDetails.date'),
        `${v(a.earlierSfiDetails, 'earlierSfiDate-month')} ${v(a.earlierSfiDetails, 'earlierSfiDate-year')}`,
        'earlierSfiDetails',
        'earlierSfiDate-month',
      ),
    v(a.earlierSfi, 'earlierSfi') === 'yes' &&
      row(
        s.t('earlierSfiDetails.courseD'),
        yesNo(v(a.earlierSfiDetails, 'completedCourseD')),
        'earlierSfiDetails',
        'completedCourseD',
      ),
    row(
      s.t('specialReasons.title'),
      reasons.length === 0 && !reasonText ? (
        s.t('specialReasons.none')
      ) : (
        <>
          {reasons.map((kind) => (
            <p class="govuk-body">{s.t(`specialReasons.${kind as (typeof specialReasonKinds)[number]}`)}</p>
          ))}
          {reasonText && <p class="govuk-body smb-pre-line">{reasonText}</p>}
        </>
      ),
      'specialReasons',
    ),
    row(
      s.t('preferences.studyTime'),
      v(a.preferences, 'studyTime')
        ? s.t(`preferences.${v(a.preferences, 'studyTime') as (typeof studyTimes)[number]}`)
        : '',
      'preferences',
      'studyTime',
    ),
    row(
      s.t('preferences.pace'),
      v(a.preferences, 'pace') ? s.t(`preferences.${v(a.preferences, 'pace') as (typeof paces)[number]}`) : '',
      'preferences',
      'pace',
    ),
    schools.length > 0 &&
      row(s.t('preferences.school'), school?.name ?? s.t('preferences.schoolNone'), 'preferences', 'preferredSchool'),
    row(s.t('adaptations.title'), orNone(v(a.adaptations, 'adaptationNeeds')), 'adaptations'),
  ];
  return (
    <Layout ctx={ctx} title={title} beforeContent={<BackLink locale={ctx.locale} href={backHref} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          <SummaryList rows={rows} classes="govuk-!-margin-bottom-9" />
          <h2 class="govuk-heading-m">{s.t('check.send.heading')}</h2>
          <p class="govuk-body">{s.t('check.send.body')}</p>
          <form method="post" action={`${SFI_FORM_PATH}/skicka`} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <Button text={s.t('check.send.button')} preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** The public start page: what SFI is, who can apply, what you need, two ways to apply. */
export function StartPage({
  ctx,
  eIdHref,
  noEIdHref,
  continueHref,
  retention = null,
  contact = null,
}: {
  ctx: PageContext;
  eIdHref: string;
  noEIdHref: string;
  continueHref: string | null;
  /** How long the started draft is kept ("Ditt utkast sparas i 30 dagar …"), shown with the continue button. */
  retention?: string | null;
  /** The municipal settings in force: who answers questions (none set yet: the section is left out). */
  contact?: Pick<MunicipalSettings, 'board' | 'phone' | 'email' | 'web'> | null;
}) {
  const s = sfiFormTranslator(ctx.locale);
  const title = s.t('start.title');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{title}</h1>
          <p class="govuk-body-l">{s.t('start.lead')}</p>
          <h2 class="govuk-heading-m">{s.t('start.who.heading')}</h2>
          <ul class="govuk-list govuk-list--bullet">
            <li>{s.t('start.who.age')}</li>
            <li>{s.t('start.who.home', { municipality: ctx.municipalityName })}</li>
            <li>{s.t('start.who.swedish')}</li>
            <li>{s.t('start.who.time')}</li>
          </ul>
          <h2 class="govuk-heading-m">{s.t('start.need.heading')}</h2>
          <p class="govuk-body">{s.t('start.need.body')}</p>
          {continueHref && <Button href={continueHref} text={s.t('start.continue')} isStartButton />}
          {continueHref && retention && (
            <p class="govuk-body" id="draft-retention">
              {retention}
            </p>
          )}
          <h2 class="govuk-heading-m">{s.t('start.eid.heading')}</h2>
          <p class="govuk-body">{s.t('start.eid.body')}</p>
          <Button href={eIdHref} text={s.t('start.eid.button')} isStartButton={!continueHref} />
          <h2 class="govuk-heading-m">{s.t('start.noEid.heading')}</h2>
          <p class="govuk-body">{s.t('start.noEid.body')}</p>
          <Button href={noEIdHref} text={s.t('start.noEid.button')} variant="secondary" />
          {contact && (
            <section aria-labelledby="questions" id="sfi-contact">
              <h2 class="govuk-heading-m" id="questions">
                {s.t('start.questions.heading')}
              </h2>
              <p class="govuk-body">{s.t('start.questions.body')}</p>
              <ul class="govuk-list">
                <li>
                  <InLanguage lang="sv" page={ctx.locale}>
                    {contact.board}
                  </InLanguage>
                </li>
                <li>
                  {s.t('contact.phone')}:{' '}
                  <a class="govuk-link" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                    {contact.phone}
                  </a>
                </li>
                <li>
                  {s.t('contact.email')}:{' '}
                  <a class="govuk-link" href={`mailto:${contact.email}`} dir="ltr">
                    {contact.email}
                  </a>
                </li>
                {contact.web && (
                  <li>
                    <a class="govuk-link" href={contact.web} dir="ltr">
                      {contact.web}
                    </a>
                  </li>
                )}
              </ul>
            </section>
          )}
        </div>
      </div>
    </Layout>
  );
}

/**
 * After sending: the case number in a panel and what happens next on the path taken. With e-ID
 * the case is on My pages; without, a caseworker always handles it (no "within minutes") and the
 * case number is how to ask about it. The receipt e-mail is mentioned only when there was an
 * address to send it to.
 */
export function ConfirmationPage({
  ctx,
  caseNumber,
  identityVerified,
  emailed,
}: {
  ctx: PageContext;
  caseNumber: string;
  identityVerified: boolean;
  emailed: boolean;
}) {
  const s = sfiFormTranslator(ctx.locale);
  const title = s.t('confirmation.title');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel titleText={title}>
            {s.t('confirmation.caseNumber')}
            <br />
            {/* Left to right on every page: a number broken over two lines keeps its dashes in place. */}
            <strong dir="ltr">{caseNumber}</strong>
          </Panel>
          {emailed && <p class="govuk-body">{s.t('confirmation.receipt')}</p>}
          <h2 class="govuk-heading-m">{s.t('confirmation.next.heading')}</h2>
          <p class="govuk-body" id="next-steps">
            {identityVerified ? s.t('confirmation.next.body') : s.t('confirmation.next.noEid')}
          </p>
          {identityVerified ? (
            <p class="govuk-body">
              <a class="govuk-link" href="/mina-sidor">
                <MixedLanguageText parts={s.parts('confirmation.myPages')} page={ctx.locale} />
              </a>
            </p>
          ) : (
            <p class="govuk-body">{s.t('confirmation.noEid')}</p>
          )}
        </div>
      </div>
    </Layout>
  );
}
