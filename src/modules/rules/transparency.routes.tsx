import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { defaultRulesDir, listRuleSetIds, loadRuleSet, type RuleSetVersion } from './rule-engine.ts';
import { baseDecisionSchema, baseFactsSchema } from './rule-set.schema.ts';
import { stockholmDate } from '../../platform/calendar/swedish-calendar.ts';
import { presentRuleSet } from './rule-set-presentation.ts';
import { RuleSetPage, TRANSPARENCY_PATH, TransparencyIndexPage } from './transparency.views.tsx';

export interface TransparencyRoutesOptions {
  clock: () => Date;
  /** Where the rule files are; default the repository's `rules/`. */
  rulesDir?: string;
}

interface PublishedRuleSet {
  id: string;
  versions: Array<Pick<RuleSetVersion, 'version' | 'contentHash' | 'content'> & { bytes: Buffer }>;
}

const langQuery = z.object({ lang: z.string().max(10).optional() });
// Any unknown name is a 404, malformed or not: only published rule sets and files are looked up.
const ruleSetParams = z.object({ ruleSetId: z.string().max(100) });
const fileParams = ruleSetParams.extend({ file: z.string().max(100) });

/**
 * "Så fattas besluten": every rule set under `rules/`, every version, as readable tables, and
 * each version's file byte for byte (its sha256 is the content hash stored with decisions).
 * The files are read once at start: the page shows what this process decides with.
 */
export const transparencyRoutes: FastifyPluginAsyncZod<TransparencyRoutesOptions> = async (app, options) => {
  const rulesDir = options.rulesDir ?? defaultRulesDir;
  const published: PublishedRuleSet[] = [];
  for (const id of await listRuleSetIds(rulesDir)) {
    // The page needs the graphs, not a domain contract: the generic schemas serve for any rule set.
    const ruleSet = await loadRuleSet(id, { facts: baseFactsSchema, decision: baseDecisionSchema }, { rulesDir });
    const versions = await Promise.all(
      ruleSet.versions.map(async (version) => {
        const bytes = await readFile(version.file);
        if (createHash('sha256').update(bytes).digest('hex') !== version.contentHash) {
          throw new Error(
            `rule set ${id} ${version.version}: ${version.file} changed while loading; restart to publish it`,
          );
        }
        return { version: version.version, contentHash: version.contentHash, content: version.content, bytes };
      }),
    );
    published.push({ id, versions });
  }
  const find = (id: string) => published.find((ruleSet) => ruleSet.id === id);

  app.get(
    TRANSPARENCY_PATH,
    { config: { access: 'public' }, schema: { querystring: langQuery } },
    async (request, reply) => {
      const today = stockholmDate(options.clock());
      // The files are read at start and which version is in force changes with the day: one page per day and language.
      return reply.htmlOnce(today, () => {
        const ruleSets = published.map((ruleSet) => ({
          id: ruleSet.id,
          view: presentRuleSet(ruleSet.id, ruleSet.versions, today),
        }));
        return <TransparencyIndexPage ctx={request.pageContext()} ruleSets={ruleSets} />;
      });
    },
  );

  const ruleSetRoute = { access: 'public', examples: { params: { ruleSetId: 'sfi' } } } as const;
  app.get(
    `${TRANSPARENCY_PATH}/:ruleSetId`,
    { config: ruleSetRoute, schema: { params: ruleSetParams, querystring: langQuery } },
    async (request, reply) => {
      const { ruleSetId } = request.params;
      const ruleSet = find(ruleSetId);
      if (!ruleSet) throw new AppError('NOT_FOUND');
      const today = stockholmDate(options.clock());
      return reply.htmlOnce(today, () => (
        <RuleSetPage ctx={request.pageContext()} view={presentRuleSet(ruleSet.id, ruleSet.versions, today)} />
      ));
    },
  );

  const fileRoute = { access: 'public', examples: { params: { ruleSetId: 'sfi', file: '2026-01-01.json' } } } as const;
  app.get(
    `${TRANSPARENCY_PATH}/:ruleSetId/:file`,
    { config: fileRoute, schema: { params: fileParams, querystring: z.object({}) } },
    async (request, reply) => {
      const { ruleSetId, file } = request.params;
      const version = find(ruleSetId)?.versions.find((candidate) => `${candidate.version}.json` === file);
      if (!version) throw new AppError('NOT_FOUND');
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `inline; filename="${ruleSetId}-${file}"`)
        .header('x-content-sha256', version.contentHash)
        .send(version.bytes);
    },
  );
};
