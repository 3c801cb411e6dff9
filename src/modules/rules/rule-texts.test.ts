import { describe, expect, it } from 'vitest';
import { ALL_LOCALES } from '../../platform/i18n/locales.ts';
import { defaultRulesDir, listRuleSetIds, loadRuleSet } from './rule-engine.ts';
import { baseDecisionSchema, baseFactsSchema } from './rule-set.schema.ts';
import { presentRuleSet, type SectionView } from './rule-set-presentation.ts';
import { RULE_TEXTS, translateRuleText } from './rule-texts.ts';

/** Every text of the rule files that "Så fattas besluten" shows as prose (not codes or legal references). */
async function publishedTexts(): Promise<Set<string>> {
  const texts = new Set<string>();
  const add = (text: string | null) => text !== null && texts.add(text);
  for (const id of await listRuleSetIds(defaultRulesDir)) {
    const ruleSet = await loadRuleSet(id, { facts: baseFactsSchema, decision: baseDecisionSchema });
    for (const version of presentRuleSet(id, ruleSet.versions, '2026-01-01').versions) {
      add(version.description);
      version.sections.forEach((section: SectionView) => {
        add(section.name);
        add(section.description);
        if (section.kind === 'table') {
          section.columns.forEach((c) => add(c.name));
          section.outputs.forEach((o) => add(o.name));
          section.rows.forEach((r) => add(r.description));
        } else section.items.forEach((i) => add(i.description));
      });
    }
  }
  return texts;
}

const FRAGMENT = new RegExp(`<(${ALL_LOCALES.join('|')})>.*?</\\1>`, 'gs');

describe('translations of the rule files’ texts', () => {
  it('every text the public page shows from a rule file is translated into every other language', async () => {
    const missing = [...(await publishedTexts())].filter((text) => !Object.hasOwn(RULE_TEXTS, text));
    expect(missing).toEqual([]);
  });

  it('keeps no translation of a text no rule file has any more', async () => {
    const published = await publishedTexts();
    expect(Object.keys(RULE_TEXTS).filter((text) => !published.has(text))).toEqual([]);
  });

  it('no translation is empty or Swedish, and fragments in Swedish are closed', () => {
    const problems: string[] = [];
    for (const [swedish, translations] of Object.entries(RULE_TEXTS)) {
      for (const [locale, text] of Object.entries(translations)) {
        if (text.trim() === '' || text === swedish) problems.push(`${locale}: ${swedish}`);
        if (/<\/?[a-z]+>/.test(text.replace(FRAGMENT, ''))) problems.push(`${locale} markup: ${swedish}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives the translation, and nothing in Swedish or for a text it does not know', () => {
    expect(translateRuleText('Skälkod', 'en')).toBe('Reason code');
    expect(translateRuleText('Skälkod', 'sv')).toBeNull();
    expect(translateRuleText('En ny rad som ingen har översatt', 'ar')).toBeNull();
    expect(translateRuleText('constructor', 'ar')).toBeNull();
  });
});
