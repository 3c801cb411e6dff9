/**
 * Markup parity with GOV.UK Frontend: every fixture that ships with govuk-frontend 6 (the
 * examples its own tests render from the Nunjucks macros) is rendered with our component and
 * compared element by element — tags, attributes, class lists, ARIA, text. That is what lets
 * GOV.UK's accessibility testing and scripts carry over to these components.
 *
 * Fixtures that pass raw HTML (`html`, `titleHtml`, `conditional.html`, …) or custom script
 * texts are left out: the components take JSX children instead and their own translated texts
 * by design. Those features are covered by components.test.tsx.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { h, type FunctionComponent } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../../../test/helpers/html.ts';
import * as C from './index.ts';

const require = createRequire(import.meta.url);
const componentsDir = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk', 'components');

interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
}

function fixturesOf(component: string): Fixture[] {
  return (JSON.parse(readFileSync(join(componentsDir, component, 'fixtures.json'), 'utf8')) as { fixtures: Fixture[] })
    .fixtures;
}

// --- fixture options → our props -----------------------------------------------------------

const RAW_HTML = /"(html|\w+Html)":/;
const CUSTOM_SCRIPT_TEXT =
  /"(textareaDescriptionText|characters\w+Text|words\w+Text|chooseFilesButtonText|noFileChosenText|multipleFilesChosenText|dropInstructionText|enteredDropZoneText|leftDropZoneText)":/;

type Adapter = (options: Record<string, any>) => Record<string, any> | null;

function errorText(error: any) {
  if (!error) return undefined;
  const hidden = error.visuallyHiddenText;
  return { ...error, visuallyHiddenText: hidden === false || hidden === '' ? false : (hidden ?? 'Error') };
}

/** Nunjucks' `{ value, optional }` attribute form → plain values. */
function plainAttributes(attributes: any) {
  if (!attributes || typeof attributes !== 'object') return attributes;
  return Object.fromEntries(
    Object.entries(attributes).map(([k, v]: [string, any]) => [
      k,
      v && typeof v === 'object' ? (v.optional && (v.value === false || v.value == null) ? undefined : v.value) : v,
    ]),
  );
}

function deepAttributes(value: any): any {
  if (Array.isArray(value)) return value.map(deepAttributes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'attributes' ? plainAttributes(v) : deepAttributes(v)]),
    );
  }
  return value;
}

const withError: Adapter = (o) => ({ ...o, errorMessage: errorText(o.errorMessage) });

