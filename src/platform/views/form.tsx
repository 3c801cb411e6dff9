/**
 * Forms the GOV.UK way: when input is wrong, the page is shown again with status 422, the
 * input kept, "Fel:" before the title, an error summary at the top (focused on load, one link
 * per field) and a message at each field with a visually hidden "Fel:" prefix.
 *
 * @example
 * // route: `attachValidation: true` lets the handler re-render instead of the error page
 * app.post('/sfi/ansok', { config: { access: 'public' }, attachValidation: true, schema: { body: applySchema } }, async (request, reply) => {
 *   const form = formStateFrom<ApplyInput>(request);
 *   if (form.errors.length > 0) return replyWithForm(reply, form, <ApplyPage ctx={request.pageContext()} form={form} />);
 *   … call the service, then Post/Redirect/Get with a flash confirmation
 * });
 * // view
 * const f = formView(ctx, form, { fields: { name: { label: 'ditt namn' }, birthDate: { label: 'ditt födelsedatum', date: true } } });
 * <Layout ctx={ctx} title="Ansök" hasErrors={f.hasErrors}>
 *   {f.errorSummary()}
 *   <form method="post" novalidate><CsrfInput ctx={ctx} />
 *     <TextInput {...f.text('name')} label={{ text: 'Namn' }} autocomplete="name" />
 *     <DateInput {...f.date('birthDate')} fieldset={{ legend: { text: 'Födelsedatum' } }} autocomplete="bday" />
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import type { Locale } from '../i18n/locales.ts';
import type { PlatformTranslator } from '../i18n/catalogs/index.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import { AppError, type FieldError } from '../http/errors.ts';
import { fieldErrorsFrom, messageFor } from '../http/validation.ts';
import { ErrorSummary, type ErrorSummaryItem } from './components/error-summary.tsx';
import type { ErrorText } from './components/error-message.tsx';
import { DATE_PARTS, type DatePart } from './components/date-input.tsx';

/** What the user sent (or, for an edit form, the stored record as strings), re-rendered as typed. */
export type FormValues<T> = { readonly [K in keyof T]?: unknown } & Readonly<Record<string, unknown>>;

/** A form as a page shows it: the values to put back in the fields and the errors to show. */
export interface FormState<T> {
  values: FormValues<T>;
  errors: readonly FieldError[];
}

type DateBaseOf<K> = K extends `${infer Base}-day` ? Base : never;
/** A field of the form: a key of `T`, or the name of a date whose parts are keys (`birthDate` for `birthDate-day`). */
export type FieldName<T> = Extract<keyof T, string> | DateBaseOf<Extract<keyof T, string>>;

export interface FieldSpec {
  /** Names the field in the catalog's generic messages ("Fyll i {field}"), e.g. "ditt namn". */
  label?: string;
  /** A date input: its parts are `<name>-day`, `<name>-month`, `<name>-year`. */
  date?: boolean;
}

export interface FormOptions<T> {
  /** The fields in page order: the error summary lists errors in this order. */
  fields?: { [K in FieldName<T>]?: FieldSpec };
  /** A specific message for an error (GOV.UK: say what to do), else the catalog's generic one. */
  messages?: (error: FieldError) => string | undefined;
}

/**
 * The calendar day a GOV.UK date input's three parts make (`name-day`, `name-month`,
 * `name-year`, as posted), `YYYY-MM-DD`; null when they make no real date.
 */
export function dayFromDateParts(values: Readonly<Record<string, unknown>>, name: string): string | null {
  const [day, month, year] = DATE_PARTS.map((part) => {
    const value = values[`${name}-${part}`];
    return typeof value === 'string' ? value.trim() : '';
  });
  if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!)) return null;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : null;
}

/** An empty form, or one filled from stored values (edit forms). */
export function emptyForm<T>(values: FormValues<T> = {} as FormValues<T>): FormState<T> {
  return { values, errors: [] };
}

/** The element id for a field name; the error summary links to it. Dots and the like become `-`. */
export function fieldId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * Field errors from a route declared with `attachValidation: true`. A failure outside the body
 * (path or query) is not something the person typed, so it stays a 400 error page.
 */
export function fieldErrorsOf(request: FastifyRequest): FieldError[] {
  const error = request.validationError;
  if (!error) return [];
  const context = error.validationContext;
  if ((context && context !== 'body') || !hasZodFastifySchemaValidationErrors(error)) throw new AppError('BAD_REQUEST');
  return fieldErrorsFrom(error.validation, context);
}

/** Any object holds form values: each field is optional and of unknown type until checked. */
function isFormValues<T>(body: unknown): body is FormValues<T> {
  return typeof body === 'object' && body !== null;
}

/**
 * The submitted body as typed, whether valid or not (no body: no values). For checks that need
 * the raw fields before the errors are known; the route's typed body is for after the check.
 */
export function formValuesFrom<T>(request: FastifyRequest): FormValues<T> {
  return isFormValues<T>(request.body) ? request.body : {};
}

/** The submitted body (as typed, whether valid or not) and its field errors. */
export function formStateFrom<T>(request: FastifyRequest, extraErrors: readonly FieldError[] = []): FormState<T> {
  return { values: formValuesFrom<T>(request), errors: [...fieldErrorsOf(request), ...extraErrors] };
}

/** Sends a form page: 422 when it shows errors (so tools and tests see the failure), else 200. */
export function replyWithForm(reply: FastifyReply, form: FormState<unknown>, page: VNode): FastifyReply {
  return reply.html(page, form.errors.length > 0 ? 422 : 200);
}

/** The hidden CSRF field every unsafe form needs. */
export function CsrfInput({ ctx }: { ctx: { csrfToken: string } }) {
  return <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />;
}

