import type { Locale } from '../i18n/locales.ts';
import type { PlatformTranslator } from '../i18n/catalogs/index.ts';
import type { User } from '../auth/roles.ts';

/** What every page needs from the request: language, user, CSRF token, flash, paths. */
export interface PageContext {
  locale: Locale;
  /** The languages this page exists in (staff pages: sv/en). */
  locales: readonly Locale[];
  t: PlatformTranslator;
  user: User | null;
  csrfToken: string;
  requestId: string;
  /** Path and query of the current page, for language links and sign-in return. */
  currentUrl: string;
  municipalityName: string;
  devMode: boolean;
  /** Messages from the last request, each in its language (the page may be in another). */
  flash: { kind: 'success' | 'info'; message: string; lang?: Locale }[];
  /** Navigation entries the modules contribute for this user. */
  nav: { href: string; label: string }[];
}
