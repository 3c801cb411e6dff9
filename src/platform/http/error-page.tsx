import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import type { ErrorCode } from './errors.ts';
import type { PlatformTranslator } from '../i18n/catalogs/index.ts';

/** A friendly error page in the user's language, always with the request id to quote. */
export function ErrorPage({ ctx, code }: { ctx: PageContext; code: ErrorCode }) {
  const text = ERROR_TEXT[code];
  const title = ctx.t.t(text.title);
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{ctx.t.t(text.body)}</p>
      {code === 'UNAUTHENTICATED' && (
        <p class="govuk-body">
          <a class="govuk-link" href={`/auth/sign-in?returnTo=${encodeURIComponent(ctx.currentUrl)}`}>
            {ctx.t.t('site.signIn')}
          </a>
        </p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          {ctx.t.t('error.goHome')}
        </a>
      </p>
      <p class="govuk-body-s smb-request-id">{ctx.t.t('error.requestId', { id: ctx.requestId })}</p>
    </Layout>
  );
}

export function titleOf(t: PlatformTranslator, code: ErrorCode): string {
  return t.t(ERROR_TEXT[code].title);
}

export const ERROR_TEXT = {
  VALIDATION_FAILED: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  BAD_REQUEST: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  UNAUTHENTICATED: { title: 'error.unauthenticated.title', body: 'error.unauthenticated.body' },
  FORBIDDEN: { title: 'error.forbidden.title', body: 'error.forbidden.body' },
  NOT_FOUND: { title: 'error.notFound.title', body: 'error.notFound.body' },
  CONFLICT: { title: 'error.conflict.title', body: 'error.conflict.body' },
  CSRF_INVALID: { title: 'error.csrf.title', body: 'error.csrf.body' },
  PAYLOAD_TOO_LARGE: { title: 'error.tooLarge.title', body: 'error.tooLarge.body' },
  UNSUPPORTED_MEDIA_TYPE: { title: 'error.unsupported.title', body: 'error.unsupported.body' },
  RATE_LIMITED: { title: 'error.rateLimited.title', body: 'error.rateLimited.body' },
  UNAVAILABLE: { title: 'error.unavailable.title', body: 'error.unavailable.body' },
  INTERNAL: { title: 'error.internal.title', body: 'error.internal.body' },
} as const satisfies Record<ErrorCode, { title: string; body: string }>;
