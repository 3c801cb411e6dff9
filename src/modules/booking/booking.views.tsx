import type { PageContext } from '../../platform/views/page-context.ts';
import { toLocal } from './local-time.ts';

/** View helpers the booking features share. */

/** "30 november 2026 09:00–10:00" in the page's language, Stockholm time. */
export function whenText(ctx: PageContext, startsAt: Date, endsAt: Date): string {
  return `${ctx.t.formatDate(startsAt, 'long')} ${toLocal(startsAt).time}–${toLocal(endsAt).time}`;
}
