import type { FieldError } from '../../../platform/http/errors.ts';
import {
  Button,
  Checkboxes,
  Fieldset,
  InsetText,
  Radios,
  SummaryList,
  Table,
  Tag,
  TextInput,
  WarningText,
  type SummaryListRow,
  type TagColour,
} from '../../../platform/views/components/index.ts';
import { CsrfInput, formView, type FormState, type FormValues } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ScrollRegion } from '../../../platform/views/scroll-region.tsx';
import { StackedTable } from '../../../platform/views/stacked-table.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { bookingTranslator } from '../booking.i18n.ts';
import type { Booking, BookingStatus, Room } from '../booking.schema.ts';
import { fromLocal, toLocal } from '../local-time.ts';
import { MAX_OCCURRENCES, monthlyOrdinal, RECURRENCE_FREQS, type Series } from './recurrence.ts';
import { seriesTranslator, type SeriesTranslator } from './series.i18n.ts';
import { SlotFields, type SlotFormValues } from '../slot-form.tsx';
import type { MissedOffer, OccurrenceRow, PreviewRow } from './series.service.ts';

/** The series form (/lokaler/boka/serie) and a series' page (/lokaler/serier/:id). */

export interface SeriesFormValues extends SlotFormValues {
  upprepa: string;
  till: string;
  antal: string;
}

/** Booking-catalog text for a field error, if it has one (else the platform's generic text). */
function errorText(locale: PageContext['locale'], error: FieldError): string | undefined {
  const b = bookingTranslator(locale);
  const key = `errors.${error.code}` as Parameters<typeof b.t>[0];
  const text = b.t(key, error.params);
  return text === key ? undefined : text;
}

export function SeriesFormPage({
  ctx,
  room,
  form,
}: {
  ctx: PageContext;
  room: Room;
  form: FormState<SeriesFormValues>;
}) {
  const s = seriesTranslator(ctx.locale);
  const v = formView(ctx, form, {
    fields: {
      datum: {},
      start: {},
      slut: {},
      titel: { label: s.t('series.field.title') },
      deltagare: { label: s.t('series.field.attendees') },
      upprepa: {},
      till: {},
      antal: { label: s.t('series.field.count') },
    },
    messages: (e) => errorText(ctx.locale, e),
  });
  const title = s.t('series.formTitle', { room: room.name });
  const single = new URLSearchParams({
    rum: room.id,
    ...(v.value('datum') ? { datum: v.value('datum') } : {}),
    ...(v.value('start') ? { start: v.value('start') } : {}),
    ...(v.value('slut') ? { slut: v.value('slut') } : {}),
  });
  return (
    <Layout ctx={ctx} title={title} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body">
        {s.t('series.roomFacts', { building: room.buildingName, floor: room.floor, capacity: room.capacity })}
      </p>
      {room.isPrivate && <InsetText text={s.t('series.privateHint')} />}
      {room.rules.approvalRequired && <WarningText locale={ctx.locale} text={s.t('series.approvalNote')} />}
      <form method="post" action="/lokaler/boka/serie" novalidate>
        <CsrfInput ctx={ctx} />
        <SlotFields
          roomId={room.id}
          v={v}
          texts={{
            date: s.t('series.firstDate'),
            dateHint: s.t('series.dateHint'),
            start: s.t('series.start'),
            end: s.t('series.end'),
            timeHint: s.t('series.timeHint'),
            title: s.t('series.titleField'),
            titleHint: s.t('series.titleHint'),
            attendees: s.t('series.attendees'),
          }}
        />
        <Radios
          {...v.radios('upprepa')}
          fieldset={{ legend: { text: s.t('series.repeat'), classes: 'govuk-fieldset__legend--m' } }}
          items={RECURRENCE_FREQS.map((freq) => ({
            value: freq,
            text: s.t(`series.freq.${freq}`),
            ...(freq === 'monthly-weekday' ? { hint: { text: s.t('series.freq.monthlyHint') } } : {}),
          }))}
        />
        {/* Both end fields are always shown (a conditional reveal's script marks radios aria-expanded, which axe refuses). */}
        <Fieldset legend={{ text: s.t('series.ends'), classes: 'govuk-fieldset__legend--m' }} describedBy="slutar-hint">
          <div id="slutar-hint" class="govuk-hint">
            {s.t('series.endsHint')} {s.t('series.limitsHint', { max: MAX_OCCURRENCES, days: room.rules.maxDaysAhead })}
          </div>
          <TextInput
            {...v.text('till')}
            label={{ text: s.t('series.until') }}
            hint={{ text: s.t('series.dateHint') }}
            classes="govuk-input--width-10"
            inputmode="numeric"
            autocomplete="off"
          />
          <TextInput
            {...v.text('antal')}
            label={{ text: s.t('series.count') }}
            hint={{ text: s.t('series.countHint', { max: MAX_OCCURRENCES }) }}
            classes="govuk-input--width-3"
            inputmode="numeric"
            autocomplete="off"
          />
        </Fieldset>
        {/* Nothing is booked yet: the next page lists every occurrence, collisions and all (SeriesPreviewPage). */}
        <Button text={s.t('series.continue')} name="steg" value="granska" />
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={`/lokaler/boka?${single.toString()}`}>
          {s.t('series.single')}
        </a>
      </p>
    </Layout>
  );
}

