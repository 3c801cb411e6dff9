import type { ComponentChildren } from 'preact';
import { directionOf } from '../../../platform/i18n/locales.ts';
import { Button, ErrorSummary, NotificationBanner, Radios } from '../../../platform/views/components/index.ts';
import { CsrfInput } from '../../../platform/views/form.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { doorTranslator, type DoorTranslator } from './door.i18n.ts';
import type { DoorSlot, DoorView } from './door.service.ts';
import { toLocal } from '../local-time.ts';
import { assetUrl } from '../../../platform/http/asset-versions.ts';

/**
 * The door page: a kiosk for a tablet by the room's door (or a phone that scanned its QR code).
 * Large text, high contrast (GOV.UK's panel), no navigation, state said in words, not colour.
 * The tablet's page reloads every minute without JavaScript through the HTTP `Refresh` header
 * (door.routes.tsx), not a meta refresh: it is a real-time display (WCAG 2.2.1's real-time
 * exception), and it is left out while a signed-in person has the book-now form in front of them,
 * so nobody's input is ever reloaded away.
 */

export const DOOR_REFRESH_SECONDS = 60;

function KioskLayout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  return (
    <html lang={ctx.locale} dir={directionOf(ctx.locale)} class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} – ${ctx.t.t('site.name')}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href={assetUrl('logo.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('app.css')} />
      </head>
      <body class="govuk-template__body smb-kiosk">
        <a href="#main-content" class="govuk-skip-link">
          {ctx.t.t('site.skipLink')}
        </a>
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content" tabindex={-1}>
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}

const hm = (d: Date) => toLocal(d).time;

function slotText(d: DoorTranslator, slot: DoorSlot): string {
  return d.t('door.slot', {
    time: `${hm(slot.startsAt)}–${hm(slot.endsAt)}`,
    title: slot.title ?? d.t('door.privateTitle'),
  });
}

function slotState(d: DoorTranslator, slot: DoorSlot): string {
  if (slot.status === 'pending') return d.t('door.pending');
  return slot.checkedIn ? d.t('door.checkedIn') : d.t('door.notCheckedIn');
}

export interface DoorPageProps {
  ctx: PageContext;
  view: DoorView;
  doorKey: string;
  /** Signed in and may book the room: the "book now" form; signed in and may not: a sentence. */
  canBook: boolean | null;
  idempotencyKey: string;
  done?: 'checked-in' | 'booked' | undefined;
  /** An error to show (e.g. the check-in window passed meanwhile, the slot was taken). */
  error?: string | undefined;
}

/** Does the page reload itself (the Refresh header)? Not while a signed-in person can book. */
export function doorRefreshes(view: DoorView, canBook: boolean | null): boolean {
  return !(canBook === true && view.freeUntil !== null && view.durations.length > 0);
}

export function DoorPage({ ctx, view, doorKey, canBook, idempotencyKey, done, error }: DoorPageProps) {
  const refreshes = doorRefreshes(view, canBook);
  const d = doorTranslator(ctx.locale);
  const { room } = view;
  const base = `/lokaler/dorr/${encodeURIComponent(room.id)}`;
  const here = `${base}?nyckel=${encodeURIComponent(doorKey)}`;
  const window = room.rules.checkinWindowMinutes;
  const status = !view.open
    ? d.t('door.closed')
    : view.freeUntil
      ? d.t('door.free')
      : view.busyUntil
        ? d.t('door.busyUntil', { time: hm(view.busyUntil) })
        : d.t('door.busy');
  // Held: a red panel, and the heading says so in words ("Upptaget till 10:00"), not colour alone.
  const busy = view.open && !view.freeUntil;
  const closes = room.rules.closesAt;
  const freeText = view.freeUntil
    ? view.next && view.next.startsAt.getTime() === view.freeUntil.getTime()
      ? d.t('door.freeUntil', { time: hm(view.freeUntil) })
      : d.t('door.freeRestOfDay', { time: closes })
    : null;
  return (
    <KioskLayout ctx={ctx} title={room.name}>
      {error && (
        <ErrorSummary
          titleText={ctx.t.t('form.errorSummaryTitle')}
          errorList={[{ text: error, href: '#door-status' }]}
        />
      )}
      {done && (
        <NotificationBanner kind="success" title={ctx.t.t('site.success')} titleId="door-done-title">
          <p class="govuk-notification-banner__heading">
            {done === 'checked-in'
              ? d.t('door.checkedInDone')
              : d.t('door.bookedDone', { when: `${hm(view.bookStart)}` })}
          </p>
        </NotificationBanner>
      )}
      <h1 class="govuk-heading-xl govuk-!-margin-bottom-2">{room.name}</h1>
      <p class="govuk-body-l">{d.t('door.building', { building: room.buildingName, floor: room.floor })}</p>
      <div class={`govuk-panel ${busy ? 'smb-door-panel--busy' : 'govuk-panel--confirmation'}`} id="door-status">
        <h2 class="govuk-panel__title">{status}</h2>
        <div class="govuk-panel__body">
          {freeText && <p class="govuk-!-margin-0">{freeText}</p>}
          {view.current && <p class="govuk-!-margin-0">{slotText(d, view.current)}</p>}
          {view.current?.bookerName && (
            <p class="govuk-!-margin-0">{d.t('door.bookedBy', { name: view.current.bookerName })}</p>
          )}
          {!view.open && <p class="govuk-!-margin-0">{d.t('door.openHours', { opens: room.rules.opensAt, closes })}</p>}
        </div>
      </div>

      <dl class="govuk-summary-list govuk-!-font-size-27">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{d.t('door.now')}</dt>
          <dd class="govuk-summary-list__value">
            {view.current ? (
              <>
                {slotText(d, view.current)} <strong>({slotState(d, view.current)})</strong>
              </>
            ) : (
              status
            )}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{d.t('door.next')}</dt>
          <dd class="govuk-summary-list__value">
            {view.next ? (
              <>
                {toLocal(view.next.startsAt).date !== toLocal(view.now).date
                  ? `${ctx.t.formatDate(view.next.startsAt, 'long')} `
                  : ''}
                {slotText(d, view.next)}
              </>
            ) : (
              d.t('door.nothingNext')
            )}
          </dd>
        </div>
      </dl>

      {view.checkIn && window !== null && (
        <section aria-labelledby="door-checkin-heading">
          <h2 class="govuk-heading-l" id="door-checkin-heading">
            {d.t('door.checkInHeading')}
          </h2>
          <p class="govuk-body-l">
            {d.t('door.checkInLead', {
              time: hm(view.checkIn.startsAt),
              deadline: hm(new Date(view.checkIn.startsAt.getTime() + window * 60_000)),
            })}
          </p>
          <form method="post" action={`${base}/checka-in`} novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="nyckel" value={doorKey} />
            <input type="hidden" name="bokning" value={view.checkIn.bookingId} />
            <Button
              text={d.t('door.checkInButton', { time: hm(view.checkIn.startsAt) })}
              classes="govuk-!-font-size-36"
              preventDoubleClick
            />
          </form>
        </section>
      )}

      {view.freeUntil && (
        <section aria-labelledby="door-book-heading">
          <h2 class="govuk-heading-l" id="door-book-heading">
            {d.t('door.bookHeading')}
          </h2>
          {view.durations.length === 0 ? (
            <p class="govuk-body-l">{d.t('door.noDurations')}</p>
          ) : canBook === null ? (
            <p class="govuk-body-l">
              <a class="govuk-link" href={`/auth/sign-in?returnTo=${encodeURIComponent(here)}`}>
                {d.t('door.signInToBook')}
              </a>
            </p>
          ) : !canBook ? (
            <p class="govuk-body-l">{d.t('door.mayNotBook')}</p>
          ) : (
            <form method="post" action={`${base}/boka`} novalidate>
              <CsrfInput ctx={ctx} />
              <input type="hidden" name="nyckel" value={doorKey} />
              <input type="hidden" name="idempotens" value={idempotencyKey} />
              <p class="govuk-body-l">{d.t('door.bookLead', { time: hm(view.bookStart) })}</p>
              <Radios
                name="minuter"
                idPrefix="minuter"
                value={String(view.durations[0])}
                classes="govuk-radios--inline"
                fieldset={{ legend: { text: d.t('door.bookLegend'), classes: 'govuk-fieldset__legend--m' } }}
                items={view.durations.map((m) => ({ value: String(m), text: d.t('door.minutes', { minutes: m }) }))}
              />
              <Button text={d.t('door.bookButton')} preventDoubleClick />
            </form>
          )}
        </section>
      )}

      <p class="govuk-body">
        {d.t(refreshes ? 'door.updated' : 'door.updatedManual', { time: hm(view.now) })}{' '}
        <a class="govuk-link" href={here}>
          {d.t('door.reload')}
        </a>
      </p>
      {ctx.user && (
        <form method="post" action="/auth/sign-out" novalidate>
          <CsrfInput ctx={ctx} />
          <p class="govuk-body">
            {ctx.t.t('site.signedInAs', { name: ctx.user.displayName })}{' '}
            <button type="submit" class="smb-link-button">
              {ctx.t.t('site.signOut')}
            </button>
          </p>
        </form>
      )}
    </KioskLayout>
  );
}
