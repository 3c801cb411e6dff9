import type { FastifyRequest } from 'fastify';
import { ADMIN, isAllowed, STAFF, type User } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import type { NavProvider } from '../../platform/http/platform.tsx';
import { approvesAnyRoom } from './approval/approval.service.ts';
import { bookingTranslator } from './booking.i18n.ts';
import { mayViewInsight } from './insight/insight.service.ts';

/**
 * Navigation: "Boka rum" (the finder) and "Kalenderlänkar" (calendar feeds) for all staff;
 * "Godkännanden" for those who approve some room (administrators, members of a room's approver
 * group: approvesAnyRoom); "Beläggning" for administrators and the facilities group
 * (mayViewInsight); "Lokaler" (room administration) for administrators.
 *
 * Group membership is in the database and a NavProvider is synchronous, so the booking routes
 * look it up before their handlers (navFactsHook) and leave it here for the request's user. On
 * other modules' pages a non-administrator's group links are therefore not shown (administrators
 * see theirs everywhere: their role decides).
 */

export interface NavFacts {
  approves: boolean;
  insight: boolean;
}

const factsOf = new WeakMap<User, NavFacts>();

/** The booking routes' preHandler: a staff member's group-based links, for pages (GET) only. */
export function navFactsHook(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    const user = request.user;
    if (request.method !== 'GET' || !user || user.kind !== 'staff' || isAllowed(ADMIN, user)) return;
    if (request.url.startsWith('/api/')) return;
    const [approves, insight] = await Promise.all([approvesAnyRoom(db, user), mayViewInsight(db, user)]);
    factsOf.set(user, { approves, insight });
  };
}

/**
 * Which group-based booking links a user gets: what the preHandler found for this request, or
 * (outside the booking routes, or for an administrator) looked up now. Pages that link to
 * approvals or insight themselves ask here, so a request asks the database once.
 */
export async function bookingLinksOf(db: Db, user: User): Promise<NavFacts> {
  if (isAllowed(ADMIN, user)) return { approves: true, insight: true };
  const known = factsOf.get(user);
  if (known) return known;
  const [approves, insight] = await Promise.all([approvesAnyRoom(db, user), mayViewInsight(db, user)]);
  return { approves, insight };
}

export const bookingNav: NavProvider = (user, _t, locale) => {
  if (!user || !isAllowed(STAFF, user)) return [];
  const b = bookingTranslator(locale);
  const admin = isAllowed(ADMIN, user);
  const facts = admin ? { approves: true, insight: true } : factsOf.get(user);
  return [
    { href: '/lokaler', label: b.t('nav.booking') },
    ...(facts?.approves ? [{ href: '/lokaler/godkannanden', label: b.t('nav.approvals') }] : []),
    ...(facts?.insight ? [{ href: '/lokaler/insikt', label: b.t('nav.insight') }] : []),
    { href: '/lokaler/kalender', label: b.t('nav.feeds') },
    ...(admin ? [{ href: '/admin/lokaler', label: b.t('nav.roomsAdmin') }] : []),
  ];
};
