import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATUSES } from './case-lifecycle.ts';
import { CASE_FOR_STAFF, CASEWORKER } from './caseworker.routes.tsx';
import { getCaseForCaseworker, listQueue } from './caseworker.service.ts';
import type { DecisionRecord } from './e-services.schema.ts';
import type { Db } from '../../platform/db/database.ts';

const statusSchema = z.enum(CASE_STATUSES);
const outcomeSchema = z.enum(['admit', 'refuse', 'manual']);
const reasonSchema = z.object({ code: z.string(), legalRef: z.string() });
const isoDateTime = z.string().describe('ISO 8601 date and time (UTC)');

const listQuery = z.object({
  service: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .max(50)
    .optional()
    .describe('E-service id, e.g. `sfi`'),
  status: z.enum(['open', 'all', 'submitted', 'in_progress', 'decided', 'closed', 'appealed']).default('open'),
  reason: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .max(100)
    .optional()
    .describe('A reason code, e.g. `IDENTITY_UNVERIFIED`'),
  waiting: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('Only cases waiting longer than this many days'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

const queueItemSchema = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  serviceId: z.string(),
  status: statusSchema,
  submittedAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  waitingSince: isoDateTime
    .nullable()
    .describe('When the case started waiting for someone; null when it waits for nobody'),
  openTask: z.enum(['manual-review', 'appeal']).nullable(),
  assignedTo: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  identityVerified: z.boolean(),
  latestOutcome: outcomeSchema.nullable(),
  reasonCodes: z.array(z.string()),
});

const listResponse = z.object({
  items: z.array(queueItemSchema),
  page: z.int(),
  pageCount: z.int(),
  total: z.int(),
});

const decisionRecordSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['automated', 'manual']),
  outcome: outcomeSchema,
  reasons: z.array(reasonSchema),
  ruleSet: z.object({ id: z.string(), version: z.string() }).nullable(),
  contentHash: z.string().nullable().describe('sha256 of the rule-set file that decided (automated decisions)'),
  facts: z.unknown().describe('The facts exactly as evaluated (automated) or as they stood (manual)'),
  trace: z.unknown().describe('The rule engine’s trace (automated decisions)'),
  result: z.record(z.string(), z.unknown()).describe('The whole decision as the rule set gave it'),
  actor: z.object({ kind: z.enum(['system', 'caseworker']), id: z.string() }),
  motivation: z.string().nullable(),
  isFinal: z.boolean(),
  decidedAt: isoDateTime,
});

const caseResponse = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  serviceId: z.string(),
  serviceVersion: z.int(),
  status: statusSchema,
  locale: z.string(),
  identityVerified: z.boolean(),
  protectedIdentity: z.boolean(),
  submittedAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  assignedTo: z.uuid().nullable(),
  applicant: z.object({
    personalNumber: z.string().nullable(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z
      .object({ careOf: z.string().nullable(), street: z.string(), postalCode: z.string(), city: z.string() })
      .nullable()
      .describe('Always null for protected identity'),
  }),
  answers: z.record(z.string(), z.unknown()),
  facts: z.array(
    z.object({
      name: z.string(),
      value: z.unknown(),
      source: z.string(),
      selfDeclared: z.boolean(),
      retrievedAt: isoDateTime,
    }),
  ),
  decisions: z.array(decisionRecordSchema),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function decisionOut(d: DecisionRecord): z.infer<typeof decisionRecordSchema> {
  return {
    id: d.id,
    kind: d.kind,
    outcome: d.outcome,
    reasons: d.reasons,
    ruleSet: d.ruleSet,
    contentHash: d.contentHash,
    facts: d.facts,
    trace: d.trace,
    result: d.result,
    actor: d.actor,
    motivation: d.motivation,
    isFinal: d.isFinal,
    decidedAt: d.decidedAt.toISOString(),
  };
}

/** Cases and their decision records for caseworkers' and integrations' API tokens. */
export const casesApiRoutes: FastifyPluginAsyncZod<{ db: Db; clock: () => Date }> = async (app, options) => {
  const { db, clock } = options;

  app.get(
    '/api/v1/cases',
    {
      config: { access: CASEWORKER },
      schema: {
        summary: 'List cases (the caseworker queue)',
        description:
          'Cases filtered like the caseworker queue: `status` (default `open` = waiting for a caseworker), `service`, `reason` (a reason code in any of the case’s decisions), `waiting` (days waited, more than). 25 a page, longest waiting first. No personal data.',
        tags: ['cases'],
        querystring: listQuery,
        response: { 200: listResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listQueue(db, {
        serviceId: q.service,
        status: q.status,
        reasonCode: q.reason,
        waitingLongerThanDays: q.waiting,
        page: q.page,
        now: clock(),
      });
      return {
        ...page,
        items: page.items.map((i) => ({
          ...i,
          submittedAt: i.submittedAt.toISOString(),
          decidedAt: iso(i.decidedAt),
          waitingSince: iso(i.waitingSince),
        })),
      };
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { access: CASEWORKER, owner: CASE_FOR_STAFF },
      schema: {
        summary: 'One case with its facts and decision records',
        description:
          'The case, the applicant’s details (never an address under protected identity), the facts with source and time, and every decision record with its rule trace. Reading it is access-logged.',
        tags: ['cases'],
        params: z.object({ id: z.string().max(100) }),
        querystring: z.object({}),
        response: { 200: caseResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      const view = await getCaseForCaseworker(db, {
        caseId: id,
        viewer: request.user!,
        now: clock(),
        requestId: request.id,
        channel: 'api',
      });
      const c = view.case;
      return {
        id: c.id,
        caseNumber: c.caseNumber ?? '',
        serviceId: c.serviceId,
        serviceVersion: c.serviceVersion,
        status: c.status,
        locale: c.locale,
        identityVerified: c.identityVerified,
        protectedIdentity: c.protectedIdentity,
        submittedAt: c.submittedAt!.toISOString(),
        decidedAt: iso(c.decidedAt),
        assignedTo: c.assignedTo,
        applicant: {
          personalNumber: c.applicantPersonalNumber,
          name: c.applicant.name,
          email: c.applicant.email,
          phone: c.applicant.phone,
          address: c.applicant.address,
        },
        answers: c.answers,
        facts: view.facts.map((f) => ({ ...f, retrievedAt: f.retrievedAt.toISOString() })),
        decisions: view.decisions.map(decisionOut),
      };
    },
  );
};
