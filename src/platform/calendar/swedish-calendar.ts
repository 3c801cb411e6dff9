/**
 * The Swedish calendar that legal time limits count in: Stockholm days, the public holidays of
 * lag (1989:253) om allmänna helgdagar, and lag (1930:173) om beräkning av lagstadgad tid, which
 * moves a time limit's last day off a Saturday, a Sunday, a public holiday, midsommarafton,
 * julafton or nyårsafton to the next weekday. Every deadline in the platform counts here.
 *
 * Written here rather than taken from a holiday library: the law is thirteen dated rules and
 * Easter, while the libraries ship every country's data and classify days by their own types,
 * not by the two Swedish acts (the tests check our days against date-holidays for 2025–2035).
 */

/** A calendar day, `YYYY-MM-DD`, in the Stockholm calendar. */
export type Day = string;

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Stockholm calendar day of an instant. */
export function stockholmDate(instant: Date): Day {
  // Intl formatting costs microseconds and every kept page asks for today's date: the answer is
  // kept for its minute (Stockholm's offset is whole hours, so a day begins on a minute boundary).
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = DAY_FORMAT.format(instant);
    lastMinute = minute;
  }
  return lastDay;
}
let lastMinute = NaN;
let lastDay: Day = '';

/** Adds days to a day (calendar days, no time zone involved). */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Day of the week: Monday 1 … Sunday 7 (ISO 8601). */
export function isoWeekday(day: Day): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

function dayOf(year: number, month: number, date: number): Day {
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** The first day from `from` on (inclusive) that falls on the ISO weekday given. */
function firstWeekdayFrom(from: Day, weekday: number): Day {
  return addDays(from, (weekday - isoWeekday(from) + 7) % 7);
}

/** Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, date);
}

export interface NamedDay {
  day: Day;
  /** The day's Swedish name as the law writes it. */
  name: string;
}

/** The public holidays (allmänna helgdagar) of a year, lag (1989:253) 1 §, in date order. */
export function publicHolidays(year: number): NamedDay[] {
  const easter = easterSunday(year);
  const days: NamedDay[] = [
    { day: dayOf(year, 1, 1), name: 'nyårsdagen' },
    { day: dayOf(year, 1, 6), name: 'trettondedag jul' },
    { day: addDays(easter, -2), name: 'långfredagen' },
    { day: easter, name: 'påskdagen' },
    { day: addDays(easter, 1), name: 'annandag påsk' },
    { day: dayOf(year, 5, 1), name: 'första maj' },
    { day: addDays(easter, 39), name: 'Kristi himmelsfärdsdag' },
    { day: addDays(easter, 49), name: 'pingstdagen' },
    { day: dayOf(year, 6, 6), name: 'Sveriges nationaldag' },
    // The Saturday from 20 to 26 June, and the Saturday from 31 October to 6 November.
    { day: firstWeekdayFrom(dayOf(year, 6, 20), 6), name: 'midsommardagen' },
    { day: firstWeekdayFrom(dayOf(year, 10, 31), 6), name: 'alla helgons dag' },
    { day: dayOf(year, 12, 25), name: 'juldagen' },
    { day: dayOf(year, 12, 26), name: 'annandag jul' },
  ];
  return days.sort((x, y) => x.day.localeCompare(y.day));
}

/**
 * The days lag (1930:173) 2 § treats like a public holiday besides the holidays themselves
 * (Saturdays and Sundays aside): midsommarafton (the Friday before midsommardagen), julafton
 * and nyårsafton.
 */
export function holidayEves(year: number): NamedDay[] {
  return [
    { day: firstWeekdayFrom(dayOf(year, 6, 19), 5), name: 'midsommarafton' },
    { day: dayOf(year, 12, 24), name: 'julafton' },
    { day: dayOf(year, 12, 31), name: 'nyårsafton' },
  ];
}

const closedDaysByYear = new Map<number, Map<Day, string>>();

/** The days of a year on which a time limit cannot end, with their names (weekends aside). */
function closedDaysOf(year: number): Map<Day, string> {
  let days = closedDaysByYear.get(year);
  if (!days) {
    days = new Map([...publicHolidays(year), ...holidayEves(year)].map((d) => [d.day, d.name]));
    closedDaysByYear.set(year, days);
  }
  return days;
}

/**
 * Why a time limit cannot end on this day — "lördag", "söndag", or the holiday's name — or
 * null when it can (lag (1930:173) 2 §).
 */
export function whyNotALastDay(day: Day): string | null {
  const holiday = closedDaysOf(Number(day.slice(0, 4))).get(day);
  if (holiday) return holiday;
  const weekday = isoWeekday(day);
  if (weekday === 6) return 'lördag';
  if (weekday === 7) return 'söndag';
  return null;
}

/** The last day of a time limit that would end on `day`: that day, or the next one it may end on. */
export function lastDayOfTimeLimit(day: Day): Day {
  let last = day;
  while (whyNotALastDay(last) !== null) last = addDays(last, 1);
  return last;
}

/**
 * The last day of a time limit of some weeks counted from a day, e.g. "within three weeks from
 * the day the applicant received the decision" (förvaltningslagen 44 §): the same weekday
 * `weeks` later, moved to the next possible day under lag (1930:173).
 */
export function lastDayWeeksAfter(from: Day, weeks: number): Day {
  return lastDayOfTimeLimit(addDays(from, weeks * 7));
}

/**
 * The day `count` working days after `from` (working days: not a Saturday, Sunday, public
 * holiday, midsommarafton, julafton or nyårsafton), e.g. when a posted letter is presumed to
 * have arrived.
 */
export function addWorkingDays(from: Day, count: number): Day {
  let day = from;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (whyNotALastDay(day) === null) left -= 1;
  }
  return day;
}
