import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { stockholmDate } from '../../platform/calendar/swedish-calendar.ts';
import type { Db, Trx } from '../../platform/db/database.ts';
import { isLocale, type Locale } from '../../platform/i18n/index.ts';
import {
  applicantContactSchema,
  type ApplicantContact,
  type CaseActor,
  type CaseDetail,
  type CaseDocument,
  type CaseDocumentInfo,
  type CaseEvent,
  type CaseFact,
  type CaseMessage,
  type CaseSummary,
  type CaseTask,
  type DecisionReason,
  type DecisionRecord,
} from './e-services.schema.ts';
import {
  eDb,
  eTrx,
  type CaseActorKind,
  type CaseRow,
  type CaseStatus,
  type DecisionKind,
  type DecisionOutcome,
  type DecisionReceivedVia,
  type DecisionRow,
  type DocumentContentType,
  type DocumentKind,
  type NewCaseRow,
  type TaskKind,
} from './e-services.table.ts';

// ---------------------------------------------------------------------------------------------
// Row → domain mapping

const EMPTY_CONTACT: ApplicantContact = { name: '', email: null, phone: null, address: null };

function contactOf(value: unknown): ApplicantContact {
  const parsed = applicantContactSchema.safeParse(value);
  return parsed.success
    ? parsed.data
    : { ...EMPTY_CONTACT, ...(typeof value === 'object' && value ? (value as Partial<ApplicantContact>) : {}) };
}

function localeOf(value: string): Locale {
  return isLocale(value) ? value : 'sv';
}

export function caseRowToSummary(
  row: Pick<
    CaseRow,
    | 'id'
    | 'case_number'
    | 'service_id'
    | 'status'
    | 'locale'
    | 'identity_verified'
    | 'protected_identity'
    | 'submitted_at'
    | 'decided_at'
    | 'created_at'
    | 'updated_at'
  >,
): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    serviceId: row.service_id,
    status: row.status,
    locale: localeOf(row.locale),
    identityVerified: row.identity_verified,
    protectedIdentity: row.protected_identity,
    submittedAt: row.submitted_at && new Date(row.submitted_at),
    decidedAt: row.decided_at && new Date(row.decided_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function caseRowToDetail(row: CaseRow): CaseDetail {
  return {
    ...caseRowToSummary(row),
    serviceVersion: row.service_version,
    applicantUserId: row.applicant_user_id,
    applicantPersonalNumber: row.applicant_personal_number,
    applicant: contactOf(row.applicant),
    answers: (row.answers ?? {}) as Record<string, unknown>,
    assignedTo: row.assigned_to,
  };
}

export function decisionRowToRecord(row: DecisionRow): DecisionRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    outcome: row.outcome,
    reasons: row.reasons,
    ruleSet: row.rule_set_id && row.rule_set_version ? { id: row.rule_set_id, version: row.rule_set_version } : null,
    contentHash: row.content_hash,
    facts: row.facts,
    trace: row.trace,
    result: row.result ?? {},
    actor: { kind: row.actor_kind, id: row.actor_id },
    motivation: row.motivation,
    isFinal: row.is_final,
    decidedAt: new Date(row.decided_at),
    received: row.received_at && row.received_via ? { at: new Date(row.received_at), via: row.received_via } : null,
  };
}

/** The actor columns of a time line entry or message. */
export function actorColumns(actor: CaseActor): { kind: CaseActorKind; id: string | null } {
  switch (actor.kind) {
    case 'applicant':
      return { kind: 'applicant', id: actor.userId };
    case 'caseworker':
      return { kind: 'caseworker', id: actor.userId };
    case 'system':
      return { kind: 'system', id: actor.component };
  }
}

// ---------------------------------------------------------------------------------------------
// Cases

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything that is not a UUID names no case (rather than a database type error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export async function findCaseById(db: Db | Trx, id: string): Promise<CaseDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await eDb(db).selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row && caseRowToDetail(row);
}

/** The case, locked until the transaction ends: status changes are read-check-write. */
export async function lockCaseById(trx: Trx, id: string): Promise<CaseDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await eTrx(trx).selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && caseRowToDetail(row);
}

/** The cases with these ids that exist (any order). */
export async function findCasesByIds(db: Db | Trx, ids: readonly string[]): Promise<CaseDetail[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await eDb(db).selectFrom('cases').selectAll().where('id', 'in', valid).execute();
  return rows.map(caseRowToDetail);
}

/** The cases, locked until the transaction ends, taken in id order (two batches never deadlock on them). */
export async function lockCasesByIds(trx: Trx, ids: readonly string[]): Promise<CaseDetail[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await eTrx(trx)
    .selectFrom('cases')
    .selectAll()
    .where('id', 'in', valid)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(caseRowToDetail);
}