/** A stand-in's checkbox value: the occurrence's start and the suggested room. */
export function standInValue(startsAt: Date, roomId: string): string {
  return `${startsAt.toISOString()}~${roomId}`;
}

export interface SeriesPreviewPageProps {
  ctx: PageContext;
  room: Room;
  /** The form's values, carried on in hidden fields (the key `nyckel` with them). */
  values: FormValues<SeriesFormValues>;
  pattern: Pick<Series, 'firstDate' | 'rule'>;
  rows: readonly PreviewRow[];
}

/**
 * Between the form and the booking: every planned occurrence, free or why it collides, a taken
 * one's room free at the same time as a ticked checkbox, "Book the series" (the same fields and
 * key, so a second click replays) and "Change the details" (the form again, values kept).
 */
export function SeriesPreviewPage({ ctx, room, values, pattern, rows }: SeriesPreviewPageProps) {
  const s = seriesTranslator(ctx.locale);
  const title = s.t('series.preview.title');
  const dateOf = (d: Date) => ctx.t.formatDate(d, 'long');
  const timeOf = (r: PreviewRow) => `${toLocal(r.occurrence.startsAt).time}–${toLocal(r.occurrence.endsAt).time}`;
  const booked = rows.filter((r) => !r.reasons).length;
  const standIns = rows.filter((r) => r.suggestion);
  const value = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  };
  const hidden = ['rum', 'datum', 'start', 'slut', 'titel', 'deltagare', 'upprepa', 'till', 'antal', 'nyckel'].map(
    (name) => [name, value(name)] as const,
  );
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-xl">{title}</h1>
      <SummaryList
        rows={[
          { key: { text: s.t('series.room') }, value: { text: `${room.name}, ${room.buildingName}` } },
          { key: { text: s.t('series.pattern') }, value: { text: patternText(s, ctx.locale, pattern) } },
          { key: { text: s.t('series.time') }, value: { text: `${value('start')}–${value('slut')}` } },
          {
            key: { text: s.t('series.preview.meeting') },
            value: {
              text: s.t('series.preview.meetingText', { title: value('titel'), attendees: value('deltagare') }),
            },
          },
        ]}
      />
      <p class="govuk-body-l">{s.t('series.preview.bookable', { booked, count: rows.length })}</p>
      <p class="govuk-body">{s.t('series.preview.lead')}</p>
      <h2 class="govuk-heading-m">{s.t('series.occurrences')}</h2>
      <StackedTable
        caption={s.t('series.occurrences')}
        head={[s.t('series.col.date'), s.t('series.col.time'), s.t('series.col.status')]}
        rows={rows.map((row) => [
          dateOf(row.occurrence.startsAt),
          timeOf(row),
          !row.reasons ? (
            <Tag text={s.t('series.preview.free')} colour="green" />
          ) : (
            <>
              <Tag text={s.t('series.preview.collides')} colour="red" />
              <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                {row.reasons.some((e) => e.code === 'taken')
                  ? s.t('series.preview.taken')
                  : row.reasons.map((e) => errorText(ctx.locale, e) ?? e.code).join('; ')}
                {row.suggestion !== undefined && ' '}
                {row.suggestion !== undefined &&
                  (row.suggestion
                    ? s.t('series.elsewhere.free', {
                        room: `${row.suggestion.name}, ${row.suggestion.buildingName}`,
                        capacity: row.suggestion.capacity,
                      })
                    : s.t('series.elsewhere.none'))}
              </p>
            </>
          ),
        ])}
      />
      <form method="post" action="/lokaler/boka/serie" novalidate>
        <CsrfInput ctx={ctx} />
        {hidden.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {standIns.length > 0 && (
          <Checkboxes
            name="ersatt"
            fieldset={{ legend: { text: s.t('series.preview.standInsLegend'), classes: 'govuk-fieldset__legend--m' } }}
            hint={{ text: s.t('series.preview.standInsHint') }}
            items={standIns.map((row) => ({
              value: standInValue(row.occurrence.startsAt, row.suggestion!.id),
              text: s.t('series.preview.standIn', {
                room: row.suggestion!.name,
                date: dateOf(row.occurrence.startsAt),
              }),
              hint: {
                text: s.t('series.preview.standInHint', {
                  time: timeOf(row),
                  building: row.suggestion!.buildingName,
                  capacity: row.suggestion!.capacity,
                }),
              },
              checked: true,
            }))}
          />
        )}
        <div class="govuk-button-group">
          <Button text={s.t('series.submit')} name="steg" value="boka" preventDoubleClick />
          <Button text={s.t('series.preview.change')} name="steg" value="andra" variant="secondary" />
        </div>
      </form>
    </Layout>
  );
}

