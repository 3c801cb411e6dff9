import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderToString } from 'preact-render-to-string';
import { afterAll, describe, expect, it } from 'vitest';
import { platformTranslator } from '../../platform/i18n/catalogs/index.ts';
import { ALL_LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import type { PageContext } from '../../platform/views/page-context.ts';
import { defaultRulesDir, loadRuleSet } from './rule-engine.ts';
import { baseDecisionSchema, baseFactsSchema } from './rule-set.schema.ts';
import { stockholmDate } from '../../platform/calendar/swedish-calendar.ts';
import { parseCell, parseOutput, presentRuleSet, type TableView } from './rule-set-presentation.ts';
import { RuleSetPage } from './transparency.views.tsx';

const schemas = { facts: baseFactsSchema, decision: baseDecisionSchema };

function pageContext(locale: Locale): PageContext {
  return {
    locale,
    locales: ALL_LOCALES,
    t: platformTranslator(locale),
    user: null,
    csrfToken: 'x',
    requestId: 'test',
    currentUrl: '/sa-fattas-besluten/sfi',
    municipalityName: 'Malmö stad',
    devMode: false,
    flash: [],
    nav: [],
  };
}

const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('reading table cells for people', () => {
  it('turns unary tests into yes/no, lists, comparisons and ranges, and keeps anything else verbatim', () => {
    expect(parseCell('true')).toEqual({ items: [{ kind: 'yes' }] });
    expect(parseCell('false')).toEqual({ items: [{ kind: 'no' }] });
    expect(parseCell("'asylum-seeker', 'no-permit'")).toEqual({
      items: [
        { kind: 'text', value: 'asylum-seeker' },
        { kind: 'text', value: 'no-permit' },
      ],
    });
    expect(parseCell('<= 6')).toEqual({ items: [{ kind: 'compare', op: '<=', value: '6' }] });
    expect(parseCell('[7..11]')).toEqual({
      items: [{ kind: 'range', low: 7, high: 11, lowInclusive: true, highInclusive: true }],
    });
    expect(parseCell('(0..5]')).toEqual({
      items: [{ kind: 'range', low: 0, high: 5, lowInclusive: false, highInclusive: true }],
    });
    expect(parseCell("$ > 3 and startsWith($, 'a')")).toEqual({
      items: [{ kind: 'expression', source: "$ > 3 and startsWith($, 'a')" }],
    });
    expect(parseCell("'a,b', 3")).toEqual({
      items: [
        { kind: 'text', value: 'a,b' },
        { kind: 'number', value: 3 },
      ],
    });
  });

  it('shows outputs as text, numbers or expressions', () => {
    expect(parseOutput("'refuse'")).toEqual({ kind: 'text', value: 'refuse' });
    expect(parseOutput('2')).toEqual({ kind: 'number', value: 2 });
    expect(parseOutput('')).toEqual({ kind: 'null' });
    expect(parseOutput("'x' + code")).toEqual({ kind: 'expression', source: "'x' + code" });
  });
});

describe('presenting a rule set', () => {
  it('marks the version in force on a Stockholm day, the past ones and the future ones, with until-dates', async () => {
    const sfi = await loadRuleSet('sfi', schemas);
    const during2025 = presentRuleSet('sfi', sfi.versions, '2025-06-01');
    expect(during2025.versions.map((v) => [v.version, v.status, v.until])).toEqual([
      ['2026-12-07', 'future', null],
      ['2026-01-01', 'future', '2026-12-06'],
      ['2025-01-01', 'inForce', '2025-12-31'],
    ]);
    expect(presentRuleSet('sfi', sfi.versions, '2026-01-01').inForce).toBe('2026-01-01');
    expect(presentRuleSet('sfi', sfi.versions, '2024-12-31').inForce).toBeNull();
    // 23:30 UTC on 31 December is already 1 January in Stockholm.
    expect(stockholmDate(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });

  it('gives each version its own tables, rows and derived values from its file', async () => {
    const sfi = await loadRuleSet('sfi', schemas);
    const view = presentRuleSet('sfi', sfi.versions, '2026-06-01');
    const table = (version: string) =>
      view.versions
        .find((v) => v.version === version)!
        .sections.find((s): s is TableView => s.kind === 'table' && s.anchor.endsWith('ratt-till-sfi'))!;
    expect(table('2026-01-01').rows.map((row) => row.id)).toContain('rad-12');
    expect(table('2025-01-01').rows.map((row) => row.id)).not.toContain('rad-12');
    const row2 = table('2026-01-01').rows.find((row) => row.id === 'rad-02')!;
    expect(row2.conditions).toEqual([{ column: 'k-bosattning', test: parseCell("'asylum-seeker', 'no-permit'") }]);
    expect(row2.outputs).toEqual([
      { field: 'outcome', value: { kind: 'text', value: 'refuse' } },
      { field: 'code', value: { kind: 'text', value: 'NOT_ENTITLED_RESIDENCE' } },
      { field: 'legalRef', value: { kind: 'text', value: 'SkolL 29 kap. 3 §' } },
    ]);
  });

  it('renders what the file says: an edited rule file changes the page, with no text of its own to update', async () => {
    const rulesDir = await mkdtemp(path.join(os.tmpdir(), 'presentation-'));
    scratch.push(rulesDir);
    await cp(path.join(defaultRulesDir, 'sfi'), path.join(rulesDir, 'sfi'), { recursive: true });
    const file = path.join(rulesDir, 'sfi', '2026-01-01.json');
    const edited = (await readFile(file, 'utf8'))
      .replace("'SkolL 29 kap. 3 §'", "'SkolL 29 kap. 3 § (ändrad)'")
      .replace('"name": "Skälkod"', '"name": "Skälets kod"');
    await writeFile(file, edited);
    const sfi = await loadRuleSet('sfi', schemas, { rulesDir });
    const html = renderToString(
      <RuleSetPage ctx={pageContext('sv')} view={presentRuleSet('sfi', sfi.versions, '2026-06-01')} />,
    );
    expect(html).toContain('SkolL 29 kap. 3 § (ändrad)');
    expect(html).toContain('<th scope="col" class="govuk-table__header">Skälets kod</th>');
  });
});
