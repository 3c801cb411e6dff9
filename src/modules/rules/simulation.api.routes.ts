import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RuleSet } from './rule-engine.ts';
import { isoDateSchema } from './rule-set.schema.ts';
import { simulate } from './simulation.ts';

export interface SimulationApiOptions {
  /** The catalogued rule sets, loaded with their contracts: one endpoint each. */
  ruleSets: readonly RuleSet[];
  /** Requests per minute per client address. */
  rateLimitMax: number;
  /** Example facts per rule-set id, for the OpenAPI document and the harnesses. */
  examples: Readonly<Record<string, unknown>>;
}

const query = z.object({
  /** A version by its effective date; default: the one in force on the facts' decision date. */
  ruleSetVersion: isoDateSchema.optional(),
  lang: z.string().max(10).optional(),
});

const legalReference = z
  .union([
    z.object({
      kind: z.literal('provision'),
      act: z.string(),
      sfs: z.string(),
      chapter: z.number().optional(),
      section: z.string().optional(),
    }),
    z.object({ kind: z.literal('process-rule'), note: z.string().nullable() }),
    z.object({ kind: z.literal('bill'), id: z.string(), page: z.number().optional() }),
  ])
  .nullable();

const row = z.object({ id: z.string(), description: z.string().nullable() });

const simulationResponse = z.object({
  decision: z.looseObject({
    outcome: z.enum(['admit', 'refuse', 'manual']),
    reasons: z.array(z.object({ code: z.string(), legalRef: z.string() })),
    ruleSet: z.object({ id: z.string(), version: z.string() }),
  }),
  ruleSet: z.object({ id: z.string(), version: z.string(), contentHash: z.string() }),
  reasons: z.array(
    z.object({
      code: z.string(),
      legalRef: z.string(),
      reference: legalReference,
      referenceText: z.string(),
      referenceUrl: z.string().nullable(),
      row: row.nullable(),
    }),
  ),
  trace: z.array(
    z.object({
      node: z.string(),
      name: z.string(),
      kind: z.enum(['table', 'expressions']),
      matchedRows: z.array(row).optional(),
      values: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

const problem = z.looseObject({ type: z.string(), title: z.string(), status: z.number() });

/**
 * `POST /api/v1/rules/<id>/evaluate`: anyone may ask what the rules would decide for facts they
 * make up (OpenFisca's /calculate, for our rule sets). Nothing is stored, and the body is never
 * logged (the request serializer logs method, path and id only): facts can describe a person.
 */
export const simulationApiRoutes: FastifyPluginAsyncZod<SimulationApiOptions> = async (app, options) => {
  for (const ruleSet of options.ruleSets) {
    const example = options.examples[ruleSet.id];
    app.post(
      `/api/v1/rules/${ruleSet.id}/evaluate`,
      {
        config: {
          access: 'public',
          rateLimit: { max: options.rateLimitMax, timeWindow: 60_000 },
          ...(example !== undefined ? { examples: { body: example as Record<string, unknown> } } : {}),
        },
        schema: {
          summary: `Try rule set ${ruleSet.id}`,
          description: [
            `Evaluates a facts document with rule set \`${ruleSet.id}\` — the very rule files real decisions are made with (see /sa-fattas-besluten/${ruleSet.id}) — and returns the decision, each reason with its legal reference as data, Swedish text and link, and the rows that matched.`,
            'The version is the one in force on `decisionDate`, or `ruleSetVersion` (an effective date). Nothing is stored and the facts are not logged: use made-up facts.',
            `Rate-limited per client address (${options.rateLimitMax} a minute; 429 after that). Errors are problem+json in the language of \`Accept-Language\` or \`?lang\`: 400 for a body that is not JSON, 422 with the path of each invalid field.`,
          ].join('\n\n'),
          tags: ['rules'],
          querystring: query,
          body: ruleSet.schemas.facts,
          response: { 200: simulationResponse, 400: problem, 422: problem, 429: problem },
        },
      },
      async (request, reply) => {
        const simulation = await simulate(ruleSet, request.body, { ruleSetVersion: request.query.ruleSetVersion });
        // A made-up person's decision: no cache between client and us should keep it.
        reply.header('cache-control', 'no-store');
        return simulation;
      },
    );
  }
};
