import type { FieldError } from '../../../platform/http/errors.ts';
import {
  addDays,
  daysBetween,
  fromLocal,
  isLocalDate,
  isoWeekday,
  LOCAL_TIME,
  type LocalDate,
  type LocalTime,
} from '../local-time.ts';

/**
 * Recurring series (pure): weekly, every other week, monthly by weekday ("second Tuesday", or
 * "last Friday" when the first date lies in its month's last week), until a date or N times.
 * Occurrences are computed on Stockholm wall-clock dates and times, then turned into instants
 * with fromLocal, so a 09:00 meeting stays at 09:00 across the clock changes.
 *
 * The stored rule (booking_series.rule) is `{ freq, until?, count? }`; the weekday and, for
 * monthly series, its ordinal come from the first date. Every rule is also an RFC 5545 RRULE.
 */

export const RECURRENCE_FREQS = ['weekly', 'biweekly', 'monthly-weekday'] as const;
export type RecurrenceFreq = (typeof RECURRENCE_FREQS)[number];

export interface RecurrenceRule {
  freq: RecurrenceFreq;
  /** Last local date an occurrence may fall on (inclusive). */
  until?: LocalDate;
  count?: number;
}

/** The most occurrences one series may have. */
export const MAX_OCCURRENCES = 100;

export interface SeriesPattern {
  firstDate: LocalDate;
  /** Local start time, `HH:MM`. */
  localStart: LocalTime;
  durationMinutes: number;
  rule: RecurrenceRule;
}

export interface Occurrence {
  /** Local date of the occurrence. */
  date: LocalDate;
  startsAt: Date;
  endsAt: Date;
}

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** For a monthly series: which weekday of the month the first date is (1–4, or -1 for the last). */
export function monthlyOrdinal(firstDate: LocalDate): number {
  const [y, m, d] = firstDate.split('-').map(Number) as [number, number, number];
  if (d + 7 > daysInMonth(y, m)) return -1;
  return Math.ceil(d / 7);
}

