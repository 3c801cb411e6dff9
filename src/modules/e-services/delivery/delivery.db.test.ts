import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { testEngines } from '../../../../test/helpers/database.ts';
import { readPdf } from '../../../../test/helpers/pdf.ts';
import { csrfFor, sessionCookieFor } from '../../../../test/helpers/sessions.ts';
import type { User } from '../../../platform/auth/roles.ts';
import { getMyCase } from '../applicant.service.ts';
import { listDecisionsByCase } from '../case.repository.ts';
import { attachLetters, createCaseSubmissions } from '../case.service.ts';
import { decideByRules, ensureTestService, REASONS, submission, submitFor, user } from '../e-services.fixtures.ts';
import type { CaseDetail } from '../e-services.schema.ts';
import { eDb, type PostalAddress } from '../e-services.table.ts';
import { FakeDigitalMailbox } from '../../../platform/digital-mailbox/fake-digital-mailbox.ts';
import {
  createPrintBatch,
  deliverToDigitalMailbox,
  DIGITAL_MAILBOX_ATTEMPTS,
  getPrintBatchPdf,
  getPrintQueue,
  markPrintBatchAsPosted,
} from './delivery.service.ts';

const ADDRESS: PostalAddress = {
  name: 'Testperson Utan E-legitimation',
  careOf: null,
  street: 'Exempelgatan 1',
  postalCode: '211 20',
  city: 'Malmö',
};

/** A small real PDF standing in for a decision letter (pages as given). */
async function letterPdf(text: string, pages = 1): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) pdf.addPage().drawText(`${text} ${i + 1}`, { x: 50, y: 700, size: 12, font });
  return pdf.save();
}