/** The series form for what a single booking form holds (B1's /lokaler/boka links here: "Repeat…"). */
export function seriesFormHref(values: {
  rum: string;
  datum?: string;
  start?: string;
  slut?: string;
  deltagare?: string;
}): string {
  const params = new URLSearchParams({ rum: values.rum });
  for (const [key, value] of [
    ['datum', values.datum],
    ['start', values.start],
    ['slut', values.slut],
    ['personer', values.deltagare],
  ] as const)
    if (value) params.set(key, value);
  return `/lokaler/boka/serie?${params.toString()}`;
}

/** For the booking page (B1's): the row linking an occurrence to its series, for its booker. */
export function seriesSummaryRow(
  ctx: PageContext,
  booking: { seriesId: string | null; bookerId: string },
): SummaryListRow | false {
  if (!booking.seriesId || booking.bookerId !== ctx.user?.id) return false;
  const s = seriesTranslator(ctx.locale);
  return {
    key: { text: s.t('series.partOf') },
    value: {
      children: (
        <a class="govuk-link" href={`/lokaler/serier/${booking.seriesId}`}>
          {s.t('series.partOfLink')}
        </a>
      ),
    },
  };
}

/** The "Repeat…" link under the single booking form. */
export function RepeatLink({ ctx, values }: { ctx: PageContext; values: Parameters<typeof seriesFormHref>[0] }) {
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={seriesFormHref(values)}>
        {seriesTranslator(ctx.locale).t('series.repeatLink')}
      </a>
    </p>
  );
}

function weekdayName(locale: PageContext['locale'], date: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
    weekday: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(fromLocal(date, '12:00'));
}

export function patternText(
  s: SeriesTranslator,
  locale: PageContext['locale'],
  series: Pick<Series, 'firstDate' | 'rule'>,
): string {
  const weekday = weekdayName(locale, series.firstDate);
  if (series.rule.freq === 'monthly-weekday') {
    const ordinal = monthlyOrdinal(series.firstDate);
    return s.t('series.pattern.monthly-weekday', {
      weekday,
      ordinal: s.t(`series.ordinal.${ordinal}` as 'series.ordinal.1'),
    });
  }
  return s.t(`series.pattern.${series.rule.freq}`, { weekday });
}

const STATUS_COLOUR: Record<BookingStatus, TagColour> = {
  confirmed: 'green',
  pending: 'yellow',
  cancelled: 'grey',
  released: 'grey',
  rejected: 'red',
};

export interface SeriesPageProps {
  ctx: PageContext;
  series: Series;
  room: Room;
  rows: OccurrenceRow[];
  /** For the booker: what each future collided occurrence (by start, ms) can be booked as instead. */
  offers?: ReadonlyMap<number, MissedOffer>;
  /** The viewer may read the title: the booker, or anyone for a room that is not private (administrators see "Booked" too). */
  mayReadTitle: boolean;
  now: Date;
}

