import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import fastifyFormbody from '@fastify/formbody';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { platformTranslator } from '../i18n/catalogs/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { AppError, statusOf } from '../http/errors.ts';
import { DateInput, Radios, TextInput } from './components/index.ts';
import { CsrfInput, emptyForm, formStateFrom, formView, replyWithForm, type FormState } from './form.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { renderPage } from './render.ts';

const applySchema = z.object({
  name: z.string().min(1, 'required').max(40),
  email: z.string().email('invalidEmail'),
  contact: z.enum(['email', 'phone'], { message: 'chooseOne' }),
  'birthDate-day': z.string().regex(/^\d{1,2}$/, 'invalidDate'),
  'birthDate-month': z.string().regex(/^\d{1,2}$/, 'invalidDate'),
  'birthDate-year': z.string().regex(/^\d{4}$/, 'invalidDate'),
});
type ApplyInput = z.infer<typeof applySchema>;

function pageContext(locale: Locale): PageContext {
  return {
    locale,
    locales: ['sv', 'en'],
    t: platformTranslator(locale),
    user: null,
    csrfToken: 'token',
    requestId: 'req-1',
    currentUrl: '/apply',
    municipalityName: 'Exempelstad',
    devMode: false,
    flash: [],
    nav: [],
  };
}

function ApplyPage({ ctx, form }: { ctx: PageContext; form: FormState<ApplyInput> }) {
  // Fields in page order; the summary follows it even though the schema lists them differently.
  const f = formView(ctx, form, {
    fields: {
      name: { label: 'ditt namn' },
      birthDate: { label: 'ditt födelsedatum', date: true },
      email: {},
      contact: { label: 'hur vi ska kontakta dig' },
    },
  });
  return (
    <Layout ctx={ctx} title="Ansök" hasErrors={f.hasErrors}>
      {f.errorSummary()}
      <form method="post" novalidate>
        <CsrfInput ctx={ctx} />
        <TextInput {...f.text('name')} label={{ text: 'Namn' }} />
        <DateInput {...f.date('birthDate')} fieldset={{ legend: { text: 'Födelsedatum' } }} />
        <TextInput {...f.text('email')} type="email" label={{ text: 'E-post' }} />
        <Radios
          {...f.radios('contact')}
          fieldset={{ legend: { text: 'Hur vill du bli kontaktad?' } }}
          items={[
            { value: 'email', text: 'E-post' },
            { value: 'phone', text: 'Telefon' },
          ]}
        />
      </form>
    </Layout>
  );
}

let app: FastifyInstance;

