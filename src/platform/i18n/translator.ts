import { INTL_TAG, type Locale } from './locales.ts';

/** A message is text with `{name}` placeholders, or plural forms chosen by `count`. */
export type Message = string | { one: string; other: string; zero?: string; two?: string; few?: string; many?: string };
export type Catalog = { readonly [key: string]: Message };

/** Same keys as the Swedish source catalog, any text: a missing key is a type error. */
export type TranslationOf<T extends Catalog> = {
  readonly [K in keyof T]: T[K] extends string ? string : Exclude<Message, string>;
};

export type Params = Record<string, string | number>;

export interface Translator<K extends string> {
  locale: Locale;
  t(key: K, params?: Params): string;
  formatDate(value: Date | string, style?: 'short' | 'long' | 'datetime'): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
}

const TIME_ZONE = 'Europe/Stockholm';

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Intl objects are costly to build (tenths of a millisecond each) and immutable: one per
 * locale and style for the life of the process, shared by every translator.
 */
const intlCache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cachedIntl<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  key: string,
  build: () => T,
): T {
  let value = intlCache.get(key) as T | undefined;
  if (!value) intlCache.set(key, (value = build()));
  return value;
}

const DATE_STYLES = {
  short: { dateStyle: 'short', timeZone: TIME_ZONE },
  long: { dateStyle: 'long', timeZone: TIME_ZONE },
  datetime: { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Builds a translator over catalogs keyed by locale; falls back to the first catalog given (Swedish). */
export function createTranslator<T extends Catalog>(
  catalogs: Partial<Record<Locale, TranslationOf<T>>> & { sv: T },
  locale: Locale,
): Translator<Extract<keyof T, string>> {
  const catalog = (catalogs[locale] ?? catalogs.sv) as Catalog;
  const fallback = catalogs.sv as Catalog;
  const tag = INTL_TAG[locale];
  const plural = cachedIntl(`plural:${tag}`, () => new Intl.PluralRules(tag));
  return {
    locale,
    t(key, params) {
      const message = catalog[key] ?? fallback[key];
      if (message === undefined) return key;
      if (typeof message === 'string') return interpolate(message, params);
      const count = Number(params?.count ?? 0);
      const form = count === 0 && message.zero ? 'zero' : plural.select(count);
      return interpolate(message[form as keyof typeof message] ?? message.other, params);
    },
    formatDate(value, style = 'long') {
      const date = typeof value === 'string' ? new Date(value) : value;
      return cachedIntl(`date:${tag}:${style}`, () => new Intl.DateTimeFormat(tag, DATE_STYLES[style])).format(date);
    },
    formatNumber(value, options) {
      return cachedIntl(
        `number:${tag}:${options ? JSON.stringify(options) : ''}`,
        () => new Intl.NumberFormat(tag, options),
      ).format(value);
    },
  };
}
