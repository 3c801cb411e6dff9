import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { findUserByUsername } from '../src/platform/auth/user.repository.ts';
import { createBooking } from '../src/modules/booking/booking.service.ts';
import { bDb } from '../src/modules/booking/booking.table.ts';
import { fromLocal } from '../src/modules/booking/local-time.ts';
import { bookingJobs } from '../src/modules/booking/door/release.job.ts';
import { expectAccessible, sidewaysOverflow, signInAs, startHarness, type Harness } from './harness.ts';

let harness: Harness;
const MONDAY = '2026-11-30';
const at = (time: string) => fromLocal(MONDAY, time);

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function doorPath(roomId: string): Promise<string> {
  const { door_key } = await bDb(harness.testApp.database.db)
    .selectFrom('booking_rooms')
    .select('door_key')
    .where('id', '=', roomId)
    .executeTakeFirstOrThrow();
  return `/lokaler/dorr/${roomId}?nyckel=${encodeURIComponent(door_key)}`;
}

describe('door page, check-in and auto-release', () => {
  it('someone at the door checks in the meeting on the kiosk page without signing in; a private room shows no title; axe-clean', async () => {
    const { db } = harness.testApp.database;
    const { clock } = harness.testApp;
    clock.set(at('08:00').toISOString());
    const erik = (await findUserByUsername(db, 'erik'))!;
    const booking = await createBooking({ db, clock }, erik, {
      roomId: 'rosengard-samtal-1',
      startsAt: at('09:00'),
      endsAt: at('10:00'),
      title: 'Klient Svensson',
      attendees: 2,
    });

    clock.set(at('08:55').toISOString());
    const page = await harness.newPage();
    await page.goto(await doorPath('rosengard-samtal-1'));
    const main = await page.locator('main').innerText();
    expect(main).toContain('Samtalsrum 1');
    expect(main).toContain('09:00–10:00: Bokat');
    expect(main).not.toContain('Svensson');
    const response = await page.reload();
    expect(response!.headers().refresh).toMatch(/^60; url=\/lokaler\/dorr\/rosengard-samtal-1\?nyckel=/);
    expect(await page.locator('nav').count()).toBe(0); // kiosk: no navigation
    await expectAccessible(page, 'door page (kiosk) before check-in');

    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('klart') === 'incheckad'),
      page.getByRole('button', { name: 'Checka in mötet 09:00' }).click(),
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain('Mötet är incheckat.');
    expect(await page.getByRole('button', { name: /Checka in/ }).count()).toBe(0);
    await expectAccessible(page, 'door page after check-in');
    const stored = await bDb(db)
      .selectFrom('bookings')
      .select(['checked_in_at', 'status'])
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('confirmed');
    expect(new Date(stored.checked_in_at!).toISOString()).toBe(at('08:55').toISOString());

    // Keyboard: after the skip link, the booking is checked in, so the page offers only the refresh link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till huvudinnehållet');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Uppdatera nu');
  });

  it('a member of staff signs in from the door page and books the free room for 30 minutes; in use, axe-clean', async () => {
    const { clock } = harness.testApp;
    clock.set(at('09:12').toISOString());
    const door = await doorPath('stadshuset-pildammen');
    const page = await harness.newPage();
    await page.goto(door);
    await expect(page.locator('main').innerText()).resolves.toContain('Ledigt');
    await signInAs(page, 'johan', door);
    await expect(page.locator('main').innerText()).resolves.toContain('Från 09:10');
    await expectAccessible(page, 'door page with the book-now form');
    await page.getByLabel('30 minuter').check();
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('klart') === 'bokad'),
      page.getByRole('button', { name: 'Boka nu' }).click(),
    ]);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Upptaget till 09:40');
    expect(main).toContain('09:10–09:40: Bokat vid dörren');
    expect(main).toContain('Bokat av Johan Berg');
    // In use: the red panel with white text, not the green one, and no check-in (booked here = checked in).
    const panel = await page
      .locator('#door-status')
      .evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
    expect(panel).toEqual(['rgb(202, 53, 53)', 'rgb(255, 255, 255)']);
    expect(await page.getByRole('button', { name: /Checka in/ }).count()).toBe(0);
    await expectAccessible(page, 'door page, room in use');
    // On a 320 px phone nothing scrolls sideways (WCAG 1.4.10).
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await sidewaysOverflow(page)).toBe(0);
    const rows = await bDb(harness.testApp.database.db)
      .selectFrom('bookings')
      .select(['source', 'starts_at', 'ends_at'])
      .where('room_id', '=', 'stadshuset-pildammen')
      .where('source', '=', 'door')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('an unchecked booking is released by the job after its window, and the booker sees it with the no-show count; axe-clean', async () => {
    const { db } = harness.testApp.database;
    const { clock } = harness.testApp;
    clock.set(at('09:30').toISOString());
    const page = await harness.newPage();
    await signInAs(page, 'erik', '/lokaler/boka?rum=stadshuset-ribban&datum=2026-11-30&start=10:00&slut=11:00');
    await page.getByLabel('Mötets titel').fill('Teamträff');
    await page.getByLabel('Antal deltagare').fill('3');
    await Promise.all([
      page.waitForURL((url) => /^\/lokaler\/bokningar\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole('button', { name: 'Bekräfta bokning' }).click(),
    ]);
    const bookingUrl = new URL(page.url()).pathname;
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Inte incheckad. Du kan checka in från 09:50 till 10:15.',
    );

    // Nobody checks in; at 10:16 the scheduled job runs.
    clock.set(at('10:16').toISOString());
    const [job] = bookingJobs({ config: harness.testApp.config, notifier: harness.testApp.notifier, clock });
    await job!.handler({}, { db, clock, log: pino({ level: 'silent' }), jobId: 'e2e', retryCount: 0 });

    await page.goto(bookingUrl);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Släppt (ingen incheckning)');
    expect(main).toContain('Släppt 10:16: ingen checkade in i tid');
    expect(main).toContain('Bokningar som släppts för att ingen checkade in, de senaste 90 dagarna: 1.');
    await expectAccessible(page, 'released booking page');

    await page.goto('/lokaler/bokningar?visa=tidigare');
    const mine = await page.locator('main').innerText();
    expect(mine).toContain('Bokningar som släppts för att ingen checkade in, de senaste 90 dagarna: 1.');
    expect(mine).toContain('Teamträff');
    expect(mine).toContain('Släppt (ingen incheckning)');
    await expectAccessible(page, 'my past bookings with the no-show count');

    // The booker was told: a CANCEL invite in the outbox; the room is free again on the door page.
    const mail = await db
      .selectFrom('outbox_messages')
      .select('attachments')
      .where('recipient', '=', 'erik.lind@malmo.example')
      .execute();
    expect(mail.flatMap((m) => (m.attachments as { contentType: string }[]).map((a) => a.contentType))).toContain(
      'text/calendar; method=CANCEL; charset=UTF-8',
    );
    const door = await harness.newPage();
    await door.goto(await doorPath('stadshuset-ribban'));
    await expect(door.locator('#door-status').innerText()).resolves.toContain('Ledigt');
  });
});