beforeAll(async () => {
  // `server` keeps the type provider, so the form route's request is typed by its zod schemas.
  const server = Fastify().withTypeProvider<ZodTypeProvider>();
  app = server;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyFormbody);
  app.decorateReply(
    'html',
    function (this: import('fastify').FastifyReply, node: import('preact').VNode, status = 200) {
      return this.status(status).type('text/html; charset=utf-8').send(renderPage(node));
    },
  );
  app.setErrorHandler((error, _request, reply) => {
    const status = error instanceof AppError ? statusOf(error.code) : 500;
    return reply.status(status).send(error instanceof AppError ? error.code : 'INTERNAL');
  });
  server.post(
    '/apply',
    {
      attachValidation: true,
      schema: { body: applySchema, querystring: z.object({ lang: z.enum(['sv', 'en']).optional() }) },
    },
    async (request, reply) => {
      const ctx = pageContext(request.query.lang ?? 'sv');
      const form = formStateFrom<ApplyInput>(request);
      if (form.errors.length > 0) return replyWithForm(reply, form, <ApplyPage ctx={ctx} form={form} />);
      return reply.redirect('/apply/klart', 303);
    },
  );
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

const valid = {
  name: 'Amina Yusuf',
  email: 'amina@example.se',
  contact: 'email',
  'birthDate-day': '7',
  'birthDate-month': '3',
  'birthDate-year': '1990',
};

async function post(body: Record<string, string>, lang = 'sv') {
  return app.inject({
    method: 'POST',
    url: `/apply?lang=${lang}`,
    payload: new URLSearchParams(body).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('the GOV.UK validation pattern (form helper)', () => {
  it('answers a wrong form with 422, "Fel:" first in the title and an error summary linking to each field in page order', async () => {
    const response = await post({
      ...valid,
      name: '',
      email: 'inte-en-adress',
      contact: '',
      'birthDate-month': 'mars',
    });
    expect(response.statusCode).toBe(422);
    const html = response.body;
    expect(html).toMatch(/<title>Fel: Ansök – /);
    expect(html).toContain('data-module="govuk-error-summary"');
    expect(html).toMatch(/<div role="alert"><h2 class="govuk-error-summary__title">Det finns ett problem<\/h2>/);
    const links = [...html.matchAll(/<li><a href="(#[^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['#name', 'Fyll i ditt namn'],
      ['#birthDate-month', 'ditt födelsedatum måste vara ett riktigt datum'],
      ['#email', 'Skriv e-postadressen i rätt format, till exempel namn@exempel.se'],
      ['#contact', 'Välj ett alternativ för hur vi ska kontakta dig'],
    ]);
  });

  it('shows each message at its field with the visually hidden "Fel:" prefix and marks only the wrong date part', async () => {
    const html = (await post({ ...valid, email: 'x', 'birthDate-month': '13x' })).body;
    expect(html).toContain(
      '<p id="email-error" class="govuk-error-message"><span class="govuk-visually-hidden">Fel:</span> Skriv e-postadressen',
    );
    expect(html).toMatch(
      /<input class="govuk-input govuk-input--error" id="email" name="email" type="email" value="x" aria-describedby="email-error"/,
    );
    expect(html).toMatch(/id="birthDate-month" name="birthDate-month" type="text" value="13x"/);
    expect(html).toMatch(
      /class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="birthDate-month"/,
    );
    expect(html).toMatch(/class="govuk-input govuk-date-input__input govuk-input--width-2" id="birthDate-day"/);
  });

  it('keeps what the person typed, escaped, so nothing they send runs as script', async () => {
    const html = (await post({ ...valid, name: '<script>alert(1)</script>', email: '' })).body;
    expect(html).toContain('value="&lt;script>alert(1)&lt;/script>"');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toMatch(/id="contact" name="contact" type="radio" value="email" checked/);
  });

  it('uses the page language: "Error:" in the English title and field prefix', async () => {
    const html = (await post({ ...valid, name: '' }, 'en')).body;
    expect(html).toMatch(/<title>Error: Ansök – /);
    expect(html).toContain('<span class="govuk-visually-hidden">Error:</span>');
    expect(html).toContain('There is a problem');
  });

  it('lets a valid form through (no 422, no summary)', async () => {
    const response = await post(valid);
    expect(response.statusCode).toBe(303);
  });

  it('treats an invalid query string as a bad request, not as a form error', async () => {
    const response = await post(valid, 'xx');
    expect(response.statusCode).toBe(400);
  });
});

describe('formView', () => {
  const ctx = pageContext('sv');

  it('links a whole-date error to the day and marks every part', () => {
    const form: FormState<{ birthDate: string }> = {
      values: { 'birthDate-day': '31', 'birthDate-month': '2', 'birthDate-year': '2000' },
      errors: [{ field: 'birthDate', code: 'invalidDate' }],
    };
    const f = formView(ctx, form, { fields: { birthDate: { label: 'Födelsedatum' } } });
    expect(f.summaryItems()).toEqual([{ href: '#birthDate-day', text: 'Födelsedatum måste vara ett riktigt datum' }]);
    expect(f.date('birthDate').errorParts).toBeUndefined();
    const html = renderToString(<DateInput {...f.date('birthDate')} />);
    expect(html.match(/govuk-input--error/g)).toHaveLength(3);
    expect(html).toContain('value="31"');
  });

  it('is quiet for an empty form: no summary, status 200', () => {
    const f = formView(ctx, emptyForm<{ name: string }>());
    expect(f.hasErrors).toBe(false);
    expect(f.status).toBe(200);
    expect(f.errorSummary()).toBeNull();
    expect(f.text('name')).toEqual({ name: 'name', id: 'name', value: '', errorMessage: undefined });
  });

  it('prefers a page-specific message over the generic catalog text', () => {
    const f = formView(
      ctx,
      { values: {}, errors: [{ field: 'name', code: 'required' }] } as FormState<{ name: string }>,
      {
        messages: (e) => (e.field === 'name' ? 'Skriv ditt fullständiga namn' : undefined),
      },
    );
    expect(f.errorFor('name')).toEqual({ text: 'Skriv ditt fullständiga namn', visuallyHiddenText: 'Fel' });
  });
});
