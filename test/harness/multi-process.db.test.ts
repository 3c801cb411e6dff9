/**
 * Issue 14: several processes against one PostgreSQL. ARCHITECTURE.md promises that web
 * processes are stateless and interchangeable (sessions, jobs, audit, outbox in PostgreSQL) and
 * that workers run the jobs any web process enqueues. This test holds the code to that: it starts
 * three real servers (`node --import tsx src/main.ts`) on one fresh database — web A, web B and a
 * worker — and runs one journey across them, as a load balancer that sends each request anywhere
 * would: signed in on A, the session, its flash messages and the form tokens work on B; a booking
 * made on A is on B and cannot be made twice; an SFI application filled in on both and sent from
 * B is decided by the worker and read on A; the audit chain all three appended to still verifies;
 * and each process stops cleanly on SIGTERM.
 *
 * PostgreSQL only: PGlite is an embedded database that one process at a time may open.
 *
 * Rate limits are counted in each process's memory (@fastify/rate-limit's default store), so
 * behind a balancer a person gets the limit once per process; the journey stays far below the
 * default limit and does not test it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bDb } from '../../src/modules/booking/booking.table.ts';
import { myPagesTranslator } from '../../src/modules/e-services/my-pages.i18n.ts';
import { verifyAuditChain } from '../../src/platform/audit/audit.service.ts';
import { addDays, isoWeekday, stockholmDate } from '../../src/platform/calendar/swedish-calendar.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { createScratchDatabase } from '../helpers/database.ts';
import { ServerGroup, type ServerExit, type ServerProcess } from './server-process.ts';

const adminUrl = process.env.TEST_DATABASE_URL;

/** A person's browser: one cookie jar for every process (cookies are per host, not per port), redirects by hand. */
class Browser {
  private readonly jar = new Map<string, { value: string; path: string }>();

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.jar]
      .filter(([, c]) => target.pathname === c.path || target.pathname.startsWith(c.path.replace(/\/?$/, '/')))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const header of response.headers.getSetCookie()) this.keep(header);
    return response;
  }

  private keep(header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const maxAge = attribute('max-age');
    const expires = attribute('expires');
    const gone =
      value === '' ||
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && Date.parse(expires) < Date.now());
    if (gone) this.jar.delete(name);
    else this.jar.set(name, { value, path: attribute('path') ?? '/' });
  }

  /** GET, then follow redirects (only ever to `origin`) to a page; returns its final URL and HTML. */
  async page(url: string, origin = new URL(url).origin): Promise<{ url: string; status: number; html: string }> {
    let current = url;
    for (let hops = 0; hops < 15; hops++) {
      const response = await this.request('GET', current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: current, status: response.status, html: await response.text() };
      }
      await response.body?.cancel();
      current = new URL(location, current).href;
      if (new URL(current).origin !== origin) throw new Error(`${url}: redirected off ${origin} to ${current}`);
    }
    throw new Error(`${url}: more than 15 redirects`);
  }

  /** POSTs a form and returns the status and the redirect target (a 303 after a successful POST). */
  async post(url: string, form: Record<string, string>): Promise<{ status: number; location: string; html: string }> {
    const response = await this.request('POST', url, form);
    return { status: response.status, location: response.headers.get('location') ?? '', html: await response.text() };
  }
}

function field(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
  if (!value) throw new Error(`no "${name}" field on the page:\n${html.slice(0, 2000)}`);
  return value;
}

/**
 * Signs in through the dev identity provider of the process at `baseUrl`, as a person clicks it:
 * start → the IdP's user picker → pick the user → consent → our callback → back on the start page.
 * The dev IdP keeps its interactions in its own process's memory, so the whole sign-in happens on
 * one process (a real IdP is outside the platform); what it leaves, the session, is in PostgreSQL.
 */
async function signIn(browser: Browser, baseUrl: string, audience: 'staff' | 'resident', username: string) {
  const picker = await browser.page(`${baseUrl}/auth/oidc/${audience}/start?returnTo=%2F`);
  expect(picker.url).toMatch(/\/dev\/idp\/interaction\//);
  const action = /action="(\/dev\/idp\/interaction\/[^"]+\/login)"/.exec(picker.html)?.[1];
  if (!action) throw new Error(`no login form on the dev IdP's picker:\n${picker.html.slice(0, 2000)}`);
  const chosen = await browser.post(`${baseUrl}${action}`, { _csrf: field(picker.html, '_csrf'), username });
  expect(chosen.status).toBe(303);
  const landed = await browser.page(new URL(chosen.location, baseUrl).href, baseUrl);
  expect(new URL(landed.url).pathname).toBe('/');
  return landed;
}

/** A weekday a week ahead in Stockholm: within every demo room's days ahead, on a day rooms are open. */
function weekdayAhead(): string {
  let day = addDays(stockholmDate(new Date()), 7);
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  return day;
}

