import type { CliCommands } from '../../platform/cli/cli.ts';
import { AppError } from '../../platform/http/errors.ts';
import { evaluate } from './rule-engine.ts';
import { loadCatalogRuleSet, type RuleSetCatalog } from './rule-set-catalog.ts';
import { runRuleTests, type RuleTestResult } from './rule-tests.ts';

// Both commands are pure: they read rule files and stdin, never the database.

/** `rules eval` and `rules test` over the rule sets of `catalog`. */
export function ruleCommands(catalog: RuleSetCatalog): CliCommands {
  const known = () => Object.keys(catalog).join(', ');
  return {
    'rules eval': {
      summary: 'Evaluate facts (JSON on stdin) with a rule set; prints the decision JSON.',
      usage: 'npm run --silent cli -- rules eval <rule-set> < facts.json',
      needsDatabase: false,
      async run({ args, stdin }) {
        const id = args[0];
        if (!id || !Object.hasOwn(catalog, id)) {
          console.error(`usage: npm run --silent cli -- rules eval <rule-set> < facts.json\nrule sets: ${known()}`);
          return 2;
        }
        let facts: unknown;
        try {
          facts = JSON.parse(await stdin());
        } catch (error) {
          console.error(`the facts on stdin are not valid JSON: ${(error as Error).message}`);
          return 2;
        }
        const ruleSet = (await loadCatalogRuleSet(catalog, id))!;
        try {
          const { decision } = await evaluate(ruleSet, facts);
          // The decision is the only thing on stdout, so the output can be piped as JSON.
          process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
          return 0;
        } catch (error) {
          if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
            const problems = (error.details.fields ?? []).map(
              (field) => `  - ${field.field}: ${field.params?.message ?? field.code}`,
            );
            console.error(`${error.message}:\n${problems.join('\n')}`);
            return 2;
          }
          throw error;
        }
      },
    },

    'rules test': {
      summary: 'Run every rule test case (rules/<id>/tests/*.json); exit 1 on any failure.',
      usage: 'npm run cli -- rules test [<rule-set>] [--verbose]',
      needsDatabase: false,
      async run({ args, flags }) {
        const ids = args.length > 0 ? args : Object.keys(catalog);
        const unknown = ids.filter((id) => !Object.hasOwn(catalog, id));
        if (unknown.length > 0) {
          console.error(`unknown rule set: ${unknown.join(', ')}; rule sets: ${known()}`);
          return 2;
        }
        let failed = 0;
        let total = 0;
        for (const id of ids) {
          const results = await runRuleTests((await loadCatalogRuleSet(catalog, id))!);
          total += results.length;
          const failures = results.filter((result) => !result.passed);
          failed += failures.length;
          if (flags.verbose)
            for (const result of results) if (result.passed) console.log(`  ok    ${result.file} › ${result.name}`);
          for (const failure of failures) console.log(describeFailure(failure));
          console.log(
            `${id}: ${results.length - failures.length} of ${results.length} cases pass${results.length === 0 ? ' (no test cases found)' : ''}`,
          );
        }
        console.log(failed === 0 ? `all ${total} rule test cases pass` : `${failed} of ${total} rule test cases FAIL`);
        return failed === 0 ? 0 : 1;
      },
    },
  };
}

function describeFailure(result: RuleTestResult): string {
  return [`  FAIL  ${result.file} › ${result.name}`, ...result.differences.map((line) => `          ${line}`)].join(
    '\n',
  );
}
