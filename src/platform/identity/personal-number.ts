import { z } from 'zod';

/**
 * Swedish personal identity numbers (personnummer, folkbokföringslagen 18 §) and coordination
 * numbers (samordningsnummer, 18 a §: the day of birth plus 60). Pure functions: no I/O, and
 * "today" is a parameter so results are reproducible (default: today in Europe/Stockholm).
 *
 * Stored form: 12 digits YYYYMMDDNNNC. The check digit C is the Luhn (modulus 10, weights
 * 2,1,2,…) digit over the 9 digits YYMMDDNNN. Never log these numbers.
 */

export type PersonalNumberKind = 'personnummer' | 'samordningsnummer';

export interface PersonalNumber {
  /** The stored form: 12 digits, YYYYMMDDNNNC. */
  readonly value: string;
  readonly kind: PersonalNumberKind;
  /** YYYY-MM-DD. For a samordningsnummer the day minus 60. */
  readonly birthDate: string;
}

/**
 * Why a number was rejected: `format` (not one of the accepted shapes), `date` (no such
 * calendar date), `checksum` (wrong check digit), `future` (born after today).
 */
export type PersonalNumberError = 'format' | 'date' | 'checksum' | 'future';

export type PersonalNumberResult =
  { ok: true; personalNumber: PersonalNumber } | { ok: false; error: PersonalNumberError };

export interface PersonalNumberOptions {
  /** YYYY-MM-DD; decides the century of 10-digit forms and what counts as the future. */
  today?: string;
}

const TWELVE_DIGITS = /^(\d{4})(\d{2})(\d{2})-?(\d{3})(\d)$/;
const TEN_DIGITS = /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;
const SAMORDNING_OFFSET = 60;

/**
 * Parses `YYYYMMDD-NNNC`, `YYYYMMDDNNNC`, `YYMMDD-NNNC`, `YYMMDDNNNC` and `YYMMDD+NNNC`.
 * In the 10-digit forms the century follows Skatteverket's rule: the separator changes from
 * `-` to `+` in the year the person turns 100, so `-` means "turns at most 99 this year" and
 * `+` "turns 100 or more this year".
 */
export function parsePersonalNumber(input: string, options: PersonalNumberOptions = {}): PersonalNumberResult {
  if (typeof input !== 'string') return { ok: false, error: 'format' };
  const text = input.trim();
  const today = options.today ?? todayInStockholm();
  const thisYear = Number(today.slice(0, 4));

  const parts = splitParts(text, thisYear);
  if (parts === 'format' || parts === 'date') return { ok: false, error: parts };
  const { year, month, dayField, serial, check } = parts;

  const dayNumber = Number(dayField);
  const kind: PersonalNumberKind = dayNumber > SAMORDNING_OFFSET ? 'samordningsnummer' : 'personnummer';
  const birthDay = kind === 'samordningsnummer' ? dayNumber - SAMORDNING_OFFSET : dayNumber;
  const birthDate = `${pad(year, 4)}-${month}-${pad(birthDay, 2)}`;
  if (!isCalendarDate(birthDate)) return { ok: false, error: 'date' };

  const yymmddnnn = `${pad(year % 100, 2)}${month}${dayField}${serial}`;
  if (luhnCheckDigit(yymmddnnn) !== Number(check)) return { ok: false, error: 'checksum' };
  if (birthDate > today) return { ok: false, error: 'future' };

  return {
    ok: true,
    personalNumber: { value: `${pad(year, 4)}${month}${dayField}${serial}${check}`, kind, birthDate },
  };
}

interface Parts {
  year: number;
  month: string;
  /** The day as written: 01–31, or 61–91 for a samordningsnummer. */
  dayField: string;
  serial: string;
  check: string;
}

