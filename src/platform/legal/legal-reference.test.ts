import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatLegalReference,
  legalReferenceText,
  legalReferenceUrl,
  parseLegalReference,
  type LegalReference,
} from './legal-reference.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

async function filesUnder(dir: string, test: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && test(entry.name)) found.push(path.join(entry.parentPath, entry.name));
  }
  return found.sort();
}

/** Every legal reference a rule file can give: its `legalRef` table outputs and expression literals. */
async function ruleFileReferences(): Promise<Array<{ where: string; ref: string }>> {
  const found: Array<{ where: string; ref: string }> = [];
  const files = (await filesUnder(path.join(repo, 'rules'), (name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name))).filter(
    (file) => !file.includes(`${path.sep}tests${path.sep}`),
  );
  for (const file of files) {
    const graph = JSON.parse(await readFile(file, 'utf8')) as {
      nodes: Array<{
        content?: {
          outputs?: Array<{ id: string; field: string }>;
          rules?: Array<Record<string, string>>;
          expressions?: Array<{ value: string }>;
        };
      }>;
    };
    for (const node of graph.nodes) {
      for (const output of node.content?.outputs ?? []) {
        if (output.field !== 'legalRef') continue;
        for (const row of node.content?.rules ?? []) {
          const cell = row[output.id]?.trim() ?? '';
          if (cell !== '')
            found.push({ where: path.relative(repo, file), ref: JSON.parse(`"${cell.slice(1, -1)}"`) as string });
        }
      }
      for (const expression of node.content?.expressions ?? []) {
        for (const match of expression.value.matchAll(/legalRef:\s*'([^']+)'/g))
          found.push({ where: path.relative(repo, file), ref: match[1]! });
      }
    }
  }
  return found;
}

/** Every legal reference written in the code: `legalRef: '…'`, `…LegalRef: '…'`, `LEGAL_REF = '…'`. */
async function codeReferences(): Promise<Array<{ where: string; ref: string }>> {
  const found: Array<{ where: string; ref: string }> = [];
  for (const file of await filesUnder(path.join(repo, 'src'), (name) => /\.tsx?$/.test(name))) {
    // Tests hold made-up references on purpose ("x"); the code's own are what must read.
    if (/\.test\.tsx?$/.test(file)) continue;
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(/(?:legalRef|LegalRef|LEGAL_REF)\s*[:=]\s*'([^'{}]+)'/g)) {
      found.push({ where: path.relative(repo, file), ref: match[1]! });
    }
  }
  return found;
}

