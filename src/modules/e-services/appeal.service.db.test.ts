import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testEngines } from '../../../test/helpers/database.ts';
import { readPdf } from '../../../test/helpers/pdf.ts';
import type { User } from '../../platform/auth/roles.ts';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/http/errors.ts';
import { appeal, getMyCase, registerPaperAppeal } from './applicant.service.ts';
import { listAppealsByCase } from './appeal.repository.ts';
import { APPEAL_LATE, dismissLateAppeal, forwardAppeal, reconsiderAppeal } from './appeal.service.ts';
import { appealForwardDueDay } from './calendar.ts';
import { findDocument, listDecisionsByCase, listDocuments, recordDecisionsReceived } from './case.repository.ts';
import { createCaseSubmissions } from './case.service.ts';
import { decideManually, getCaseForCaseworker } from './caseworker.service.ts';
import { eDb } from './e-services.table.ts';
import { decideByRules, ensureTestService, REASONS, submission, submitFor, user } from './e-services.fixtures.ts';
import { getStatistics } from './statistics.service.ts';

const DAY = 86_400_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe.each(testEngines())('appeals as casework on %s', (engine) => {
  let t: TestApp;
  let amina: User;
  let sara: User;
  const e = () => eDb(t.database.db);
  const deps = () => ({
    db: t.database.db,
    notifier: t.notifier,
    baseUrl: 'https://tjanster.example',
    municipalityName: 'Malmö stad',
    appealBodies: { sfi: 'Skolväsendets överklagandenämnd' },
  });
  const auditsOf = (type: string, caseId: string) =>
    e()
      .selectFrom('audit_events')
      .selectAll()
      .where('event_type', '=', type)
      .where('subject_id', '=', caseId)
      .execute();
  const eventsOf = async (caseId: string) =>
    (await e().selectFrom('case_events').select('type').where('case_id', '=', caseId).orderBy('id').execute()).map(
      (r) => r.type,
    );
  const statusOf = async (caseId: string) =>
    (await e().selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status;
  const openTasksOf = async (caseId: string) =>
    e().selectFrom('case_tasks').select('kind').where('case_id', '=', caseId).where('status', '=', 'open').execute();

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await ensureTestService(t.database.db);
    amina = await user(t.database.db, 'amina');
    sara = await user(t.database.db, 'sara');
  });
  afterAll(() => t?.close());

  /** A refused case the applicant read at `readAt` and appealed `afterDays` later. */
  async function appealedCase(readAt: Date, afterDays: number, text = 'Jag bor i Malmö sedan oktober.') {
    const c = await submitFor(t.database.db, amina, readAt);
    await decideByRules(t.database.db, c.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], readAt);
    await decideManually(deps(), {
      caseId: c.id,
      outcome: 'refuse',
      motivation: 'Folkbokförd i Lund enligt folkbokföringen.',
      reasonCodes: ['REGISTERED_IN_OTHER_MUNICIPALITY'],
      caseworker: sara,
      now: readAt,
    });
    await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now: readAt });
    const appealedAt = new Date(readAt.getTime() + afterDays * DAY);
    await appeal(t.database.db, { userId: amina.id, caseId: c.id, text, now: appealedAt });
    return { c, appealedAt };
  }

  it('records an appeal as waiting for the municipality, due to be forwarded within a week', async () => {
    const { c, appealedAt } = await appealedCase(new Date('2026-11-02T10:00:00Z'), 10);
    const [record] = await listAppealsByCase(t.database.db, c.id);
    expect(record).toMatchObject({ state: 'pending', late: false, lastDay: '2026-11-23', forwardedAt: null });
    expect(record!.receivedAt).toEqual(appealedAt);
    // Received Thursday 12 November: a week later is Thursday 19 November.
    expect(appealForwardDueDay(appealedAt)).toBe('2026-11-19');
    // A week ending on a Saturday moves to the Monday.
    expect(appealForwardDueDay(new Date('2026-11-07T10:00:00Z'))).toBe('2026-11-16');
  });

  it('reconsidering and changing the refusal as asked makes the appeal lapse: a new decision, task done, decided', async () => {
    const { c } = await appealedCase(new Date('2026-11-02T10:00:00Z'), 5);
    // The plain decide form is not the way while an appeal waits.
    expect(
      await codeOf(
        decideManually(deps(), {
          caseId: c.id,
          outcome: 'admit',
          motivation: 'x'.repeat(10),
          caseworker: sara,
          now: new Date(),
        }),
      ),
    ).toBe('CONFLICT');
    const now = new Date('2026-11-09T09:00:00Z');
    const { decision } = await reconsiderAppeal(deps(), {
      caseId: c.id,
      change: true,
      motivation: 'Sökanden är folkbokförd i Malmö sedan oktober.',
      caseworker: sara,
      now,
    });
    expect(decision).toMatchObject({ kind: 'manual', outcome: 'admit', isFinal: true });
    expect(await statusOf(c.id)).toBe('decided');
    expect(await openTasksOf(c.id)).toEqual([]);
    const [record] = await listAppealsByCase(t.database.db, c.id);
    expect(record).toMatchObject({ state: 'lapsed', resolvedByDecisionId: decision!.id });
    expect(await eventsOf(c.id)).toEqual(expect.arrayContaining(['case.decided', 'case.appeal-lapsed']));
    expect(await auditsOf('case.appeal-reconsidered', c.id)).toHaveLength(1);
    // Submitting again finds no appeal waiting.
    expect(
      await codeOf(
        reconsiderAppeal(deps(), { caseId: c.id, change: true, motivation: 'Igen, igen.', caseworker: sara, now }),
      ),
    ).toBe('CONFLICT');
    expect((await listDecisionsByCase(t.database.db, c.id)).filter((d) => d.outcome === 'admit')).toHaveLength(1);
  });

  it('reconsidering without a change keeps the appeal waiting to be forwarded, once', async () => {
    const { c } = await appealedCase(new Date('2026-11-02T10:00:00Z'), 5);
    const now = new Date('2026-11-09T09:00:00Z');
    const input = { caseId: c.id, change: false, motivation: 'Folkbokföringen visar Lund.', caseworker: sara, now };
    expect(await reconsiderAppeal(deps(), input)).toEqual({ decision: null });
    expect(await reconsiderAppeal(deps(), input)).toEqual({ decision: null });
    expect(await statusOf(c.id)).toBe('appealed');
    expect(await openTasksOf(c.id)).toEqual([{ kind: 'appeal' }]);
    const [record] = await listAppealsByCase(t.database.db, c.id);
    expect(record).toMatchObject({ state: 'pending', reconsideredAt: now });
    expect((await eventsOf(c.id)).filter((type) => type === 'case.appeal-reconsidered')).toHaveLength(1);
    expect(await auditsOf('case.appeal-reconsidered', c.id)).toHaveLength(1);
  });

  it('refuses to reconsider a case that is not appealed', async () => {
    const c = await submitFor(t.database.db, amina, new Date('2026-11-02T10:00:00Z'));
    await decideByRules(t.database.db, c.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], new Date());
    expect(
      await codeOf(
        reconsiderAppeal(deps(), {
          caseId: c.id,
          change: true,
          motivation: 'Ändrar.',
          caseworker: sara,
          now: new Date(),
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('dismisses a late appeal with a decision under 45 § and its own letter, delivered like a decision', async () => {
    const { c } = await appealedCase(new Date('2026-11-02T10:00:00Z'), 30);
    const now = new Date('2026-12-03T09:00:00Z');
    const { decision, letterId } = await dismissLateAppeal(deps(), { caseId: c.id, caseworker: sara, now });
    expect(decision).toMatchObject({
      kind: 'manual',
      outcome: 'refuse',
      reasons: [{ code: APPEAL_LATE, legalRef: 'förvaltningslagen (2017:900) 45 §' }],
      result: expect.objectContaining({ kind: 'appeal-dismissal' }),
    });
    expect(await statusOf(c.id)).toBe('decided');
    expect(await openTasksOf(c.id)).toEqual([]);
    const [record] = await listAppealsByCase(t.database.db, c.id);
    expect(record).toMatchObject({ state: 'dismissed', resolvedByDecisionId: decision.id });
    const letter = await findDocument(t.database.db, c.id, letterId);
    expect(letter).toMatchObject({ kind: 'letter' });
    const text = (await readPdf(letter!.content)).pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Ditt överklagande har kommit in för sent och avvisas');
    expect(text).toContain('Skolväsendets överklagandenämnd');
    const deliveries = await e()
      .selectFrom('decision_deliveries')
      .select('decision_id')
      .where('case_id', '=', c.id)
      .execute();
    expect(deliveries.map((d) => d.decision_id)).toContain(decision.id);
    expect(await eventsOf(c.id)).toEqual(expect.arrayContaining(['case.appeal-dismissed', 'case.letter-added']));
    expect(await auditsOf('case.appeal-dismissed', c.id)).toHaveLength(1);
    // The dismissal is itself a decision the applicant may appeal, told as a dismissal, not a refusal.
    const mine = await getMyCase(t.database.db, { userId: amina.id, caseId: c.id, now });
    expect(mine.appeal).not.toBeNull();
    expect(mine.messages.at(-1)?.body).toBe(
      'Ditt ärende har fått ett beslut: Ditt överklagande har avvisats. Du kan läsa skälen under Beslut.',
    );
    // Twice: the appeal is no longer waiting.
    expect(await codeOf(dismissLateAppeal(deps(), { caseId: c.id, caseworker: sara, now }))).toBe('CONFLICT');
  });

  it('sends a dismissal where the e-service sends its letters: the register’s address, or Skatteverket’s forwarding', async () => {
    const decidedAt = new Date('2026-10-01T10:00:00Z');
    const now = new Date('2026-12-03T09:00:00Z');
    const registerAddress = { careOf: null, street: 'Registergatan 4', postalCode: '217 41', city: 'Malmö' };
    for (const protectedIdentity of [false, true]) {
      const { case: c } = await createCaseSubmissions(t.database.db).submit(
        submission({
          applicant: {
            userId: null,
            personalNumber: amina.personalNumber,
            contact: {
              name: 'Pappers Sökande',
              email: null,
              address: { careOf: null, street: 'Skrivna gatan 1', postalCode: '211 11', city: 'Malmö' },
            },
          },
          now: decidedAt,
        }),
      );
      await decideByRules(t.database.db, c.id, 'refuse', [REASONS.REGISTERED_IN_OTHER_MUNICIPALITY!], decidedAt);
      const refusal = await decideManually(deps(), {
        caseId: c.id,
        outcome: 'refuse',
        motivation: 'Folkbokförd i Lund enligt folkbokföringen.',
        reasonCodes: [],
        caseworker: sara,
        now: decidedAt,
      });
      // Posted and received in October; the appeal came in on paper in December, long after three weeks.
      await t.database.db.transaction().execute((trx) =>
        recordDecisionsReceived(trx, {
          decisionIds: [refusal.id],
          via: 'post',
          at: new Date('2026-10-05T22:00:00Z'),
          actor: { kind: 'system', component: 'print-queue' },
          now: decidedAt,
        }),
      );
      expect(
        await registerPaperAppeal(t.database.db, {
          caseId: c.id,
          caseworkerId: sara.id,
          text: 'Jag överklagar.',
          arrivedOn: '2026-12-01',
          now,
        }),
      ).toEqual({ late: true });
      const asked: string[] = [];
      const { decision, letterId } = await dismissLateAppeal(
        {
          ...deps(),
          letterAddresses: {
            sfi: async (subject) => {
              asked.push(subject.id);
              return { postalAddress: protectedIdentity ? null : registerAddress, protectedIdentity };
            },
          },
        },
        { caseId: c.id, caseworker: sara, now },
      );
      expect(asked).toEqual([c.id]);
      const letter = (await readPdf((await findDocument(t.database.db, c.id, letterId))!.content)).pages.join(' ');
      expect(letter).not.toContain('Skrivna gatan');
      if (protectedIdentity) expect(letter).not.toContain('Registergatan');
      else expect(letter.replace(/\s+/g, ' ')).toContain('Registergatan 4 217 41 Malmö');
      const delivery = await e()
        .selectFrom('decision_deliveries')
        .select(['channel', 'postal_address'])
        .where('decision_id', '=', decision.id)
        .executeTakeFirstOrThrow();
      // Never the address typed on the form when the register knows better, nor any for a protected identity.
      expect(delivery).toEqual(
        protectedIdentity
          ? { channel: 'post-via-skatteverket', postal_address: null }
          : { channel: 'post', postal_address: { name: 'Pappers Sökande', ...registerAddress } },
      );
    }
  });

  it('refuses to dismiss an appeal that came in on time', async () => {
    const { c } = await appealedCase(new Date('2026-11-02T10:00:00Z'), 5);
    expect(await codeOf(dismissLateAppeal(deps(), { caseId: c.id, caseworker: sara, now: new Date() }))).toBe(
      'CONFLICT',
    );
    expect(await statusOf(c.id)).toBe('appealed');
  });

  it('forwards the appeal with one case file: cover letter, decisions with reasons, the appeal text; never twice', async () => {
    const { c } = await appealedCase(new Date('2026-11-02T10:00:00Z'), 5, 'Jag har flyttat till Malmö – se intyget.');
    const now = new Date('2026-11-10T09:00:00Z');
    await reconsiderAppeal(deps(), { caseId: c.id, change: false, motivation: 'Står fast.', caseworker: sara, now });
    const first = await forwardAppeal(deps(), { caseId: c.id, caseworker: sara, now });
    expect(first.created).toBe(true);
    const again = await forwardAppeal(deps(), { caseId: c.id, caseworker: sara, now: new Date(now.getTime() + DAY) });
    expect(again).toEqual({ documentId: first.documentId, created: false });
    const files = (await listDocuments(t.database.db, c.id)).filter((d) => d.kind === 'case-file');
    expect(files).toHaveLength(1);
    const pdf = await readPdf((await findDocument(t.database.db, c.id, first.documentId))!.content);
    const text = pdf.pages.join('\n').replace(/\s+/g, ' ');
    expect(pdf.language).toBe('sv-SE');
    expect(text).toContain('Skolväsendets överklagandenämnd');
    expect(text).toContain('Överlämnande av överklagande');
    expect(text).toContain(c.caseNumber!);
    expect(text).toContain('Jag har flyttat till Malmö – se intyget.');
    expect(text).toContain('Folkbokförd i Lund enligt folkbokföringen.');
    expect(text).toContain('skollagen (2010:800) 20 kap. 31 §');
    expect(text).toContain('beslutet ändrades inte');
    expect(await statusOf(c.id)).toBe('appealed');
    expect(await openTasksOf(c.id)).toEqual([]);
    const [record] = await listAppealsByCase(t.database.db, c.id);
    expect(record).toMatchObject({ state: 'forwarded', forwardedAt: now, caseFileDocumentId: first.documentId });
    expect((await eventsOf(c.id)).filter((type) => type === 'case.appeal-forwarded')).toHaveLength(1);
    expect(await auditsOf('case.appeal-forwarded', c.id)).toHaveLength(1);
    // Forwarded: nothing left to reconsider or dismiss here.
    expect(
      await codeOf(
        reconsiderAppeal(deps(), { caseId: c.id, change: true, motivation: 'Ändrar.', caseworker: sara, now }),
      ),
    ).toBe('CONFLICT');
    const view = await getCaseForCaseworker(t.database.db, { caseId: c.id, viewer: sara, now, channel: 'web' });
    expect(view.appealRecords.at(-1)).toMatchObject({ state: 'forwarded' });
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('counts appeals of the period by outcome', async () => {
    const from = new Date('2027-03-01T10:00:00Z');
    const lapsed = await appealedCase(from, 5);
    await reconsiderAppeal(deps(), {
      caseId: lapsed.c.id,
      change: true,
      motivation: 'Ändrat.',
      caseworker: sara,
      now: from,
    });
    const dismissed = await appealedCase(from, 30);
    await dismissLateAppeal(deps(), { caseId: dismissed.c.id, caseworker: sara, now: from });
    const forwarded = await appealedCase(from, 6);
    await forwardAppeal(deps(), { caseId: forwarded.c.id, caseworker: sara, now: from });
    await appealedCase(from, 7);
    const stats = await getStatistics(t.database.db, { weeks: 12, now: new Date('2027-04-20T10:00:00Z') });
    expect(stats.appeals).toEqual({ received: 4, lapsed: 1, dismissed: 1, forwarded: 1, pending: 1 });
  });
});
