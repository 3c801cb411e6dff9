/** Calendar arithmetic on Swedish days: deadlines and statistics count in Europe/Stockholm. */

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Stockholm calendar day of an instant, `YYYY-MM-DD`. */
export function stockholmDate(instant: Date): string {
  return DAY_FORMAT.format(instant);
}

/** Adds days to a `YYYY-MM-DD` day (calendar days, no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** ISO 8601 week of a day, labelled like PostgreSQL's `to_char(…, 'IYYY-"W"IW')`: `2026-W02`. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides its year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday that starts the ISO week `weeksBack` weeks before the one holding `now`. */
export function mondayOfWeeksBack(now: Date, weeksBack: number): string {
  const today = stockholmDate(now);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday - 7 * weeksBack);
}

/** The labels of the last `count` ISO weeks, oldest first, ending with the week holding `now`. */
export function lastIsoWeeks(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => isoWeekOf(mondayOfWeeksBack(now, count - 1 - i)));
}

/** Appeals go to the municipality within three weeks of the decision (förvaltningslagen 44 §). */
export const APPEAL_WEEKS = 3;

/** The last day an appeal is on time: the Stockholm day of the decision plus three weeks. */
export function appealDeadline(decidedAt: Date): string {
  return addDays(stockholmDate(decidedAt), APPEAL_WEEKS * 7);
}

export function isAppealOnTime(decidedAt: Date, now: Date): boolean {
  return stockholmDate(now) <= appealDeadline(decidedAt);
}

/** The instant a Stockholm day starts (00:00 local; Sweden is UTC+1 in winter, UTC+2 in summer). */
export function startOfStockholmDay(day: string): Date {
  const summer = new Date(`${day}T00:00:00+02:00`);
  return stockholmDate(summer) === day ? summer : new Date(`${day}T00:00:00+01:00`);
}
