/**
 * Shared setup of the booking module's database tests (not itself a test file): the demo users,
 * the plain service deps, the fixed test week, `failure()` for expected AppErrors, and for the
 * page tests the visible text of a page and a CSRF-protected form post; an iCalendar text parsed.
 */
import ICAL from 'ical.js';
import type { TestApp } from '../../../test/helpers/app.ts';
import { csrfFor } from '../../../test/helpers/sessions.ts';
import type { User } from '../../platform/auth/roles.ts';
import { findUserByUsername } from '../../platform/auth/user.repository.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BookingDeps } from './booking.service.ts';

/** The test week: the fake clock starts before Monday 30 November 2026. */
export const MONDAY = '2026-11-30';
export const TUESDAY = '2026-12-01';

/** The demo users by username (each must exist). */
export async function users<const N extends string>(t: TestApp, ...names: N[]): Promise<Record<N, User>> {
  const found = {} as Record<N, User>;
  for (const name of names) {
    const user = await findUserByUsername(t.database.db, name);
    if (!user) throw new Error(`no demo user ${name}`);
    found[name] = user;
  }
  return found;
}

/** Service deps with no change hooks: the test app's database and fake clock. */
export const plainDeps = (t: TestApp): BookingDeps => ({ db: t.database.db, clock: t.clock });

/** The AppError the call fails with (any other error, or none, fails the test). */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Visible text of an HTML page, tags dropped and whitespace collapsed. */
export const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** Posts a form as a browser would: the CSRF token and cookies from `pageUrl`, then `fields`. */
export async function postForm(
  t: TestApp,
  url: string,
  cookies: Record<string, string>,
  pageUrl: string,
  fields: Record<string, string | string[]>,
) {
  const form = await csrfFor(t, cookies, pageUrl);
  const body = new URLSearchParams();
  body.append('_csrf', form.token);
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  return t.app.inject({
    method: 'POST',
    url,
    cookies: form.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

/** An iCalendar text (an invite or a feed) parsed, its Stockholm time zone registered for ICAL.Event. */
export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!), 'Europe/Stockholm');
  return calendar;
}
