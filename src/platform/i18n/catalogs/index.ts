import { createTranslator, type Translator } from '../translator.ts';
import type { Locale } from '../locales.ts';
import { ar } from './ar.ts';
import { en } from './en.ts';
import { fa } from './fa.ts';
import { so } from './so.ts';
import { sv } from './sv.ts';
import { ti } from './ti.ts';
import { uk } from './uk.ts';

/** The platform catalog is resident-facing (layout, errors, sign-in): all seven languages. */
export const platformCatalogs = { sv, en, ar, fa, so, ti, uk };
export type PlatformKey = keyof typeof sv;
export type PlatformTranslator = Translator<PlatformKey>;

export function platformTranslator(locale: Locale): PlatformTranslator {
  return createTranslator(platformCatalogs, locale);
}