export async function findCaseByIdempotencyKey(db: Db | Trx, key: string): Promise<CaseDetail | undefined> {
  const row = await eDb(db).selectFrom('cases').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  return row && caseRowToDetail(row);
}

/** The cases submitted with these (scoped) idempotency keys, those that exist (one query). */
export async function findCasesByIdempotencyKeys(
  db: Db | Trx,
  keys: readonly string[],
): Promise<{ key: string; case: CaseDetail }[]> {
  if (keys.length === 0) return [];
  const rows = await eDb(db).selectFrom('cases').selectAll().where('idempotency_key', 'in', keys).execute();
  return rows.map((row) => ({ key: row.idempotency_key!, case: caseRowToDetail(row) }));
}

export async function insertCase(trx: Trx, row: NewCaseRow): Promise<CaseDetail> {
  return (await insertCases(trx, [row]))[0]!;
}

/** Cases with one statement; in the order given (ids made here, not left to RETURNING's order). */
export async function insertCases(trx: Trx, rows: readonly NewCaseRow[]): Promise<CaseDetail[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(() => randomUUID());
  const inserted = await eDb(trx)
    .insertInto('cases')
    .values(rows.map((row, i) => ({ ...row, id: ids[i]! })))
    .returningAll()
    .execute();
  const byId = new Map(inserted.map((row) => [row.id, caseRowToDetail(row)]));
  return ids.map((id) => byId.get(id)!);
}

