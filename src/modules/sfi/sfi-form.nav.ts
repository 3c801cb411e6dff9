import { hasRole } from '../../platform/auth/roles.ts';
import type { NavProvider } from '../../platform/http/platform.tsx';
import { sfiFormTranslator } from './sfi-form.i18n.ts';
import { SFI_FORM_PATH } from './sfi-form.views.tsx';

/** "Ansök till sfi" in the navigation of signed-in residents (everyone else finds it on the start page). */
export const sfiFormNav: NavProvider = (user, _t, locale) =>
  hasRole(user, 'resident') ? [{ href: SFI_FORM_PATH, label: sfiFormTranslator(locale).t('nav.apply') }] : [];