describe('room administration and insight pages', () => {
  it('an administrator opens the rooms, a room with its QR door sign, the printable sign, groups, import and insight; every page axe-clean', async () => {
    harness.testApp.clock.set(at('12:00').toISOString());
    const page = await harness.newPage();
    await signInAs(page, 'admin', '/admin/lokaler');
    await expectAccessible(page, 'rooms overview');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/admin/lokaler/rum/stadshuset-oresund'),
      page.getByRole('link', { name: 'Öresund' }).click(),
    ]);
    expect(await page.getByRole('img', { name: 'QR-kod till dörrsidan för Öresund' }).count()).toBe(1);
    await expectAccessible(page, 'room form with the door sign');
    await page.getByLabel('Antal platser').fill('0');
    await page.getByRole('button', { name: 'Spara rummet' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(
      'Ange antal platser mellan 1 och 1000',
    );
    await expectAccessible(page, 'room form with errors');
    await page.goto('/admin/lokaler/rum/stadshuset-oresund/dorrskylt');
    await expectAccessible(page, 'printable door sign');
    await page.goto('/admin/lokaler/grupper');
    await expectAccessible(page, 'booking groups');
    await page.goto('/admin/lokaler/import');
    await expectAccessible(page, 'CSV import');
    await page.goto('/lokaler/insikt?fran=2026-11-30&till=2026-11-30');
    await expect(page.locator('#insight-totals').innerText()).resolves.toContain('öppettimmar bokade');
    await expectAccessible(page, 'insight');
  });
});