export async function updateCaseStatus(
  trx: Trx,
  id: string,
  status: CaseStatus,
  now: Date,
  decidedAt?: Date,
): Promise<void> {
  await eDb(trx)
    .updateTable('cases')
    .set({ status, updated_at: now, ...(decidedAt ? { decided_at: decidedAt } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Sets the status of several cases alike (one statement). */
export async function updateCasesStatus(
  trx: Trx,
  ids: readonly string[],
  status: CaseStatus,
  now: Date,
  decidedAt?: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await eDb(trx)
    .updateTable('cases')
    .set({ status, updated_at: now, ...(decidedAt ? { decided_at: decidedAt } : {}) })
    .where('id', 'in', ids)
    .execute();
}

export async function updateCaseProtectedIdentity(
  trx: Trx,
  id: string,
  protectedIdentity: boolean,
  now: Date,
): Promise<void> {
  await eDb(trx)
    .updateTable('cases')
    .set({ protected_identity: protectedIdentity, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function updateCaseAssignee(trx: Trx, id: string, assignedTo: string | null, now: Date): Promise<void> {
  await eDb(trx).updateTable('cases').set({ assigned_to: assignedTo, updated_at: now }).where('id', '=', id).execute();
}

/** A caseworker has verified who the applicant is: the case carries the verified identity number. */
export async function markIdentityVerified(trx: Trx, id: string, personalNumber: string, now: Date): Promise<void> {
  await eDb(trx)
    .updateTable('cases')
    .set({ identity_verified: true, applicant_personal_number: personalNumber, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Cases made without e-ID whose identity a caseworker has since verified, with this identity
 * number and no account yet, become the signed-in resident's own (they appear on My pages).
 * Returns their ids.
 */
export async function claimVerifiedCases(trx: Trx, userId: string, personalNumber: string): Promise<string[]> {
  const rows = await eDb(trx)
    .updateTable('cases')
    .set({ applicant_user_id: userId })
    .where('applicant_user_id', 'is', null)
    .where('identity_verified', '=', true)
    .where('applicant_personal_number', '=', personalNumber)
    .where('status', '<>', 'draft')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The applicant's own cases beyond the draft stage, newest first. */
export async function listCasesByApplicant(db: Db | Trx, userId: string): Promise<CaseSummary[]> {
  const rows = await eDb(db)
    .selectFrom('cases')
    .selectAll()
    .where('applicant_user_id', '=', userId)
    .where('status', '<>', 'draft')
    .orderBy('submitted_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(caseRowToSummary);
}

// ---------------------------------------------------------------------------------------------
// Drafts

export type DraftOwner = { userId: string } | { draftTokenHash: string };

export async function findDraft(db: Db | Trx, serviceId: string, owner: DraftOwner): Promise<CaseDetail | undefined> {
  let query = eDb(db).selectFrom('cases').selectAll().where('service_id', '=', serviceId).where('status', '=', 'draft');
  query =
    'userId' in owner
      ? query.where('applicant_user_id', '=', owner.userId)
      : query.where('draft_token_hash', '=', owner.draftTokenHash);
  const row = await query.executeTakeFirst();
  return row && caseRowToDetail(row);
}

/**
 * The resident's drafts that hold answers, oldest change first. A draft whose keys all start
 * with `_` is a form's bookkeeping (e.g. which submission it already made), not a started application.
 */
export async function listDraftsByApplicant(
  db: Db | Trx,
  userId: string,
): Promise<{ id: string; serviceId: string; updatedAt: Date }[]> {
  const rows = await eDb(db)
    .selectFrom('cases')
    .select(['id', 'service_id', 'updated_at'])
    .where('applicant_user_id', '=', userId)
    .where('status', '=', 'draft')
    .where(sql<boolean>`exists (select 1 from jsonb_object_keys(answers) as k (key) where left(k.key, 1) <> '_')`)
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, serviceId: r.service_id, updatedAt: new Date(r.updated_at) }));
}

export async function updateDraftAnswers(
  trx: Trx,
  id: string,
  answers: Record<string, unknown>,
  locale: Locale,
  now: Date,
): Promise<void> {
  await eDb(trx)
    .updateTable('cases')
    .set({ answers: JSON.stringify(answers), locale, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function deleteDraft(trx: Trx, id: string): Promise<void> {
  await eDb(trx).deleteFrom('cases').where('id', '=', id).where('status', '=', 'draft').execute();
}

/**
 * Up to `limit` ids of drafts last changed before `changedBefore`, locked until the transaction
 * ends. SKIP LOCKED: a draft someone is saving right now is left for the next run.
 */
/** Drafts past their cutoff: `signedIn` for drafts of a signed-in applicant, `anonymous` for drafts kept by a draft cookie. */
export interface DraftCutoffs {
  signedIn: Date;
  anonymous: Date;
}

function pastCutoff(cutoffs: DraftCutoffs) {
  return sql<boolean>`case when draft_token_hash is not null then updated_at < ${cutoffs.anonymous} else updated_at < ${cutoffs.signedIn} end`;
}

export async function lockDraftIdsChangedBefore(trx: Trx, cutoffs: DraftCutoffs, limit: number): Promise<string[]> {
  const rows = await eTrx(trx)
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'draft')
    .where('updated_at', '<', cutoffs.signedIn > cutoffs.anonymous ? cutoffs.signedIn : cutoffs.anonymous)
    .where(pastCutoff(cutoffs))
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes those of `ids` that are still drafts last changed before `changedBefore`; returns how
 * many. Everything that hangs on a case (events, facts, decisions, messages, documents, tasks,
 * SFI enrolment and pipeline steps) goes with it: every foreign key to cases is ON DELETE CASCADE.
 */
export async function deleteDraftsChangedBefore(
  trx: Trx,
  ids: readonly string[],
  cutoffs: DraftCutoffs,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await eTrx(trx)
    .deleteFrom('cases')
    .where('id', 'in', ids)
    .where('status', '=', 'draft')
    .where(pastCutoff(cutoffs))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Time line

export interface NewCaseEvent {
  caseId: string;
  type: string;
  actor: CaseActor;
  occurredAt: Date;
  data?: Record<string, unknown>;
}

export async function insertCaseEvent(trx: Trx, input: NewCaseEvent): Promise<void> {
  await insertCaseEvents(trx, [input]);
}

/** Time line entries with one statement (ids follow the order given). */
export async function insertCaseEvents(trx: Trx, inputs: readonly NewCaseEvent[]): Promise<void> {
  if (inputs.length === 0) return;
  await eDb(trx)
    .insertInto('case_events')
    .values(
      inputs.map((input) => {
        const actor = actorColumns(input.actor);
        return {
          case_id: input.caseId,
          type: input.type,
          actor_kind: actor.kind,
          actor_id: actor.id,
          occurred_at: input.occurredAt,
          data: JSON.stringify(input.data ?? {}),
        };
      }),
    )
    .execute();
}

export async function listCaseEvents(db: Db | Trx, caseId: string): Promise<CaseEvent[]> {
  const rows = await eDb(db)
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    actor: { kind: r.actor_kind, id: r.actor_id },
    occurredAt: new Date(r.occurred_at),
    data: (r.data ?? {}) as Record<string, unknown>,
  }));
}

// ---------------------------------------------------------------------------------------------
// The same applicant's other cases

/** Another case of the same applicant (personal number) in the same e-service, seen from one case. */
export interface SameApplicantCase {
  /** The case it was found for. */
  forCaseId: string;
  id: string;
  caseNumber: string | null;
  status: CaseStatus;
  submittedAt: Date | null;
  /** Submitted before the case it was found for (by time, then case number). */
  earlier: boolean;
  /** Its latest final decision; null while none. */
  decision: { outcome: DecisionOutcome; decidedAt: Date } | null;
}

/**
 * The other submitted cases of the same personal number in the same e-service, for each of these
 * cases, oldest first — one statement for a batch. Cases without a personal number have none.
 */
export async function listOtherCasesOfSameApplicants(
  db: Db | Trx,
  caseIds: readonly string[],
): Promise<SameApplicantCase[]> {
  if (caseIds.length === 0) return [];
  const ids = sql.join([...new Set(caseIds)].map((id) => sql`${id}::uuid`));
  const { rows } = await sql<{
    for_case_id: string;
    id: string;
    case_number: string | null;
    status: CaseStatus;
    submitted_at: Date | string | null;
    earlier: boolean;
    outcome: DecisionOutcome | null;
    decided_at: Date | string | null;
  }>`
    select c.id as for_case_id, o.id, o.case_number, o.status, o.submitted_at,
           (o.submitted_at, o.case_number) < (c.submitted_at, c.case_number) as earlier,
           d.outcome, d.decided_at
      from cases c
      join cases o
        on o.applicant_personal_number = c.applicant_personal_number
       and o.service_id = c.service_id
       and o.id <> c.id
       and o.status <> 'draft'
      left join lateral (
        select outcome, decided_at from decisions
         where case_id = o.id and is_final
         order by decided_at desc, id desc
         limit 1
      ) d on true
     where c.id in (${ids}) and c.applicant_personal_number is not null
     order by c.id, o.submitted_at, o.case_number`.execute(db);
  return rows.map((r) => ({
    forCaseId: r.for_case_id,
    id: r.id,
    caseNumber: r.case_number,
    status: r.status,
    submittedAt: r.submitted_at === null ? null : new Date(r.submitted_at),
    earlier: r.earlier === true,
    decision:
      r.outcome === null || r.decided_at === null ? null : { outcome: r.outcome, decidedAt: new Date(r.decided_at) },
  }));
}

// ---------------------------------------------------------------------------------------------
// Facts

export interface NewFact {
  name: string;
  value: unknown;
  source: string;
  selfDeclared: boolean;
  retrievedAt: Date;
}

/**
 * Stores facts as the case's current facts (one row per name, replaced when gathered again).
 * Returns how many names were new or changed value/source, so a re-run can tell it did nothing.
 */
export async function upsertCaseFacts(trx: Trx, caseId: string, facts: readonly NewFact[]): Promise<number> {
  return (await upsertFactsOfCases(trx, [{ caseId, facts }])).get(caseId) ?? 0;
}

/** upsertCaseFacts for several cases: one read of what is stored, one upsert of what changed; changed names per case. */
export async function upsertFactsOfCases(
  trx: Trx,
  items: readonly { caseId: string; facts: readonly NewFact[] }[],
): Promise<Map<string, number>> {
  const changedByCase = new Map<string, number>();
  const withFacts = items.filter((item) => item.facts.length > 0);
  if (withFacts.length === 0) return changedByCase;
  const e = eDb(trx);
  const before = await e
    .selectFrom('case_facts')
    .select(['case_id', 'name', 'value', 'source', 'self_declared'])
    .where(
      'case_id',
      'in',
      withFacts.map((item) => item.caseId),
    )
    .execute();
  const known = new Map(
    before.map((r) => [`${r.case_id} ${r.name}`, JSON.stringify([r.value, r.source, r.self_declared])]),
  );
  const rows = [];
  for (const { caseId, facts } of withFacts) {
    // Canonical JSON of what the database will return (jsonb reorders keys): compare after a round trip.
    const changed = facts.filter(
      (f) => known.get(`${caseId} ${f.name}`) !== JSON.stringify([normaliseJson(f.value), f.source, f.selfDeclared]),
    );
    if (changed.length > 0) changedByCase.set(caseId, changed.length);
    for (const f of changed) {
      rows.push({
        case_id: caseId,
        name: f.name,
        value: JSON.stringify(f.value ?? null),
        source: f.source,
        self_declared: f.selfDeclared,
        retrieved_at: f.retrievedAt,
      });
    }
  }
  if (rows.length === 0) return changedByCase;
  await e
    .insertInto('case_facts')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['case_id', 'name']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        source: eb.ref('excluded.source'),
        self_declared: eb.ref('excluded.self_declared'),
        retrieved_at: eb.ref('excluded.retrieved_at'),
      })),
    )
    .execute();
  return changedByCase;
}

/** jsonb stores object keys sorted by length then bytes; mirror that so values compare equal. */
function normaliseJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseJson);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(keys.map((k) => [k, normaliseJson((value as Record<string, unknown>)[k])]));
  }
  return value ?? null;
}

export async function listCaseFacts(db: Db | Trx, caseId: string): Promise<CaseFact[]> {
  const rows = await eDb(db)
    .selectFrom('case_facts')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    value: r.value,
    source: r.source,
    selfDeclared: r.self_declared,
    retrievedAt: new Date(r.retrieved_at),
  }));
}

