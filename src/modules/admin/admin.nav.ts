import { hasRole, STAFF, type Role } from '../../platform/auth/roles.ts';
import type { Config } from '../../platform/config/config.ts';
import type { NavProvider } from '../../platform/http/platform.tsx';
import { adminTranslator } from './admin.i18n.ts';

const STAFF_ROLES = (STAFF as { roles: readonly Role[] }).roles;

/** Navigation: failed jobs for administrators; the dev outbox for staff in dev mode. */
export function adminNav(config: Pick<Config, 'AUTH_MODE'>): NavProvider {
  return (user, _t, locale) => {
    const a = adminTranslator(locale);
    const items: { href: string; label: string }[] = [];
    if (hasRole(user, 'admin')) items.push({ href: '/admin/jobs', label: a.t('nav.jobs') });
    if (config.AUTH_MODE === 'dev' && hasRole(user, ...STAFF_ROLES))
      items.push({ href: '/dev/outbox', label: a.t('nav.outbox') });
    return items;
  };
}
