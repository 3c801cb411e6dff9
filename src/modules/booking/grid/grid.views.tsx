import type { ComponentChildren } from 'preact';
import { Button, ErrorSummary, TextInput } from '../../../platform/views/components/index.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ScrollRegion } from '../../../platform/views/scroll-region.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Room } from '../booking.schema.ts';
import { addDays, fromLocal, timeOf } from '../local-time.ts';
import {
  dayWindow,
  freeMinutes,
  gridRow,
  isoWeekNumber,
  SLOT_MINUTES,
  weekOf,
  type DayWindow,
  type GridCell,
  type GridItem,
} from './grid.model.ts';
import type { BuildingGrid, GridRoom } from './grid.service.ts';
import { gridTranslator, type GridTranslator } from './grid.i18n.ts';

/**
 * The booking grid pages. A building's day: rooms as rows, half hours as columns under an hour
 * axis, bookings drawn at their true minutes, every free half hour a link to the booking form
 * with room, day, times and people filled in. A building's week: rooms by days, each day's free
 * time drawn and linked to that day. Both are server-rendered tables (they work without
 * JavaScript); client/booking-grid.ts adds arrow-key movement between the slots.
 */

export type GridView = 'dag' | 'vecka';

export interface GridQuery {
  date: string;
  view: GridView;
  /** Rooms with space for this many; also filled into the booking form. */
  people: number | undefined;
}

/** The grid's two field errors, in the person's language (the filter's fields and the summary). */
const fieldErrorText = (g: GridTranslator, field: string): string =>
  g.t(field === 'datum' ? 'grid.dateError' : 'grid.peopleError');

/** A free slot's link: the booking form with everything the grid knows filled in. */
export function slotHref(room: Room, date: string, book: { start: number; end: number }, people?: number): string {
  const params = new URLSearchParams({
    rum: room.id,
    datum: date,
    start: timeOf(book.start),
    slut: book.end >= 1440 ? '24:00' : timeOf(book.end),
  });
  if (people !== undefined) params.set('personer', String(people));
  return `/lokaler/boka?${params.toString()}`;
}

export function gridHref(buildingId: string, q: GridQuery, changes: Partial<GridQuery> = {}): string {
  const next = { ...q, ...changes };
  const params = new URLSearchParams({ datum: next.date });
  if (next.view === 'vecka') params.set('vy', 'vecka');
  if (next.people !== undefined) params.set('personer', String(next.people));
  return `/lokaler/hus/${buildingId}?${params.toString()}`;
}

const range = (from: number, to: number) => `${timeOf(from)}–${to >= 1440 ? '24:00' : timeOf(to)}`;

function itemWhat(g: GridTranslator, item: GridItem): string {
  const { slot } = item;
  const what = slot.mine
    ? slot.title
      ? g.t('grid.mine', { title: slot.title })
      : g.t('grid.mineUntitled')
    : slot.title === null
      ? g.t('grid.booked')
      : g.t('grid.bookedTitle', { title: slot.title });
  return `${what}${slot.status === 'pending' ? ` (${g.t('grid.pending')})` : ''}`;
}

/** A booking's times, then what it is: two lines in a grid cell, one sentence to a screen reader. */
function ItemText({ g, item }: { g: GridTranslator; item: GridItem }) {
  return (
    <>
      <span class="smb-grid__time">{range(item.from, item.to)}</span>{' '}
      <span class="smb-grid__what">{itemWhat(g, item)}</span>
    </>
  );
}

/** The bookings of a run, drawn at their true minutes (decorative: the cell's text says the same). */
function Bars({ cell, vertical = false }: { cell: Extract<GridCell, { kind: 'busy' }>; vertical?: boolean }) {
  const length = cell.to - cell.from;
  const box = (start: number, end: number, kind: string) => {
    const a = Math.max(0, start - cell.from);
    const b = Math.min(length, end - cell.from);
    if (b <= a) return null;
    return vertical ? (
      <rect class={`smb-grid__bar smb-grid__bar--${kind}`} x="0" y={a} width="10" height={b - a} />
    ) : (
      <rect class={`smb-grid__bar smb-grid__bar--${kind}`} x={a} y="0" width={b - a} height="10" />
    );
  };
  return (
    <svg
      class="smb-grid__bars"
      aria-hidden="true"
      focusable="false"
      viewBox={vertical ? `0 0 10 ${length}` : `0 0 ${length} 10`}
      preserveAspectRatio="none"
    >
      {cell.items.map((item) => [
        box(item.to, item.heldUntil, 'buffer'),
        box(item.from, item.to, item.slot.mine ? 'mine' : item.slot.status === 'pending' ? 'pending' : 'booked'),
      ])}
    </svg>
  );
}