export function SeriesPage({ ctx, series, room, rows, offers = new Map(), mayReadTitle, now }: SeriesPageProps) {
  const s = seriesTranslator(ctx.locale);
  const shownTitle = mayReadTitle || !room.isPrivate ? series.title : s.t('series.privateTitle');
  const title = s.t('series.pageTitle', { title: shownTitle });
  const first = rows[0]!.planned;
  const last = rows[rows.length - 1]!.planned;
  const active = (r: OccurrenceRow) =>
    r.booking && (r.booking.status === 'pending' || r.booking.status === 'confirmed');
  const counts = {
    booked: rows.filter(active).length,
    missed: rows.filter((r) => r.missed).length,
    cancelled: rows.filter((r) => r.booking?.status === 'cancelled').length,
  };
  const dateOf = (d: Date) => ctx.t.formatDate(d, 'long');
  // Each asks first (seriesCancelUrl's page), like cancelling a single booking: no red button on every row.
  const cancelLink = (scope: 'one' | 'following', bookingId: string, label: string, date: string) => (
    <a class="govuk-link govuk-!-margin-right-3" href={seriesCancelUrl(series.id, scope, bookingId)}>
      {label}
      <span class="govuk-visually-hidden"> {date}</span>
    </a>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-xl">{title}</h1>
      {series.cancelledAt && <WarningText locale={ctx.locale} text={s.t('series.cancelledBanner')} />}
      <SummaryList
        rows={[
          {
            key: { text: s.t('series.room') },
            value: {
              children: (
                <a class="govuk-link" href={`/lokaler/rum/${room.id}`}>{`${room.name}, ${room.buildingName}`}</a>
              ),
            },
          },
          { key: { text: s.t('series.pattern') }, value: { text: patternText(s, ctx.locale, series) } },
          {
            key: { text: s.t('series.time') },
            value: { text: `${toLocal(first.startsAt).time}–${toLocal(first.endsAt).time}` },
          },
          {
            key: { text: s.t('series.period') },
            value: {
              text: series.rule.until
                ? s.t('series.untilText', { first: dateOf(first.startsAt), until: dateOf(last.startsAt) })
                : s.t('series.countText', { count: rows.length, first: dateOf(first.startsAt) }),
            },
          },
        ]}
      />
      <p class="govuk-body">{s.t('series.summaryCounts', counts)}</p>
      <MissedOffers ctx={ctx} s={s} seriesId={series.id} rows={rows} offers={offers} />
      <ScrollRegion label={s.t('series.occurrences')}>
        <Table
          caption={s.t('series.occurrences')}
          captionClasses="govuk-table__caption--m"
          firstCellIsHeader
          head={[s.t('series.col.date'), s.t('series.col.time'), s.t('series.col.status'), s.t('series.col.actions')]}
          rows={rows.map((row) => {
            const b = row.booking;
            const startsAt = b?.startsAt ?? row.planned.startsAt;
            const endsAt = b?.endsAt ?? row.planned.endsAt;
            const date = dateOf(startsAt);
            const status = b ? (
              <Tag text={s.t(`status.${b.status}`)} colour={STATUS_COLOUR[b.status]} />
            ) : (
              <span>
                {row.missed!.some((e) => e.code === 'taken')
                  ? s.t('series.missed.taken')
                  : s.t('series.missed.rule', {
                      reason: row.missed!.map((e) => errorText(ctx.locale, e) ?? e.code).join('; '),
                    })}
              </span>
            );
            const mayCancel = b && active(row) && b.endsAt.getTime() > now.getTime();
            return [
              date,
              `${toLocal(startsAt).time}–${toLocal(endsAt).time}`,
              { children: status },
              {
                children: mayCancel ? (
                  <div>
                    {cancelLink('one', b.id, s.t('series.cancelOne'), date)}
                    {cancelLink('following', b.id, s.t('series.cancelFollowing'), date)}
                    <a class="govuk-link" href={`/lokaler/bokningar/${b.id}`}>
                      {s.t('series.openBooking')}
                      <span class="govuk-visually-hidden"> {date}</span>
                    </a>
                  </div>
                ) : (
                  ''
                ),
              },
            ];
          })}
        />
      </ScrollRegion>
      {!series.cancelledAt && counts.booked > 0 && (
        <>
          <p class="govuk-body">{s.t('series.cancelAllHint')}</p>
          <a
            class="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            href={seriesCancelUrl(series.id, 'all')}
          >
            {s.t('series.cancelAll')}
          </a>
        </>
      )}
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/lokaler/bokningar">
            {s.t('series.backToBookings')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/lokaler/kalender">
            {s.t('series.feedsLink')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

/**
 * The occurrences that collided, each with another room free at the same time and a button that
 * books it (a form: no JavaScript; the service's idempotency key makes a second click a no-op).
 */
function MissedOffers({
  ctx,
  s,
  seriesId,
  rows,
  offers,
}: {
  ctx: PageContext;
  s: SeriesTranslator;
  seriesId: string;
  rows: readonly OccurrenceRow[];
  offers: ReadonlyMap<number, MissedOffer>;
}) {
  const missed = rows.filter((r) => offers.has(r.planned.startsAt.getTime()));
  if (missed.length === 0) return null;
  const action = `/lokaler/serier/${encodeURIComponent(seriesId)}/ersatt`;
  return (
    <section aria-labelledby="missed-heading">
      <h2 class="govuk-heading-m" id="missed-heading">
        {s.t('series.missedHeading', { count: missed.length })}
      </h2>
      <p class="govuk-body">{s.t('series.missedLead')}</p>
      <ul class="govuk-list">
        {missed.map((row) => {
          const offer = offers.get(row.planned.startsAt.getTime())!;
          const date = ctx.t.formatDate(row.planned.startsAt, 'long');
          const when = `${date}, ${toLocal(row.planned.startsAt).time}–${toLocal(row.planned.endsAt).time}`;
          return (
            <li class="govuk-!-margin-bottom-4">
              <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{when}</h3>
              {offer.kind === 'replaced' && (
                <p class="govuk-body">
                  {s.t('series.elsewhere.replaced', { room: `${offer.room.name}, ${offer.room.buildingName}` })}{' '}
                  <a class="govuk-link" href={`/lokaler/bokningar/${offer.booking.id}`}>
                    {s.t('series.elsewhere.openReplacement')}
                    <span class="govuk-visually-hidden"> {date}</span>
                  </a>
                </p>
              )}
              {offer.kind === 'none' && <p class="govuk-body">{s.t('series.elsewhere.none')}</p>}
              {offer.kind === 'suggested' && (
                <form method="post" action={action} novalidate>
                  <CsrfInput ctx={ctx} />
                  <input type="hidden" name="start" value={row.planned.startsAt.toISOString()} />
                  <input type="hidden" name="rum" value={offer.room.id} />
                  <p class="govuk-body govuk-!-margin-bottom-2">
                    {s.t('series.elsewhere.free', {
                      room: `${offer.room.name}, ${offer.room.buildingName}`,
                      capacity: offer.room.capacity,
                    })}
                  </p>
                  <Button variant="secondary" classes="govuk-!-margin-bottom-0" preventDoubleClick>
                    {s.t('series.elsewhere.book', { room: offer.room.name })}
                    <span class="govuk-visually-hidden"> {s.t('series.elsewhere.bookHidden', { date })}</span>
                  </Button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The page that asks before cancelling (GET), and whose form cancels (POST to /avboka). */
export function seriesCancelUrl(seriesId: string, scope: 'one' | 'following' | 'all', bookingId?: string): string {
  const query = new URLSearchParams({ omfattning: scope, ...(bookingId ? { tillfalle: bookingId } : {}) });
  return `/lokaler/serier/${encodeURIComponent(seriesId)}/avboka?${query.toString()}`;
}

export interface SeriesCancelPageProps {
  ctx: PageContext;
  seriesId: string;
  scope: 'one' | 'following' | 'all';
  bookingId: string | undefined;
  /** What would be cancelled now, in date order (seriesCancellation); empty: nothing left. */
  bookings: readonly Booking[];
}

/** "Cancel these occurrences?": the dates listed, a warning button that cancels, a way back. */
export function SeriesCancelPage({ ctx, seriesId, scope, bookingId, bookings }: SeriesCancelPageProps) {
  const s = seriesTranslator(ctx.locale);
  const back = `/lokaler/serier/${encodeURIComponent(seriesId)}`;
  const first = bookings[0];
  const title = !first
    ? s.t('series.confirm.nothing')
    : scope === 'all'
      ? s.t('series.confirm.all')
      : scope === 'one'
        ? s.t('series.confirm.one', { date: ctx.t.formatDate(first.startsAt, 'long') })
        : s.t('series.confirm.following', {
            count: bookings.length,
            date: ctx.t.formatDate(first.startsAt, 'long'),
          });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      {first ? (
        <>
          <h2 class="govuk-heading-s">{s.t('series.confirm.listHeading')}</h2>
          <ul class="govuk-list govuk-list--bullet">
            {bookings.map((b) => (
              <li>{`${ctx.t.formatDate(b.startsAt, 'long')}, ${toLocal(b.startsAt).time}–${toLocal(b.endsAt).time}`}</li>
            ))}
          </ul>
          <WarningText locale={ctx.locale} text={s.t('series.confirm.freed')} />
          <form method="post" action={`/lokaler/serier/${encodeURIComponent(seriesId)}/avboka`} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="omfattning" value={scope} />
            {bookingId && <input type="hidden" name="tillfalle" value={bookingId} />}
            <div class="govuk-button-group">
              <Button text={s.t('series.confirm.yes')} variant="warning" preventDoubleClick />
              <a class="govuk-link" href={back}>
                {s.t('series.confirm.back')}
              </a>
            </div>
          </form>
        </>
      ) : (
        <p class="govuk-body">
          <a class="govuk-link" href={back}>
            {s.t('series.confirm.back')}
          </a>
        </p>
      )}
    </Layout>
  );
}