describe.skipIf(!adminUrl)(
  'several processes on one PostgreSQL: two web processes and a worker (PostgreSQL only: PGlite allows one process)',
  () => {
    let scratch: { url: string; drop: () => Promise<void> } | undefined;
    let database: DatabaseHandle | undefined;
    let webA: ServerProcess;
    let webB: ServerProcess;

    // Shared secrets, as in production: cookies, CSRF tokens and audit checkpoints signed by one
    // process must check out in the others.
    const group = new ServerGroup(() => ({ DATABASE_URL: scratch!.url, DATABASE_POOL_SIZE: '5' }));

    beforeAll(async () => {
      scratch = await createScratchDatabase(adminUrl!, 'smb_multi');
      // Every process migrates and seeds the demo at start (main.ts). A goes first, alone, so the
      // schema and the demo exist before the others start; theirs are then no-ops.
      webA = await group.start('web A', { ROLE: 'web' });
      // The worker polls often so the SFI decision lands within seconds.
      [webB] = await Promise.all([
        group.start('web B', { ROLE: 'web' }),
        group.start('worker', { ROLE: 'worker', JOB_POLL_SECONDS: '0.5' }),
      ]);
      database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
    });

    afterAll(async () => {
      // The last test stops them with SIGTERM; whatever still runs (a failure before it) is killed.
      await group.killLeftovers();
      await database?.close().catch(() => undefined);
      await scratch?.drop();
    });

    const erik = new Browser();
    const amina = new Browser();
    const sara = new Browser();
    const date = weekdayAhead();
    const slot = `rum=stadshuset-oresund&datum=${date}&start=10:00&slut=11:00`;
    const title = `Planering ${randomUUID().slice(0, 8)}`;
    let bookingPath = '';
    let bookingForm: Record<string, string> = {};
    let caseId = '';

    it('a member of staff signs in on A, and the same session is signed in on B', async () => {
      const onA = await signIn(erik, webA.baseUrl, 'staff', 'erik');
      expect(onA.html).toContain('Inloggad som Erik Lind');
      const onB = await erik.page(`${webB.baseUrl}/`);
      expect(onB.status).toBe(200);
      expect(onB.html).toContain('Inloggad som Erik Lind');
    });

    it('books a room on A; the flash message and the booking are on B; the CSRF token of A is accepted by B', async () => {
      const form = await erik.page(`${webA.baseUrl}/lokaler/boka?${slot}`);
      expect(form.status).toBe(200);
      bookingForm = {
        _csrf: field(form.html, '_csrf'),
        rum: 'stadshuset-oresund',
        datum: date,
        start: '10:00',
        slut: '11:00',
        titel: title,
        deltagare: '4',
        nyckel: field(form.html, 'nyckel'),
      };
      const booked = await erik.post(`${webA.baseUrl}/lokaler/boka`, bookingForm);
      expect(booked.status, booked.html.slice(0, 500)).toBe(303);
      expect(booked.location).toMatch(/^\/lokaler\/bokningar\/[0-9a-f-]{36}$/);
      bookingPath = booked.location;

      // The redirect followed on the other process: the session's flash message travels with it.
      const page = await erik.page(`${webB.baseUrl}${bookingPath}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Rummet är bokat: Öresund');
      expect(page.html).toContain(title);
      const mine = await erik.page(`${webB.baseUrl}/lokaler/bokningar`);
      expect(mine.html).toContain(title);
      expect(mine.html).toContain(`href="${bookingPath}"`);

      // B makes the same token for the same cookie as A (one key), and takes A's token: the
      // same form sent again to B (a retry through the balancer) is the same booking, not a second one.
      const formOnB = await erik.page(`${webB.baseUrl}/lokaler/boka?${slot}`);
      expect(field(formOnB.html, '_csrf')).toBe(bookingForm._csrf);
      const retried = await erik.post(`${webB.baseUrl}/lokaler/boka`, bookingForm);
      expect(retried.status, retried.html.slice(0, 500)).toBe(303);
      expect(retried.location).toBe(bookingPath);
      // And B does check tokens: a wrong one is refused.
      const forged = await erik.post(`${webB.baseUrl}/lokaler/boka`, { ...bookingForm, _csrf: 'x'.repeat(43) });
      expect(forged.status).toBe(403);
    });

    it('booking the same room and time again on B is refused as a conflict: one booking in the database', async () => {
      const form = await erik.page(`${webB.baseUrl}/lokaler/boka?${slot}`);
      const again = await erik.post(`${webB.baseUrl}/lokaler/boka`, {
        ...bookingForm,
        _csrf: field(form.html, '_csrf'),
        nyckel: field(form.html, 'nyckel'), // a new attempt, not a retry
        titel: `${title} igen`,
      });
      expect(again.status, again.html.slice(0, 500)).toBe(409);
      expect(again.html).toContain('govuk-error-summary');
      const live = await bDb(database!.db)
        .selectFrom('bookings')
        .select(['id', 'title'])
        .where('room_id', '=', 'stadshuset-oresund')
        .where('status', 'in', ['confirmed', 'pending'])
        // The demo's past bookings (seeded once the processes listen) are not this test's.
        .where('ends_at', '>', new Date())
        .execute();
      expect(live).toEqual([{ id: bookingPath.split('/').pop(), title }]);
    });

    it('a resident fills in the SFI form on A and B, sends it from B; the worker decides it and A shows the decision', async () => {
      await signIn(amina, webA.baseUrl, 'resident', 'amina');
      const SFI = '/e-tjanster/sfi';
      const pages: [slug: string, fields: Record<string, string>][] = [
        ['kontakt', { email: 'amina@example.test', phone: '070-123 45 67' }],
        ['bosattning', { residenceBasis: 'folkbokford' }],
        ['sprak', { motherTongue: 'arabiska', otherLanguages: '', nordicLanguageSufficient: 'no' }],
        ['skolgang', { yearsOfSchooling: '12' }],
        ['lasa-och-skriva', { literateInOwnLanguage: 'yes' }],
        ['latinska-alfabetet', { knowsLatinAlphabet: 'yes' }],
        ['svenska', { swedishLevel: 'none' }],
        ['tidigare-sfi', { earlierSfi: 'no' }],
        ['sarskilda-skal', { specialReasonsText: '' }],
        ['onskemal', { studyTime: 'daytime', pace: 'full-time' }],
        ['anpassning', { adaptationNeeds: '' }],
      ];
      // Every other page on the other process: the draft lives in the database, not in a process.
      for (const [index, [slug, fields]] of pages.entries()) {
        const base = index % 2 === 0 ? webA.baseUrl : webB.baseUrl;
        const page = await amina.page(`${base}${SFI}/${slug}`);
        expect(page.status, `${slug} on ${base}`).toBe(200);
        const answered = await amina.post(`${base}${SFI}/${slug}`, { _csrf: field(page.html, '_csrf'), ...fields });
        expect(answered.status, `${slug} on ${base}: ${answered.html.slice(0, 500)}`).toBe(303);
      }
      const check = await amina.page(`${webB.baseUrl}${SFI}/kontrollera`);
      expect(check.html).toContain('amina@example.test');
      const sent = await amina.post(`${webB.baseUrl}${SFI}/skicka`, {
        _csrf: field(check.html, '_csrf'),
        idempotencyKey: field(check.html, 'idempotencyKey'),
      });
      expect(sent.status, sent.html.slice(0, 500)).toBe(303);
      expect(sent.location).toMatch(new RegExp(`^${SFI}/kvitto/[0-9a-f-]{36}$`));
      caseId = sent.location.split('/').pop()!;
      const receipt = await amina.page(`${webB.baseUrl}${sent.location}`);
      const caseNumber = /SFI-\d{4}-\d{6}/.exec(receipt.html)?.[0];
      expect(caseNumber).toBeDefined();

      // Only the worker runs jobs (ROLE=web never does): the decision comes from it.
      const admitted = myPagesTranslator('sv').t('decision.outcome.admit');
      const deadline = Date.now() + 30_000;
      let casePage = await amina.page(`${webA.baseUrl}/mina-sidor/arenden/${caseId}`);
      while (!casePage.html.includes('id="decision-outcome"')) {
        if (Date.now() > deadline)
          throw new Error(
            `case ${caseNumber} was not decided within 30 s; web A shows:\n${casePage.html.slice(0, 1500)}\n${group.outputs()}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 500));
        casePage = await amina.page(`${webA.baseUrl}/mina-sidor/arenden/${caseId}`);
      }
      expect(casePage.html).toContain(caseNumber);
      expect(/id="decision-outcome">([^<]*)</.exec(casePage.html)?.[1]?.trim()).toBe(admitted);
    });

    it('a caseworker signed in on B opens the decided case on A', async () => {
      await signIn(sara, webB.baseUrl, 'staff', 'sara');
      const page = await sara.page(`${webA.baseUrl}/handlaggning/arenden/${caseId}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Inloggad som Sara Nilsson');
      expect(page.html).toMatch(/SFI-\d{4}-\d{6}/);
      expect(page.html).toContain('Antagen');
    });

    it('the audit chain that all three processes appended to verifies', async () => {
      // Appended by B (the submission), the worker (the decision), and A (amina reading the
      // decision on My pages; sara's access-logged look at the case).
      const events = await database!.db
        .selectFrom('audit_events')
        .select('event_type')
        .where('subject_id', '=', caseId)
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.event_type)).toEqual(
        expect.arrayContaining(['case.submitted', 'case.decided', 'case.decision-received', 'case.viewed']),
      );
      const result = await verifyAuditChain(database!.db, { key: group.secrets.AUDIT_HMAC_KEY });
      expect(result).toMatchObject({ ok: true });
      expect(result.count).toBeGreaterThanOrEqual(events.length);
    });

    it('each process stops cleanly on SIGTERM (exit code 0)', async () => {
      const exits = await group.stopAll();
      const expected: (ServerExit & { name: string })[] = group.names.map((name) => ({ name, code: 0, signal: null }));
      expect(exits, group.outputs()).toEqual(expected);
    });
  },
);
