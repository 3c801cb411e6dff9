import type { ComponentChildren } from 'preact';
import { directionOf, LOCALE_NAMES } from '../i18n/locales.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import { InLanguage } from './in-language.tsx';
import type { PageContext } from './page-context.ts';
import { NotificationBanner } from './components/notification-banner.tsx';
import { assetUrl } from '../http/asset-versions.ts';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Set when the page shows a form with errors: the title starts with "Fel:" / "Error:". */
  hasErrors?: boolean;
  beforeContent?: ComponentChildren;
  children: ComponentChildren;
}

/** Keeps the current path and swaps `lang`, so switching language stays on the same page. */
export function withLang(currentUrl: string, lang: string): string {
  const url = new URL(currentUrl, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

export function Layout({ ctx, title, hasErrors, beforeContent, children }: LayoutProps) {
  const { t, locale } = ctx;
  const fullTitle = `${hasErrors ? `${t.t('form.titleErrorPrefix')} ` : ''}${title} – ${t.t('site.name')} – ${ctx.municipalityName}`;
  return (
    <html lang={locale} dir={directionOf(locale)} class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{fullTitle}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0b5a8a" />
        <link rel="icon" href={assetUrl('logo.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <script type="module" src={assetUrl('app.js')}></script>
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          {t.t('site.skipLink')}
        </a>
        <header class="govuk-template__header smb-header" role="banner">
          <div class="govuk-width-container smb-header__container">
            <a href="/" class="smb-header__brand">
              <img src={assetUrl('logo.svg')} alt="" width="40" height="40" class="smb-header__logo" />
              <span class="smb-header__municipality">{ctx.municipalityName}</span>
              <span class="smb-header__service">{t.t('site.name')}</span>
            </a>
            <div class="smb-header__account">
              {ctx.user ? (
                <form method="post" action="/auth/sign-out" class="smb-inline-form">
                  <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                  <span class="smb-header__user">{t.t('site.signedInAs', { name: ctx.user.displayName })}</span>{' '}
                  <button type="submit" class="smb-link-button">
                    {t.t('site.signOut')}
                  </button>
                </form>
              ) : (
                <a
                  class="govuk-link smb-header__link"
                  href={`/auth/sign-in?returnTo=${encodeURIComponent(ctx.currentUrl)}`}
                >
                  {t.t('site.signIn')}
                </a>
              )}
            </div>
          </div>
          {ctx.nav.length > 0 && (
            <nav class="smb-nav" aria-label={t.t('site.mainNav')}>
              <ul class="govuk-width-container smb-nav__list">
                {ctx.nav.map((item) => (
                  <li class="smb-nav__item">
                    <a
                      class="govuk-link smb-nav__link"
                      href={item.href}
                      aria-current={ctx.currentUrl.split('?')[0] === item.href ? 'page' : undefined}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <div class="govuk-width-container">
          {ctx.devMode && (
            <div class="govuk-phase-banner">
              <p class="govuk-phase-banner__content">
                <strong class="govuk-tag govuk-phase-banner__content__tag">{t.t('site.devTag')}</strong>
                <span class="govuk-phase-banner__text">{t.t('site.devBanner')}</span>
              </p>
            </div>
          )}
          {ctx.locales.length > 1 && (
            <nav class="govuk-language-navigation smb-language-nav" aria-label={t.t('site.languageNav')}>
              <ul class="govuk-language-navigation__list">
                {ctx.locales.map((code) =>
                  code === locale ? (
                    <li class="govuk-language-navigation__list-item">
                      <span
                        class="govuk-language-navigation__text"
                        aria-current="true"
                        lang={code}
                        dir={directionOf(code)}
                      >
                        {LOCALE_NAMES[code]}
                      </span>
                    </li>
                  ) : (
                    <li class="govuk-language-navigation__list-item">
                      <a
                        class="govuk-language-navigation__link"
                        href={withLang(ctx.currentUrl, code)}
                        rel="alternate"
                        lang={code}
                        hreflang={code}
                        dir={directionOf(code)}
                      >
                        {LOCALE_NAMES[code]}
                      </a>
                    </li>
                  ),
                )}
              </ul>
            </nav>
          )}
          {beforeContent}
          <main class="govuk-main-wrapper" id="main-content" tabindex={-1}>
            {/* One title id per banner: aria-labelledby must not point at a duplicated id. */}
            {ctx.flash.map((f, i) => (
              <NotificationBanner
                kind={f.kind === 'success' ? 'success' : 'info'}
                title={f.kind === 'success' ? t.t('site.success') : t.t('site.important')}
                titleId={`flash-${i}-title`}
              >
                <p class="govuk-notification-banner__heading">
                  <InLanguage lang={f.lang ?? 'sv'} page={ctx.locale}>
                    {f.message}
                  </InLanguage>
                </p>
              </NotificationBanner>
            ))}
            {children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">{ctx.municipalityName}</h2>
                <ul class="govuk-footer__inline-list">
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/tillganglighet">
                      {t.t('site.footer.accessibility')}
                    </a>
                  </li>
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/api/docs">
                      {t.t('site.footer.apiDocs')}
                    </a>
                  </li>
                </ul>
                <span class="govuk-footer__licence-description">{t.t('site.footer.licence')}</span>
              </div>
              <div class="govuk-footer__meta-item">© {ctx.municipalityName}</div>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