describe.each(testEngines())('decision delivery and the print queue on %s', (engine) => {
  let t: TestApp;
  let amina: User;
  let sara: User;
  const e = () => eDb(t.database.db);

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await ensureTestService(t.database.db);
    amina = await user(t.database.db, 'amina');
    sara = await user(t.database.db, 'sara');
  });
  afterAll(async () => t?.close());

  async function withoutEId(now: Date): Promise<CaseDetail> {
    return (await createCaseSubmissions(t.database.db).submit(submission({ now }))).case;
  }

  async function decideWithLetter(
    subject: CaseDetail,
    postalAddress: PostalAddress | null,
    at: Date,
    pages = 1,
    protectedIdentity = false,
  ) {
    // An admission: final without a human under the default policy, so it is what a letter is made of.
    const { decision } = await decideByRules(t.database.db, subject.id, 'admit', [REASONS.ELIGIBLE!], at);
    await t.database.db.transaction().execute((trx) =>
      attachLetters(trx, [
        {
          caseId: subject.id,
          filename: `beslut-${subject.caseNumber}.pdf`,
          content: Buffer.from(pagesCache.get(pages)!),
          now: at,
          decision: { id: decision.id, postalAddress, protectedIdentity },
        },
      ]),
    );
    return decision;
  }
  const pagesCache = new Map<number, Uint8Array>();
  beforeAll(async () => {
    pagesCache.set(1, await letterPdf('Beslut', 1));
    pagesCache.set(2, await letterPdf('Beslut', 2));
  });

  const deliveryOf = (caseId: string) =>
    e()
      .selectFrom('decision_deliveries')
      .select(['channel', 'status', 'sent_at', 'print_batch_id', 'postal_address'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();

  it('a letter to an applicant with e-ID is on My pages; received when read there, not before', async () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const subject = await submitFor(t.database.db, amina, at);
    await decideWithLetter(subject, ADDRESS, at);
    expect(await deliveryOf(subject.id)).toMatchObject({ channel: 'my-pages', status: 'sent', postal_address: null });
    const [decision] = await listDecisionsByCase(t.database.db, subject.id);
    expect(decision?.received).toBeNull();
    await getMyCase(t.database.db, { userId: amina.id, caseId: subject.id, now: new Date('2026-12-02T10:00:00Z') });
    const [read] = await listDecisionsByCase(t.database.db, subject.id);
    expect(read?.received?.via).toBe('my-pages');
  });

  it('without e-ID a letter goes by post: printed in a batch, posted, presumed received two working days later', async () => {
    const at = new Date('2026-12-02T10:00:00Z');
    const subject = await withoutEId(at);
    await decideWithLetter(subject, ADDRESS, at, 2);
    expect(await deliveryOf(subject.id)).toMatchObject({ channel: 'post', status: 'pending', postal_address: ADDRESS });
    expect((await getPrintQueue(t.database.db)).pending).toBeGreaterThanOrEqual(1);

    const batch = await createPrintBatch(t.database.db, { userId: sara.id, now: at });
    expect(batch?.letters).toBeGreaterThanOrEqual(1);
    // Everything waiting went into that batch: a second click makes none.
    expect(await createPrintBatch(t.database.db, { userId: sara.id, now: at })).toBeNull();
    expect((await getPrintQueue(t.database.db)).pending).toBe(0);
    expect((await deliveryOf(subject.id)).print_batch_id).toBe(batch!.batchId);

    const pdf = await readPdf((await getPrintBatchPdf(t.database.db, batch!.batchId)).content);
    expect(pdf.pages[0]).toContain('Beslutsbrev att posta');
    expect(pdf.pages[0]).toContain(subject.caseNumber!);
    // No name or street on the post room's cover sheet: the letters carry them in the envelope window.
    expect(pdf.pages.join('\n')).not.toContain(ADDRESS.street);
    expect(pdf.pages.filter((page) => page.includes('Beslut 1'))).not.toHaveLength(0);
    // Printed on both sides, each letter starts on a sheet of its own.
    expect(pdf.pages.length % 2).toBe(0);

    // Posted on Friday 4 December: presumed received on Tuesday 8 December.
    const postedAt = new Date('2026-12-04T15:00:00Z');
    const posted = await markPrintBatchAsPosted(t.database.db, {
      batchId: batch!.batchId,
      userId: sara.id,
      now: postedAt,
    });
    expect(posted.presumedReceivedOn).toBe('2026-12-08');
    expect(await deliveryOf(subject.id)).toMatchObject({ status: 'sent', sent_at: postedAt });
    const [decision] = await listDecisionsByCase(t.database.db, subject.id);
    expect(decision?.received).toEqual({ at: new Date('2026-12-07T23:00:00Z'), via: 'post' });
    const events = await e()
      .selectFrom('case_events')
      .select('data')
      .where('case_id', '=', subject.id)
      .where('type', '=', 'case.decision-received')
      .execute();
    expect(events.map((event) => event.data)).toEqual([
      { decisionId: decision!.id, via: 'post', receivedOn: '2026-12-08' },
    ]);
    // Marked twice (a double click): nothing changes.
    const again = await markPrintBatchAsPosted(t.database.db, {
      batchId: batch!.batchId,
      userId: sara.id,
      now: new Date('2026-12-07T09:00:00Z'),
    });
    expect(again.presumedReceivedOn).toBe('2026-12-08');
    const [unchanged] = await listDecisionsByCase(t.database.db, subject.id);
    expect(unchanged?.received).toEqual(decision?.received);
  });

  it('a letter with no way to its applicant is listed for a caseworker', async () => {
    const at = new Date('2026-12-03T10:00:00Z');
    const subject = await withoutEId(at);
    await decideWithLetter(subject, null, at);
    expect(await deliveryOf(subject.id)).toMatchObject({ channel: 'undeliverable', status: 'failed' });
    const queue = await getPrintQueue(t.database.db);
    expect(queue.undeliverable.map((u) => u.caseNumber)).toContain(subject.caseNumber);
  });

  it('the print queue is for caseworkers: they create and post batches over HTTP; residents get no access', async () => {
    const at = new Date('2026-12-03T11:00:00Z');
    const subject = await withoutEId(at);
    await decideWithLetter(subject, ADDRESS, at);
    const saraCookies = await sessionCookieFor(t, 'sara');
    const page = await t.app.inject({ method: 'GET', url: '/handlaggning/utskrift', cookies: saraCookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 brev väntar på utskrift.');

    const form = await csrfFor(t, saraCookies, '/handlaggning/utskrift');
    const created = await t.app.inject({
      method: 'POST',
      url: '/handlaggning/utskrift',
      cookies: form.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: form.token }).toString(),
    });
    expect(created.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: '/handlaggning/utskrift', cookies: form.cookies });
    expect(after.body).toContain('Utskriften är skapad med 1 brev.');
    expect(after.body).toContain('Inga brev väntar på utskrift.');
    const batchId = (await deliveryOf(subject.id)).print_batch_id!;
    const download = await t.app.inject({
      method: 'GET',
      url: `/handlaggning/utskrift/${batchId}/pdf`,
      cookies: saraCookies,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');

    const aminaCookies = await sessionCookieFor(t, 'amina');
    for (const url of ['/handlaggning/utskrift', `/handlaggning/utskrift/${batchId}/pdf`]) {
      const denied = await t.app.inject({ method: 'GET', url, cookies: aminaCookies });
      expect(denied.statusCode, url).toBe(403);
    }
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/handlaggning/utskrift/00000000-0000-4000-8000-000000000000/pdf',
      cookies: saraCookies,
    });
    expect(unknown.statusCode).toBe(404);
  });

  /** A case made without e-ID by a person whose identity Skatteverket protects. */
  async function protectedWithoutEId(personalNumber: string | null, at: Date): Promise<CaseDetail> {
    const { case: subject } = await createCaseSubmissions(t.database.db).submit(
      submission({
        applicant: { userId: null, personalNumber, contact: { name: 'Skyddad Sökande', email: null } },
        now: at,
      }),
    );
    await e().updateTable('cases').set({ protected_identity: true }).where('id', '=', subject.id).execute();
    return subject;
  }

  it('a protected identity’s letter goes through Skatteverket’s forwarding: an envelope sheet with the number, four working days', async () => {
    const at = new Date('2026-12-03T12:00:00Z');
    const number = (await user(t.database.db, 'oleksandr')).personalNumber!;
    const subject = await protectedWithoutEId(number, at);
    // An address the applicant typed is never used for a protected identity, nor kept.
    await decideWithLetter(subject, ADDRESS, at, 1, true);
    expect(await deliveryOf(subject.id)).toMatchObject({
      channel: 'post-via-skatteverket',
      status: 'pending',
      postal_address: null,
    });
    // Without a personal identity number Skatteverket cannot forward it: a caseworker must act.
    const numberless = await protectedWithoutEId(null, at);
    await decideWithLetter(numberless, null, at, 1, true);
    expect(await deliveryOf(numberless.id)).toMatchObject({ channel: 'undeliverable', status: 'failed' });

    const addressed = await withoutEId(at);
    await decideWithLetter(addressed, ADDRESS, at);
    expect((await getPrintQueue(t.database.db)).pending).toBe(2);
    const batch = await createPrintBatch(t.database.db, { userId: sara.id, now: at });
    expect(batch?.letters).toBe(2);
    const pdf = await readPdf((await getPrintBatchPdf(t.database.db, batch!.batchId)).content);
    const cover = pdf.pages[0]!;
    expect(cover).toContain('1 av breven är till personer med skyddade personuppgifter');
    expect(cover).toContain('Skatteverket, Box 2820, 403 20 Göteborg');
    expect(cover).toContain(`${subject.caseNumber} · via Skatteverket`);
    expect(cover).toContain(`${addressed.caseNumber} · ${ADDRESS.postalCode}`);
    // Neither the number nor the name on the cover sheet; the number only on the envelope sheet.
    expect(cover).not.toContain(number.slice(8));
    expect(cover).not.toContain('Skyddad Sökande');
    const formatted = `${number.slice(0, 8)}-${number.slice(8)}`;
    const sheets = pdf.pages.flatMap((page, i) => (page.includes(`Personnummer ${formatted}`) ? [i] : []));
    expect(sheets).toHaveLength(1);
    // The letter follows its envelope sheet on a fresh sheet (duplex: the sheet's back is blank).
    expect(pdf.pages[sheets[0]! + 1]!.trim()).toBe('');
    expect(pdf.pages[sheets[0]! + 2]).toContain('Beslut 1');
    // The letters to an address come first, the forwarded ones last, together.
    expect(pdf.pages.findIndex((page) => page.includes('Beslut 1'))).toBeLessThan(sheets[0]!);
    expect(pdf.pages.join('\n')).not.toContain(ADDRESS.street);

    // Posted on Friday 4 December: the addressed letter is presumed received on Tuesday 8, the forwarded one on Thursday 10.
    await markPrintBatchAsPosted(t.database.db, {
      batchId: batch!.batchId,
      userId: sara.id,
      now: new Date('2026-12-04T15:00:00Z'),
    });
    const [forwarded] = await listDecisionsByCase(t.database.db, subject.id);
    expect(forwarded?.received).toEqual({ at: new Date('2026-12-09T23:00:00Z'), via: 'post' });
    const [posted] = await listDecisionsByCase(t.database.db, addressed.id);
    expect(posted?.received).toEqual({ at: new Date('2026-12-07T23:00:00Z'), via: 'post' });
  });

  describe('the digital mailbox', () => {
    /** A case made without e-ID whose identity a caseworker has verified (no account: not on My pages). */
    async function verifiedWithoutEId(personalNumber: string, at: Date): Promise<CaseDetail> {
      return (
        await createCaseSubmissions(t.database.db).submit(
          submission({
            applicant: { userId: null, personalNumber, contact: { name: 'Verifierad Sökande', email: null } },
            identityVerified: true,
            now: at,
          }),
        )
      ).case;
    }
    const run = (mailbox: FakeDigitalMailbox | null, at: Date) =>
      deliverToDigitalMailbox({ db: t.database.db, mailbox, clock: () => at });

    it('delivers a verified applicant’s letter to their mailbox once; the decision is received then', async () => {
      const at = new Date('2026-12-04T09:00:00Z');
      const number = amina.personalNumber!;
      const mailbox = new FakeDigitalMailbox([[number, { serviceName: 'Kivra' }]], () => at);
      const subject = await verifiedWithoutEId(number, at);
      await decideWithLetter(subject, ADDRESS, at);
      expect(await deliveryOf(subject.id)).toMatchObject({ channel: 'digital-mailbox', status: 'pending' });

      expect(await run(mailbox, at)).toEqual({ delivered: 1, fellBack: 0, retrying: 0 });
      expect(mailbox.deliveredTo(number)).toHaveLength(1);
      expect(mailbox.deliveredTo(number)[0]?.subject).toBe(`Beslut i ärende ${subject.caseNumber}`);
      expect(await deliveryOf(subject.id)).toMatchObject({ channel: 'digital-mailbox', status: 'sent', sent_at: at });
      const [decision] = await listDecisionsByCase(t.database.db, subject.id);
      expect(decision?.received).toEqual({ at, via: 'digital-mailbox' });
      // Nothing left: a second run sends nothing again.
      expect(await run(mailbox, at)).toEqual({ delivered: 0, fellBack: 0, retrying: 0 });
      expect(mailbox.deliveredTo(number)).toHaveLength(1);
    });

    it('without a mailbox the letter goes by post; a passing failure is retried, a lasting one ends in post', async () => {
      const at = new Date('2026-12-04T10:00:00Z');
      const oleksandr = await user(t.database.db, 'oleksandr');
      const noMailbox = await verifiedWithoutEId(oleksandr.personalNumber!, at);
      await decideWithLetter(noMailbox, ADDRESS, at);
      const mailbox = new FakeDigitalMailbox([[amina.personalNumber!, { serviceName: 'Kivra' }]], () => at);
      const reachable = await verifiedWithoutEId(amina.personalNumber!, at);
      await decideWithLetter(reachable, ADDRESS, at);
      // The mailbox service is down for a moment: both wait, each try counted.
      mailbox.failNext(1);
      expect(await run(mailbox, at)).toEqual({ delivered: 0, fellBack: 0, retrying: 2 });
      expect(await deliveryOf(reachable.id)).toMatchObject({ channel: 'digital-mailbox', status: 'pending' });
      // Back again: Oleksandr has no mailbox, so his letter goes to the print queue; Amina gets hers.
      expect(await run(mailbox, at)).toEqual({ delivered: 1, fellBack: 1, retrying: 0 });
      expect(await deliveryOf(noMailbox.id)).toMatchObject({ channel: 'post', status: 'pending' });
      expect(await deliveryOf(reachable.id)).toMatchObject({ channel: 'digital-mailbox', status: 'sent' });

      // Down for good: after the last try the letter goes by post rather than wait for ever.
      const stuck = await verifiedWithoutEId(amina.personalNumber!, at);
      await decideWithLetter(stuck, ADDRESS, at);
      mailbox.failNext(DIGITAL_MAILBOX_ATTEMPTS * 2);
      for (let i = 0; i < DIGITAL_MAILBOX_ATTEMPTS; i++) await run(mailbox, at);
      expect(await deliveryOf(stuck.id)).toMatchObject({ channel: 'post', status: 'pending' });
      expect(mailbox.deliveredTo(amina.personalNumber!)).toHaveLength(1);
    });

    it('with no mailbox service configured, letters waiting for one go by post or to a caseworker', async () => {
      const at = new Date('2026-12-04T11:00:00Z');
      const withAddress = await verifiedWithoutEId(amina.personalNumber!, at);
      await decideWithLetter(withAddress, ADDRESS, at);
      const withoutAddress = await verifiedWithoutEId(amina.personalNumber!, at);
      await decideWithLetter(withoutAddress, null, at);
      await run(null, at);
      expect(await deliveryOf(withAddress.id)).toMatchObject({ channel: 'post', status: 'pending' });
      expect(await deliveryOf(withoutAddress.id)).toMatchObject({ channel: 'undeliverable', status: 'failed' });
    });

    it('a protected identity without a mailbox gets the letter through Skatteverket’s forwarding, not undeliverable', async () => {
      const at = new Date('2026-12-04T12:00:00Z');
      const subject = await verifiedWithoutEId(amina.personalNumber!, at);
      await e().updateTable('cases').set({ protected_identity: true }).where('id', '=', subject.id).execute();
      await decideWithLetter(subject, null, at, 1, true);
      expect(await deliveryOf(subject.id)).toMatchObject({ channel: 'digital-mailbox', status: 'pending' });
      await run(new FakeDigitalMailbox([], () => at), at);
      expect(await deliveryOf(subject.id)).toMatchObject({ channel: 'post-via-skatteverket', status: 'pending' });
    });
  });
});