// ---------------------------------------------------------------------------------------------
// Decisions

export interface NewDecision {
  caseId: string;
  kind: DecisionKind;
  outcome: DecisionOutcome;
  reasons: readonly DecisionReason[];
  ruleSet: { id: string; version: string } | null;
  contentHash: string | null;
  facts: unknown;
  /** JSON text as the engine produced it, or a value to serialise. */
  trace: string | unknown;
  result: Record<string, unknown>;
  actor: { kind: 'system' | 'caseworker'; id: string };
  motivation: string | null;
  isFinal: boolean;
  decidedAt: Date;
}

function decisionValues(d: NewDecision) {
  return {
    case_id: d.caseId,
    kind: d.kind,
    outcome: d.outcome,
    reasons: JSON.stringify(d.reasons),
    rule_set_id: d.ruleSet?.id ?? null,
    rule_set_version: d.ruleSet?.version ?? null,
    content_hash: d.contentHash,
    facts: JSON.stringify(d.facts ?? null),
    trace:
      d.trace === null || d.trace === undefined
        ? null
        : typeof d.trace === 'string'
          ? d.trace
          : JSON.stringify(d.trace),
    result: JSON.stringify(d.result),
    actor_kind: d.actor.kind,
    actor_id: d.actor.id,
    motivation: d.motivation,
    is_final: d.isFinal,
    decided_at: d.decidedAt,
  };
}

