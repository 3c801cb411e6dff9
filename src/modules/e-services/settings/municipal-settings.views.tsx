import type { FieldError } from '../../../platform/http/errors.ts';
import {
  Button,
  DateInput,
  Radios,
  SummaryList,
  TextInput,
  Textarea,
  type SummaryListRow,
} from '../../../platform/views/components/index.ts';
import { CsrfInput, formView, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { stockholmDate } from '../calendar.ts';
import { settingsTranslator, type SettingsKey } from './municipal-settings.i18n.ts';
import {
  parameterField,
  type MunicipalSettings,
  type MunicipalSettingsVersion,
  type SettingsFormFields,
  type SettingsParameter,
} from './municipal-settings.schema.ts';

export interface SettingsPageModel {
  serviceId: string;
  serviceName: string;
  /** The version in force today, if any. */
  current: MunicipalSettingsVersion | undefined;
  /** Every version, the latest saved first. */
  history: readonly MunicipalSettingsVersion[];
  parameters: readonly SettingsParameter[];
  /** Today (YYYY-MM-DD), for the date example. */
  today: string;
}

export const settingsPath = (serviceId: string) => `/admin/e-tjanster/${serviceId}/installningar`;

/** "2026-07-01" → "1 7 2026", the way the date input's parts read. */
function dateExample(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${Number(day)} ${Number(month)} ${year}`;
}

function settingsRows(
  settings: MunicipalSettings,
  parameters: readonly SettingsParameter[],
  s: ReturnType<typeof settingsTranslator>,
  locale: string,
): SummaryListRow[] {
  const a = settings.appealAddress;
  return [
    { key: { text: s.t('board') }, value: { text: settings.board } },
    { key: { text: s.t('delegationAutomated') }, value: { text: settings.delegation.automated } },
    { key: { text: s.t('delegationCaseworker') }, value: { text: settings.delegation.caseworker } },
    {
      key: { text: s.t('address') },
      value: {
        children: [a.organisation, a.unit, a.street, `${a.postalCode} ${a.city}`].map((line) => (
          <span class="smb-address-line">
            {line}
            <br />
          </span>
        )),
      },
    },
    { key: { text: s.t('phone') }, value: { text: settings.phone } },
    { key: { text: s.t('email') }, value: { text: settings.email } },
    ...(settings.web ? [{ key: { text: s.t('web') }, value: { text: settings.web } }] : []),
    ...parameters.map((p) => ({
      key: { text: locale === 'en' ? p.label.en : p.label.sv },
      value: { text: s.t(settings.parameters[p.key] ? 'yes' : 'no') },
    })),
  ];
}

/** The administrator's page: the settings in force, a form for a new version, and every version. */
export function MunicipalSettingsPage({
  ctx,
  model,
  form,
}: {
  ctx: PageContext;
  model: SettingsPageModel;
  form: FormState<SettingsFormFields>;
}) {
  const s = settingsTranslator(ctx.locale);
  const example = dateExample(model.today);
  const messageOf = (error: FieldError): string | undefined => {
    if (error.field.startsWith('parameter-')) return s.t('error.parameter.chooseOne');
    if (error.code === 'tooLong') return s.t('error.tooLong');
    const field = error.field.replace(/-(day|month|year)$/, '');
    const key = `error.${field}.${error.code}` as SettingsKey;
    const text = s.t(key, { example });
    return text === key ? undefined : text;
  };
  const fields: Record<string, { label?: string; date?: boolean }> = {
    effectiveFrom: { label: s.t('field.effectiveFrom'), date: true },
    board: {},
    delegationAutomated: {},
    delegationCaseworker: {},
    organisation: {},
    unit: {},
    street: {},
    postalCode: {},
    city: {},
    phone: {},
    email: {},
    web: {},
  };
  for (const p of model.parameters) fields[parameterField(p.key)] = {};
  const f = formView<SettingsFormFields>(ctx, form, { fields, messages: messageOf });
  const title = `${s.t('title')}: ${model.serviceName}`;
  const labelOf = (p: SettingsParameter) => (ctx.locale === 'en' ? p.label.en : p.label.sv);
  const hintOf = (p: SettingsParameter) => (p.hint ? (ctx.locale === 'en' ? p.hint.en : p.hint.sv) : undefined);
  return (
    <Layout ctx={ctx} title={title} hasErrors={f.hasErrors}>
      {f.errorSummary()}
      <a class="govuk-back-link" href={`/admin/e-tjanster/${model.serviceId}`}>
        {s.t('backToService', { service: model.serviceName })}
      </a>
      <span class="govuk-caption-l">{model.serviceName}</span>
      <h1 class="govuk-heading-xl">{s.t('title')}</h1>
      <p class="govuk-body">{s.t('lead')}</p>

      <h2 class="govuk-heading-l">{s.t('current')}</h2>
      {model.current ? (
        <SummaryList rows={settingsRows(model.current.settings, model.parameters, s, ctx.locale)} />
      ) : (
        <p class="govuk-body">{s.t('none')}</p>
      )}

      <h2 class="govuk-heading-l">{s.t('newVersion')}</h2>
      <form method="post" action={settingsPath(model.serviceId)} novalidate>
        <CsrfInput ctx={ctx} />
        <DateInput
          {...f.date('effectiveFrom')}
          fieldset={{ legend: { text: s.t('effectiveFrom'), classes: 'govuk-fieldset__legend--m' } }}
          hint={{ text: s.t('effectiveFromHint', { example }) }}
        />
        <h3 class="govuk-heading-m">{s.t('responsibility')}</h3>
        <TextInput {...f.text('board')} label={{ text: s.t('board') }} hint={{ text: s.t('boardHint') }} />
        <Textarea
          {...f.text('delegationAutomated')}
          label={{ text: s.t('delegationAutomated') }}
          hint={{ text: s.t('delegationHint') }}
          rows={5}
        />
        <Textarea {...f.text('delegationCaseworker')} label={{ text: s.t('delegationCaseworker') }} rows={5} />
        <h3 class="govuk-heading-m">{s.t('address')}</h3>
        <TextInput {...f.text('organisation')} label={{ text: s.t('organisation') }} autocomplete="organization" />
        <TextInput {...f.text('unit')} label={{ text: s.t('unit') }} />
        <TextInput {...f.text('street')} label={{ text: s.t('street') }} autocomplete="address-line1" />
        <TextInput
          {...f.text('postalCode')}
          label={{ text: s.t('postalCode') }}
          classes="govuk-input--width-5"
          autocomplete="postal-code"
          inputmode="numeric"
          spellcheck={false}
        />
        <TextInput
          {...f.text('city')}
          label={{ text: s.t('city') }}
          classes="govuk-!-width-two-thirds"
          autocomplete="address-level2"
        />
        <h3 class="govuk-heading-m">{s.t('contact')}</h3>
        <TextInput
          {...f.text('phone')}
          type="tel"
          label={{ text: s.t('phone') }}
          classes="govuk-input--width-20"
          autocomplete="tel"
        />
        <TextInput
          {...f.text('email')}
          type="email"
          label={{ text: s.t('email') }}
          autocomplete="email"
          spellcheck={false}
        />
        <TextInput
          {...f.text('web')}
          type="url"
          label={{ text: s.t('web') }}
          hint={{ text: s.t('webHint') }}
          autocomplete="url"
          spellcheck={false}
        />
        {model.parameters.length > 0 && <h3 class="govuk-heading-m">{s.t('parameters')}</h3>}
        {model.parameters.map((p) => {
          const hint = hintOf(p);
          return (
            <Radios
              {...f.radios(parameterField(p.key) as keyof SettingsFormFields)}
              classes="govuk-radios--inline"
              fieldset={{ legend: { text: labelOf(p), classes: 'govuk-fieldset__legend--s' } }}
              hint={hint ? { text: hint } : undefined}
              items={[
                { value: 'yes', text: s.t('yes') },
                { value: 'no', text: s.t('no') },
              ]}
            />
          );
        })}
        <Button text={s.t('save')} />
      </form>

      <h2 class="govuk-heading-l govuk-!-margin-top-9">{s.t('history')}</h2>
      {model.history.map((version) => (
        <SummaryList
          card={{ title: { text: `${s.t('historyVersion')} ${version.version}`, headingLevel: 3 } }}
          rows={[
            { key: { text: s.t('historyEffectiveFrom') }, value: { text: version.effectiveFrom } },
            {
              key: { text: s.t('historyChangedBy') },
              value: { text: version.changedBy ? version.changedBy.name : s.t('installed') },
            },
            { key: { text: s.t('historyChangedAt') }, value: { text: stockholmDate(version.changedAt) } },
            ...settingsRows(version.settings, model.parameters, s, ctx.locale),
          ]}
        />
      ))}
    </Layout>
  );
}
