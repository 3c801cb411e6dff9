import { CSRF_FIELD } from '../http/csrf.ts';
import { directionOf } from '../i18n/locales.ts';
import type { DemoUser } from '../seed/demo-users.ts';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import { authTranslator } from './auth.i18n.ts';
import type { Audience, SignInErrorReason } from './oidc.ts';

export interface SignInPageProps {
  ctx: PageContext;
  /** Already made safe (same-site path). */
  returnTo: string;
  /** The way the visitor came for (a link from a resident page, a staff page); shown first. */
  audience?: Audience | undefined;
  error?: SignInErrorReason | undefined;
}

function startHref(audience: Audience, returnTo: string): string {
  return `/auth/oidc/${audience}/start${returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`;
}

/** The two ways in: e-ID for residents (with a way forward for those without one), work account for staff. */
export function SignInPage({ ctx, returnTo, audience, error }: SignInPageProps) {
  const a = authTranslator(ctx.locale);
  const resident = (
    <section class="govuk-grid-column-one-half" aria-labelledby="sign-in-resident">
      <h2 class="govuk-heading-m" id="sign-in-resident">
        {a.t('signIn.resident.heading')}
      </h2>
      <p class="govuk-body">{a.t('signIn.resident.body')}</p>
      <a
        class="govuk-button"
        href={startHref('resident', returnTo)}
        role="button"
        draggable={false}
        data-module="govuk-button"
      >
        {a.t('signIn.resident.button')}
      </a>
      <h3 class="govuk-heading-s">{a.t('signIn.noEid.heading')}</h3>
      <p class="govuk-body">{a.t('signIn.noEid.body')}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          {a.t('signIn.noEid.link')}
        </a>
      </p>
    </section>
  );
  const staff = (
    <section class="govuk-grid-column-one-half" aria-labelledby="sign-in-staff">
      <h2 class="govuk-heading-m" id="sign-in-staff">
        {a.t('signIn.staff.heading')}
      </h2>
      <p class="govuk-body">{a.t('signIn.staff.body')}</p>
      <a
        class="govuk-button govuk-button--secondary"
        href={startHref('staff', returnTo)}
        role="button"
        draggable={false}
        data-module="govuk-button"
      >
        {a.t('signIn.staff.button')}
      </a>
    </section>
  );
  return (
    <Layout ctx={ctx} title={a.t('signIn.title')} hasErrors={!!error}>
      {error && (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{a.t('signIn.error.title')}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body" id="sign-in-error">
                {a.t(`signIn.error.${error}`)}
              </p>
            </div>
          </div>
        </div>
      )}
      <h1 class="govuk-heading-xl">{a.t('signIn.title')}</h1>
      <p class="govuk-body-l">{a.t('signIn.lead')}</p>
      {ctx.user && <div class="govuk-inset-text">{a.t('signIn.alreadySignedIn', { name: ctx.user.displayName })}</div>}
      {ctx.devMode && (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">{a.t('signIn.dev')}</strong>
        </div>
      )}
      <div class="govuk-grid-row">{audience === 'staff' ? [staff, resident] : [resident, staff]}</div>
    </Layout>
  );
}

export interface DevIdpPageProps {
  ctx: PageContext;
  uid: string;
  audience: Audience;
  users: readonly DemoUser[];
}

/**
 * The dev identity provider's sign-in step: one button per test user of the client's audience,
 * with what the user is for. One form, so one CSRF token; works without JavaScript.
 */
export function DevIdpPage({ ctx, uid, audience, users }: DevIdpPageProps) {
  const a = authTranslator(ctx.locale);
  // Demo descriptions exist in Swedish and English; mark English inside another language.
  const descriptionLang = ctx.locale === 'sv' ? 'sv' : 'en';
  const foreign = descriptionLang !== ctx.locale;
  const base = `/dev/idp/interaction/${encodeURIComponent(uid)}`;
  return (
    <Layout ctx={ctx} title={a.t('devIdp.title')}>
      <span class="govuk-caption-l">{a.t('devIdp.caption')}</span>
      <h1 class="govuk-heading-xl">{a.t('devIdp.title')}</h1>
      <p class="govuk-body-l">{a.t(audience === 'resident' ? 'devIdp.lead.resident' : 'devIdp.lead.staff')}</p>
      <form method="post" action={`${base}/login`} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <h2 class="govuk-heading-m" id="dev-idp-users">
          {a.t('devIdp.users')}
        </h2>
        <ul class="govuk-list" aria-labelledby="dev-idp-users">
          {users.map((user) => (
            <li class="govuk-!-margin-bottom-6">
              <button
                type="submit"
                name="username"
                value={user.username}
                class="govuk-button govuk-!-margin-bottom-1"
                data-module="govuk-button"
                aria-describedby={`dev-idp-user-${user.username}`}
              >
                {a.t('devIdp.signInAs', { name: user.displayName })}
              </button>
              <p class="govuk-hint govuk-!-margin-top-0" id={`dev-idp-user-${user.username}`}>
                <span
                  lang={foreign ? descriptionLang : undefined}
                  dir={foreign ? directionOf(descriptionLang) : undefined}
                >
                  {user.description[descriptionLang]}
                </span>
                {audience === 'staff' && (
                  <>
                    {'. '}
                    {a.t('devIdp.roles', { roles: user.roles.join(', ') })}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      </form>
      <form method="post" action={`${base}/abort`}>
        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {a.t('devIdp.cancel')}
        </button>
      </form>
    </Layout>
  );
}
