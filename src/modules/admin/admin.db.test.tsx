import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { newSessionId, saveSession, SESSION_COOKIE } from '../../platform/auth/session.ts';
import { findUserByUsername } from '../../platform/auth/user.repository.ts';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { CSRF_COOKIE } from '../../platform/http/csrf.ts';
import { defineJob } from '../../platform/jobs/job-definition.ts';
import { pageItems } from './admin.views.tsx';

let failing = true;
const failingJob = defineJob({
  name: 'test-admin-failing',
  payload: z.object({ n: z.number().int() }),
  retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false },
  async handler() {
    if (failing) throw new Error('Upstream register did not answer\nstack-like detail');
  },
});

/** A signed-in session for a seeded demo user, straight in the session table. */
async function sessionFor(t: TestApp, username: string): Promise<string> {
  const user = await findUserByUsername(t.database.db, username);
  const sid = newSessionId();
  await saveSession(t.database.db, sid, { userId: user!.id }, new Date(t.clock().getTime() + 3600_000));
  return sid;
}

/** Inserts failed jobs straight into pg-boss's table: a fixture for listing and paging. */
async function insertFailedJobs(t: TestApp, count: number, minutesAgo = 60): Promise<void> {
  await t.database.executeSql(
    `insert into pgboss.job (name, data, state, retry_count, completed_on, output)
     select 'test-admin-failing', jsonb_build_object('n', i), 'failed', 0, now() - ($2 || ' minutes')::interval - i * interval '1 second', '{"message": "Fixture failure"}'::jsonb
     from generate_series(1, $1::int) as i`,
    [count, String(minutesAgo)],
  );
}

