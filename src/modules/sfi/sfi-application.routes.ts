import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DeferredWrites } from '../../platform/db/deferred-writes.ts';
import type { Notifier } from '../../platform/mail/notifier.service.ts';
import { CASE_STATUSES, type CaseSubmissions } from '../e-services/index.ts';
import { exampleApplication, sfiApplicationSchema } from './sfi-application.schema.ts';
import { submitSfiApplication } from './sfi-application.service.ts';

export interface SfiApplicationRoutesOptions {
  /** The process's submissions (committed in groups). */
  submissions: CaseSubmissions;
  clock: () => Date;
  /** Enqueues the automation pipeline's first step in the submitting transaction. */
  startPipeline: (deferred: DeferredWrites, caseId: string) => Promise<void>;
  /** Queues the receipt e-mail in the submitting transaction. */
  notifier: Notifier;
  municipalityName: string;
}

const accepted = z.object({
  caseId: z.uuid(),
  caseNumber: z.string().describe('e.g. SFI-2026-000123'),
  status: z.enum(CASE_STATUSES),
});

/** The SFI application as JSON, for integrations and load tests. */
export const sfiApplicationRoutes: FastifyPluginAsyncZod<SfiApplicationRoutesOptions> = async (app, options) => {
  const { submissions, clock, startPipeline, notifier, municipalityName } = options;

  app.post(
    '/api/v1/e-services/sfi/applications',
    {
      // Public: without credentials it is the no-e-ID path (identity unverified, a caseworker
      // checks it); with a resident's bearer token the resident's verified identity is used.
      config: { access: 'public', examples: { body: exampleApplication(), bodyType: 'json' } },
      schema: {
        summary: 'Apply for SFI',
        description:
          'Submits an SFI application. Requires an `Idempotency-Key` header (a random value made once per application; draft-ietf-httpapi-idempotency-key-header): the same key again, also while the first request is still running, creates nothing and replays the first answer — 202 with the same case, marked with the response header `Idempotent-Replayed: true`; a request racing the first waits for it. Without credentials the applicant’s identity is unverified and the case goes to a caseworker; with a resident’s token (e-ID) the verified personal number is used. The decision follows asynchronously (facts → rules → decision record); read it on My pages or with `GET /api/v1/cases/{id}`. Invalid input: 422 with field errors, nothing stored. The global rate limit applies.',
        tags: ['e-services'],
        headers: z.object({
          'idempotency-key': z
            .string()
            .min(8)
            .max(200)
            .regex(/^[\x21-\x7e]+$/, 'invalid')
            .describe('A random value, made once per application (e.g. a UUID)'),
        }),
        body: sfiApplicationSchema,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const result = await submitSfiApplication(
        { submissions, clock, startPipeline, notifier, municipalityName },
        {
          application: request.body,
          user: request.user ?? null,
          idempotencyKey: request.headers['idempotency-key'],
          locale: request.locale,
          requestId: request.id,
        },
      );
      if (!result.created) reply.header('idempotent-replayed', 'true');
      return reply.status(202).send({ caseId: result.caseId, caseNumber: result.caseNumber, status: result.status });
    },
  );
};
