import { InLanguage } from '../../platform/views/in-language.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { ScrollRegion } from '../../platform/views/scroll-region.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { ROLES } from '../../platform/auth/roles.ts';
import { portalTranslator } from './portal.i18n.ts';
import { rulesTranslator, TRANSPARENCY_PATH } from '../rules/index.ts';
import { SFI_FORM_PATH, sfiFormTranslator } from '../sfi/index.ts';

export function HomePage({ ctx, signedOut }: { ctx: PageContext; signedOut: boolean }) {
  const { t } = ctx;
  const p = portalTranslator(ctx.locale);
  const roles = ctx.user ? ROLES.filter((r) => ctx.user!.roles.includes(r)) : [];
  return (
    <Layout ctx={ctx} title={t.t('home.title', { municipality: ctx.municipalityName })}>
      {signedOut && (
        <div class="govuk-inset-text" role="status">
          {t.t('signIn.signedOut')}
        </div>
      )}
      <h1 class="govuk-heading-xl">{t.t('home.title', { municipality: ctx.municipalityName })}</h1>
      <p class="govuk-body-l">{t.t('home.lead')}</p>
      {roles.length > 0 ? (
        <section aria-labelledby="what-you-can-do">
          <h2 class="govuk-heading-m" id="what-you-can-do">
            {t.t('home.whatYouCanDo')}
          </h2>
          <ul class="govuk-list govuk-list--bullet">
            {roles.map((role) => (
              <li>{p.t(`role.${role}`)}</li>
            ))}
          </ul>
          {ctx.nav.length > 0 && (
            <ul class="govuk-list">
              {ctx.nav.map((n) => (
                <li>
                  <a class="govuk-link" href={n.href}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <div class="govuk-grid-row">
          <section class="govuk-grid-column-one-half" aria-labelledby="residents">
            <h2 class="govuk-heading-m" id="residents">
              {t.t('home.resident.heading')}
            </h2>
            <p class="govuk-body">{t.t('home.resident.body')}</p>
            <p class="govuk-body">
              <a
                class="govuk-button"
                href="/auth/sign-in?audience=resident"
                role="button"
                draggable={false}
                data-module="govuk-button"
              >
                {t.t('signIn.resident.button')}
              </a>
            </p>
            <h3 class="govuk-heading-s">{t.t('home.noEid.heading')}</h3>
            <p class="govuk-body">{t.t('home.noEid.body')}</p>
          </section>
          <section class="govuk-grid-column-one-half" aria-labelledby="staff">
            <h2 class="govuk-heading-m" id="staff">
              {t.t('home.staff.heading')}
            </h2>
            <p class="govuk-body">{t.t('home.staff.body')}</p>
            <p class="govuk-body">
              <a
                class="govuk-button govuk-button--secondary"
                href="/auth/sign-in?audience=staff"
                role="button"
                draggable={false}
                data-module="govuk-button"
              >
                {t.t('signIn.staff.button')}
              </a>
            </p>
          </section>
        </div>
      )}
      {(!ctx.user || roles.includes('resident')) && (
        <p class="govuk-body">
          <a class="govuk-link" href={SFI_FORM_PATH}>
            {sfiFormTranslator(ctx.locale).t('nav.apply')}
          </a>
        </p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={TRANSPARENCY_PATH}>
          {rulesTranslator(ctx.locale).t('link.text')}
        </a>
      </p>
    </Layout>
  );
}

export interface AccessibilityFacts {
  email: string;
  phone: string;
  published: string;
  assessed: string;
}

export function AccessibilityPage({ ctx, facts }: { ctx: PageContext; facts: AccessibilityFacts }) {
  const p = portalTranslator(ctx.locale);
  return (
    <Layout ctx={ctx} title={p.t('a11y.title')}>
      <h1 class="govuk-heading-xl">{p.t('a11y.title')}</h1>
      <p class="govuk-body">{p.t('a11y.intro', { municipality: ctx.municipalityName })}</p>
      <h2 class="govuk-heading-m">{p.t('a11y.status.heading')}</h2>
      <p class="govuk-body">{p.t('a11y.status.body')}</p>
      <h2 class="govuk-heading-m">{p.t('a11y.problems.heading')}</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>{p.t('a11y.problems.1')}</li>
        <li>{p.t('a11y.problems.2')}</li>
      </ul>
      <h2 class="govuk-heading-m">{p.t('a11y.feedback.heading')}</h2>
      <p class="govuk-body">{p.t('a11y.feedback.body')}</p>
      <p class="govuk-body">{p.t('a11y.feedback.contact', { email: facts.email, phone: facts.phone })}</p>
      <h2 class="govuk-heading-m">{p.t('a11y.enforcement.heading')}</h2>
      <p class="govuk-body">{p.t('a11y.enforcement.body')}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="https://www.digg.se/tdosanmalan" rel="external">
          {p.t('a11y.enforcement.link')}
        </a>
      </p>
      <h2 class="govuk-heading-m">{p.t('a11y.testing.heading')}</h2>
      <p class="govuk-body">
        {p.t('a11y.testing.body', {
          published: ctx.t.formatDate(facts.published),
          assessed: ctx.t.formatDate(facts.assessed),
        })}
      </p>
    </Layout>
  );
}

export interface ApiOperation {
  method: string;
  path: string;
  summary: string;
  secured: boolean;
}

export function ApiDocsPage({ ctx, operations }: { ctx: PageContext; operations: ApiOperation[] }) {
  const p = portalTranslator(ctx.locale);
  return (
    <Layout ctx={ctx} title={p.t('api.title')}>
      <h1 class="govuk-heading-xl">{p.t('api.title')}</h1>
      <p class="govuk-body">{p.t('api.lead')}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/api/v1/openapi.json">
          {p.t('api.document')}
        </a>
      </p>
      {operations.length === 0 ? (
        <p class="govuk-body">{p.t('api.empty')}</p>
      ) : (
        <ScrollRegion label={p.t('api.title')}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">{p.t('api.title')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {p.t('api.method')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {p.t('api.path')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {p.t('api.summary')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {p.t('api.auth')}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {operations.map((op) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <code dir="ltr">{op.method}</code>
                  </td>
                  <td class="govuk-table__cell">
                    <code dir="ltr">{op.path}</code>
                  </td>
                  <td class="govuk-table__cell">
                    {/* The API's own description (OpenAPI) is in English. */}
                    <InLanguage lang="en" page={ctx.locale}>
                      {op.summary}
                    </InLanguage>
                  </td>
                  <td class="govuk-table__cell">{op.secured ? p.t('api.token') : p.t('api.public')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}