function firstString(value: unknown): string {
  if (Array.isArray(value)) return firstString(value[0]);
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

function allStrings(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : String(v)));
}

export interface FormView<T> {
  hasErrors: boolean;
  /** 422 with errors, else 200. */
  status: 200 | 422;
  /** The error summary for the top of the page, or nothing when there are no errors. */
  errorSummary(): VNode | null;
  /** Links and texts of the summary, one per field, in page order. */
  summaryItems(): ErrorSummaryItem[];
  /** The message for a field (for a date, for any of its parts), with the visually hidden prefix. */
  errorFor(name: string): ErrorText | undefined;
  value(name: string): string;
  values(name: string): string[];
  /** Props for TextInput, Textarea, CharacterCount, Select and FileUpload. */
  text(name: FieldName<T>): { name: string; id: string; value: string; errorMessage: ErrorText | undefined };
  /** Props for Radios; the first radio gets the field's id so the summary link lands on it. */
  radios(name: FieldName<T>): { name: string; idPrefix: string; value: string; errorMessage: ErrorText | undefined };
  checkboxes(name: FieldName<T>): {
    name: string;
    idPrefix: string;
    values: string[];
    errorMessage: ErrorText | undefined;
  };
  /** Props for DateInput: parts named `<name>-day` etc., errors marked on the parts they concern. */
  date(name: FieldName<T>): {
    id: string;
    namePrefix: string;
    locale: Locale;
    values: Record<DatePart, string>;
    errorMessage: ErrorText | undefined;
    errorParts: DatePart[] | undefined;
  };
}

/**
 * Binds a form state to the page's language: everything the fields and the error summary need.
 * `ctx` is the PageContext (only its translator is used).
 */
export function formView<T>(
  ctx: { t: PlatformTranslator },
  state: FormState<T>,
  options: FormOptions<T> = {},
): FormView<T> {
  const t = ctx.t;
  const specs = (options.fields ?? {}) as Record<string, FieldSpec | undefined>;
  // A date is declared, or recognised by its submitted parts (every part is sent, even empty),
  // so its errors group under one summary entry that links to a part rather than the group.
  const isDate = (name: string): boolean =>
    !!specs[name]?.date || DATE_PARTS.some((part) => `${name}-${part}` in state.values);

  /** The field an error belongs to: a date part's error belongs to its date. */
  const ownerOf = (field: string): { owner: string; part?: DatePart } => {
    const match = /^(.+)-(day|month|year)$/.exec(field);
    if (match && isDate(match[1]!)) return { owner: match[1]!, part: match[2] as DatePart };
    return { owner: field };
  };

  const errorsByOwner = new Map<string, { error: FieldError; part?: DatePart }[]>();
  for (const error of state.errors) {
    const { owner, part } = ownerOf(error.field);
    const list = errorsByOwner.get(owner) ?? [];
    list.push(part ? { error, part } : { error });
    errorsByOwner.set(owner, list);
  }

  const textOf = (error: FieldError): string => {
    const label = specs[ownerOf(error.field).owner]?.label;
    return options.messages?.(error) ?? messageFor(t, error, label);
  };

  const errorFor = (name: string): ErrorText | undefined => {
    const first = errorsByOwner.get(name)?.[0];
    return first ? { text: textOf(first.error), visuallyHiddenText: t.t('form.errorPrefix') } : undefined;
  };

  /** Where the summary link goes: the field, or a date's first part in error (its day when the whole date is wrong). */
  const hrefOf = (owner: string): string | undefined => {
    if (owner === '_') return undefined;
    const errors = errorsByOwner.get(owner) ?? [];
    if (!isDate(owner)) return `#${fieldId(owner)}`;
    const wholeDate = errors.some((e) => !e.part);
    const firstPart = wholeDate ? 'day' : (DATE_PARTS.find((p) => errors.some((e) => e.part === p)) ?? 'day');
    return `#${fieldId(owner)}-${firstPart}`;
  };

  const summaryItems = (): ErrorSummaryItem[] => {
    const ordered = [
      ...Object.keys(specs).filter((name) => errorsByOwner.has(name)),
      ...[...errorsByOwner.keys()].filter((name) => !(name in specs)),
    ];
    return ordered.map((owner) => ({ text: textOf(errorsByOwner.get(owner)![0]!.error), href: hrefOf(owner) }));
  };

  const hasErrors = state.errors.length > 0;
  const value = (name: string) => firstString(state.values[name]);

  return {
    hasErrors,
    status: hasErrors ? 422 : 200,
    summaryItems,
    errorSummary: () =>
      hasErrors ? <ErrorSummary titleText={t.t('form.errorSummaryTitle')} errorList={summaryItems()} /> : null,
    errorFor,
    value,
    values: (name) => allStrings(state.values[name]),
    text: (name) => ({ name, id: fieldId(name), value: value(name), errorMessage: errorFor(name) }),
    radios: (name) => ({ name, idPrefix: fieldId(name), value: value(name), errorMessage: errorFor(name) }),
    checkboxes: (name) => ({
      name,
      idPrefix: fieldId(name),
      values: allStrings(state.values[name]),
      errorMessage: errorFor(name),
    }),
    date: (name) => {
      const errors = errorsByOwner.get(name) ?? [];
      const wholeDate = errors.some((e) => !e.part);
      const parts = DATE_PARTS.filter((p) => errors.some((e) => e.part === p));
      return {
        id: fieldId(name),
        namePrefix: name,
        locale: t.locale,
        values: { day: value(`${name}-day`), month: value(`${name}-month`), year: value(`${name}-year`) },
        errorMessage: errorFor(name),
        errorParts: wholeDate || parts.length === 0 ? undefined : parts,
      };
    },
  };
}