const cases: Record<string, { component: FunctionComponent<any>; adapt: Adapter; minimum: number }> = {
  button: { component: C.Button, adapt: (o) => (o.element ? null : o), minimum: 30 },
  input: { component: C.TextInput, adapt: withError, minimum: 35 },
  textarea: { component: C.Textarea, adapt: withError, minimum: 15 },
  'character-count': { component: C.CharacterCount, adapt: (o) => ({ ...withError(o)!, locale: 'en' }), minimum: 25 },
  radios: { component: C.Radios, adapt: withError, minimum: 25 },
  checkboxes: { component: C.Checkboxes, adapt: withError, minimum: 25 },
  'date-input': {
    component: C.DateInput,
    // GOV.UK 6 takes `items` or `day`/`month`/`year` options with `error` flags; ours takes
    // `items` with a `part` and `errorParts`.
    adapt: (o) => {
      const given = (o.items as any[] | undefined)?.filter(Boolean);
      const parts: any[] = given?.length
        ? given.map((i) => ({ ...(o[i.name] || {}), ...i, value: i.value ?? o[i.name]?.value }))
        : (['day', 'month', 'year'] as const)
            .filter((p) => o[p] !== false)
            .map((p) => ({ ...o[p], name: o[p]?.name ?? p }));
      if (parts.some((i) => !['day', 'month', 'year'].includes(i.name))) return null;
      const explicit = parts
        .filter((i) => i.error === true || i.classes?.includes('govuk-input--error'))
        .map((i) => i.name);
      const omitted = parts.filter((i) => i.error === false).map((i) => i.name);
      const errorParts = explicit.length
        ? explicit
        : o.errorMessage && omitted.length
          ? parts.map((i) => i.name).filter((n) => !omitted.includes(n))
          : undefined;
      return {
        ...withError(o)!,
        day: undefined,
        month: undefined,
        year: undefined,
        locale: 'en',
        items: parts.map(({ error: _e, name, ...i }) => ({ ...i, part: name })),
        errorParts,
      };
    },
    minimum: 35,
  },
  select: {
    component: C.Select,
    // GOV.UK prints any value given (`false` → "false"); ours takes strings only.
    adapt: (o) => ({
      ...withError(o)!,
      value: o.value === undefined ? undefined : String(o.value),
      items: o.items?.map((i: any) => (i && i.value !== undefined ? { ...i, value: String(i.value) } : i)),
    }),
    minimum: 15,
  },
  fieldset: { component: C.Fieldset, adapt: (o) => o, minimum: 10 },
  label: { component: C.Label, adapt: (o) => o, minimum: 10 },
  hint: { component: C.Hint, adapt: (o) => o, minimum: 4 },
  'error-message': { component: C.ErrorMessage, adapt: (o) => errorText(o), minimum: 5 },
  'error-summary': { component: C.ErrorSummary, adapt: (o) => ({ ...o, errorList: o.errorList ?? [] }), minimum: 10 },
  'notification-banner': {
    component: C.NotificationBanner,
    adapt: (o) => ({
      ...o,
      kind: o.type === 'success' ? 'success' : undefined,
      type: undefined,
      title: o.titleText || (o.type === 'success' ? 'Success' : 'Important'),
    }),
    minimum: 12,
  },
  table: { component: C.Table, adapt: (o) => ({ ...o, rows: o.rows ?? [] }), minimum: 15 },
  tag: { component: C.Tag, adapt: (o) => o, minimum: 8 },
  'summary-list': { component: C.SummaryList, adapt: (o) => ({ ...o, rows: o.rows ?? [] }), minimum: 12 },
  pagination: { component: C.Pagination, adapt: (o) => ({ ...o, locale: 'en' }), minimum: 12 },
  tabs: { component: C.Tabs, adapt: (o) => ({ ...o, locale: 'en', items: o.items ?? [] }), minimum: 8 },
  panel: {
    component: C.Panel,
    adapt: (o) => (String(o.classes ?? '').includes('interruption') ? null : o),
    minimum: 5,
  },
  'inset-text': { component: C.InsetText, adapt: (o) => o, minimum: 4 },
  'warning-text': { component: C.WarningText, adapt: (o) => ({ ...o, locale: 'en' }), minimum: 5 },
  details: { component: C.Details, adapt: (o) => o, minimum: 5 },
  'back-link': { component: C.BackLink, adapt: (o) => ({ ...o, locale: 'en', href: o.href || '#' }), minimum: 5 },
  breadcrumbs: {
    component: C.Breadcrumbs,
    adapt: (o) => ({ ...o, locale: 'en', labelText: o.labelText ?? 'Breadcrumb' }),
    minimum: 9,
  },
  'file-upload': {
    component: C.FileUpload,
    adapt: (o) => ({ ...withError(o)!, javascript: o.javascript ? { locale: 'en' } : undefined }),
    minimum: 15,
  },
};

describe('components render the same markup as GOV.UK Frontend 6 (its fixtures)', () => {
  for (const [name, { component, adapt, minimum }] of Object.entries(cases)) {
    describe(name, () => {
      const usable = fixturesOf(name).filter(
        (f) => !RAW_HTML.test(JSON.stringify(f.options)) && !CUSTOM_SCRIPT_TEXT.test(JSON.stringify(f.options)),
      );
      const adapted = usable
        .map((f) => ({ fixture: f, props: adapt(deepAttributes(f.options)) }))
        .filter((x) => x.props !== null);
      it(`covers at least ${minimum} of GOV.UK's examples`, () => {
        expect(adapted.length).toBeGreaterThanOrEqual(minimum);
      });
      for (const { fixture, props } of adapted) {
        it(fixture.name, () => {
          expect(normalise(renderToString(h(component, props!)))).toEqual(normalise(fixture.html));
        });
      }
    });
  }
});
