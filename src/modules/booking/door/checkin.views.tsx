import type { ComponentChildren } from 'preact';
import { Button } from '../../../platform/views/components/index.ts';
import { CsrfInput } from '../../../platform/views/form.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Booking, Room } from '../booking.schema.ts';
import { canCheckIn, checkInWindow, NO_SHOW_DAYS } from './checkin.service.ts';
import { doorTranslator } from './door.i18n.ts';
import { toLocal } from '../local-time.ts';

/** What check-in adds to the booking page (B1's BookingPage `actions`/`extraRows`) and to My bookings. */

export interface BookingPageExtras {
  actions?: ComponentChildren;
  extraRows: { key: string; value: ComponentChildren }[];
}

function timeText(ctx: PageContext, instant: Date, reference: Date): string {
  const sameDay = toLocal(instant).date === toLocal(reference).date;
  return sameDay ? toLocal(instant).time : `${ctx.t.formatDate(instant, 'long')} ${toLocal(instant).time}`;
}

export function NoShowText({ ctx, count }: { ctx: PageContext; count: number }) {
  const d = doorTranslator(ctx.locale);
  return (
    <>
      {count === 0 ? d.t('noShows.none', { days: NO_SHOW_DAYS }) : d.t('noShows.text', { count, days: NO_SHOW_DAYS })}
    </>
  );
}

/** The check-in row and button for a booking, and (for its booker) their no-show count. */
export function bookingPageExtras(
  ctx: PageContext,
  booking: Booking,
  room: Room,
  now: Date,
  noShows: number | null,
): BookingPageExtras {
  const d = doorTranslator(ctx.locale);
  const window = checkInWindow(booking, room);
  const extraRows: BookingPageExtras['extraRows'] = [];
  let state: string | null = null;
  if (booking.checkedInAt) state = d.t('checkin.at', { time: timeText(ctx, booking.checkedInAt, booking.startsAt) });
  else if (booking.status === 'released' && booking.endedAt)
    state = d.t('checkin.released', { time: timeText(ctx, booking.endedAt, booking.startsAt) });
  else if (window === null) state = d.t('checkin.notNeeded');
  else if (booking.status === 'confirmed' || booking.status === 'pending') {
    state = d.t('checkin.notYet', {
      opens: timeText(ctx, window.opens, booking.startsAt),
      closes: timeText(ctx, window.closes, booking.startsAt),
    });
  }
  if (state) extraRows.push({ key: d.t('checkin.row'), value: <span id="checkin-state">{state}</span> });
  if (noShows !== null) extraRows.push({ key: d.t('noShows.row'), value: <NoShowText ctx={ctx} count={noShows} /> });
  const actions =
    window && canCheckIn(booking, room, now) ? (
      <>
        <h2 class="govuk-heading-m">{d.t('checkin.heading')}</h2>
        <p class="govuk-body">{d.t('checkin.lead', { deadline: toLocal(window.closes).time })}</p>
        <form method="post" action={`/lokaler/bokningar/${booking.id}/checka-in`} novalidate>
          <CsrfInput ctx={ctx} />
          <Button text={d.t('checkin.button')} preventDoubleClick />
        </form>
      </>
    ) : undefined;
  return { actions, extraRows };
}
