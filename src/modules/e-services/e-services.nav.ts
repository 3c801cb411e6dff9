import { hasRole } from '../../platform/auth/roles.ts';
import type { NavProvider } from '../../platform/http/platform.tsx';
import { caseworkerTranslator } from './caseworker.i18n.ts';
import { myPagesTranslator } from './my-pages.i18n.ts';
import { printQueueTranslator } from './delivery/print-queue.i18n.ts';

/** Navigation: "Mina sidor" for residents; the workspace and statistics for caseworkers; e-service settings for administrators. */
export const eServicesNav: NavProvider = (user, _t, locale) => {
  const items: { href: string; label: string }[] = [];
  if (hasRole(user, 'resident')) items.push({ href: '/mina-sidor', label: myPagesTranslator(locale).t('nav.myPages') });
  if (hasRole(user, 'caseworker', 'admin')) {
    const c = caseworkerTranslator(locale);
    items.push(
      { href: '/handlaggning', label: c.t('nav.workspace') },
      { href: '/handlaggning/statistik', label: c.t('nav.statistics') },
      { href: '/handlaggning/utskrift', label: printQueueTranslator(locale).t('nav.printQueue') },
    );
  }
  if (hasRole(user, 'admin'))
    items.push({ href: '/admin/e-tjanster', label: caseworkerTranslator(locale).t('nav.eServices') });
  return items;
};