/** A run's text: each booking with its own times, a link for the viewer's own. */
function BusyText({ g, cell }: { g: GridTranslator; cell: Extract<GridCell, { kind: 'busy' }> }) {
  const meetings = cell.items.filter((i) => i.to > cell.from && i.from < cell.to);
  if (meetings.length === 0) return <span class="smb-grid__text">{g.t('grid.buffer')}</span>;
  return (
    <ul class="smb-grid__items">
      {meetings.map((item) => (
        <li class="smb-grid__text">
          {item.slot.mine ? (
            <a class="govuk-link smb-grid__mine" href={`/lokaler/bokningar/${item.slot.bookingId}`} data-grid-slot="">
              <ItemText g={g} item={item} />
            </a>
          ) : (
            <ItemText g={g} item={item} />
          )}
        </li>
      ))}
    </ul>
  );
}

const STATE_KEY = {
  closed: 'grid.closed',
  past: 'grid.past',
  restricted: 'grid.restricted',
  ahead: 'grid.ahead',
} as const;

/** One room's day as table cells (the building's day grid). */
function DayCells({
  g,
  row,
  date,
  cells,
  people,
}: {
  g: GridTranslator;
  row: GridRoom;
  date: string;
  cells: GridCell[];
  people?: number | undefined;
}) {
  const span = (c: GridCell) => (c.to - c.from) / SLOT_MINUTES;
  return (
    <>
      {cells.map((cell) => {
        const data = { 'data-from': cell.from, 'data-to': cell.to };
        switch (cell.kind) {
          case 'free':
            return (
              <td class="govuk-table__cell smb-grid__cell smb-grid__cell--free" {...data}>
                <a class="smb-grid__slot" href={slotHref(row.room, date, cell.book, people)} data-grid-slot="">
                  <span class="govuk-visually-hidden">
                    {g.t('grid.freeSlot', { from: timeOf(cell.book.start), to: timeOf(cell.to), room: row.room.name })}
                  </span>
                </a>
              </td>
            );
          case 'busy':
            return (
              <td class="govuk-table__cell smb-grid__cell smb-grid__cell--busy" colSpan={span(cell)} {...data}>
                <Bars cell={cell} />
                <BusyText g={g} cell={cell} />
              </td>
            );
          default:
            return (
              <td
                class={`govuk-table__cell smb-grid__cell smb-grid__cell--${cell.kind}`}
                colSpan={span(cell)}
                {...data}
              >
                <span class="smb-grid__text">{g.t(STATE_KEY[cell.kind])}</span>
              </td>
            );
        }
      })}
    </>
  );
}

function RoomHeader({ g, room, date }: { g: GridTranslator; room: Room; date: string }) {
  return (
    <th scope="row" class="govuk-table__header smb-grid__room">
      <a class="govuk-link" href={`/lokaler/rum/${room.id}?datum=${date}`}>
        {room.name}
      </a>
      <span class="smb-grid__meta">{g.t('grid.roomMeta', { count: room.capacity, floor: room.floor })}</span>
    </th>
  );
}

/**
 * The grid's heading, then its table in a region that scrolls sideways on a phone (the room
 * column stays; the heading stands outside, so it is whole at 320 px): a room column, the given
 * column heads, then one row a room.
 */
