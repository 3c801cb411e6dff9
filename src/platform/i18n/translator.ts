import { ALL_LOCALES, directionOf, INTL_TAG, type Locale } from './locales.ts';

/**
 * A message is text with `{name}` placeholders, or plural forms chosen by `count`. A fragment in
 * another language than the message's own (the Swedish name "Mina sidor" in an Arabic sentence)
 * is written `<sv>Mina sidor</sv>`: pages mark it with its language (`parts`), plain text keeps
 * its words (`t`).
 */
export type Message = string | { one: string; other: string; zero?: string; two?: string; few?: string; many?: string };
export type Catalog = { readonly [key: string]: Message };

/** Same keys as the Swedish source catalog, any text: a missing key is a type error. */
export type TranslationOf<T extends Catalog> = {
  readonly [K in keyof T]: T[K] extends string ? string : Exclude<Message, string>;
};

export type Params = Record<string, string | number>;

/** A piece of a message: text in the page's language, or a fragment in another language. */
export type MessagePart = string | { lang: Locale; text: string };

export interface Translator<K extends string> {
  locale: Locale;
  /** The message as plain text (titles, e-mails, attributes). */
  t(key: K, params?: Params): string;
  /** The message in pieces, its fragments in other languages apart, for a page to mark them. */
  parts(key: K, params?: Params): MessagePart[];
  formatDate(value: Date | string, style?: 'short' | 'long' | 'datetime' | 'weekday' | 'fullDay'): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
}

const TIME_ZONE = 'Europe/Stockholm';

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const FRAGMENT = new RegExp(`<(${ALL_LOCALES.join('|')})>(.*?)</\\1>`, 'gs');

/**
 * A message split at its fragments (`<sv>…</sv>`). Translators split before filling placeholders,
 * so no value can add one; texts from elsewhere (rule-file translations) are split with it too.
 */
export function splitFragments(text: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of text.matchAll(FRAGMENT)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ lang: match[1] as Locale, text: match[2]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/**
 * Plain text of a message: a fragment keeps its words; where its direction differs from the
 * message's, it sits in a directional isolate (U+2066/2067 … U+2069) so its punctuation stays
 * with it in an e-mail or a title.
 */
function plainText(parts: readonly MessagePart[], locale: Locale): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const dir = directionOf(part.lang);
      if (dir === directionOf(locale)) return part.text;
      return `${dir === 'ltr' ? '\u2066' : '\u2067'}${part.text}\u2069`;
    })
    .join('');
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
  /** "mån 7 dec.": a day in a week's heading. */
  weekday: { weekday: 'short', day: 'numeric', month: 'short', timeZone: TIME_ZONE },
  /** "måndag 7 december 2026". */
  fullDay: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE },
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
  /** The text chosen for the key (its plural form by `count`), placeholders not yet filled. */
  function template(key: string, params: Params | undefined): string {
    const message = catalog[key] ?? fallback[key];
    if (message === undefined) return key;
    if (typeof message === 'string') return message;
    const count = Number(params?.count ?? 0);
    const form = count === 0 && message.zero ? 'zero' : plural.select(count);
    return message[form as keyof typeof message] ?? message.other;
  }
  function parts(key: string, params: Params | undefined): MessagePart[] {
    return splitFragments(template(key, params)).map((part) =>
      typeof part === 'string' ? interpolate(part, params) : { lang: part.lang, text: interpolate(part.text, params) },
    );
  }
  return {
    locale,
    t(key, params) {
      const text = template(key, params);
      // Most messages have no fragment: no splitting, no joining.
      if (!text.includes('</')) return interpolate(text, params);
      return plainText(parts(key, params), locale);
    },
    parts,
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