/** Inserts the case's automated decision; undefined when it already has one (the unique index decides). */
export async function insertAutomatedDecision(trx: Trx, decision: NewDecision): Promise<DecisionRecord | undefined> {
  return (await insertAutomatedDecisions(trx, [decision]))[0];
}

/** Automated decisions with one statement; the records of those inserted (a case that had one already is left out). */
export async function insertAutomatedDecisions(trx: Trx, decisions: readonly NewDecision[]): Promise<DecisionRecord[]> {
  if (decisions.length === 0) return [];
  const rows = await eDb(trx)
    .insertInto('decisions')
    .values(decisions.map((decision) => decisionValues({ ...decision, kind: 'automated' })))
    .onConflict((oc) =>
      oc
        .column('case_id')
        .where(sql<boolean>`kind = 'automated'`)
        .doNothing(),
    ) // a literal: index inference cannot see through a parameter
    .returningAll()
    .execute();
  return rows.map(decisionRowToRecord);
}

export async function insertManualDecision(trx: Trx, decision: NewDecision): Promise<DecisionRecord> {
  const row = await eDb(trx)
    .insertInto('decisions')
    .values(decisionValues({ ...decision, kind: 'manual' }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return decisionRowToRecord(row);
}

export async function findAutomatedDecision(db: Db | Trx, caseId: string): Promise<DecisionRecord | undefined> {
  const row = await eDb(db)
    .selectFrom('decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('kind', '=', 'automated')
    .executeTakeFirst();
  return row && decisionRowToRecord(row);
}

export async function findAutomatedDecisions(db: Db | Trx, caseIds: readonly string[]): Promise<DecisionRecord[]> {
  if (caseIds.length === 0) return [];
  const rows = await eDb(db)
    .selectFrom('decisions')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .where('kind', '=', 'automated')
    .execute();
  return rows.map(decisionRowToRecord);
}

/**
 * The applicant received these decisions at `at` (read on My pages, delivered to the mailbox,
 * posted, or shown by an appeal): each one not received before is marked, with a time line entry
 * written `now`.
 * One received earlier keeps its first day, the day the appeal time runs from. Returns those
 * marked now.
 */
export async function recordDecisionsReceived(
  trx: Trx,
  input: { decisionIds: readonly string[]; via: DecisionReceivedVia; at: Date; actor: CaseActor; now: Date },
): Promise<{ caseId: string; decisionId: string }[]> {
  if (input.decisionIds.length === 0) return [];
  const rows = await eDb(trx)
    .updateTable('decisions')
    .set({ received_at: input.at, received_via: input.via })
    .where('id', 'in', input.decisionIds)
    .where('received_at', 'is', null)
    .returning(['id', 'case_id'])
    .execute();
  await insertCaseEvents(
    trx,
    rows.map((row) => ({
      caseId: row.case_id,
      type: 'case.decision-received',
      actor: input.actor,
      occurredAt: input.now,
      data: { decisionId: row.id, via: input.via, receivedOn: stockholmDate(input.at) },
    })),
  );
  return rows.map((row) => ({ caseId: row.case_id, decisionId: row.id }));
}

/** Every decision record of the case, oldest first. */
export async function listDecisionsByCase(db: Db | Trx, caseId: string): Promise<DecisionRecord[]> {
  const rows = await eDb(db)
    .selectFrom('decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('decided_at')
    .orderBy('kind')
    .execute();
  return rows.map(decisionRowToRecord);
}

// ---------------------------------------------------------------------------------------------
// Messages

export async function insertMessage(
  trx: Trx,
  input: { caseId: string; senderKind: CaseActorKind; senderId: string | null; body: string; createdAt: Date },
): Promise<CaseMessage> {
  const row = await eDb(trx)
    .insertInto('case_messages')
    .values({
      case_id: input.caseId,
      sender_kind: input.senderKind,
      sender_id: input.senderId,
      body: input.body,
      created_at: input.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return messageRowOf(row);
}

/** Messages with one statement (a batch's notifications). */
export async function insertMessages(
  trx: Trx,
  inputs: readonly {
    caseId: string;
    senderKind: CaseActorKind;
    senderId: string | null;
    body: string;
    createdAt: Date;
  }[],
): Promise<void> {
  if (inputs.length === 0) return;
  await eDb(trx)
    .insertInto('case_messages')
    .values(
      inputs.map((input) => ({
        case_id: input.caseId,
        sender_kind: input.senderKind,
        sender_id: input.senderId,
        body: input.body,
        created_at: input.createdAt,
      })),
    )
    .execute();
}

function messageRowOf(r: {
  id: string;
  sender_kind: CaseActorKind;
  sender_id: string | null;
  body: string;
  created_at: Date | string;
  read_at: Date | null;
}): CaseMessage {
  return {
    id: r.id,
    senderKind: r.sender_kind,
    senderId: r.sender_id,
    body: r.body,
    createdAt: new Date(r.created_at),
    readAt: r.read_at && new Date(r.read_at),
  };
}

export async function listMessages(db: Db | Trx, caseId: string): Promise<CaseMessage[]> {
  const rows = await eDb(db)
    .selectFrom('case_messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(messageRowOf);
}

/** Marks unread messages from these senders as read now (read receipts); returns how many. */
export async function markMessagesReadFrom(
  trx: Trx,
  caseId: string,
  senderKinds: readonly CaseActorKind[],
  now: Date,
): Promise<number> {
  const result = await eDb(trx)
    .updateTable('case_messages')
    .set({ read_at: now })
    .where('case_id', '=', caseId)
    .where('sender_kind', 'in', senderKinds)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface NewDocument {
  caseId: string;
  kind: DocumentKind;
  filename: string;
  contentType: DocumentContentType;
  content: Uint8Array;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
}

const DOCUMENT_INFO = [
  'id',
  'kind',
  'filename',
  'content_type',
  'size',
  'sha256',
  'uploaded_by',
  'created_at',
] as const;

function documentInfoOf(r: {
  id: string;
  kind: DocumentKind;
  filename: string;
  content_type: DocumentContentType;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: Date | string;
}): CaseDocumentInfo {
  return {
    id: r.id,
    kind: r.kind,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    createdAt: new Date(r.created_at),
  };
}

export async function insertDocument(trx: Trx, doc: NewDocument): Promise<CaseDocumentInfo> {
  return (await insertDocuments(trx, [doc]))[0]!;
}

/** Documents with one statement; their infos in the order given. */
export async function insertDocuments(trx: Trx, docs: readonly NewDocument[]): Promise<CaseDocumentInfo[]> {
  if (docs.length === 0) return [];
  // Ids made here, so the order of the result does not rest on RETURNING's order.
  const ids = docs.map(() => randomUUID());
  const rows = await eDb(trx)
    .insertInto('case_documents')
    .values(
      docs.map((doc, i) => ({
        id: ids[i]!,
        case_id: doc.caseId,
        kind: doc.kind,
        filename: doc.filename,
        content_type: doc.contentType,
        size: doc.content.byteLength,
        sha256: doc.sha256,
        content: doc.content,
        uploaded_by: doc.uploadedBy,
        created_at: doc.createdAt,
      })),
    )
    .returning(DOCUMENT_INFO)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, documentInfoOf(row)]));
  return ids.map((id) => byId.get(id)!);
}

/** The case's documents without their content, oldest first. */
export async function listDocuments(db: Db | Trx, caseId: string): Promise<CaseDocumentInfo[]> {
  const rows = await eDb(db)
    .selectFrom('case_documents')
    .select(DOCUMENT_INFO)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(documentInfoOf);
}

export async function findDocumentByName(
  db: Db | Trx,
  caseId: string,
  kind: DocumentKind,
  filename: string,
): Promise<CaseDocumentInfo | undefined> {
  const row = await eDb(db)
    .selectFrom('case_documents')
    .select(DOCUMENT_INFO)
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('filename', '=', filename)
    .executeTakeFirst();
  return row && documentInfoOf(row);
}

/** The documents of a kind of these cases, without their content, with their case ids. */
export async function findDocumentsOfCases(
  db: Db | Trx,
  caseIds: readonly string[],
  kind: DocumentKind,
): Promise<(CaseDocumentInfo & { caseId: string })[]> {
  if (caseIds.length === 0) return [];
  const rows = await eDb(db)
    .selectFrom('case_documents')
    .select([...DOCUMENT_INFO, 'case_id'])
    .where('case_id', 'in', caseIds)
    .where('kind', '=', kind)
    .execute();
  return rows.map((row) => ({ ...documentInfoOf(row), caseId: row.case_id }));
}

/** One document of one case, with its bytes; undefined when it belongs to another case. */
export async function findDocument(
  db: Db | Trx,
  caseId: string,
  documentId: string,
): Promise<CaseDocument | undefined> {
  if (!isUuid(caseId) || !isUuid(documentId)) return undefined;
  const row = await eDb(db)
    .selectFrom('case_documents')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row && { ...documentInfoOf(row), content: Buffer.from(row.content) };
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** Opens a task of this kind unless one is open already (the partial unique index decides). */
export async function openTask(
  trx: Trx,
  caseId: string,
  kind: TaskKind,
  assignedTo: string | null,
  now: Date,
): Promise<void> {
  await openTasks(trx, [{ caseId, kind, assignedTo, createdAt: now }]);
}

export async function openTasks(
  trx: Trx,
  tasks: readonly { caseId: string; kind: TaskKind; assignedTo: string | null; createdAt: Date }[],
): Promise<void> {
  if (tasks.length === 0) return;
  await eDb(trx)
    .insertInto('case_tasks')
    .values(
      tasks.map((task) => ({
        case_id: task.caseId,
        kind: task.kind,
        status: 'open' as const,
        assigned_to: task.assignedTo,
        created_at: task.createdAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'kind'])
        .where(sql<boolean>`status = 'open'`)
        .doNothing(),
    )
    .execute();
}

export async function closeOpenTasks(trx: Trx, caseId: string, now: Date): Promise<number> {
  const result = await eDb(trx)
    .updateTable('case_tasks')
    .set({ status: 'done', done_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function assignOpenTasks(trx: Trx, caseId: string, assignedTo: string | null): Promise<void> {
  await eDb(trx)
    .updateTable('case_tasks')
    .set({ assigned_to: assignedTo })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .execute();
}

export async function listTasks(db: Db | Trx, caseId: string): Promise<CaseTask[]> {
  const rows = await eDb(db)
    .selectFrom('case_tasks')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    assignedTo: r.assigned_to,
    createdAt: new Date(r.created_at),
    doneAt: r.done_at && new Date(r.done_at),
  }));
}

// ---------------------------------------------------------------------------------------------
// Queue

export interface QueueFilter {
  serviceId?: string | undefined;
  /**
   * `open`: waiting for a caseworker (in progress or appealed); `all`: every submitted case;
   * `appeal-pending`: an appeal waits for the municipality (to reconsider, dismiss or forward).
   */
  status?: CaseStatus | 'open' | 'all' | 'appeal-pending' | undefined;
  reasonCode?: string | undefined;
  /** Only cases that have waited since before this instant. */
  waitingSince?: Date | undefined;
  assignedTo?: string | undefined;
}

export interface QueueRow {
  id: string;
  caseNumber: string;
  serviceId: string;
  status: CaseStatus;
  submittedAt: Date;
  decidedAt: Date | null;
  /** When the case started waiting for someone: its open task, or its submission while the rules have not run. */
  waitingSince: Date | null;
  openTask: TaskKind | null;
  assignedTo: { id: string; name: string } | null;
  identityVerified: boolean;
  latestOutcome: DecisionOutcome | null;
  reasonCodes: string[];
}

function queueQuery(db: Db | Trx, filter: QueueFilter) {
  let query = eDb(db)
    .selectFrom('cases as c')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('case_tasks')
          .select(['kind', 'created_at'])
          .whereRef('case_tasks.case_id', '=', 'c.id')
          .where('status', '=', 'open')
          .orderBy('created_at')
          .limit(1)
          .as('t'),
      (join) => join.onTrue(),
    )
    .where('c.status', '<>', 'draft');
  const status = filter.status ?? 'open';
  if (status === 'open') query = query.where('c.status', 'in', ['in_progress', 'appealed']);
  else if (status === 'appeal-pending')
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_appeals as pa')
          .select('pa.id')
          .whereRef('pa.case_id', '=', 'c.id')
          .where('pa.state', '=', 'pending'),
      ),
    );
  else if (status !== 'all') query = query.where('c.status', '=', status);
  if (filter.serviceId) query = query.where('c.service_id', '=', filter.serviceId);
  if (filter.assignedTo) query = query.where('c.assigned_to', '=', filter.assignedTo);
  if (filter.reasonCode) {
    const containment = JSON.stringify([{ code: filter.reasonCode }]);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('decisions as rd')
          .select('rd.id')
          .whereRef('rd.case_id', '=', 'c.id')
          .where(sql<boolean>`rd.reasons @> ${containment}::jsonb`),
      ),
    );
  }
  if (filter.waitingSince) {
    query = query.where(
      sql<boolean>`coalesce(t.created_at, case when c.status = 'submitted' then c.submitted_at end) < ${filter.waitingSince}`,
    );
  }
  return query;
}

export async function countQueue(db: Db | Trx, filter: QueueFilter): Promise<number> {
  const row = await queueQuery(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the queue: the longest-waiting first, then the newest submissions. No personal data. */
export async function listQueue(
  db: Db | Trx,
  filter: QueueFilter,
  page: { limit: number; offset: number },
): Promise<QueueRow[]> {
  const rows = await queueQuery(db, filter)
    .leftJoin('users as u', 'u.id', 'c.assigned_to')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('decisions')
          .select(['outcome', 'reasons'])
          .whereRef('decisions.case_id', '=', 'c.id')
          .orderBy('decided_at', 'desc')
          .orderBy('kind', 'desc')
          .limit(1)
          .as('d'),
      (join) => join.onTrue(),
    )
    .select([
      'c.id',
      'c.case_number',
      'c.service_id',
      'c.status',
      'c.submitted_at',
      'c.decided_at',
      'c.identity_verified',
      'c.assigned_to',
      'u.display_name as assignee_name',
      't.kind as task_kind',
      'd.outcome',
      'd.reasons',
    ])
    .select(
      sql<Date | null>`coalesce(t.created_at, case when c.status = 'submitted' then c.submitted_at end)`.as(
        'waiting_since',
      ),
    )
    .orderBy(sql`coalesce(t.created_at, case when c.status = 'submitted' then c.submitted_at end)`, (ob) =>
      ob.asc().nullsLast(),
    )
    .orderBy('c.submitted_at', 'desc')
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.case_number ?? '',
    serviceId: r.service_id,
    status: r.status,
    submittedAt: new Date(r.submitted_at!),
    decidedAt: r.decided_at && new Date(r.decided_at),
    waitingSince: r.waiting_since && new Date(r.waiting_since),
    openTask: r.task_kind ?? null,
    assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assignee_name ?? '' } : null,
    identityVerified: r.identity_verified,
    latestOutcome: r.outcome ?? null,
    reasonCodes: ((r.reasons ?? []) as DecisionReason[]).map((reason) => reason.code),
  }));
}

