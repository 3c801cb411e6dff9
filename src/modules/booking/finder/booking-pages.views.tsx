import type { ComponentChildren } from 'preact';
import {
  Button,
  ErrorSummary,
  Pagination,
  SummaryList,
  Tag,
  TextInput,
  type PaginationItem,
  type TagColour,
} from '../../../platform/views/components/index.ts';
import { CsrfInput, formView, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { StackedTable } from '../../../platform/views/stacked-table.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import type { BookingStatus } from '../booking.schema.ts';
import type { ManagedBooking, MyBookingsPage, RoomDay } from './booking-pages.service.ts';
import { finderTranslator, type FinderTranslator } from './finder.i18n.ts';
import { bookingErrorText, bookingTranslator } from '../booking.i18n.ts';
import { whenText } from '../booking.views.tsx';
import { addDays, fromLocal, toLocal } from '../local-time.ts';
import { seriesSummaryRow } from '../series/series.views.tsx';
import { RoomDayGrid, RoomWeekGrid } from '../grid/grid.views.tsx';
import { InviteeFields, inviteeFormValues, inviteeRows } from '../attendees/attendees.views.tsx';

/** My bookings, one booking (details, change, cancel), a building's day and a room's page. */

const STATUS_COLOUR: Record<BookingStatus, TagColour> = {
  pending: 'yellow',
  confirmed: 'green',
  cancelled: 'grey',
  released: 'orange',
  rejected: 'red',
};

export function StatusTag({ f, status }: { f: FinderTranslator; status: BookingStatus }) {
  return <Tag colour={STATUS_COLOUR[status]} text={f.t(`status.${status}`)} />;
}

function pageItems(current: number, count: number, hrefFor: (page: number) => string): PaginationItem[] {
  const pages = [...new Set([1, count, current - 1, current, current + 1].filter((n) => n >= 1 && n <= count))].sort(
    (a, b) => a - b,
  );
  const items: PaginationItem[] = [];
  pages.forEach((n, i) => {
    if (i > 0 && n - pages[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === current });
  });
  return items;
}

export function MyBookingsPageView({
  ctx,
  page,
  notice,
  approvalsLink = false,
}: {
  ctx: PageContext;
  page: MyBookingsPage;
  /** e.g. the no-show count (door/checkin.views.tsx) */
  notice?: ComponentChildren;
  /** The user approves bookings of some room: link to the approval queue. */
  approvalsLink?: boolean;
}) {
  const f = finderTranslator(ctx.locale);
  const hrefFor = (tab: 'upcoming' | 'past', n = 1) =>
    `/lokaler/bokningar?visa=${tab === 'upcoming' ? 'kommande' : 'tidigare'}${n > 1 ? `&sida=${n}` : ''}`;
  return (
    <Layout ctx={ctx} title={f.t('mine.title')}>
      <h1 class="govuk-heading-xl">{f.t('mine.title')}</h1>
      {notice && (
        <p class="govuk-body" id="no-shows">
          {notice}
        </p>
      )}
      {approvalsLink && (
        <p class="govuk-body">
          <a class="govuk-link" href="/lokaler/godkannanden">
            {f.t('mine.approvals')}
          </a>
        </p>
      )}
      <nav aria-label={f.t('mine.title')}>
        <ul class="govuk-list smb-tabs-nav">
          {(['upcoming', 'past'] as const).map((tab) => (
            <li>
              {page.tab === tab ? (
                <a class="govuk-link govuk-link--no-visited-state" href={hrefFor(tab)} aria-current="page">
                  <strong>{f.t(tab === 'upcoming' ? 'mine.upcoming' : 'mine.past')}</strong>
                </a>
              ) : (
                <a class="govuk-link" href={hrefFor(tab)}>
                  {f.t(tab === 'upcoming' ? 'mine.upcoming' : 'mine.past')}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {page.total === 0 ? (
        <>
          <p class="govuk-body" id="empty-state">
            {f.t(page.tab === 'upcoming' ? 'mine.emptyUpcoming' : 'mine.empty')}
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href="/lokaler">
              {f.t('mine.findRoom')}
            </a>
          </p>
        </>
      ) : (
        <>
          <p class="govuk-body">{f.t('mine.count', { count: page.total })}</p>
          <StackedTable
            caption={`${f.t('mine.caption')}: ${f.t(page.tab === 'upcoming' ? 'mine.upcoming' : 'mine.past')}`}
            head={[f.t('mine.col.when'), f.t('mine.col.room'), f.t('mine.col.title'), f.t('mine.col.status')]}
            rows={page.items.map(({ booking, roomName, buildingName }) => [
              <a class="govuk-link" href={`/lokaler/bokningar/${booking.id}`}>
                {whenText(ctx, booking.startsAt, booking.endsAt)}
              </a>,
              `${roomName}, ${buildingName}`,
              booking.title,
              <StatusTag f={f} status={booking.status} />,
            ])}
          />
          {page.pageCount > 1 && (
            <Pagination
              locale={ctx.locale}
              previous={page.page > 1 ? { href: hrefFor(page.tab, page.page - 1) } : undefined}
              next={page.page < page.pageCount ? { href: hrefFor(page.tab, page.page + 1) } : undefined}
              items={pageItems(page.page, page.pageCount, (n) => hrefFor(page.tab, n))}
            />
          )}
        </>
      )}
    </Layout>
  );
}

export interface ChangeFormValues {
  datum: string;
  start: string;
  slut: string;
  titel: string;
  deltagare: string;
  sekvens: string;
}

/** The change form as the stored booking fills it. */
export function changeFormOf({ booking, invitees }: ManagedBooking): FormState<ChangeFormValues> {
  const s = toLocal(booking.startsAt);
  const e = toLocal(booking.endsAt);
  return {
    values: {
      datum: s.date,
      start: s.time,
      slut: e.date === s.date ? e.time : '24:00',
      titel: booking.title,
      deltagare: String(booking.attendees),
      sekvens: String(booking.sequence),
      ...inviteeFormValues(invitees, booking),
    },
    errors: [],
  };
}

export interface BookingPageProps {
  ctx: PageContext;
  managed: ManagedBooking;
  form: FormState<ChangeFormValues>;
  /**
   * Extra actions other parts of the booking module add to the page (check-in, series links),
   * rendered under the details.
   */
  actions?: ComponentChildren;
  /** Extra rows for the details list (e.g. the no-show count, the series). */
  extraRows?: { key: string; value: ComponentChildren }[];
  /** After a refused move (409): the nearest free times of the same room, each a one-click move. */
  moveAlternatives?: { startsAt: Date; endsAt: Date }[];
}

export function BookingPage({ ctx, managed, form, actions, extraRows = [], moveAlternatives = [] }: BookingPageProps) {
  const f = finderTranslator(ctx.locale);
  const { booking, room, bookerName } = managed;
  const v = formView(ctx, form, {
    fields: {
      datum: {},
      start: {},
      slut: {},
      titel: { label: f.t('book.field.title') },
      deltagare: { label: f.t('book.field.attendees') },
      sekvens: {},
    },
    messages: (e) => bookingErrorText(ctx.locale, e),
  });
  const active = booking.status === 'pending' || booking.status === 'confirmed';
  const shownTitle = managed.mayReadTitle ? booking.title : f.t('common.booked');
  const title = f.t('booking.title', { title: shownTitle });
  const day = toLocal(booking.startsAt).date;
  return (
    <Layout ctx={ctx} title={title} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      <h1 class="govuk-heading-xl">{title}</h1>
      <SummaryList
        rows={[
          {
            key: { text: f.t('booking.room') },
            value: {
              children: (
                <a class="govuk-link" href={`/lokaler/rum/${room.id}?datum=${day}`}>
                  {room.name}, {room.buildingName}
                </a>
              ),
            },
          },
          { key: { text: f.t('booking.when') }, value: { text: whenText(ctx, booking.startsAt, booking.endsAt) } },
          { key: { text: f.t('booking.titleField') }, value: { text: shownTitle } },
          { key: { text: f.t('booking.attendees') }, value: { text: String(booking.attendees) } },
          { key: { text: f.t('booking.status') }, value: { children: <StatusTag f={f} status={booking.status} /> } },
          booking.bookerId !== ctx.user?.id && { key: { text: f.t('booking.booker') }, value: { text: bookerName } },
          ...inviteeRows(ctx, managed.invitees, booking),
          ...extraRows.map((row) => ({ key: { text: row.key }, value: { children: row.value } })),
          seriesSummaryRow(ctx, booking),
        ]}
      />
      {room.isPrivate && <p class="govuk-inset-text">{f.t('common.privateHint')}</p>}
      {actions && <div class="smb-booking-actions">{actions}</div>}
      {active ? (
        <>
          <h2 class="govuk-heading-m">{f.t('booking.changeHeading')}</h2>
          <form method="post" action={`/lokaler/bokningar/${booking.id}/andra`} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="sekvens" value={v.value('sekvens')} />
            <TextInput
              {...v.text('datum')}
              label={{ text: f.t('book.date') }}
              hint={{ text: f.t('finder.dateHint') }}
              classes="govuk-input--width-10"
              inputmode="numeric"
              autocomplete="off"
            />
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-half">
                <TextInput
                  {...v.text('start')}
                  label={{ text: f.t('book.start') }}
                  classes="govuk-input--width-5"
                  inputmode="numeric"
                  autocomplete="off"
                />
              </div>
              <div class="govuk-grid-column-one-half">
                <TextInput
                  {...v.text('slut')}
                  label={{ text: f.t('book.end') }}
                  classes="govuk-input--width-5"
                  inputmode="numeric"
                  autocomplete="off"
                />
              </div>
            </div>
            {/* Someone who may not read the title may change the rest; the title stays the booker's. */}
            {managed.mayReadTitle && (
              <TextInput
                {...v.text('titel')}
                label={{ text: f.t('book.titleField') }}
                hint={{ text: f.t('book.titleHint') }}
                autocomplete="off"
              />
            )}
            <TextInput
              {...v.text('deltagare')}
              label={{ text: f.t('book.attendees') }}
              classes="govuk-input--width-3"
              inputmode="numeric"
              autocomplete="off"
            />
            {managed.mayReadTitle && <InviteeFields ctx={ctx} form={form} />}
            <Button text={f.t('booking.changeSubmit')} preventDoubleClick />
          </form>
          {moveAlternatives.length > 0 && (
            <section aria-labelledby="move-alternatives-heading">
              <h2 class="govuk-heading-m" id="move-alternatives-heading">
                {f.t('booking.moveAlternatives')}
              </h2>
              <ul class="govuk-list">
                {moveAlternatives.map((slot) => {
                  const at = toLocal(slot.startsAt);
                  return (
                    <li>
                      <form method="post" action={`/lokaler/bokningar/${booking.id}/andra`} class="smb-inline-form">
                        <CsrfInput ctx={ctx} />
                        <input type="hidden" name="sekvens" value={v.value('sekvens')} />
                        <input type="hidden" name="datum" value={at.date} />
                        <input type="hidden" name="start" value={at.time} />
                        <input type="hidden" name="slut" value={toLocal(slot.endsAt).time} />
                        {managed.mayReadTitle && <input type="hidden" name="titel" value={v.value('titel')} />}
                        <input type="hidden" name="deltagare" value={v.value('deltagare')} />
                        <Button
                          text={f.t('booking.moveTo', { when: whenText(ctx, slot.startsAt, slot.endsAt) })}
                          classes="govuk-button--secondary"
                          preventDoubleClick
                        />
                      </form>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <h2 class="govuk-heading-m">{f.t('booking.cancelHeading')}</h2>
          <p class="govuk-body">
            <a class="govuk-link" href={`/lokaler/bokningar/${booking.id}/avboka`}>
              {f.t('booking.cancelLink')}
            </a>
          </p>
        </>
      ) : (
        <p class="govuk-body">{f.t('booking.inactive')}</p>
      )}
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/lokaler/bokningar">
            {f.t('booking.allBookings')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/lokaler/hus/${room.buildingId}?datum=${day}`}>
            {f.t('booking.dayView', { building: room.buildingName })}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export function CancelPage({ ctx, managed }: { ctx: PageContext; managed: ManagedBooking }) {
  const f = finderTranslator(ctx.locale);
  const { booking, room } = managed;
  const title = f.t('cancel.title', { room: room.name });
  const shownTitle = managed.mayReadTitle ? booking.title : f.t('common.booked');
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">
        {f.t('cancel.lead', { title: shownTitle, when: whenText(ctx, booking.startsAt, booking.endsAt) })}
      </p>
      <form method="post" action={`/lokaler/bokningar/${booking.id}/avboka`} novalidate>
        <CsrfInput ctx={ctx} />
        <div class="govuk-button-group">
          <Button text={f.t('cancel.confirm')} variant="warning" preventDoubleClick />
          <a class="govuk-link" href={`/lokaler/bokningar/${booking.id}`}>
            {f.t('cancel.back')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

function DateErrorSummary({ ctx, error }: { ctx: PageContext; error: FieldError | null | undefined }) {
  if (!error) return null;
  return (
    <ErrorSummary
      titleText={ctx.t.t('form.errorSummaryTitle')}
      errorList={[{ text: bookingErrorText(ctx.locale, error) ?? error.code, href: '#datum' }]}
    />
  );
}

function DateForm({
  ctx,
  action,
  date,
  error,
}: {
  ctx: PageContext;
  action: string;
  date: string;
  error: FieldError | null | undefined;
}) {
  const f = finderTranslator(ctx.locale);
  return (
    <form method="get" action={action} class="smb-inline-form" novalidate>
      <TextInput
        name="datum"
        id="datum"
        value={date}
        label={{ text: f.t('day.choose') }}
        hint={{ text: f.t('finder.dateHint') }}
        errorMessage={
          error
            ? {
                text: bookingErrorText(ctx.locale, error) ?? error.code,
                visuallyHiddenText: ctx.t.t('form.errorPrefix'),
              }
            : undefined
        }
        classes="govuk-input--width-10"
        inputmode="numeric"
        autocomplete="off"
      />
      <Button text={f.t('day.show')} variant="secondary" />
    </form>
  );
}

// ---- Room page ------------------------------------------------------------------------------

export function RoomPage({
  ctx,
  day,
  date,
  groupNames,
  dateError,
  now,
  week,
}: {
  ctx: PageContext;
  day: RoomDay;
  /** The ISO week that holds `date`, for the week grid (day.busy covers it). */
  week: string[];
  date: string;
  groupNames: Record<string, string>;
  dateError?: FieldError | null;
  now: Date;
}) {
  const f = finderTranslator(ctx.locale);
  const booking = bookingTranslator(ctx.locale);
  const { room } = day;
  const r = room.rules;
  const dateText = ctx.t.formatDate(fromLocal(date, '12:00'), 'long');
  const group = (id: string | null) => (id ? (groupNames[id] ?? id) : '');
  return (
    <Layout ctx={ctx} title={room.name} hasErrors={!!dateError}>
      <DateErrorSummary ctx={ctx} error={dateError} />
      <span class="govuk-caption-l">{room.buildingName}</span>
      <h1 class="govuk-heading-xl">{room.name}</h1>
      {room.isPrivate && <p class="govuk-inset-text">{f.t('common.privateHint')}</p>}
      <h2 class="govuk-heading-m">{f.t('room.dayHeading', { date: dateText })}</h2>
      <nav class="govuk-pagination govuk-pagination--block" aria-label={f.t('day.choose')}>
        <div class="govuk-pagination__prev">
          <a
            class="govuk-link govuk-pagination__link"
            href={`/lokaler/rum/${room.id}?datum=${addDays(date, -1)}`}
            rel="prev"
          >
            <span class="govuk-pagination__link-title">{f.t('day.previous')}</span>
          </a>
        </div>
        <div class="govuk-pagination__next">
          <a
            class="govuk-link govuk-pagination__link"
            href={`/lokaler/rum/${room.id}?datum=${addDays(date, 1)}`}
            rel="next"
          >
            <span class="govuk-pagination__link-title">{f.t('day.next')}</span>
          </a>
        </div>
      </nav>
      <DateForm ctx={ctx} action={`/lokaler/rum/${room.id}`} date={date} error={dateError} />
      <RoomDayGrid ctx={ctx} row={day} date={date} now={now} />
      <RoomWeekGrid ctx={ctx} row={day} week={week} date={date} now={now} />
      <h2 class="govuk-heading-m">{f.t('room.facts')}</h2>
      <SummaryList
        rows={[
          { key: { text: f.t('room.building') }, value: { text: room.buildingName } },
          { key: { text: f.t('room.floor') }, value: { text: String(room.floor) } },
          { key: { text: f.t('room.capacity') }, value: { text: String(room.capacity) } },
          { key: { text: f.t('room.purpose') }, value: { text: booking.t(`purpose.${room.purpose}`) } },
          {
            key: { text: f.t('room.equipment') },
            value: {
              text:
                room.equipment.length > 0
                  ? room.equipment.map((e) => booking.t(`equipment.${e}`)).join(', ')
                  : f.t('common.none'),
            },
          },
          {
            key: { text: f.t('room.accessibility') },
            value: {
              text:
                room.accessibility.length > 0
                  ? room.accessibility.map((a) => booking.t(`accessibility.${a}`)).join(', ')
                  : f.t('common.none'),
            },
          },
        ]}
      />
      <h2 class="govuk-heading-m">{f.t('room.rules')}</h2>
      <SummaryList
        rows={[
          {
            key: { text: f.t('room.hours') },
            value: {
              text: f.t('room.hoursValue', {
                opens: r.opensAt,
                closes: r.closesAt,
                days: r.openWeekdays.map((d) => booking.t(`weekday.${d}` as 'weekday.1')).join(', '),
              }),
            },
          },
          {
            key: { text: f.t('room.durations') },
            value: { text: f.t('room.durationsValue', { min: r.minMinutes, max: r.maxMinutes }) },
          },
          { key: { text: f.t('room.ahead') }, value: { text: f.t('room.aheadValue', { days: r.maxDaysAhead }) } },
          { key: { text: f.t('room.buffer') }, value: { text: f.t('room.bufferValue', { minutes: r.bufferMinutes }) } },
          {
            key: { text: f.t('room.approval') },
            value: {
              text: r.approvalRequired
                ? f.t('room.approvalYes', { group: group(r.approverGroup) })
                : f.t('room.approvalNo'),
            },
          },
          {
            key: { text: f.t('room.checkin') },
            value: {
              text:
                r.checkinWindowMinutes === null
                  ? f.t('room.checkinNone')
                  : f.t('room.checkinValue', { minutes: r.checkinWindowMinutes }),
            },
          },
          {
            key: { text: f.t('room.who') },
            value: {
              text:
                room.allowedGroups.length === 0
                  ? f.t('room.whoAll')
                  : f.t('room.whoGroups', { groups: room.allowedGroups.map(group).join(', ') }),
            },
          },
        ]}
      />
      {day.bookable ? (
        <p class="govuk-body">
          <a
            class="govuk-button"
            href={`/lokaler?building=${room.buildingId}&date=${date < toLocal(now).date ? toLocal(now).date : date}`}
            role="button"
            draggable={false}
            data-module="govuk-button"
          >
            {f.t('room.book')}
          </a>
        </p>
      ) : (
        <p class="govuk-body">{f.t('room.mayNotBook')}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/lokaler/hus/${room.buildingId}?datum=${date}`}>
          {f.t('booking.dayView', { building: room.buildingName })}
        </a>
      </p>
    </Layout>
  );
}