/** The date of the n-th (or last, n = -1) ISO weekday of a month; undefined when the month has no such day. */
function nthWeekdayOf(year: number, month: number, weekday: number, n: number): LocalDate | undefined {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const firstMatch = 1 + ((weekday - isoWeekday(first) + 7) % 7);
  const days = daysInMonth(year, month);
  const day = n === -1 ? firstMatch + Math.floor((days - firstMatch) / 7) * 7 : firstMatch + (n - 1) * 7;
  if (day > days) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local dates of a rule, from the first date on, at most `limit` of them. */
export function occurrenceDates(firstDate: LocalDate, rule: RecurrenceRule, limit = MAX_OCCURRENCES + 1): LocalDate[] {
  const dates: LocalDate[] = [];
  const within = (date: LocalDate) =>
    (rule.until === undefined || date <= rule.until) &&
    (rule.count === undefined || dates.length < rule.count) &&
    dates.length < limit;
  if (rule.freq === 'monthly-weekday') {
    const weekday = isoWeekday(firstDate);
    const ordinal = monthlyOrdinal(firstDate);
    let [y, m] = firstDate.split('-').map(Number) as [number, number];
    // A month without a fifth weekday is skipped (RFC 5545); ordinals here are 1–4 or last, so never.
    for (let i = 0; i < 12 * 100; i++) {
      const date = nthWeekdayOf(y, m, weekday, ordinal);
      if (date !== undefined && date >= firstDate) {
        if (!within(date)) break;
        dates.push(date);
      }
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
    return dates;
  }
  const step = rule.freq === 'biweekly' ? 14 : 7;
  for (let date = firstDate; within(date); date = addDays(date, step)) dates.push(date);
  return dates;
}

/** The occurrences as instants: each starts at the local start time on its local date. */
export function occurrences(pattern: SeriesPattern, limit = MAX_OCCURRENCES + 1): Occurrence[] {
  return occurrenceDates(pattern.firstDate, pattern.rule, limit).map((date) => {
    const startsAt = fromLocal(date, pattern.localStart);
    return { date, startsAt, endsAt: new Date(startsAt.getTime() + pattern.durationMinutes * 60_000) };
  });
}

export interface RuleInput {
  freq: unknown;
  until?: string | undefined;
  count?: number | undefined;
}

/**
 * Checks a rule as a form or the API sends it. Returns the rule, or field errors (codes are keys
 * of the booking catalog's `errors` section): unknown frequency, both or neither of until and
 * count, until before the first date, a count of 0 or over 100, more than 100 occurrences, or a
 * last occurrence beyond how far ahead the room may be booked.
 */
export function checkRule(
  firstDate: LocalDate,
  localStart: LocalTime,
  input: RuleInput,
  limits: { today: LocalDate; maxDaysAhead: number },
): { rule: RecurrenceRule } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const freq = RECURRENCE_FREQS.find((f) => f === input.freq);
  if (!freq) errors.push({ field: 'freq', code: 'unknownFrequency' });
  const hasUntil = input.until !== undefined && input.until !== '';
  const hasCount = input.count !== undefined;
  if (hasUntil === hasCount) errors.push({ field: 'repeatEnd', code: 'untilOrCount' });
  if (hasUntil && !isLocalDate(input.until!)) errors.push({ field: 'until', code: 'invalidDate' });
  else if (hasUntil && input.until! < firstDate) errors.push({ field: 'until', code: 'untilBeforeStart' });
  if (hasCount && (!Number.isInteger(input.count) || input.count! < 1 || input.count! > MAX_OCCURRENCES)) {
    errors.push({ field: 'count', code: 'countOutOfRange', params: { max: MAX_OCCURRENCES } });
  }
  if (!isLocalDate(firstDate)) errors.push({ field: 'date', code: 'invalidDate' });
  if (!LOCAL_TIME.test(localStart)) errors.push({ field: 'startTime', code: 'invalidTime' });
  if (errors.length > 0 || !freq) return { errors };
  const rule: RecurrenceRule = hasUntil ? { freq, until: input.until! } : { freq, count: input.count! };
  const dates = occurrenceDates(firstDate, rule);
  if (dates.length > MAX_OCCURRENCES)
    return {
      errors: [{ field: hasUntil ? 'until' : 'count', code: 'tooManyOccurrences', params: { max: MAX_OCCURRENCES } }],
    };
  const last = dates[dates.length - 1] ?? firstDate;
  if (daysBetween(limits.today, last) > limits.maxDaysAhead) {
    return {
      errors: [
        { field: hasUntil ? 'until' : 'count', code: 'seriesTooFarAhead', params: { days: limits.maxDaysAhead, last } },
      ],
    };
  }
  return { rule };
}

function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * The rule as an RFC 5545 RRULE value (for a DTSTART with TZID=Europe/Stockholm). UNTIL is the
 * start of the last possible occurrence, in UTC as §3.3.10 requires with a zoned DTSTART.
 */
export function toRRule(firstDate: LocalDate, localStart: LocalTime, rule: RecurrenceRule): string {
  const weekday = BYDAY[isoWeekday(firstDate) - 1]!;
  const parts =
    rule.freq === 'monthly-weekday'
      ? ['FREQ=MONTHLY', `BYDAY=${monthlyOrdinal(firstDate)}${weekday}`]
      : ['FREQ=WEEKLY', ...(rule.freq === 'biweekly' ? ['INTERVAL=2'] : []), `BYDAY=${weekday}`];
  if (rule.until !== undefined) parts.push(`UNTIL=${utcStamp(fromLocal(rule.until, localStart))}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  return parts.join(';');
}

/** A stored rule (jsonb) read back; anything else is refused. */
export function parseStoredRule(value: unknown): RecurrenceRule {
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<RecurrenceRule> | null;
  const freq = RECURRENCE_FREQS.find((f) => f === v?.freq);
  if (!v || !freq) throw new Error('booking_series.rule is not a recurrence rule');
  return {
    freq,
    ...(typeof v.until === 'string' ? { until: v.until } : {}),
    ...(typeof v.count === 'number' ? { count: v.count } : {}),
  };
}

/** A recurring series as the module speaks of it (booking_series without storage details). */
export interface Series extends SeriesPattern {
  id: string;
  roomId: string;
  bookerId: string;
  title: string;
  attendees: number;
  icalUid: string;
  sequence: number;
  createdAt: Date;
  cancelledAt: Date | null;
}