/** Every reason code any decision has given, for the queue's filter. */
export async function listReasonCodes(db: Db | Trx): Promise<string[]> {
  const result = await sql<{
    code: string;
  }>`select distinct r->>'code' as code from decisions, jsonb_array_elements(reasons) as r order by 1`.execute(eDb(db));
  return result.rows.map((r) => r.code);
}

/** Staff who may be given cases: caseworkers and administrators. */
export async function listCaseworkers(db: Db | Trx): Promise<{ id: string; name: string }[]> {
  const rows = await eDb(db)
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('kind', '=', 'staff')
    .where(sql<boolean>`roles && array['caseworker', 'admin']::text[]`)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

// ---------------------------------------------------------------------------------------------
// Statistics

export interface DecisionFigures {
  submitted: number;
  decided: number;
  decidedAutomatically: number;
  medianSecondsToDecision: number | null;
  /** Per ISO week of submission: applications, decided automatically, decided by a caseworker. */
  perWeek: Map<string, { submitted: number; automatic: number; manual: number }>;
}

/** Decision figures for cases submitted since `from`. A case counts as automatic when its final decision came from the rules. */
export async function decisionFigures(
  db: Db | Trx,
  input: { serviceId?: string | undefined; from: Date },
): Promise<DecisionFigures> {
  const serviceFilter = input.serviceId ? sql`and c.service_id = ${input.serviceId}` : sql``;
  const rows = await sql<{
    week: string;
    submitted: number;
    decided: number;
    automatic: number;
    median_seconds: number | null;
  }>`
    select to_char(c.submitted_at at time zone 'Europe/Stockholm', 'IYYY-"W"IW') as week,
           count(*) as submitted,
           count(c.decided_at) as decided,
           count(*) filter (where exists (select 1 from decisions d where d.case_id = c.id and d.kind = 'automated' and d.is_final)) as automatic,
           null::float8 as median_seconds
    from cases c
    where c.status <> 'draft' and c.submitted_at >= ${input.from} ${serviceFilter}
    group by 1
    union all
    select 'all', 0, 0, 0,
           percentile_cont(0.5) within group (order by extract(epoch from (c.decided_at - c.submitted_at)))::float8
    from cases c
    where c.status <> 'draft' and c.decided_at is not null and c.submitted_at >= ${input.from} ${serviceFilter}
  `.execute(eDb(db));
  const perWeek = new Map<string, { submitted: number; automatic: number; manual: number }>();
  let submitted = 0;
  let decided = 0;
  let automatic = 0;
  let median: number | null = null;
  for (const row of rows.rows) {
    if (row.week === 'all') {
      median = row.median_seconds === null ? null : Number(row.median_seconds);
      continue;
    }
    submitted += Number(row.submitted);
    decided += Number(row.decided);
    automatic += Number(row.automatic);
    perWeek.set(row.week, {
      submitted: Number(row.submitted),
      automatic: Number(row.automatic),
      manual: Number(row.decided) - Number(row.automatic),
    });
  }
  return { submitted, decided, decidedAutomatically: automatic, medianSecondsToDecision: median, perWeek };
}
