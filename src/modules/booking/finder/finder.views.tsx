import { Button, Checkboxes, Select, Tag, TextInput, WarningText } from '../../../platform/views/components/index.ts';
import { CsrfInput, formView, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { StackedTable } from '../../../platform/views/stacked-table.tsx';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { bookingErrorText, bookingTranslator } from '../booking.i18n.ts';
import { ACCESSIBILITY, EQUIPMENT, PURPOSES, type Alternatives, type Room } from '../booking.schema.ts';
import { finderTranslator, type FinderTranslator } from './finder.i18n.ts';
import type { FinderResult, FoundRoom } from './finder.service.ts';
import { toLocal } from '../local-time.ts';
import { whenText } from '../booking.views.tsx';
import { RepeatLink } from '../series/series.views.tsx';
import { SlotFields, type SlotFormValues } from '../slot-form.tsx';
import { InviteeFields } from '../attendees/attendees.views.tsx';
import { NextDays, NoFitReasons } from './no-fit.views.tsx';
import { BuildingGridLinks, MyDay } from './my-day.views.tsx';
import type { MyDayItem } from './booking-pages.service.ts';

/** Finder page and booking form. Booking, day and room pages are in booking-pages.views.tsx. */

export const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240, 480] as const;

/** The booking form for a room and interval (local date and times in the query). */
export function bookHref(roomId: string, startsAt: Date, endsAt: Date, people?: number): string {
  const s = toLocal(startsAt);
  const e = toLocal(endsAt);
  const params = new URLSearchParams({
    rum: roomId,
    datum: s.date,
    start: s.time,
    slut: e.date === s.date ? e.time : '24:00',
  });
  // The search's people count goes on into the form, so the booking needs no more typing.
  if (people !== undefined && Number.isInteger(people) && people > 0) params.set('personer', String(people));
  return `/lokaler/boka?${params.toString()}`;
}

export function durationText(f: FinderTranslator, minutes: number): string {
  if (minutes === 60) return f.t('common.hour');
  if (minutes > 60 && minutes % 60 === 0) return f.t('common.hours', { hours: minutes / 60 });
  return f.t('common.minutes', { minutes });
}

export function roomFeatures(locale: Locale, room: Room): string {
  const booking = bookingTranslator(locale);
  const parts = [
    ...room.equipment.map((e) => booking.t(`equipment.${e}`)),
    ...room.accessibility.map((a) => booking.t(`accessibility.${a}`)),
  ];
  return parts.length > 0 ? parts.join(', ') : finderTranslator(locale).t('common.none');
}

export interface FinderFormValues {
  date: string;
  start: string;
  duration: string;
  people: string;
  purpose: string;
  building: string;
  floor: string;
  equipment: string[];
  accessibility: string[];
}

export interface FinderPageProps {
  ctx: PageContext;
  buildings: { id: string; name: string }[];
  form: FormState<FinderFormValues>;
  result: FinderResult | null;
  preferredBuildingId: string | null;
  /** The user may see facility insight (administrators, lokalservice): link to it. */
  insightLink?: boolean;
  /** The user's meetings today ("My day"), and the time it is. */
  myDay: MyDayItem[];
  now: Date;
}

