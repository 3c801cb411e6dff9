/**
 * Words the components say themselves (pagination, warning icon, tabs title) and the messages
 * GOV.UK Frontend's scripts show (character count, file upload). The components are used on
 * resident-facing pages, so every language is needed. Texts shared with the layout (Back,
 * breadcrumbs, Error, the date parts) come from the platform catalog instead.
 */
import { createTranslator, type Locale, type Message, type TranslationOf } from '../../i18n/index.ts';

const sv = {
  'pagination.landmark': 'Sidnumrering',
  'pagination.previous': 'Föregående',
  'pagination.previousHidden': ' sida',
  'pagination.next': 'Nästa',
  'pagination.nextHidden': ' sida',
  'pagination.page': 'Sida {number}',
  'warningText.iconFallback': 'Varning',
  'tabs.title': 'Innehåll',
  'characterCount.charactersDescription': 'Du kan skriva upp till {count} tecken',
  'characterCount.wordsDescription': 'Du kan skriva upp till {count} ord',
  'characterCount.charactersUnderLimit': { one: 'Du har {count} tecken kvar', other: 'Du har {count} tecken kvar' },
  'characterCount.charactersAtLimit': 'Du har 0 tecken kvar',
  'characterCount.charactersOverLimit': { one: 'Du har {count} tecken för mycket', other: 'Du har {count} tecken för mycket' },
  'characterCount.wordsUnderLimit': { one: 'Du har {count} ord kvar', other: 'Du har {count} ord kvar' },
  'characterCount.wordsAtLimit': 'Du har 0 ord kvar',
  'characterCount.wordsOverLimit': { one: 'Du har {count} ord för mycket', other: 'Du har {count} ord för mycket' },
  'fileUpload.chooseFilesButton': 'Välj fil',
  'fileUpload.dropInstruction': 'eller släpp filen här',
  'fileUpload.noFileChosen': 'Ingen fil vald',
  'fileUpload.multipleFilesChosen': { one: '{count} fil vald', other: '{count} filer valda' },
  'fileUpload.enteredDropZone': 'Filen är över släppytan',
  'fileUpload.leftDropZone': 'Filen är utanför släppytan',
} as const;

const en: TranslationOf<typeof sv> = {
  'pagination.landmark': 'Pagination',
  'pagination.previous': 'Previous',
  'pagination.previousHidden': ' page',
  'pagination.next': 'Next',
  'pagination.nextHidden': ' page',
  'pagination.page': 'Page {number}',
  'warningText.iconFallback': 'Warning',
  'tabs.title': 'Contents',
  'characterCount.charactersDescription': 'You can enter up to {count} characters',
  'characterCount.wordsDescription': 'You can enter up to {count} words',
  'characterCount.charactersUnderLimit': { one: 'You have {count} character remaining', other: 'You have {count} characters remaining' },
  'characterCount.charactersAtLimit': 'You have 0 characters remaining',
  'characterCount.charactersOverLimit': { one: 'You have {count} character too many', other: 'You have {count} characters too many' },
  'characterCount.wordsUnderLimit': { one: 'You have {count} word remaining', other: 'You have {count} words remaining' },
  'characterCount.wordsAtLimit': 'You have 0 words remaining',
  'characterCount.wordsOverLimit': { one: 'You have {count} word too many', other: 'You have {count} words too many' },
  'fileUpload.chooseFilesButton': 'Choose file',
  'fileUpload.dropInstruction': 'or drop file',
  'fileUpload.noFileChosen': 'No file chosen',
  'fileUpload.multipleFilesChosen': { one: '{count} file chosen', other: '{count} files chosen' },
  'fileUpload.enteredDropZone': 'Entered drop zone',
  'fileUpload.leftDropZone': 'Left drop zone',
};

const catalogs = { sv, en, ar: en, fa: en, so: en, ti: en, uk: en }; // TRANSLATE: ar fa so ti uk

export type ComponentKey = keyof typeof sv;

export function componentsTranslator(locale: Locale) {
  return createTranslator(catalogs, locale);
}

/**
 * A message in the form GOV.UK Frontend's scripts read from `data-i18n.*` attributes: plural
 * forms keyed by CLDR category, with `%{count}` placeholders.
 */
export function scriptMessages(locale: Locale, key: ComponentKey): Record<string, string> | string {
  const message: Message = (catalogs[locale] ?? catalogs.sv)[key];
  const toScript = (text: string) => text.replace(/\{count\}/g, '%{count}');
  if (typeof message === 'string') return toScript(message);
  return Object.fromEntries(Object.entries(message).map(([form, text]) => [form, toScript(text as string)]));
}

/** Renders a script message as `data-i18n.<key>[.<plural form>]` attributes. */
export function i18nAttributes(scriptKey: string, message: Record<string, string> | string | undefined): Record<string, string> {
  if (message === undefined) return {};
  if (typeof message === 'string') return { [`data-i18n.${scriptKey}`]: message };
  return Object.fromEntries(Object.entries(message).map(([form, text]) => [`data-i18n.${scriptKey}.${form}`, text]));
}
