import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { sqlExecutorFor, type DatabaseHandle } from '../db/database.ts';
import { withDeferredWrites } from '../db/deferred-writes.ts';
import { createTestDatabase, testEngines } from '../../../test/helpers/database.ts';
import { startFakeSmtpServer } from '../../../test/helpers/fake-smtp.ts';
import { recordInsertStatements, transactionIdOf } from '../../../test/helpers/insert-statements.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import { createJobs, type Jobs } from '../jobs/jobs.service.ts';
import { createMailTransport } from './mail-transport.ts';
import { createNotifier, type Notifier } from './notifier.service.ts';
import { findOutboxMessageById, insertOutboxMessage, type OutboxMessage } from './outbox.repository.ts';
import { createSendEmailJob } from './send-email.job.ts';
import { createSendTeamsJob } from './send-teams.job.ts';

const RECIPIENT = 'amina.private@example.test';
const SUBJECT = 'Beslut i ditt ärende om sfi';
const BODY = 'Hej! Du har blivit antagen till sfi. Personligt innehåll som aldrig får loggas.';
const now = new Date('2026-11-28T09:00:00Z');

/** A pino logger that keeps every line, to prove what is (not) logged. */
function capturingLogger() {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { log, lines };
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

async function statusOf(database: DatabaseHandle, id: string, wanted: OutboxMessage['status']): Promise<OutboxMessage> {
  return waitFor(async () => {
    const message = await findOutboxMessageById(database.db, id);
    return message?.status === wanted ? message : undefined;
  });
}

/** A stand-in for the Teams webhook on 127.0.0.1 that records requests and answers `status`. */
async function startFakeTeams() {
  const requests: { method: string; contentType: string | undefined; body: unknown }[] = [];
  const state = { status: 200, delayMs: 0 };
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({
      method: req.method ?? '',
      contentType: req.headers['content-type'],
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    res.statusCode = state.status;
    res.end(state.status < 300 ? '1' : 'error');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/webhook/secret-token`,
    requests,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testEngines())('notifications without SMTP or Teams configured, on %s', (engine) => {
  let database: DatabaseHandle;
  let jobs: Jobs;
  let notifier: Notifier;
  const logs = capturingLogger();
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    jobs = createJobs({ database, clock: () => now, log: logs.log, config: { JOB_POLL_SECONDS: 0.5 } });
    notifier = createNotifier({ config: testConfig(), jobs, clock: () => now });
    await jobs.start();
    await jobs.work();
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('a rolled-back business transaction sends nothing: no outbox row, no job', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await notifier.sendEmail(trx, { to: RECIPIENT, subject: SUBJECT, text: BODY });
        await notifier.sendTeams(trx, { title: 'Larm', text: 'Något gick fel' });
        throw new Error('the decision could not be saved');
      }),
    ).rejects.toThrow('the decision could not be saved');
    expect(await database.db.selectFrom('outbox_messages').selectAll().execute()).toEqual([]);
    const { rows } = await database.executeSql(
      `select count(*)::int as n from pgboss.job where name in ('send-email', 'send-teams')`,
      [],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('without SMTP_URL a committed e-mail ends up in the outbox with status stored', async () => {
    const { id } = await database.db.transaction().execute((trx) =>
      notifier.sendEmail(trx, {
        to: RECIPIENT,
        subject: SUBJECT,
        text: BODY,
        attachments: [{ filename: 'beslut.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7') }],
      }),
    );
    const stored = await statusOf(database, id, 'stored');
    expect(stored).toMatchObject({
      channel: 'email',
      recipient: RECIPIENT,
      subject: SUBJECT,
      bodyText: BODY,
      sentAt: null,
    });
    expect(stored.createdAt.toISOString()).toBe(now.toISOString());
    expect(stored.attachments).toEqual([
      {
        filename: 'beslut.pdf',
        contentType: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.7').toString('base64'),
      },
    ]);
  });

  it('sendEmails queues several e-mails in one go: ids in order, each delivered (stored) once', async () => {
    const recipients = ['a@example.test', 'b@example.test', 'c@example.test'];
    const sent = await database.db.transaction().execute((trx) =>
      notifier.sendEmails(
        trx,
        recipients.map((to, i) => ({ to, subject: `${SUBJECT} ${i}`, text: BODY })),
      ),
    );
    expect(sent).toHaveLength(3);
    for (const [i, { id }] of sent.entries())
      expect(await statusOf(database, id, 'stored')).toMatchObject({
        recipient: recipients[i],
        subject: `${SUBJECT} ${i}`,
      });
    // One invalid message refuses the whole call: nothing of it is stored.
    const before = (await database.db.selectFrom('outbox_messages').select('id').execute()).length;
    await expect(
      database.db.transaction().execute((trx) =>
        notifier.sendEmails(trx, [
          { to: 'ok@example.test', subject: SUBJECT, text: BODY },
          { to: 'not-an-address', subject: SUBJECT, text: BODY },
        ]),
      ),
    ).rejects.toThrow();
    expect((await database.db.selectFrom('outbox_messages').select('id').execute()).length).toBe(before);
  });

  it('given a DeferredWrites, holds the rows and jobs to the end of its work (ids at once), then writes them with one outbox INSERT and one job INSERT', async () => {
    const statements = await recordInsertStatements(database, ['pgboss.job', 'public.outbox_messages']);
    const recipients = ['a.deferred@example.test', 'b.deferred@example.test'];
    const seen: { ids: string[]; insideWork: unknown[]; transaction: number } = {
      ids: [],
      insideWork: [],
      transaction: 0,
    };
    await database.db.transaction().execute(async (trx) => {
      const run = sqlExecutorFor(trx);
      seen.transaction = await transactionIdOf(trx);
      await withDeferredWrites(trx, async (deferred) => {
        for (const to of recipients)
          seen.ids.push((await notifier.sendEmail(deferred, { to, subject: SUBJECT, text: BODY })).id);
        seen.ids.push((await notifier.sendTeams(deferred, { title: 'Larm', text: 'Held with the e-mails' })).id);
        seen.insideWork = (
          await run.executeSql(
            `select (select count(*)::int from outbox_messages where id = any($1::uuid[])) as outbox,
                    (select count(*)::int from pgboss.job where data->>'outboxId' = any($1::text[])) as jobs`,
            [seen.ids],
          )
        ).rows;
      });
    });
    const written = (await statements.take()).filter((w) => w.transaction === seen.transaction);
    await statements.remove();
    expect(seen.insideWork).toEqual([{ outbox: 0, jobs: 0 }]);
    expect(written.map((w) => [w.table, w.rows])).toEqual([
      ['public.outbox_messages', 3],
      ['pgboss.job', 3],
    ]);
    for (const [i, to] of recipients.entries())
      expect(await statusOf(database, seen.ids[i]!, 'stored')).toMatchObject({ channel: 'email', recipient: to });
    expect(await statusOf(database, seen.ids[2]!, 'stored')).toMatchObject({ channel: 'teams', subject: 'Larm' });
  });

  it('without TEAMS_WEBHOOK_URL a Teams message is stored too', async () => {
    const { id } = await database.db
      .transaction()
      .execute((trx) => notifier.sendTeams(trx, { title: 'Jobb misslyckades', text: 'Tre jobb har misslyckats.' }));
    expect(await statusOf(database, id, 'stored')).toMatchObject({
      channel: 'teams',
      recipient: 'teams',
      subject: 'Jobb misslyckades',
    });
  });

  it('refuses a message that is not valid (bad address, header injection in the subject)', async () => {
    await expect(
      database.db
        .transaction()
        .execute((trx) => notifier.sendEmail(trx, { to: 'not-an-address', subject: SUBJECT, text: BODY })),
    ).rejects.toThrow();
    await expect(
      database.db
        .transaction()
        .execute((trx) =>
          notifier.sendEmail(trx, { to: RECIPIENT, subject: 'Hej\r\nBcc: all@example.test', text: BODY }),
        ),
    ).rejects.toThrow();
  });

  it('never logs a recipient, subject or body', async () => {
    const all = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const secret of [RECIPIENT, SUBJECT, BODY, 'Jobb misslyckades']) expect(all).not.toContain(secret);
  });
});

describe.each(testEngines())('delivery over SMTP and the Teams webhook, on %s', (engine) => {
  let database: DatabaseHandle;
  let jobs: Jobs;
  let notifier: Notifier;
  let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
  let teams: Awaited<ReturnType<typeof startFakeTeams>>;
  const logs = capturingLogger();
  const ctx = () => ({ db: database.db, clock: () => now, log: logs.log, jobId: 'direct', retryCount: 0 });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    smtp = await startFakeSmtpServer();
    teams = await startFakeTeams();
    const config = testConfig({
      SMTP_URL: smtp.url,
      TEAMS_WEBHOOK_URL: teams.url,
      MAIL_FROM: 'Malmö stad <noreply@malmo.example>',
    });
    jobs = createJobs({ database, clock: () => now, log: logs.log, config: { JOB_POLL_SECONDS: 0.5 } });
    notifier = createNotifier({ config, jobs, clock: () => now, teamsTimeoutMs: 500 });
    await jobs.start();
    await jobs.work();
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
    await smtp.close();
    await teams.close();
  });

  it('sends a committed e-mail over SMTP once, with a Message-ID from the outbox row, and marks it sent', async () => {
    const { id } = await database.db.transaction().execute((trx) =>
      notifier.sendEmail(trx, {
        to: RECIPIENT,
        subject: SUBJECT,
        text: BODY,
        attachments: [{ filename: 'beslut.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7') }],
      }),
    );
    const sent = await statusOf(database, id, 'sent');
    expect(sent.sentAt?.toISOString()).toBe(now.toISOString());
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from).toBe('noreply@malmo.example');
    expect(mail.to).toEqual([RECIPIENT]);
    expect(mail.data).toContain(`Message-ID: <${id}@localhost>`);
    expect(mail.data).toContain('beslut.pdf');
    expect(mail.data).toMatch(/Subject: =\?UTF-8\?/); // non-ASCII subject, encoded

    // Idempotent: running the job again for the same row sends nothing more.
    await createSendEmailJob({
      transport: createMailTransport(smtp.url),
      from: 'x@example.test',
      messageIdDomain: 'localhost',
    }).handler({ outboxId: id }, ctx());
    expect(smtp.received).toHaveLength(1);
  });

  it('a rejected recipient fails the job with an error that names neither the address nor the server’s reply', async () => {
    const recipient = 'reject.me@example.test';
    const id = await database.db.transaction().execute((trx) =>
      insertOutboxMessage(trx, {
        channel: 'email',
        recipient,
        subject: SUBJECT,
        bodyText: BODY,
        attachments: [],
        createdAt: now,
      }),
    );
    const job = createSendEmailJob({
      transport: createMailTransport(smtp.url),
      from: 'noreply@malmo.example',
      messageIdDomain: 'localhost',
    });
    const failure = await job.handler({ outboxId: id }, ctx()).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toBe('SMTP delivery failed: EENVELOPE 550 at RCPT TO');
    const message = await findOutboxMessageById(database.db, id);
    expect(message).toMatchObject({ status: 'queued', error: failure!.message });
    expect(message!.error).not.toContain(recipient);
  });

  it('a burst of e-mails is delivered in batches: each sent once, the rejected one retried alone', async () => {
    const before = smtp.received.length;
    const recipients = [
      'one@example.test',
      'two@example.test',
      'reject.batch@example.test',
      'four@example.test',
      'five@example.test',
    ];
    const ids = await database.db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (const to of recipients) out.push((await notifier.sendEmail(trx, { to, subject: SUBJECT, text: BODY })).id);
      return out;
    });
    for (const id of ids.filter((_, i) => i !== 2)) await statusOf(database, id, 'sent');
    // The rejected message: its job failed on its own and waits for its retry (30 s backoff).
    const { rows } = await waitFor(async () => {
      const result = await database.executeSql(
        `select state::text as state from pgboss.job where name = 'send-email' and data->>'outboxId' = $1`,
        [ids[2]],
      );
      return (result.rows[0] as { state: string } | undefined)?.state === 'retry' ? result : undefined;
    });
    expect(rows[0]).toMatchObject({ state: 'retry' });
    expect(await findOutboxMessageById(database.db, ids[2]!)).toMatchObject({
      status: 'queued',
      error: 'SMTP delivery failed: EENVELOPE 550 at RCPT TO',
    });
    const delivered = smtp.received
      .slice(before)
      .map((mail) => mail.to[0])
      .sort();
    expect(delivered).toEqual(['five@example.test', 'four@example.test', 'one@example.test', 'two@example.test']);
    // The batch took the jobs of one fetch together: their jobs share the start time of that fetch.
    const started = await database.executeSql(
      `select count(distinct started_on)::int as n from pgboss.job where name = 'send-email' and data->>'outboxId' = any($1::text[]) and state = 'completed'`,
      [ids],
    );
    expect((started.rows[0] as { n: number }).n).toBeLessThan(4);
  });

  it('posts a committed Teams message as an Adaptive Card and marks it sent', async () => {
    const { id } = await database.db
      .transaction()
      .execute((trx) => notifier.sendTeams(trx, { title: 'Jobb misslyckades', text: 'Tre jobb har misslyckats.' }));
    await statusOf(database, id, 'sent');
    expect(teams.requests).toHaveLength(1);
    expect(teams.requests[0]).toMatchObject({ method: 'POST', contentType: 'application/json' });
    expect(teams.requests[0]!.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [{ text: 'Jobb misslyckades' }, { text: 'Tre jobb har misslyckats.' }],
          },
        },
      ],
    });
  });

  it('a non-2xx answer from Teams fails the job, which is scheduled for retry', async () => {
    teams.state.status = 500;
    const before = teams.requests.length;
    const { id } = await database.db
      .transaction()
      .execute((trx) => notifier.sendTeams(trx, { title: 'Larm', text: 'Fel' }));
    const { rows } = await waitFor(async () => {
      const result = await database.executeSql(
        `select state::text as state, output from pgboss.job where name = 'send-teams' and data->>'outboxId' = $1`,
        [id],
      );
      return (result.rows[0] as { state: string } | undefined)?.state === 'retry' ? result : undefined;
    });
    expect(rows[0]).toMatchObject({ state: 'retry', output: { message: 'Teams webhook answered HTTP 500' } });
    expect(teams.requests.length).toBe(before + 1);
    expect(await findOutboxMessageById(database.db, id)).toMatchObject({
      status: 'queued',
      error: 'Teams webhook answered HTTP 500',
    });

    // The retry, once Teams answers again, delivers it.
    teams.state.status = 200;
    const job = createSendTeamsJob({ webhookUrl: teams.url, fetch, timeoutMs: 500 });
    await job.handler({ outboxId: id }, { ...ctx(), retryCount: 1 });
    expect(await findOutboxMessageById(database.db, id)).toMatchObject({ status: 'sent', error: null });
  });

  it('a Teams webhook that does not answer in time fails the attempt (timeout)', async () => {
    teams.state.delayMs = 2000;
    const id = await database.db.transaction().execute((trx) =>
      insertOutboxMessage(trx, {
        channel: 'teams',
        recipient: 'teams',
        subject: 'Larm',
        bodyText: 'Fel',
        attachments: [],
        createdAt: now,
      }),
    );
    const job = createSendTeamsJob({ webhookUrl: teams.url, fetch, timeoutMs: 300 });
    await expect(job.handler({ outboxId: id }, { ...ctx(), retryCount: 5 })).rejects.toThrow(
      'Teams webhook did not answer within 0.3 s',
    );
    // The last allowed attempt marks the message failed.
    expect(await findOutboxMessageById(database.db, id)).toMatchObject({ status: 'failed' });
    teams.state.delayMs = 0;
  });

  it('never logs a recipient, subject, body or the webhook URL', async () => {
    const all = logs.lines.join('\n');
    for (const secret of [RECIPIENT, 'reject.me@example.test', SUBJECT, BODY, 'secret-token'])
      expect(all).not.toContain(secret);
  });
});