export function FinderPage({
  ctx,
  buildings,
  form,
  result,
  preferredBuildingId,
  insightLink = false,
  myDay,
  now,
}: FinderPageProps) {
  const f = finderTranslator(ctx.locale);
  const booking = bookingTranslator(ctx.locale);
  const v = formView(ctx, form, {
    fields: {
      date: {},
      start: {},
      duration: {},
      people: {},
      purpose: {},
      building: {},
      floor: {},
      equipment: {},
      accessibility: {},
    },
    messages: (e) => bookingErrorText(ctx.locale, e),
  });
  const duration = v.value('duration') || '60';
  const people = /^\d{1,4}$/.test(v.value('people').trim()) ? Number(v.value('people').trim()) : undefined;
  // After a search the title says what was found: the first thing a screen reader reads of the page.
  const title =
    result && result.rooms.length > 0
      ? f.t('finder.titleResults', { count: result.rooms.length })
      : f.t('finder.title');
  return (
    <Layout ctx={ctx} title={title} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      <h1 class="govuk-heading-xl">{f.t('finder.title')}</h1>
      <MyDay ctx={ctx} items={myDay} now={now} />
      <p class="govuk-body">
        <a class="govuk-link" href="/lokaler/bokningar">
          {f.t('finder.myBookings')}
        </a>
      </p>
      <BuildingGridLinks
        ctx={ctx}
        buildings={buildings}
        preferredBuildingId={preferredBuildingId}
        date={v.value('date') && !v.errorFor('date') ? v.value('date').trim() : toLocal(now).date}
      />

      {insightLink && (
        <p class="govuk-body">
          <a class="govuk-link" href="/lokaler/insikt">
            {f.t('finder.insight')}
          </a>
        </p>
      )}
      {/* The fragment takes the person to the answer: focus starts there on the next page. */}
      <form method="get" action="/lokaler#results-heading" novalidate>
        <h2 class="govuk-heading-m">{f.t('finder.searchHeading')}</h2>
        <p class="govuk-body">{f.t('finder.lead')}</p>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <TextInput
              {...v.text('date')}
              type="date"
              label={{ text: f.t('finder.date') }}
              hint={{ text: f.t('finder.dateHint') }}
              classes="govuk-input--width-10"
              autocomplete="off"
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <TextInput
              {...v.text('start')}
              type="time"
              label={{ text: f.t('finder.start') }}
              hint={{ text: f.t('finder.timeHint') }}
              classes="govuk-input--width-5"
              autocomplete="off"
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              {...v.text('duration')}
              value={duration}
              label={{ text: f.t('finder.duration') }}
              items={[
                ...((DURATIONS as readonly number[]).includes(Number(duration))
                  ? []
                  : [{ value: duration, text: duration }]),
                ...DURATIONS.map((m) => ({ value: String(m), text: durationText(f, m) })),
              ]}
            />
          </div>
        </div>
        <TextInput
          {...v.text('people')}
          value={v.value('people') || '2'}
          label={{ text: f.t('finder.people') }}
          classes="govuk-input--width-3"
          inputmode="numeric"
          autocomplete="off"
        />
        <Select
          {...v.text('purpose')}
          label={{ text: f.t('finder.purpose') }}
          items={[
            { value: '', text: f.t('common.any') },
            ...PURPOSES.map((p) => ({ value: p, text: booking.t(`purpose.${p}`) })),
          ]}
        />
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Select
              {...v.text('building')}
              label={{ text: f.t('finder.building') }}
              items={[{ value: '', text: f.t('common.any') }, ...buildings.map((b) => ({ value: b.id, text: b.name }))]}
            />
          </div>
          <div class="govuk-grid-column-one-half">
            <TextInput
              {...v.text('floor')}
              label={{ text: f.t('finder.floor') }}
              classes="govuk-input--width-3"
              inputmode="numeric"
              autocomplete="off"
            />
          </div>
        </div>
        <Checkboxes
          {...v.checkboxes('equipment')}
          classes="govuk-checkboxes--small"
          fieldset={{ legend: { text: f.t('finder.equipment'), classes: 'govuk-fieldset__legend--s' } }}
          items={EQUIPMENT.map((e) => ({ value: e, text: booking.t(`equipment.${e}`) }))}
        />
        <Checkboxes
          {...v.checkboxes('accessibility')}
          classes="govuk-checkboxes--small"
          fieldset={{ legend: { text: f.t('finder.accessibility'), classes: 'govuk-fieldset__legend--s' } }}
          items={ACCESSIBILITY.map((a) => ({ value: a, text: booking.t(`accessibility.${a}`) }))}
        />
        <Button text={f.t('finder.submit')} />
      </form>
      {result && <Results ctx={ctx} f={f} result={result} people={people} />}
      <h2 class="govuk-heading-m">{f.t('finder.preferenceHeading')}</h2>
      <p class="govuk-body">{f.t('finder.preferenceLead')}</p>
      <form method="post" action="/lokaler/mitt-hus" novalidate>
        <CsrfInput ctx={ctx} />
        <Select
          name="building"
          id="preferred-building"
          value={preferredBuildingId ?? ''}
          label={{ text: f.t('finder.preference') }}
          items={[
            { value: '', text: f.t('finder.preferenceNone') },
            ...buildings.map((b) => ({ value: b.id, text: b.name })),
          ]}
        />
        <Button text={f.t('finder.preferenceSave')} variant="secondary" />
      </form>
    </Layout>
  );
}