function GridTable({
  caption,
  className,
  first,
  heads,
  rows,
}: {
  caption: string;
  className: string;
  /** The first column's head: what each row is (a room, a day). */
  first: string;
  heads: ComponentChildren;
  rows: ComponentChildren;
}) {
  return (
    <>
      <h2 class="govuk-heading-m">{caption}</h2>
      <ScrollRegion label={caption}>
        <table class={`govuk-table ${className}`} data-module="smb-grid">
          <caption class="govuk-table__caption govuk-visually-hidden">{caption}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header smb-grid__room">
                {first}
              </th>
              {heads}
            </tr>
          </thead>
          <tbody class="govuk-table__body">{rows}</tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

/** The hour axis: a column head a half hour, the hour written over its first. */
function HourHeads({ window }: { window: DayWindow }) {
  const slots: number[] = [];
  for (let m = window.from; m < window.to; m += SLOT_MINUTES) slots.push(m);
  return (
    <>
      {slots.map((m) => (
        <th scope="col" class={`govuk-table__header smb-grid__hour${m % 60 === 0 ? '' : ' smb-grid__hour--half'}`}>
          {m % 60 === 0 && <span aria-hidden="true">{timeOf(m).slice(0, 2)}</span>}
          <span class="govuk-visually-hidden">{timeOf(m)}</span>
        </th>
      ))}
    </>
  );
}

export function DayGrid({ ctx, grid, q, now }: { ctx: PageContext; grid: BuildingGrid; q: GridQuery; now: Date }) {
  const g = gridTranslator(ctx.locale);
  const window = dayWindow(grid.rooms.map((r) => r.room));
  const caption = g.t('grid.dayCaption', { date: ctx.t.formatDate(fromLocal(q.date, '12:00'), 'fullDay') });
  return (
    <GridTable
      caption={caption}
      className="smb-grid"
      first={g.t('grid.room')}
      heads={<HourHeads window={window} />}
      rows={grid.rooms.map((row) => (
        <tr class="govuk-table__row" id={`rum-${row.room.id}`}>
          <RoomHeader g={g} room={row.room} date={q.date} />
          <DayCells
            g={g}
            row={row}
            date={q.date}
            cells={gridRow(row.room, row.bookable, row.busy, q.date, window, now)}
            people={q.people}
          />
        </tr>
      ))}
    />
  );
}

/**
 * A day's time in a week cell, drawn over the building's window (decorative): a white bar with
 * the taken and the closed stretches on it, each stretch one rectangle however many half hours
 * it spans (a week of 50 rooms stays a few thousand elements).
 */
function WeekBar({ cells, window }: { cells: GridCell[]; window: DayWindow }) {
  const parts: { kind: 'busy' | 'closed'; from: number; to: number }[] = [];
  const seen = new Set<string>();
  for (const c of cells) {
    if (c.kind === 'free') continue;
    if (c.kind === 'busy') {
      // Meetings at their true minutes (a run's half hours would widen them).
      for (const item of c.items)
        if (!seen.has(item.slot.bookingId) && item.to > item.from) {
          seen.add(item.slot.bookingId);
          parts.push({ kind: 'busy', from: Math.max(item.from, window.from), to: Math.min(item.to, window.to) });
        }
      continue;
    }
    const last = parts[parts.length - 1];
    if (last && last.kind === 'closed' && last.to === c.from) last.to = c.to;
    else parts.push({ kind: 'closed', from: c.from, to: c.to });
  }
  return (
    <svg
      class="smb-week__bar"
      aria-hidden="true"
      focusable="false"
      viewBox={`0 0 ${window.to - window.from} 10`}
      preserveAspectRatio="none"
    >
      {parts.map((p) => (
        <rect class={`smb-week__part--${p.kind}`} x={p.from - window.from} y="0" width={p.to - p.from} height="10" />
      ))}
    </svg>
  );
}

const hoursText = (ctx: PageContext, minutes: number) =>
  ctx.t.formatNumber(Math.round((minutes / 60) * 2) / 2, { maximumFractionDigits: 1 });

/** What a week cell says of a day: the free hours, or why there are none. */
function weekState(ctx: PageContext, g: GridTranslator, cells: GridCell[], free: number): string {
  if (free > 0) return g.t('grid.weekFree', { hours: hoursText(ctx, free) });
  if (cells.some((c) => c.kind === 'busy')) return g.t('grid.weekFull');
  const other = cells.find((c) => c.kind !== 'closed');
  return other && other.kind !== 'free' && other.kind !== 'busy' ? g.t(STATE_KEY[other.kind]) : g.t('grid.closed');
}

export function WeekGrid({ ctx, grid, q, now }: { ctx: PageContext; grid: BuildingGrid; q: GridQuery; now: Date }) {
  const g = gridTranslator(ctx.locale);
  const window = dayWindow(grid.rooms.map((r) => r.room));
  const days = weekOf(q.date);
  const caption = g.t('grid.weekCaption', { week: isoWeekNumber(q.date) });
  // What every room's cell of a day repeats, worked out once a day (350 cells for 50 rooms).
  const perDay = days.map((day) => ({
    day,
    href: gridHref(grid.building.id, q, { date: day, view: 'dag' }),
    label: ctx.t.formatDate(fromLocal(day, '12:00'), 'fullDay'),
  }));
  return (
    <GridTable
      caption={caption}
      className="smb-week"
      first={g.t('grid.room')}
      heads={days.map((day) => (
        <th scope="col" class="govuk-table__header smb-week__day">
          <a class="govuk-link" href={gridHref(grid.building.id, q, { date: day, view: 'dag' })}>
            {ctx.t.formatDate(fromLocal(day, '12:00'), 'weekday')}
          </a>
        </th>
      ))}
      rows={grid.rooms.map((row) => (
        <tr class="govuk-table__row">
          <RoomHeader g={g} room={row.room} date={q.date} />
          {perDay.map(({ day, href, label }, index) => {
            const cells = gridRow(row.room, row.bookable, row.busy, day, window, now);
            const free = freeMinutes(cells);
            const closedAllDay = cells.every((c) => c.kind === 'closed');
            return (
              <td
                class={`govuk-table__cell smb-week__cell${closedAllDay ? ' smb-week__cell--closed' : ''}`}
                data-from={index}
              >
                <a class="govuk-link smb-week__link" href={`${href}#rum-${row.room.id}`} data-grid-slot="">
                  <WeekBar cells={cells} window={window} />
                  <span class="govuk-visually-hidden">
                    {g.t('grid.weekDayPrefix', { room: row.room.name, date: label })}{' '}
                  </span>
                  <span class="smb-week__text">{weekState(ctx, g, cells, free)}</span>
                </a>
              </td>
            );
          })}
        </tr>
      ))}
    />
  );
}

function GridFilter({
  ctx,
  buildingId,
  q,
  errors,
}: {
  ctx: PageContext;
  buildingId: string;
  q: GridQuery;
  errors: FieldError[];
}) {
  const g = gridTranslator(ctx.locale);
  const errorOf = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e
      ? {
          text: fieldErrorText(g, field),
          visuallyHiddenText: ctx.t.t('form.errorPrefix'),
        }
      : undefined;
  };
  return (
    <form method="get" action={`/lokaler/hus/${buildingId}`} class="smb-grid-filter" novalidate>
      {q.view === 'vecka' && <input type="hidden" name="vy" value="vecka" />}
      <TextInput
        name="datum"
        type="date"
        value={q.date}
        label={{ text: g.t('grid.date') }}
        errorMessage={errorOf('datum')}
        classes="govuk-input--width-10"
      />
      <TextInput
        name="personer"
        type="number"
        value={q.people === undefined ? '' : String(q.people)}
        label={{ text: g.t('grid.people') }}
        errorMessage={errorOf('personer')}
        classes="govuk-input--width-3"
        inputmode="numeric"
        attributes={{ min: '1', max: '1000' }}
      />
      <Button text={g.t('grid.show')} variant="secondary" />
    </form>
  );
}

export interface GridPageProps {
  ctx: PageContext;
  grid: BuildingGrid;
  q: GridQuery;
  now: Date;
  errors: FieldError[];
}

/** A building's day or week grid, with the day/week switch, previous/next and the filter. */
export function GridPage({ ctx, grid, q, now, errors }: GridPageProps) {
  const g = gridTranslator(ctx.locale);
  const week = q.view === 'vecka';
  const title = week
    ? g.t('grid.weekTitle', { building: grid.building.name, week: isoWeekNumber(q.date) })
    : g.t('grid.dayTitle', {
        building: grid.building.name,
        date: ctx.t.formatDate(fromLocal(q.date, '12:00'), 'fullDay'),
      });
  const step = week ? 7 : 1;
  const pager = (days: number, rel: 'prev' | 'next', label: string) => {
    const date = addDays(q.date, days);
    return (
      <div class={`govuk-pagination__${rel}`}>
        <a class="govuk-link govuk-pagination__link" href={gridHref(grid.building.id, q, { date })} rel={rel}>
          <span class="govuk-pagination__link-title">{label}</span>
          <span class="govuk-pagination__link-label">
            {week
              ? g.t('grid.weekLabel', { week: isoWeekNumber(date) })
              : ctx.t.formatDate(fromLocal(date, '12:00'), 'fullDay')}
          </span>
        </a>
      </div>
    );
  };
  let body: ComponentChildren;
  if (grid.rooms.length === 0)
    body = (
      <p class="govuk-body" id="empty-state">
        {grid.roomCount === 0 || q.people === undefined
          ? g.t('grid.noRooms')
          : g.t('grid.noRoomsForPeople', { count: q.people })}
      </p>
    );
  else
    body = week ? (
      <WeekGrid ctx={ctx} grid={grid} q={q} now={now} />
    ) : (
      <DayGrid ctx={ctx} grid={grid} q={q} now={now} />
    );
  return (
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      {errors.length > 0 && (
        <ErrorSummary
          titleText={ctx.t.t('form.errorSummaryTitle')}
          errorList={errors.map((e) => ({
            text: fieldErrorText(g, e.field),
            href: `#${e.field}`,
          }))}
        />
      )}
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body">{g.t('grid.lead')}</p>
      <p class="govuk-body smb-grid-hint" hidden data-grid-hint="">
        {g.t('grid.keyboardHint')}
      </p>
      <nav class="smb-view-switch" aria-label={g.t('grid.views')}>
        <ul class="govuk-list smb-view-switch__list">
          {(['dag', 'vecka'] as const).map((view) => (
            <li>
              <a
                class="govuk-link"
                href={gridHref(grid.building.id, q, { view })}
                aria-current={q.view === view ? 'page' : undefined}
              >
                {g.t(view === 'dag' ? 'grid.viewDay' : 'grid.viewWeek')}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <GridFilter ctx={ctx} buildingId={grid.building.id} q={q} errors={errors} />
      <nav class="govuk-pagination smb-grid-pager" aria-label={g.t(week ? 'grid.viewWeek' : 'grid.viewDay')}>
        {pager(-step, 'prev', g.t(week ? 'grid.previousWeek' : 'grid.previousDay'))}
        {pager(step, 'next', g.t(week ? 'grid.nextWeek' : 'grid.nextDay'))}
      </nav>
      <p class="govuk-body-s">{g.t('grid.legend')}</p>
      {body}
    </Layout>
  );
}

/**
 * One room's day as a column of half hours (the room page; fits a phone): free ones link to the
 * booking form, booked ones say who may see what.
 */
export function RoomDayGrid({ ctx, row, date, now }: { ctx: PageContext; row: GridRoom; date: string; now: Date }) {
  const g = gridTranslator(ctx.locale);
  const opens = dayWindow([row.room]);
  const cells = gridRow(row.room, row.bookable, row.busy, date, opens, now);
  const caption = g.t('grid.roomDayCaption', {
    room: row.room.name,
    date: ctx.t.formatDate(fromLocal(date, '12:00'), 'fullDay'),
  });
  return (
    <table class="govuk-table smb-room-day" data-module="smb-grid">
      <caption class="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header smb-room-day__time">
            {g.t('grid.time')}
          </th>
          <th scope="col" class="govuk-table__header">
            {g.t('grid.state')}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {cells.map((cell) => (
          <tr class={`govuk-table__row smb-room-day__row smb-grid__cell--${cell.kind}`}>
            <th scope="row" class="govuk-table__header smb-room-day__time">
              {range(cell.kind === 'free' ? cell.book.start : cell.from, cell.to)}
            </th>
            <td
              class={`govuk-table__cell smb-grid__cell smb-grid__cell--${cell.kind}`}
              data-from={cell.from}
              data-to={cell.to}
            >
              {cell.kind === 'free' ? (
                <a class="govuk-link" href={slotHref(row.room, date, cell.book)} data-grid-slot="">
                  {g.t('grid.bookThis', {
                    from: timeOf(cell.book.start),
                    to: cell.book.end >= 1440 ? '24:00' : timeOf(cell.book.end),
                  })}
                </a>
              ) : cell.kind === 'busy' ? (
                <BusyText g={g} cell={cell} />
              ) : (
                g.t(STATE_KEY[cell.kind])
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One room's week (the room page): a row a day under the hour axis, the same cells as the
 * building's day grid, each day's head a link to that day.
 */
export function RoomWeekGrid({
  ctx,
  row,
  week,
  date,
  now,
}: {
  ctx: PageContext;
  row: GridRoom;
  week: string[];
  date: string;
  now: Date;
}) {
  const g = gridTranslator(ctx.locale);
  const window = dayWindow([row.room]);
  const caption = g.t('grid.roomWeekCaption', { room: row.room.name, week: isoWeekNumber(date) });
  return (
    <GridTable
      caption={caption}
      className="smb-grid"
      first={g.t('grid.day')}
      heads={<HourHeads window={window} />}
      rows={week.map((day) => (
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header smb-grid__room">
            <a
              class="govuk-link"
              href={`/lokaler/rum/${row.room.id}?datum=${day}`}
              aria-current={day === date ? 'date' : undefined}
            >
              {ctx.t.formatDate(fromLocal(day, '12:00'), 'weekday')}
            </a>
          </th>
          <DayCells g={g} row={row} date={day} cells={gridRow(row.room, row.bookable, row.busy, day, window, now)} />
        </tr>
      ))}
    />
  );
}
