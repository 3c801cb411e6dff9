/** Calendar arithmetic on Swedish days: deadlines and statistics count in Europe/Stockholm. */

import { addDays, lastDayWeeksAfter, stockholmDate } from '../../platform/calendar/swedish-calendar.ts';

export { addDays, stockholmDate };

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

/**
 * An appeal must reach the municipality within three weeks of the day the applicant received
 * the decision (förvaltningslagen 44 §); a last day that falls on a weekend, a public holiday,
 * midsommarafton, julafton or nyårsafton moves to the next weekday (lag (1930:173)).
 */
export const APPEAL_WEEKS = 3;

/** The last day an appeal is on time; null while the decision has not reached the applicant (the time has not begun). */
export function appealLastDay(receivedAt: Date | null): string | null {
  return receivedAt ? lastDayWeeksAfter(stockholmDate(receivedAt), APPEAL_WEEKS) : null;
}

/** Whether an appeal made now is late: only once the time has begun and its last day has passed. */
export function isAppealLate(receivedAt: Date | null, now: Date): boolean {
  const lastDay = appealLastDay(receivedAt);
  return lastDay !== null && stockholmDate(now) > lastDay;
}

/**
 * The day by which the municipality should have forwarded an appeal it has not changed to the
 * appeal body: förvaltningslagen 46 § says "skyndsamt"; we hold it to a week from the day the
 * appeal came in, moved off weekends and holidays like any time limit.
 */
export function appealForwardDueDay(receivedAt: Date): string {
  return lastDayWeeksAfter(stockholmDate(receivedAt), 1);
}

/** The instant a Stockholm day starts (00:00 local; Sweden is UTC+1 in winter, UTC+2 in summer). */
export function startOfStockholmDay(day: string): Date {
  const summer = new Date(`${day}T00:00:00+02:00`);
  return stockholmDate(summer) === day ? summer : new Date(`${day}T00:00:00+01:00`);
}