describe('legal references', () => {
  it('reads every legal reference in the rule files', async () => {
    const refs = await ruleFileReferences();
    expect(refs.length).toBeGreaterThan(20);
    const unreadable = refs.filter(({ ref }) => parseLegalReference(ref) === null);
    expect(unreadable).toEqual([]);
  });

  it('reads every legal reference in the code: reason definitions, e-service definitions, defaults', async () => {
    const refs = await codeReferences();
    expect(refs.map((r) => r.ref)).toEqual(
      expect.arrayContaining(['SkolL 20 kap. 33 §', 'förvaltningslagen (2017:900) 32 §', '(process rule)']),
    );
    const unreadable = refs.filter(({ ref }) => parseLegalReference(ref) === null);
    expect(unreadable).toEqual([]);
  });

  it('reads an abbreviated provision of the school act', () => {
    expect(parseLegalReference('SkolL 20 kap. 31 §')).toEqual({
      kind: 'provision',
      act: 'skollagen',
      sfs: '2010:800',
      chapter: 20,
      section: '31',
    });
  });

  it('reads an act named with its SFS number, with or without a chapter', () => {
    expect(parseLegalReference('förvaltningslagen (2017:900) 32 §')).toEqual({
      kind: 'provision',
      act: 'förvaltningslagen',
      sfs: '2017:900',
      section: '32',
    });
    expect(parseLegalReference('förordning (2011:1108) om vuxenutbildning')).toEqual({
      kind: 'provision',
      act: 'förordningen om vuxenutbildning',
      sfs: '2011:1108',
    });
  });

  it('reads bills and process rules', () => {
    expect(parseLegalReference('prop. 2025/26:10')).toEqual({ kind: 'bill', id: 'prop. 2025/26:10' });
    expect(parseLegalReference('(process rule)')).toEqual({ kind: 'process-rule', note: null });
    expect(parseLegalReference('(process rule: handled by authorised staff)')).toEqual({
      kind: 'process-rule',
      note: 'handled by authorised staff',
    });
  });

  it('refuses what it cannot read: unknown acts, a wrong SFS number, a chapter without a section', () => {
    for (const text of [
      'SkolL',
      'XyzL 1 §',
      'skollagen (2017:900) 1 §',
      'SkolL 20 kap.',
      'anything',
      '',
      'prop. 2025:10',
    ]) {
      expect(parseLegalReference(text), text).toBeNull();
    }
  });

  it('writes references in Swedish, act first with its SFS number', () => {
    expect(legalReferenceText('SkolL 20 kap. 31 §')).toBe('skollagen (2010:800) 20 kap. 31 §');
    expect(legalReferenceText('SkolL 29 kap. 3 a §')).toBe('skollagen (2010:800) 29 kap. 3 a §');
    expect(legalReferenceText('förordning (2011:1108) om vuxenutbildning')).toBe(
      'förordningen (2011:1108) om vuxenutbildning',
    );
    expect(legalReferenceText('prop. 2025/26:10')).toBe('prop. 2025/26:10');
    expect(legalReferenceText('(process rule: handled by authorised staff)')).toBe(
      'Handläggningsrutin (ingen lagregel): handläggs av särskilt behörig personal',
    );
    expect(legalReferenceText('something unknown')).toBe('something unknown');
  });

  it('links a provision to its section in Regeringskansliet’s legal database, a bill to Riksdagen, nothing else', () => {
    expect(legalReferenceUrl('SkolL 20 kap. 31 §')).toBe('https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K20P31');
    expect(legalReferenceUrl('förvaltningslagen (2017:900) 45 §')).toBe(
      'https://rkrattsbaser.gov.se/sfst?bet=2017%3A900#P45',
    );
    expect(legalReferenceUrl('SkolL 29 kap. 3 a §')).toBe('https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P3A');
    // The act as a whole: no anchor.
    expect(legalReferenceUrl('förordning (2011:1108) om vuxenutbildning')).toBe(
      'https://rkrattsbaser.gov.se/sfst?bet=2011%3A1108',
    );
    // Riksdagen's dok_id: 2025/26 is session HD (HD03267 is prop. 2025/26:267), 2021/22 is H9.
    expect(legalReferenceUrl('prop. 2025/26:10')).toBe('https://data.riksdagen.se/dokument/HD0310.html');
    expect(legalReferenceUrl('prop. 2025/26:267 s. 12')).toBe('https://data.riksdagen.se/dokument/HD03267.html');
    expect(legalReferenceUrl('prop. 2021/22:1')).toBe('https://data.riksdagen.se/dokument/H9031.html');
    expect(legalReferenceUrl('prop. 2009/10:165')).toBeNull();
    expect(legalReferenceUrl('(process rule)')).toBeNull();
  });

  it('round-trips: the canonical citation of every reference in the repository reads back the same', async () => {
    const refs = [...(await ruleFileReferences()), ...(await codeReferences())];
    const extra: LegalReference[] = [
      { kind: 'bill', id: 'prop. 2025/26:10', page: 42 },
      { kind: 'provision', act: 'kommunallagen', sfs: '2017:725', chapter: 6, section: '37' },
      { kind: 'provision', act: 'skollagen', sfs: '2010:800', chapter: 29, section: '3a' },
    ];
    for (const reference of [...refs.map(({ ref }) => parseLegalReference(ref)!), ...extra]) {
      expect(parseLegalReference(formatLegalReference(reference))).toEqual(reference);
    }
  });
});
