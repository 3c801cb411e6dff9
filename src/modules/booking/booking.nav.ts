import { ADMIN, isAllowed, STAFF } from '../../platform/auth/roles.ts';
import type { NavProvider } from '../../platform/http/platform.tsx';
import { bookingTranslator } from './booking.i18n.ts';

/** Navigation: "Boka rum" (the finder) for all staff; "Lokaler" (room administration) for administrators. */
export const bookingNav: NavProvider = (user, _t, locale) => [
  ...(isAllowed(STAFF, user) ? [{ href: '/lokaler', label: bookingTranslator(locale).t('nav.booking') }] : []),
  ...(isAllowed(ADMIN, user) ? [{ href: '/admin/lokaler', label: bookingTranslator(locale).t('nav.roomsAdmin') }] : []),
];