function splitParts(text: string, thisYear: number): Parts | 'format' | 'date' {
  const long = TWELVE_DIGITS.exec(text);
  if (long) {
    const year = Number(long[1]);
    // Skatteverket's register holds the centuries 18, 19 and 20 only.
    if (year < 1800) return 'date';
    return { year, month: long[2]!, dayField: long[3]!, serial: long[4]!, check: long[5]! };
  }
  const short = TEN_DIGITS.exec(text);
  if (!short) return 'format';
  // The latest year ending in YY that is not after this year: that person turns 0–99 this year.
  const latest = thisYear - ((((thisYear - Number(short[1])) % 100) + 100) % 100);
  const year = short[4] === '+' ? latest - 100 : latest;
  return { year, month: short[2]!, dayField: short[3]!, serial: short[5]!, check: short[6]! };
}

/** True when `input` is a valid personnummer or samordningsnummer in an accepted form. */
export function isValidPersonalNumber(input: string, options?: PersonalNumberOptions): boolean {
  return parsePersonalNumber(input, options).ok;
}

/** The Luhn check digit for 9 digits YYMMDDNNN (weights 2,1,2,…; digits of products summed). */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new RangeError('luhnCheckDigit needs exactly 9 digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

export interface FormatOptions extends PersonalNumberOptions {
  /**
   * `long` (default): YYYYMMDD-NNNC, unambiguous, for staff screens and letters.
   * `short`: YYMMDD-NNNC, or YYMMDD+NNNC from the year the person turns 100.
   */
  style?: 'long' | 'short';
}

/** Display form of a stored (12-digit) number. Throws on anything that is not 12 digits. */
export function formatPersonalNumber(number: PersonalNumber | string, options: FormatOptions = {}): string {
  const value = typeof number === 'string' ? number : number.value;
  if (!/^\d{12}$/.test(value)) throw new RangeError('formatPersonalNumber needs the stored 12-digit form');
  if (options.style !== 'short') return `${value.slice(0, 8)}-${value.slice(8)}`;
  const thisYear = Number((options.today ?? todayInStockholm()).slice(0, 4));
  const separator = thisYear - Number(value.slice(0, 4)) >= 100 ? '+' : '-';
  return `${value.slice(2, 8)}${separator}${value.slice(8)}`;
}

/**
 * A synthetic, checksum-valid number for test and demo data: birth date + serial (1–999) +
 * computed check digit. SYNTHETIC means invented, not looked up — but every valid-looking
 * number could in principle have been assigned to someone, so these must only ever be used
 * in tests, seeds and demos, never sent to a real register or shown as someone's identity.
 * (Skatteverket publishes test numbers for integrations that need guaranteed-unassigned ones.)
 */
export function syntheticPersonalNumber(
  birthDate: string,
  serial: number,
  options: { kind?: PersonalNumberKind } = {},
): string {
  if (!isCalendarDate(birthDate) || birthDate < '1800-01-01') throw new RangeError(`not a calendar date: ${birthDate}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 999) throw new RangeError('serial must be an integer 1–999');
  const [yyyy, mm, dd] = birthDate.split('-') as [string, string, string];
  const day = options.kind === 'samordningsnummer' ? Number(dd) + SAMORDNING_OFFSET : Number(dd);
  const nine = `${yyyy.slice(2)}${mm}${pad(day, 2)}${pad(serial, 3)}`;
  return `${yyyy}${nine.slice(2)}${luhnCheckDigit(nine)}`;
}

/**
 * zod schema for a personal identity number as typed by a person (any accepted form), with
 * the validation-catalog message code `invalidPersonalNumber`. The value stays as typed; use
 * `normalizedPersonalNumberSchema` to get the stored 12-digit form.
 */
export const personalNumberSchema = z
  .string()
  .trim()
  .refine((value) => isValidPersonalNumber(value), { message: 'invalidPersonalNumber' });

/** As `personalNumberSchema`, output transformed to the stored 12-digit form. */
export const normalizedPersonalNumberSchema = personalNumberSchema.transform((value) => {
  const parsed = parsePersonalNumber(value);
  // The refinement above has already accepted the value; parsing again cannot fail.
  return parsed.ok ? parsed.personalNumber.value : value;
});

/** True for a real YYYY-MM-DD date in the proleptic Gregorian calendar (29 Feb only in leap years). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Europe/Stockholm as YYYY-MM-DD (the sv-SE locale formats dates that way). */
function todayInStockholm(): string {
  return stockholmDate.format(new Date());
}
