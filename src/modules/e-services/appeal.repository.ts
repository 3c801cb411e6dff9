import { sql } from 'kysely';
import type { Db, Trx } from '../../platform/db/database.ts';
import { eDb, eTrx, type AppealState } from './e-services.table.ts';

/** An appeal as the municipality handles it (one row of case_appeals). */
export interface AppealRecord {
  id: string;
  caseId: string;
  /** The decision appealed against. */
  decisionId: string;
  receivedAt: Date;
  /** The last day to appeal on time (YYYY-MM-DD, Stockholm); null when unknown. */
  lastDay: string | null;
  late: boolean;
  text: string;
  state: AppealState;
  reconsideredAt: Date | null;
  resolvedByDecisionId: string | null;
  forwardedAt: Date | null;
  caseFileDocumentId: string | null;
  closedAt: Date | null;
}

const COLUMNS = [
  'id',
  'case_id',
  'decision_id',
  'received_at',
  sql<string | null>`to_char(last_day, 'YYYY-MM-DD')`.as('last_day'),
  'late',
  'text',
  'state',
  'reconsidered_at',
  'resolved_by_decision_id',
  'forwarded_at',
  'case_file_document_id',
  'closed_at',
] as const;

function appealOf(row: {
  id: string;
  case_id: string;
  decision_id: string;
  received_at: Date;
  last_day: string | null;
  late: boolean;
  text: string;
  state: AppealState;
  reconsidered_at: Date | null;
  resolved_by_decision_id: string | null;
  forwarded_at: Date | null;
  case_file_document_id: string | null;
  closed_at: Date | null;
}): AppealRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    decisionId: row.decision_id,
    receivedAt: new Date(row.received_at),
    lastDay: row.last_day,
    late: row.late,
    text: row.text,
    state: row.state,
    reconsideredAt: row.reconsidered_at && new Date(row.reconsidered_at),
    resolvedByDecisionId: row.resolved_by_decision_id,
    forwardedAt: row.forwarded_at && new Date(row.forwarded_at),
    caseFileDocumentId: row.case_file_document_id,
    closedAt: row.closed_at && new Date(row.closed_at),
  };
}

export async function insertAppeal(
  trx: Trx,
  input: { caseId: string; decisionId: string; receivedAt: Date; lastDay: string | null; late: boolean; text: string },
): Promise<void> {
  await eTrx(trx)
    .insertInto('case_appeals')
    .values({
      case_id: input.caseId,
      decision_id: input.decisionId,
      received_at: input.receivedAt,
      last_day: input.lastDay,
      late: input.late,
      text: input.text,
    })
    .execute();
}

/** The appeals of a case, oldest first. */
export async function listAppealsByCase(db: Db | Trx, caseId: string): Promise<AppealRecord[]> {
  const rows = await eDb(db)
    .selectFrom('case_appeals')
    .select(COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map(appealOf);
}

/** The appeal of a case that waits for the municipality, locked; callers lock the case first. */
export async function lockPendingAppeal(trx: Trx, caseId: string): Promise<AppealRecord | undefined> {
  const row = await eTrx(trx)
    .selectFrom('case_appeals')
    .select(COLUMNS)
    .where('case_id', '=', caseId)
    .where('state', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
  return row && appealOf(row);
}

export async function updateAppeal(
  trx: Trx,
  id: string,
  changes: {
    state?: AppealState;
    reconsideredAt?: Date;
    resolvedByDecisionId?: string;
    forwardedAt?: Date;
    caseFileDocumentId?: string;
    closedAt?: Date;
  },
): Promise<void> {
  await eTrx(trx)
    .updateTable('case_appeals')
    .set({
      ...(changes.state && { state: changes.state }),
      ...(changes.reconsideredAt && { reconsidered_at: changes.reconsideredAt }),
      ...(changes.resolvedByDecisionId && { resolved_by_decision_id: changes.resolvedByDecisionId }),
      ...(changes.forwardedAt && { forwarded_at: changes.forwardedAt }),
      ...(changes.caseFileDocumentId && { case_file_document_id: changes.caseFileDocumentId }),
      ...(changes.closedAt && { closed_at: changes.closedAt }),
    })
    .where('id', '=', id)
    .execute();
}

/** Appeals received in [from, to) by state, for one service or all. */
export async function appealFigures(
  db: Db | Trx,
  filter: { serviceId?: string | undefined; from: Date; to?: Date | undefined },
): Promise<{ state: AppealState; count: number }[]> {
  let query = eDb(db)
    .selectFrom('case_appeals as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.state', sql<string>`count(*)`.as('count')])
    .where('a.received_at', '>=', filter.from)
    .groupBy('a.state');
  if (filter.to) query = query.where('a.received_at', '<', filter.to);
  if (filter.serviceId) query = query.where('c.service_id', '=', filter.serviceId);
  const rows = await query.execute();
  return rows.map((r) => ({ state: r.state, count: Number(r.count) }));
}