function RoomsTable({
  ctx,
  f,
  rooms,
  startsAt,
  endsAt,
  caption,
  people,
}: {
  ctx: PageContext;
  f: FinderTranslator;
  rooms: FoundRoom[];
  startsAt: Date;
  endsAt: Date;
  caption: string;
  people: number | undefined;
}) {
  const when = whenText(ctx, startsAt, endsAt);
  return (
    <>
      <p class="govuk-heading-s">{caption}</p>
      <StackedTable
        caption={caption}
        head={[
          f.t('finder.col.room'),
          f.t('finder.col.building'),
          f.t('finder.col.floor'),
          f.t('finder.col.capacity'),
          f.t('finder.col.equipment'),
          f.t('finder.col.action'),
        ]}
        numeric={[2, 3]}
        actions={[5]}
        rows={rooms.map(({ room, preferred }) => [
          <>
            <a class="govuk-link" href={`/lokaler/rum/${room.id}?datum=${toLocal(startsAt).date}`}>
              {room.name}
            </a>
            {preferred && (
              <>
                {' '}
                <Tag colour="blue" text={f.t('finder.preferredTag')} />
              </>
            )}
          </>,
          room.buildingName,
          room.floor,
          room.capacity,
          roomFeatures(ctx.locale, room),
          <a class="govuk-link" href={bookHref(room.id, startsAt, endsAt, people)}>
            {f.t('finder.book')}
            <span class="govuk-visually-hidden">
              {' '}
              {f.t('finder.bookHidden', { room: `${room.name}, ${room.buildingName}`, when })}
            </span>
          </a>,
        ])}
      />
    </>
  );
}

function Results({
  ctx,
  f,
  result,
  people,
}: {
  ctx: PageContext;
  f: FinderTranslator;
  result: FinderResult;
  people: number | undefined;
}) {
  const when = whenText(ctx, result.startsAt, result.endsAt);
  if (result.rooms.length > 0) {
    const best = result.rooms[0]!.room;
    return (
      <section aria-labelledby="results-heading">
        <h2 class="govuk-heading-l" id="results-heading" tabindex={-1}>
          {result.rooms.length === 1
            ? f.t('finder.resultsOne', { when })
            : f.t('finder.results', { count: result.rooms.length, when })}
        </h2>
        <div class="govuk-inset-text smb-best-room">
          <p class="govuk-body">
            {f.t('finder.best', { room: best.name, building: best.buildingName, count: best.capacity })}
          </p>
          <a
            class="govuk-button govuk-!-margin-bottom-0"
            href={bookHref(best.id, result.startsAt, result.endsAt, people)}
            role="button"
            draggable={false}
            data-module="govuk-button"
          >
            {f.t('finder.bookBest', { room: best.name })}
          </a>
        </div>
        <RoomsTable
          people={people}
          ctx={ctx}
          f={f}
          rooms={result.rooms}
          startsAt={result.startsAt}
          endsAt={result.endsAt}
          caption={f.t('finder.caption')}
        />
      </section>
    );
  }
  const alternatives = result.alternatives ?? { reasons: [], nextDays: [], relaxed: [] };
  return (
    <section aria-labelledby="results-heading">
      <h2 class="govuk-heading-l" id="results-heading" tabindex={-1}>
        {f.t('finder.noneHeading')}
      </h2>
      <p class="govuk-body">{f.t('finder.noneLead', { when })}</p>
      <NoFitReasons ctx={ctx} reasons={alternatives.reasons} />
      <NextDays
        ctx={ctx}
        offers={alternatives.nextDays}
        askedStart={result.startsAt}
        href={(o) => bookHref(o.room.id, o.startsAt, o.endsAt, people)}
      />
      {alternatives.relaxed.length > 0 && (
        <>
          <h3 class="govuk-heading-m">{f.t('finder.relaxedHeading')}</h3>
          {alternatives.relaxed.map(({ constraint, rooms }) => (
            <RoomsTable
              people={people}
              ctx={ctx}
              f={f}
              rooms={rooms}
              startsAt={result.startsAt}
              endsAt={result.endsAt}
              caption={f.t(`finder.relaxed.${constraint}`)}
            />
          ))}
        </>
      )}
      {alternatives.nextDays.length === 0 && alternatives.relaxed.length === 0 && (
        <p class="govuk-body">{f.t('finder.noAlternatives')}</p>
      )}
    </section>
  );
}

