import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Catalog, Message } from '../../src/platform/i18n/translator.ts';
import { ALL_LOCALES, isLocale } from '../../src/platform/i18n/locales.ts';

/**
 * Every catalog module must be complete in every language it offers: each key of the Swedish
 * source, no empty text, and the same `{placeholders}` (a translation that drops `{date}`
 * silently shows the wrong thing). The type checker proves keys exist; this proves the rest.
 *
 * Modules keep their catalogs private and hand them to `createTranslator`, so the test
 * records what reaches `createTranslator` while it calls each module's exported functions.
 */
const recorded = vi.hoisted(() => [] as { catalogs: Record<string, Catalog>; module: string }[]);
const current = vi.hoisted(() => ({ module: '' }));

vi.mock('../../src/platform/i18n/translator.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/platform/i18n/translator.ts')>();
  return {
    ...original,
    createTranslator: ((catalogs: Record<string, Catalog>, locale: Parameters<typeof original.createTranslator>[1]) => {
      if (!recorded.some((r) => r.catalogs === catalogs)) recorded.push({ catalogs, module: current.module });
      return original.createTranslator(catalogs as never, locale);
    }) as typeof original.createTranslator,
  };
});

const root = join(import.meta.dirname, '..', '..');

function findFiles(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && match(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const moduleFiles = findFiles(join(root, 'src'), (name) => name.endsWith('.i18n.ts'));
const platformCatalogFiles = findFiles(join(root, 'src', 'platform', 'i18n', 'catalogs'), (name) =>
  /^[a-z]{2}\.ts$/.test(name),
);

const FRAGMENT = new RegExp(`<(${ALL_LOCALES.join('|')})>.*?</\\1>`, 'gs');

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

function textsOf(message: Message): string[] {
  return typeof message === 'string'
    ? [message]
    : Object.values(message).filter((v): v is string => typeof v === 'string');
}

/** Every problem of one catalog set, as readable lines. */
function problemsOf(name: string, catalogs: Record<string, Catalog>): string[] {
  const sv = catalogs.sv;
  if (!sv) return [`${name}: has no Swedish (sv) source catalog`];
  const problems: string[] = [];
  for (const [locale, catalog] of Object.entries(catalogs)) {
    if (!isLocale(locale)) {
      problems.push(`${name}: unknown language "${locale}"`);
      continue;
    }
    for (const [key, source] of Object.entries(sv)) {
      const message = catalog[key];
      if (message === undefined) {
        problems.push(`${name} [${locale}] ${key}: missing`);
        continue;
      }
      if (typeof message !== typeof source)
        problems.push(`${name} [${locale}] ${key}: plural forms in one language but not the other`);
      const texts = textsOf(message);
      if (texts.some((t) => t.trim() === '')) problems.push(`${name} [${locale}] ${key}: empty text`);
      // A fragment in another language is `<sv>…</sv>`; any other tag, or one left open, shows as markup.
      if (texts.some((t) => /<\/?[a-z]+>/.test(t.replace(FRAGMENT, ''))))
        problems.push(`${name} [${locale}] ${key}: markup other than a closed language fragment`);
      // Plural forms may each leave out {count}; together they must use exactly Swedish's placeholders.
      const expected = placeholders(textsOf(source).join(' '));
      const actual = placeholders(texts.join(' '));
      if (expected.join() !== actual.join()) {
        problems.push(
          `${name} [${locale}] ${key}: placeholders {${actual.join('}, {')}} differ from Swedish {${expected.join('}, {')}}`,
        );
      }
    }
    for (const key of Object.keys(catalog)) {
      if (!(key in sv)) problems.push(`${name} [${locale}] ${key}: not in the Swedish source (stale key)`);
    }
  }
  return problems;
}

/** An e-service's names: residents read its name on My pages and receipts in every language. */
function namesProblems(id: string, names: Partial<Record<string, unknown>>): string[] {
  return ALL_LOCALES.flatMap((locale) => {
    const name = names[locale];
    if (name === undefined) return [`e-service ${id}: no name in ${locale}`];
    return typeof name === 'string' && name.trim() !== '' ? [] : [`e-service ${id}: name in ${locale} is empty`];
  });
}

describe('i18n catalogs are complete', () => {
  it('finds the platform catalogs and at least one module catalog', () => {
    expect(platformCatalogFiles.map((f) => relative(root, f))).toContain('src/platform/i18n/catalogs/sv.ts');
    expect(moduleFiles.length).toBeGreaterThan(0);
  });

  it('platform catalogs (src/platform/i18n/catalogs/*): all seven languages, every key of sv, same placeholders, no empty text', async () => {
    const catalogs: Record<string, Catalog> = {};
    for (const file of platformCatalogFiles) {
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) if (isLocale(name)) catalogs[name] = value as Catalog;
    }
    // The platform's texts (layout, errors, sign-in) are resident-facing: all seven languages.
    expect(Object.keys(catalogs).sort()).toEqual([...ALL_LOCALES].sort());
    expect(problemsOf('platform', catalogs)).toEqual([]);
  });

  it.each(moduleFiles.map((f) => [relative(root, f), f]))(
    '%s: every language present has every key of sv, same placeholders, no empty text',
    async (name, file) => {
      current.module = name;
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      // Translator factories take a locale; calling them hands their catalogs to createTranslator.
      for (const value of Object.values(exports)) {
        if (typeof value === 'function' && value.length <= 1) {
          try {
            value('sv');
          } catch {
            // Not a translator factory; only what reaches createTranslator counts.
          }
        }
        // Modules may also export catalog sets directly ({ sv, en, … }).
        if (value && typeof value === 'object' && 'sv' in value && !recorded.some((r) => r.catalogs === value)) {
          recorded.push({ catalogs: value as Record<string, Catalog>, module: name });
        }
      }
      const sets = recorded.filter((r) => r.module === name);
      expect(sets.length, `${name} builds no translator with createTranslator and exports no catalogs`).toBeGreaterThan(
        0,
      );
      expect(sets.flatMap((s) => problemsOf(name, s.catalogs))).toEqual([]);
    },
  );

  it('e-service definitions: each names its e-service in all seven languages, none empty', async () => {
    // Imported here, after the catalog tests: loading every module builds translators that those
    // tests attribute to the module being imported.
    const { eServices } = await import('../../src/modules.ts');
    expect(eServices.length).toBeGreaterThan(0);
    expect(eServices.flatMap(({ service }) => namesProblems(service.id, service.definition.names))).toEqual([]);
  });

  it('the e-service check itself reports a missing and an empty name', () => {
    expect(namesProblems('fixture', { sv: 'Ansökan', en: 'Application', ar: ' ' })).toEqual([
      'e-service fixture: name in ar is empty',
      'e-service fixture: no name in fa',
      'e-service fixture: no name in so',
      'e-service fixture: no name in ti',
      'e-service fixture: no name in uk',
    ]);
  });

  it('the completeness check itself reports a missing key, an empty text, a dropped placeholder and an open fragment', () => {
    const problems = problemsOf('fixture', {
      sv: { a: 'Hej {name}', b: 'Två', c: 'Tre', d: 'Fyra', e: 'Fem' },
      en: { a: 'Hello', b: '  ', d: 'Four (<sv>Fyra</sv>)', e: 'Five (<sv>Fem)' },
    });
    expect(problems).toEqual([
      'fixture [en] a: placeholders {} differ from Swedish {name}',
      'fixture [en] b: empty text',
      'fixture [en] c: missing',
      'fixture [en] e: markup other than a closed language fragment',
    ]);
  });
});
