import { Button } from '../../../platform/views/components/index.ts';
import { CsrfInput } from '../../../platform/views/form.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { canCheckIn, checkInWindow } from '../door/checkin.service.ts';
import { doorTranslator } from '../door/door.i18n.ts';
import { toLocal } from '../local-time.ts';
import type { MyDayItem } from './booking-pages.service.ts';
import { finderTranslator } from './finder.i18n.ts';

/**
 * "My day" on the booking landing page: today's meetings, soonest first, each a link to its
 * booking, with a check-in button while its window is open (back to this page afterwards).
 */
export function MyDay({ ctx, items, now }: { ctx: PageContext; items: MyDayItem[]; now: Date }) {
  const f = finderTranslator(ctx.locale);
  const d = doorTranslator(ctx.locale);
  return (
    <section aria-labelledby="my-day-heading" class="smb-my-day">
      <h2 class="govuk-heading-m" id="my-day-heading">
        {f.t('myDay.heading')}
      </h2>
      {items.length === 0 ? (
        <p class="govuk-body">{f.t('myDay.none')}</p>
      ) : (
        <ul class="govuk-list smb-my-day__list">
          {items.map(({ booking, room }) => {
            const window = checkInWindow(booking, room);
            const time = `${toLocal(booking.startsAt).time}–${toLocal(booking.endsAt).time}`;
            return (
              <li class="smb-my-day__item">
                <a class="govuk-link govuk-!-font-weight-bold" href={`/lokaler/bokningar/${booking.id}`}>
                  {time} {booking.title}
                </a>
                <span class="smb-my-day__where">
                  {room.name}, {room.buildingName}
                  {booking.status === 'pending' && `. ${f.t('status.pending')}`}
                </span>
                {canCheckIn(booking, room, now) ? (
                  <form method="post" action={`/lokaler/bokningar/${booking.id}/checka-in`} novalidate>
                    <CsrfInput ctx={ctx} />
                    <input type="hidden" name="tillbaka" value="lokaler" />
                    <Button
                      text={f.t('myDay.checkIn', { time: toLocal(booking.startsAt).time })}
                      classes="govuk-!-margin-bottom-0"
                      preventDoubleClick
                    />
                  </form>
                ) : booking.checkedInAt ? (
                  <span class="smb-my-day__state">
                    {d.t('checkin.at', { time: toLocal(booking.checkedInAt).time })}
                  </span>
                ) : window && booking.status === 'confirmed' && now < window.opens ? (
                  <span class="smb-my-day__state">
                    {f.t('myDay.checkInFrom', { time: toLocal(window.opens).time })}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Links to each building's grid, the preferred building first. */
export function BuildingGridLinks({
  ctx,
  buildings,
  preferredBuildingId,
  date,
}: {
  ctx: PageContext;
  buildings: { id: string; name: string }[];
  preferredBuildingId: string | null;
  date: string;
}) {
  const f = finderTranslator(ctx.locale);
  const ordered = [
    ...buildings.filter((b) => b.id === preferredBuildingId),
    ...buildings.filter((b) => b.id !== preferredBuildingId),
  ];
  return (
    <section aria-labelledby="grids-heading">
      <h2 class="govuk-heading-m" id="grids-heading">
        {f.t('grids.heading')}
      </h2>
      <p class="govuk-body">{f.t('grids.lead')}</p>
      <ul class="govuk-list smb-grid-links">
        {ordered.map((b) => (
          <li>
            <a class="govuk-link" href={`/lokaler/hus/${b.id}?datum=${encodeURIComponent(date)}`}>
              {b.name}
            </a>
            {b.id === preferredBuildingId && ` (${f.t('grids.preferred')})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