export type BookFormValues = SlotFormValues;

export interface BookPageProps {
  ctx: PageContext;
  room: Room;
  form: FormState<BookFormValues>;
  /** After a 409: where else and when. */
  alternatives?: Alternatives | undefined;
  /** For the other-rooms links: the interval asked for. */
  asked?: { startsAt: Date; endsAt: Date } | undefined;
}

export function BookPage({ ctx, room, form, alternatives, asked }: BookPageProps) {
  const f = finderTranslator(ctx.locale);
  const v = formView(ctx, form, {
    fields: {
      datum: {},
      start: {},
      slut: {},
      titel: { label: f.t('book.field.title') },
      deltagare: { label: f.t('book.field.attendees') },
    },
    messages: (e) => bookingErrorText(ctx.locale, e),
  });
  const title = f.t('book.title', { room: room.name });
  return (
    <Layout ctx={ctx} title={title} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body">
        {f.t('book.roomFacts', { building: room.buildingName, floor: room.floor, count: room.capacity })}
      </p>
      {room.isPrivate && <p class="govuk-inset-text">{f.t('common.privateHint')}</p>}
      {room.rules.approvalRequired && (
        <WarningText locale={ctx.locale} text={f.t('book.approvalNote', { group: room.rules.approverGroup ?? '' })} />
      )}
      {alternatives && <AlternativesList ctx={ctx} room={room} alternatives={alternatives} asked={asked} />}
      <form method="post" action="/lokaler/boka" novalidate>
        <CsrfInput ctx={ctx} />
        <SlotFields
          roomId={room.id}
          v={v}
          texts={{
            date: f.t('book.date'),
            dateHint: f.t('finder.dateHint'),
            start: f.t('book.start'),
            end: f.t('book.end'),
            timeHint: f.t('finder.timeHint'),
            title: room.isPrivate ? f.t('book.titleOptional') : f.t('book.titleField'),
            titleHint: room.isPrivate
              ? f.t('book.titleOptionalHint', { title: f.t('book.defaultTitle', { room: room.name }) })
              : f.t('book.titleHint'),
            attendees: f.t('book.attendees'),
          }}
        />
        <InviteeFields ctx={ctx} form={form} />
        <Button text={f.t('book.submit')} preventDoubleClick />
      </form>
      <RepeatLink
        ctx={ctx}
        values={{
          rum: room.id,
          datum: v.value('datum'),
          start: v.value('start'),
          slut: v.value('slut'),
          deltagare: v.value('deltagare'),
        }}
      />
    </Layout>
  );
}

/** Alternatives after a 409, as links to the booking form. */
export function AlternativesList({
  ctx,
  room,
  alternatives,
  asked,
}: {
  ctx: PageContext;
  room: Room;
  alternatives: Alternatives;
  asked?: { startsAt: Date; endsAt: Date } | undefined;
}) {
  const f = finderTranslator(ctx.locale);
  if (alternatives.sameRoom.length === 0 && alternatives.otherRooms.length === 0) return null;
  return (
    <section aria-labelledby="alternatives-heading">
      <h2 class="govuk-heading-m" id="alternatives-heading">
        {f.t('book.alternativesHeading')}
      </h2>
      {alternatives.sameRoom.length > 0 && (
        <>
          <h3 class="govuk-heading-s">{f.t('book.sameRoom')}</h3>
          <ul class="govuk-list">
            {alternatives.sameRoom.map((s) => (
              <li>
                <a class="govuk-link" href={bookHref(room.id, s.startsAt, s.endsAt)}>
                  {whenText(ctx, s.startsAt, s.endsAt)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {alternatives.otherRooms.length > 0 && asked && (
        <>
          <h3 class="govuk-heading-s">{f.t('book.otherRooms')}</h3>
          <ul class="govuk-list">
            {alternatives.otherRooms.map((r) => (
              <li>
                <a class="govuk-link" href={bookHref(r.roomId, asked.startsAt, asked.endsAt)}>
                  {f.t('book.otherRoom', { room: r.name, building: r.buildingName, count: r.capacity })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
