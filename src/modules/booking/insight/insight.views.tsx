import { Button, Select, Table, TextInput } from '../../../platform/views/components/index.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { formView, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ScrollRegion } from '../../../platform/views/scroll-region.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { BarChart } from '../../../platform/views/components/charts.tsx';
import { insightTranslator, type InsightTranslator } from './insight.i18n.ts';
import type { CsvValue } from '../excel-csv.ts';
import {
  checkedInShare,
  noShowShare,
  utilisationShare,
  type Insight,
  type UtilisationFigures,
} from './insight.service.ts';

/** The insight page: a period form (GET, works without JavaScript), SVG charts each with a table of the same figures, CSV link. */

export interface InsightFormValues {
  fran: string;
  till: string;
  hus: string;
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** A share as a whole per cent ("37 %", a no-break space before the sign), or a dash when there is none. */
function percent(i: InsightTranslator, ctx: PageContext, share: number | null): string {
  return share === null
    ? i.t('insight.noShare')
    : `${new Intl.NumberFormat(ctx.locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 0 }).format(share * 100)}\u00a0%`;
}

/** A share in per cent with one decimal for the CSV (a number: Excel can sum it), or empty. */
const csvPercent = (share: number | null): CsvValue => (share === null ? null : Math.round(share * 1000) / 10);

/** The per-cent figures of a row of the tables: utilisation, checked-in share, no-show share. */
function shareCells(i: InsightTranslator, ctx: PageContext, f: UtilisationFigures) {
  return [utilisationShare(f), checkedInShare(f), noShowShare(f)].map((x) => ({
    text: percent(i, ctx, x),
    format: 'numeric' as const,
  }));
}

/** Visible hours: 07–18, widened to any hour with bookings. */
export function heatHours(heat: number[][]): number[] {
  let first = 7;
  let last = 17;
  for (const day of heat)
    day.forEach((m, h) => {
      if (m > 0) {
        first = Math.min(first, h);
        last = Math.max(last, h);
      }
    });
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/** Weekday × hour grid; darker = more booked; every cell also has its figure as text in the table. */
function HeatMap({
  id,
  title,
  description,
  heat,
  hoursShown,
  i,
}: {
  id: string;
  title: string;
  description: string;
  heat: number[][];
  hoursShown: number[];
  i: InsightTranslator;
}) {
  const cell = 36;
  const left = 100;
  const top = 24;
  const max = Math.max(1, ...heat.flat());
  // From white to the chart blue (#0b5a8a); cells carry no text, the table does.
  const shade = (m: number) => {
    const a = m / max;
    const mix = (from: number, to: number) => Math.round(from + (to - from) * a);
    return `rgb(${mix(255, 11)}, ${mix(255, 90)}, ${mix(255, 138)})`;
  };
  return (
    <svg
      class="smb-chart"
      id={id}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${left + hoursShown.length * cell + 8} ${top + 7 * cell + 8}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {hoursShown.map((h, k) => (
        <text x={left + k * cell + cell / 2} y={16} text-anchor="middle" font-size="12" fill="#0b0c0c">
          {String(h).padStart(2, '0')}
        </text>
      ))}
      {heat.map((day, d) => (
        <g>
          <text x={0} y={top + d * cell + 23} font-size="13" fill="#0b0c0c">
            {i.t(`weekday.${d}` as Parameters<typeof i.t>[0])}
          </text>
          {hoursShown.map((h, k) => (
            <rect
              x={left + k * cell}
              y={top + d * cell}
              width={cell - 2}
              height={cell - 2}
              fill={shade(day[h]!)}
              stroke="#505a5f"
              stroke-width="0.5"
            />
          ))}
        </g>
      ))}
    </svg>
  );
}

export function InsightPage({
  ctx,
  form,
  buildings,
  result,
}: {
  ctx: PageContext;
  form: FormState<InsightFormValues>;
  buildings: { id: string; name: string }[];
  result: Insight | null;
}) {
  const i = insightTranslator(ctx.locale);
  const number = new Intl.NumberFormat(ctx.locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 });
  const n = (x: number) => number.format(x);
  const v = formView(ctx, form, {
    fields: {
      fran: { label: i.t('insight.from') },
      till: { label: i.t('insight.to') },
      hus: { label: i.t('insight.building') },
    },
    messages: (e: FieldError) => {
      const key = `errors.${e.code}` as Parameters<typeof i.t>[0];
      const text = i.t(key, e.params);
      return text === key ? undefined : text;
    },
  });
  const csvHref = `/lokaler/insikt.csv?${new URLSearchParams({ fran: v.value('fran'), till: v.value('till'), ...(v.value('hus') ? { hus: v.value('hus') } : {}) }).toString()}`;
  const hoursShown = result ? heatHours(result.heat) : [];
  return (
    <Layout ctx={ctx} title={i.t('insight.title')} hasErrors={v.hasErrors}>
      {v.errorSummary()}
      <h1 class="govuk-heading-xl">{i.t('insight.title')}</h1>
      <p class="govuk-body-l">{i.t('insight.lead')}</p>
      <form method="get" action="/lokaler/insikt" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <TextInput
              {...v.text('fran')}
              label={{ text: i.t('insight.from') }}
              hint={{ text: i.t('insight.dateHint') }}
              classes="govuk-input--width-10"
              inputmode="numeric"
              autocomplete="off"
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <TextInput
              {...v.text('till')}
              label={{ text: i.t('insight.to') }}
              hint={{ text: i.t('insight.dateHint') }}
              classes="govuk-input--width-10"
              inputmode="numeric"
              autocomplete="off"
            />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              {...v.text('hus')}
              label={{ text: i.t('insight.building') }}
              items={[
                { value: '', text: i.t('insight.allBuildings') },
                ...buildings.map((b) => ({ value: b.id, text: b.name })),
              ]}
            />
          </div>
        </div>
        <Button text={i.t('insight.show')} />
      </form>
      {result && (
        <>
          <p class="govuk-body">
            {i.t('insight.period', {
              from: ctx.t.formatDate(`${result.from}T12:00:00Z`, 'long'),
              to: ctx.t.formatDate(`${result.to}T12:00:00Z`, 'long'),
            })}
          </p>
          <p class="govuk-body" id="insight-totals">
            {i.t('insight.totals', {
              utilisation: percent(i, ctx, utilisationShare(result.total)),
              booked: n(hours(result.total.bookedMinutes)),
              open: n(hours(result.total.openMinutes)),
              checked: percent(i, ctx, checkedInShare(result.total)),
              count: result.total.bookings,
              share: percent(i, ctx, noShowShare(result.total)),
            })}
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={csvHref} download>
              {i.t('insight.csv')}
            </a>
          </p>
          {result.total.bookings === 0 && <p class="govuk-body">{i.t('insight.noData')}</p>}
          <h2 class="govuk-heading-l">{i.t('insight.byWeek')}</h2>
          <p class="govuk-body">{i.t('insight.byWeekLead')}</p>
          <BarChart
            id="chart-weeks"
            title={i.t('insight.chartWeeks')}
            description={i.t('insight.chartWeeksDesc', weekSummary(result.weeks, utilisationShare))}
            data={result.weeks.map((w) => ({
              label: i.t('insight.weekShort', { week: w.week }),
              value: Math.round((utilisationShare(w) ?? 0) * 100),
            }))}
            formatValue={(x) => `${x}\u00a0%`}
          />
          <BarChart
            id="chart-weeks-missed"
            title={i.t('insight.chartMissed')}
            description={i.t('insight.chartMissedDesc', weekSummary(result.weeks, noShowShare))}
            data={result.weeks.map((w) => ({
              label: i.t('insight.weekShort', { week: w.week }),
              value: Math.round((noShowShare(w) ?? 0) * 100),
            }))}
            formatValue={(x) => `${x}\u00a0%`}
          />
          <ScrollRegion label={i.t('insight.tableWeeks')}>
            <Table
              caption={i.t('insight.tableWeeks')}
              captionClasses="govuk-table__caption--s"
              firstCellIsHeader
              head={[
                i.t('insight.col.week'),
                { text: i.t('insight.col.bookings'), format: 'numeric' },
                { text: i.t('insight.col.booked'), format: 'numeric' },
                { text: i.t('insight.col.open'), format: 'numeric' },
                { text: i.t('insight.col.utilisation'), format: 'numeric' },
                { text: i.t('insight.col.checkedShare'), format: 'numeric' },
                { text: i.t('insight.col.share'), format: 'numeric' },
              ]}
              rows={result.weeks.map((w) => [
                i.t('insight.weekLong', {
                  week: w.week,
                  monday: ctx.t.formatDate(`${w.monday}T12:00:00Z`, 'short'),
                }),
                { text: String(w.bookings), format: 'numeric' },
                { text: n(hours(w.bookedMinutes)), format: 'numeric' },
                { text: n(hours(w.openMinutes)), format: 'numeric' },
                ...shareCells(i, ctx, w),
              ])}
            />
          </ScrollRegion>
          <h2 class="govuk-heading-l">{i.t('insight.byBuilding')}</h2>
          <BarChart
            id="chart-buildings"
            title={i.t('insight.chartBooked')}
            description={i.t('insight.chartBookedDesc')}
            data={result.buildings.map((b) => ({
              label: b.buildingName,
              value: Math.round((utilisationShare(b) ?? 0) * 100),
            }))}
            formatValue={(x) => `${x}\u00a0%`}
          />
          <ScrollRegion label={i.t('insight.byBuilding')}>
            <Table
              caption={i.t('insight.byBuilding')}
              captionClasses="govuk-visually-hidden"
              head={[
                i.t('insight.col.building'),
                { text: i.t('insight.col.rooms'), format: 'numeric' },
                { text: i.t('insight.col.bookings'), format: 'numeric' },
                { text: i.t('insight.col.booked'), format: 'numeric' },
                { text: i.t('insight.col.open'), format: 'numeric' },
                { text: i.t('insight.col.utilisation'), format: 'numeric' },
                { text: i.t('insight.col.checkedShare'), format: 'numeric' },
                { text: i.t('insight.col.share'), format: 'numeric' },
              ]}
              rows={result.buildings.map((b) => [
                b.buildingName,
                { text: String(b.rooms), format: 'numeric' },
                { text: String(b.bookings), format: 'numeric' },
                { text: n(hours(b.bookedMinutes)), format: 'numeric' },
                { text: n(hours(b.openMinutes)), format: 'numeric' },
                ...shareCells(i, ctx, b),
              ])}
            />
          </ScrollRegion>
          <h2 class="govuk-heading-l">{i.t('insight.busiest')}</h2>
          <p class="govuk-body">{i.t('insight.busiestLead')}</p>
          <HeatMap
            id="chart-heat"
            title={i.t('insight.busiest')}
            description={i.t('insight.chartHeatDesc')}
            heat={result.heat}
            hoursShown={hoursShown}
            i={i}
          />
          <ScrollRegion label={i.t('insight.tableHeat')}>
            <Table
              caption={i.t('insight.tableHeat')}
              captionClasses="govuk-table__caption--s"
              classes="govuk-table--small-text-until-tablet"
              firstCellIsHeader
              head={[
                i.t('insight.col.weekday'),
                ...hoursShown.map((h) => ({ text: String(h).padStart(2, '0'), format: 'numeric' as const })),
              ]}
              rows={result.heat.map((day, d) => [
                i.t(`weekday.${d}` as Parameters<typeof i.t>[0]),
                ...hoursShown.map((h) => ({ text: n(hours(day[h]!)), format: 'numeric' as const })),
              ])}
            />
          </ScrollRegion>
          <h2 class="govuk-heading-l">{i.t('insight.byRoom')}</h2>
          <ScrollRegion label={i.t('insight.byRoom')}>
            <Table
              caption={i.t('insight.byRoom')}
              captionClasses="govuk-visually-hidden"
              head={[
                i.t('insight.col.room'),
                i.t('insight.col.building'),
                { text: i.t('insight.col.bookings'), format: 'numeric' },
                { text: i.t('insight.col.booked'), format: 'numeric' },
                { text: i.t('insight.col.open'), format: 'numeric' },
                { text: i.t('insight.col.utilisation'), format: 'numeric' },
                { text: i.t('insight.col.checkedShare'), format: 'numeric' },
                { text: i.t('insight.col.share'), format: 'numeric' },
              ]}
              rows={result.rooms.map((r) => [
                r.roomName,
                r.buildingName,
                { text: String(r.bookings), format: 'numeric' },
                { text: n(hours(r.bookedMinutes)), format: 'numeric' },
                { text: n(hours(r.openMinutes)), format: 'numeric' },
                ...shareCells(i, ctx, r),
              ])}
            />
          </ScrollRegion>
        </>
      )}
    </Layout>
  );
}

/** The chart's text alternative figures: first and last week, and the week with the highest share. */
function weekSummary(
  weeks: Insight['weeks'],
  shareOf: (w: Insight['weeks'][number]) => number | null,
): Record<string, string | number> {
  let top = weeks[0];
  for (const w of weeks) if ((shareOf(w) ?? 0) > (top ? (shareOf(top) ?? 0) : 0)) top = w;
  return {
    first: weeks[0]?.week ?? '',
    last: weeks.at(-1)?.week ?? '',
    topWeek: top?.week ?? '',
    top: `${Math.round((top ? (shareOf(top) ?? 0) : 0) * 100)}\u00a0%`,
  };
}

/**
 * The per-room CSV for Swedish Excel (excel-csv.ts: semicolons, decimal comma, BOM). Shares are
 * per cent with one decimal, as numbers, so the sheet can compute with them.
 */
export function insightCsv(i: InsightTranslator, result: Insight): { header: string[]; rows: CsvValue[][] } {
  const pct = (key: Parameters<typeof i.t>[0]) => i.t('insight.csvPercent', { column: i.t(key) });
  return {
    header: [
      i.t('insight.col.building'),
      i.t('insight.col.room'),
      i.t('insight.col.bookings'),
      i.t('insight.col.booked'),
      i.t('insight.col.open'),
      pct('insight.col.utilisation'),
      i.t('insight.col.checked'),
      pct('insight.col.checkedShare'),
      i.t('insight.col.noShows'),
      pct('insight.col.share'),
    ],
    rows: result.rooms.map((r) => [
      r.buildingName,
      r.roomName,
      r.bookings,
      hours(r.bookedMinutes),
      hours(r.openMinutes),
      csvPercent(utilisationShare(r)),
      hours(r.checkedInMinutes),
      csvPercent(checkedInShare(r)),
      r.noShows,
      csvPercent(noShowShare(r)),
    ]),
  };
}