async function waitFor<T>(check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pagination links', () => {
  it('show the first, last and neighbouring pages with ellipses between gaps', () => {
    const href = (n: number) => `/x?page=${n}`;
    expect(pageItems(1, 1, href)).toEqual([{ number: 1, href: '/x?page=1', current: true }]);
    expect(pageItems(5, 10, href).map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(pageItems(2, 3, href).map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([1, 2, 3]);
  });
});

describe.each(testEngines())('failed jobs page on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let employee: string;
  beforeAll(async () => {
    failing = true;
    t = await createTestApp({ engine, jobs: [failingJob], config: { JOB_POLL_SECONDS: '0.5' } });
    admin = await sessionFor(t, 'admin');
    employee = await sessionFor(t, 'erik');
  });
  afterAll(async () => t.close());

  it('is for administrators only: anonymous visitors are sent to sign in, other staff get 403', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/jobs' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/auth/sign-in?returnTo=%2Fadmin%2Fjobs');
    const staff = await t.app.inject({ method: 'GET', url: '/admin/jobs', cookies: { [SESSION_COOKIE]: employee } });
    expect(staff.statusCode).toBe(403);
  });

  it('shows an empty state when nothing has failed, and a nav entry for administrators only', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/admin/jobs', cookies: { [SESSION_COOKIE]: admin } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Inga jobb har misslyckats.');
    expect(response.body).toContain('href="/admin/jobs"');
    const home = await t.app.inject({ method: 'GET', url: '/', cookies: { [SESSION_COOKIE]: employee } });
    expect(home.body).not.toContain('href="/admin/jobs"');
  });

  it('lists a failed job (queue, id, error’s first line) and retries it through a CSRF-protected form, audited, then redirects with a flash', async () => {
    await t.jobs.work();
    const id = await t.database.db.transaction().execute((trx) => t.jobs.enqueue(trx, failingJob, { n: 1 }));
    await waitFor(async () => (await t.jobs.findJob(id!))?.state === 'failed');

    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/jobs?lang=en',
      cookies: { [SESSION_COOKIE]: admin },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('test-admin-failing');
    expect(page.body).toContain(id);
    expect(page.body).toContain('Upstream register did not answer');
    expect(page.body).not.toContain('stack-like detail');
    expect(page.body).toContain(`action="/admin/jobs/${id}/retry"`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const csrfCookie = page.cookies.find((c) => c.name === CSRF_COOKIE)!.value;
    const post = (cookies: Record<string, string>, body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/admin/jobs/${id}/retry`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        cookies,
        payload: body,
      });

    expect((await post({ [SESSION_COOKIE]: admin }, `page=1`)).statusCode).toBe(403); // no CSRF token
    expect(
      (
        await post(
          { [SESSION_COOKIE]: employee, [CSRF_COOKIE]: csrfCookie },
          `_csrf=${encodeURIComponent(token)}&page=1`,
        )
      ).statusCode,
    ).toBe(403);

    failing = false;
    const retried = await post(
      { [SESSION_COOKIE]: admin, [CSRF_COOKIE]: csrfCookie },
      `_csrf=${encodeURIComponent(token)}&page=1`,
    );
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe('/admin/jobs?page=1');
    // The flash is in the language of the POST (no language chosen: Swedish).
    const after = await t.app.inject({ method: 'GET', url: '/admin/jobs', cookies: { [SESSION_COOKIE]: admin } });
    expect(after.body).toContain('Jobbet i kön test-admin-failing körs igen.');
    await waitFor(async () => (await t.jobs.findJob(id!))?.state === 'completed');

    const events = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('event_type', '=', 'job.retried')
      .execute();
    const adminUser = await findUserByUsername(t.database.db, 'admin');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_kind: 'user',
      actor_id: adminUser!.id,
      subject_type: 'job',
      subject_id: id,
      new_value: { queue: 'test-admin-failing', state: 'retry' },
    });
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });

    // Pressing Retry again (a second tab, a second administrator) does nothing, and says so.
    const again = await post(
      { [SESSION_COOKIE]: admin, [CSRF_COOKIE]: csrfCookie },
      `_csrf=${encodeURIComponent(token)}&page=1`,
    );
    expect(again.statusCode).toBe(303);
    const notice = await t.app.inject({ method: 'GET', url: '/admin/jobs', cookies: { [SESSION_COOKIE]: admin } });
    expect(notice.body).toContain('Jobbet kunde inte köras igen');
  });

  it('pages through failed jobs 25 at a time, most recently failed first', async () => {
    await insertFailedJobs(t, 30);
    const first = await t.app.inject({ method: 'GET', url: '/admin/jobs', cookies: { [SESSION_COOKIE]: admin } });
    expect(first.body).toContain('30 misslyckade jobb');
    expect(first.body.match(/<form method="post" action="\/admin\/jobs\//g)).toHaveLength(25);
    expect(first.body).toContain('href="/admin/jobs?page=2"');
    const second = await t.app.inject({
      method: 'GET',
      url: '/admin/jobs?page=2',
      cookies: { [SESSION_COOKIE]: admin },
    });
    expect(second.body.match(/<form method="post" action="\/admin\/jobs\//g)).toHaveLength(5);
    expect(second.body).toContain('aria-current="page"');
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/jobs?page=0', cookies: { [SESSION_COOKIE]: admin } }))
        .statusCode,
    ).toBe(422);
  });
});

describe('dev outbox page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('shows an empty state on an empty outbox', async () => {
    const staff = await sessionFor(t, 'sara');
    const page = await t.app.inject({ method: 'GET', url: '/dev/outbox', cookies: { [SESSION_COOKIE]: staff } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Utkorgen är tom.');
  });

  it('lists outbox mail newest first with subject, recipient, time and body, all escaped; open to staff, not residents', async () => {
    await t.database.db.transaction().execute(async (trx) => {
      await t.notifier.sendEmail(trx, { to: 'first@example.test', subject: 'Första brevet', text: 'Rad ett\nRad två' });
    });
    t.clock.advance(60_000);
    await t.database.db.transaction().execute(async (trx) => {
      await t.notifier.sendEmail(trx, {
        to: 'second@example.test',
        subject: '<script>alert(1)</script>',
        text: '<b>inte fet</b>',
      });
    });
    const staff = await sessionFor(t, 'erik');
    const page = await t.app.inject({ method: 'GET', url: '/dev/outbox', cookies: { [SESSION_COOKIE]: staff } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).toContain('&lt;b>inte fet&lt;/b>');
    expect(page.body).toContain('Rad ett<br/>Rad två');
    expect(page.body.indexOf('second@example.test')).toBeLessThan(page.body.indexOf('first@example.test'));
    expect(page.body).toContain('28 november 2026');
    expect(page.body).toContain('href="/dev/outbox"');

    const resident = await sessionFor(t, 'amina');
    expect(
      (await t.app.inject({ method: 'GET', url: '/dev/outbox', cookies: { [SESSION_COOKIE]: resident } })).statusCode,
    ).toBe(403);
  });

  it('pages 25 messages at a time', async () => {
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 28; i++)
        await t.notifier.sendEmail(trx, { to: `r${i}@example.test`, subject: `Meddelande ${i}`, text: 'Text' });
    });
    const admin = await sessionFor(t, 'admin');
    const first = await t.app.inject({ method: 'GET', url: '/dev/outbox', cookies: { [SESSION_COOKIE]: admin } });
    expect(first.body).toContain('30 meddelanden');
    expect(first.body.match(/<h2 class="govuk-summary-card__title"/g)).toHaveLength(25);
    const second = await t.app.inject({
      method: 'GET',
      url: '/dev/outbox?page=2',
      cookies: { [SESSION_COOKIE]: admin },
    });
    expect(second.body.match(/<h2 class="govuk-summary-card__title"/g)).toHaveLength(5);
  });
});
