import type { PageContext } from '../../../platform/views/page-context.ts';
import { whenText } from '../booking.views.tsx';
import { toLocal } from '../local-time.ts';
import { finderTranslator } from './finder.i18n.ts';
import type { DayOffer, NoFitReason } from './finder.service.ts';

/** The finder's answer when nothing fits: why, and the asked time on the next open days. */

function reasonText(ctx: PageContext, reason: NoFitReason): string {
  const f = finderTranslator(ctx.locale);
  switch (reason.code) {
    case 'overCapacity':
      return f.t('nofit.reason.overCapacity', { people: reason.people, largest: reason.largest });
    case 'duration':
      return f.t('nofit.reason.duration', { min: reason.min, max: reason.max });
    case 'tooFarAhead':
      return f.t('nofit.reason.tooFarAhead', { days: reason.days });
    case 'closedDay': {
      const weekdays = f.t(`nofit.weekdays.${reason.weekday}` as 'nofit.weekdays.1');
      return reason.building
        ? f.t('nofit.reason.closedDayBuilding', { building: reason.building, weekdays })
        : f.t('nofit.reason.closedDay', { weekdays });
    }
    case 'outsideHours':
      return f.t('nofit.reason.outsideHours', { opens: reason.opens, closes: reason.closes });
    case 'taken':
      return f.t('nofit.reason.taken');
    case 'noRoom':
      return f.t('nofit.reason.noRoom');
  }
}

function weekday(ctx: PageContext, at: Date): string {
  const name = new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'sv-SE', {
    weekday: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(at);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Why nothing fits, in plain words: one line a reason. */
export function NoFitReasons({ ctx, reasons }: { ctx: PageContext; reasons: readonly NoFitReason[] }) {
  if (reasons.length === 0) return null;
  const f = finderTranslator(ctx.locale);
  return (
    <>
      <h3 class="govuk-heading-m">{f.t('nofit.whyHeading')}</h3>
      <ul class="govuk-list govuk-list--bullet">
        {reasons.map((r) => (
          <li>{reasonText(ctx, r)}</li>
        ))}
      </ul>
    </>
  );
}

/** The asked time on the next open days, each a link to the booking form filled in. */
export function NextDays({
  ctx,
  offers,
  askedStart,
  href,
}: {
  ctx: PageContext;
  offers: readonly DayOffer[];
  askedStart: Date;
  href: (offer: DayOffer) => string;
}) {
  if (offers.length === 0) return null;
  const f = finderTranslator(ctx.locale);
  const time = toLocal(offers[0]!.startsAt).time;
  return (
    <>
      <h3 class="govuk-heading-m">{f.t('nofit.nextDaysHeading')}</h3>
      {time !== toLocal(askedStart).time && <p class="govuk-body">{f.t('nofit.nextDaysMoved', { time })}</p>}
      <ul class="govuk-list">
        {offers.map((o) => (
          <li>
            <a class="govuk-link" href={href(o)}>
              {f.t('nofit.nextDay', {
                when: `${weekday(ctx, o.startsAt)} ${whenText(ctx, o.startsAt, o.endsAt)}`,
                room: `${o.room.name}, ${o.room.buildingName}`,
              })}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
