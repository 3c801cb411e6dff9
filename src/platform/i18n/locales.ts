/** Every language the platform speaks. Staff pages: sv, en. Resident-facing pages: all seven. */
export const ALL_LOCALES = ['sv', 'en', 'ar', 'fa', 'so', 'ti', 'uk'] as const;
export const STAFF_LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof ALL_LOCALES)[number];
export type StaffLocale = (typeof STAFF_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

const RTL: ReadonlySet<Locale> = new Set(['ar', 'fa']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (ALL_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/** Each language's name in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  fa: 'فارسی',
  so: 'Soomaali',
  ti: 'ትግርኛ',
  uk: 'Українська',
};

/** BCP 47 tags for Intl (Persian as spoken in Afghanistan and Iran: plain `fa`). */
export const INTL_TAG: Record<Locale, string> = {
  sv: 'sv-SE',
  en: 'en-GB',
  ar: 'ar',
  fa: 'fa-u-ca-gregory', // Gregorian calendar: deadlines in Sweden must read as Swedish dates
  so: 'so',
  ti: 'ti',
  uk: 'uk',
};

/**
 * Picks the locale: `?lang=` first, then the cookie, then Accept-Language, then Swedish.
 * `supported` narrows it for pages that exist only in some languages (staff pages: sv/en).
 */
export function negotiateLocale(
  input: { query?: string | undefined; cookie?: string | undefined; acceptLanguage?: string | undefined },
  supported: readonly Locale[] = ALL_LOCALES,
): Locale {
  for (const candidate of [input.query, input.cookie]) {
    if (isLocale(candidate) && supported.includes(candidate)) return candidate;
  }
  if (input.acceptLanguage) {
    const ranked = input.acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      const base = tag.split('-')[0];
      // Dari (prs) is written like Persian.
      const mapped =
        base === 'prs' ? 'fa' : base === 'nb' || base === 'nn' || base === 'no' || base === 'da' ? undefined : base;
      if (isLocale(mapped) && supported.includes(mapped)) return mapped;
    }
  }
  return supported.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : (supported[0] ?? DEFAULT_LOCALE);
}
