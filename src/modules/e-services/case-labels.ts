import { caseworkerTranslator } from './caseworker.i18n.ts';
import { legalReferenceText } from '../../platform/legal/legal-reference.ts';

/**
 * What a caseworker reads instead of an e-service's keys: each e-service plug-in brings its own
 * Swedish labels for the keys of its answers, its facts and its rule results (and the values
 * of enumerated keys, its fact sources and its reason codes). The caseworker screen presents
 * any case through them; a key without a label falls back to a humanised key, never to JSON.
 *
 * The labels are Swedish only: they name the e-service's legal and administrative terms, and
 * the case is worked in Swedish. The screen's own texts (Ja/Nej, "Inte angivet") are translated.
 */

/** How one key reads. */
export interface KeyLabel {
  /** The label, e.g. "Födelsedatum". */
  readonly label: string;
  /** Labels of the values of an enumerated key, e.g. `folkbokford` → "Folkbokförd i Sverige". */
  readonly values?: Readonly<Record<string, string>>;
  /** What an absent value (null) means for this key, instead of "Inte angivet". */
  readonly absent?: string;
  /**
   * How to read a value beyond its type: `month` shows a date's month and year (a month stored
   * as its first day), `languages` names ISO 639 codes ("ar" → "arabiska"), `text` keeps the
   * line breaks of text someone wrote, `legalRef` writes a legal reference as its full citation
   * ("SkolL 29 kap. 3 §" → "skollagen (2010:800) 29 kap. 3 §"; staff pages link it). Dates
   * (YYYY-MM-DD), booleans and numbers need nothing.
   */
  readonly format?: 'month' | 'languages' | 'text' | 'legalRef';
}

/** An e-service's labels (see EServicePlugin.labels). Dotted keys name nested values: `preferences.pace`. */
export interface CaseLabels {
  /** The keys of the case's answers (cases.answers), in the order the answers are to be read. */
  readonly answers: Readonly<Record<string, KeyLabel>>;
  /** The names of the facts the rules decide on (case_facts.name), in reading order. */
  readonly facts: Readonly<Record<string, KeyLabel>>;
  /** Keys in the rule set's results and trace (outcome, reasons, derived dates, …). */
  readonly results: Readonly<Record<string, KeyLabel>>;
  /** Where facts come from (case_facts.source), e.g. `population-register` → "Folkbokföringen". */
  readonly sources: Readonly<Record<string, string>>;
  /** The rule set's reason codes, in a few words, e.g. `AGE_BELOW_THRESHOLD` → "För ung för sfi". */
  readonly reasons: Readonly<Record<string, string>>;
}

/** No labels at all: an e-service without a plug-in; everything falls back to humanised keys. */
export const NO_LABELS: CaseLabels = { answers: {}, facts: {}, results: {}, sources: {}, reasons: {} };

/** "applicant.birthDate" → "Applicant – birth date": readable, and plainly not a label someone wrote. */
export function humaniseKey(key: string): string {
  const text = key
    .split('.')
    .map((part) =>
      part
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/[-_]+/g, ' ')
        .toLowerCase()
        .trim(),
    )
    .filter(Boolean)
    .join(' – ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value to show: its label (or humanised key), and whether the label is one the e-service wrote. */
export interface LabelledValue {
  key: string;
  label: string;
  /** False when the label is a humanised key (no label in the catalogue). */
  labelled: boolean;
  value: unknown;
  spec: KeyLabel | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Nested objects as dotted keys; arrays and null stay one value. */
export function flattenValues(value: Record<string, unknown>, prefix = ''): { key: string; value: unknown }[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isPlainObject(child) && Object.keys(child).length > 0
      ? flattenValues(child, path)
      : [{ key: path, value: child }];
  });
}

/**
 * An object's values with their labels from `catalogue`, in the catalogue's order (keys it does
 * not know last, in their own order, with humanised keys).
 */
export function labelValues(
  value: Record<string, unknown>,
  catalogue: Readonly<Record<string, KeyLabel>>,
): LabelledValue[] {
  const order = new Map(Object.keys(catalogue).map((key, i) => [key, i]));
  return flattenValues(value)
    .map((entry, i) => ({ entry, rank: order.get(entry.key) ?? order.size + i }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ entry }) => labelOne(entry.key, entry.value, catalogue));
}

/** One key and value with its label from `catalogue`. */
export function labelOne(key: string, value: unknown, catalogue: Readonly<Record<string, KeyLabel>>): LabelledValue {
  const spec = catalogue[key];
  return { key, label: spec?.label ?? humaniseKey(key), labelled: !!spec, value, spec };
}

/** The screen's own words for values, in the page's language. */
export interface ValueWords {
  yes: string;
  no: string;
  absent: string;
  formatDate(date: Date): string;
  formatMonth(date: Date): string;
  formatNumber(value: number): string;
  languageName(code: string): string | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

/** Noon UTC of a calendar date: the same day in Stockholm whatever the season. */
function calendarDate(iso: string): Date {
  return new Date(`${iso.length === 7 ? `${iso}-01` : iso}T12:00:00Z`);
}

/**
 * A value as a person reads it: dates in words, Ja/Nej, enumerations by their label, lists
 * joined, absence said in words; objects in a list become one line each ("Skäl: …; Lagrum: …").
 * Never JSON: an object without labels is written as "key: value" pairs.
 */
export function formatValue(
  value: unknown,
  spec: KeyLabel | undefined,
  words: ValueWords,
  catalogue: Readonly<Record<string, KeyLabel>> = {},
): string {
  if (value === null || value === undefined || value === '') return spec?.absent ?? words.absent;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return words.formatNumber(value);
  if (typeof value === 'string') {
    const labelled = spec?.values?.[value];
    if (labelled !== undefined) return labelled;
    if (spec?.format === 'legalRef') return legalReferenceText(value);
    if (spec?.format === 'languages' && /^[a-z]{2,3}$/.test(value)) return words.languageName(value) ?? value;
    if (spec?.format === 'month' && (ISO_DATE.test(value) || ISO_MONTH.test(value)))
      return words.formatMonth(calendarDate(value));
    if (ISO_DATE.test(value)) return words.formatDate(calendarDate(value));
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return spec?.absent ?? words.absent;
    if (value.every((item) => !isPlainObject(item)))
      return value.map((item) => formatValue(item, spec, words, catalogue)).join(', ');
    return value.map((item) => formatValue(item, undefined, words, catalogue)).join('\n');
  }
  if (isPlainObject(value)) {
    return labelValues(value, catalogue)
      .map((entry) => `${entry.label}: ${formatValue(entry.value, entry.spec, words, catalogue)}`)
      .join('; ');
  }
  return String(value);
}

/**
 * The case's data (answers, facts, the rule trace) reads in Swedish on every staff page and in
 * the case file: its labels are the e-service's Swedish terms, so its values are written in
 * Swedish too (on an English page the block is marked `lang="sv"`).
 */
export function swedishValueWords(): ValueWords {
  const sv = caseworkerTranslator('sv');
  const month = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' });
  const languages = new Intl.DisplayNames('sv-SE', { type: 'language', fallback: 'none' });
  return {
    yes: sv.t('value.yes'),
    no: sv.t('value.no'),
    absent: sv.t('value.absent'),
    formatDate: (date) => sv.formatDate(date, 'long'),
    formatMonth: (date) => month.format(date),
    formatNumber: (value) => sv.formatNumber(value),
    languageName: (code) => languages.of(code),
  };
}
