import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { legalReferenceText } from '../../platform/legal/legal-reference.ts';
import { defaultRulesDir, type JdmGraph } from './rule-engine.ts';

// "Så fattas besluten" through the real app: public, every version's rows generated from the
// rule files, accessible table markup, Arabic right-to-left with the Swedish rule text marked.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-28T09:00:00Z');
});
afterAll(async () => t.close());

/** The page, its `<wbr>` break hints (inside long codes and hashes) taken out for matching. */
async function get(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  return { statusCode: response.statusCode, body: response.body.replaceAll('<wbr/>', '') };
}

/** The HTML of one version's section. */
function section(html: string, version: string): string {
  const start = html.indexOf(`id="version-${version}"`);
  expect(start, `section for ${version}`).toBeGreaterThan(-1);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

type Rule = Record<string, string>;

async function tableRows(version: string, nodeId: string): Promise<Rule[]> {
  const graph = JSON.parse(await readFile(path.join(defaultRulesDir, 'sfi', `${version}.json`), 'utf8')) as JdmGraph;
  const node = graph.nodes.find((n) => n.id === nodeId)!;
  return (node.content as { rules: Rule[] }).rules;
}

const unquote = (cell: string) => cell.replace(/^'(.*)'$/, '$1');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('the public page "Så fattas besluten"', () => {
  it('lists the rule sets for anyone, without signing in, with the version in force today', async () => {
    const response = await get('/sa-fattas-besluten');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1 class="govuk-heading-xl">Så fattas besluten</h1>');
    expect(response.body).toContain('href="/sa-fattas-besluten/sfi"');
    expect(response.body).toContain('Gäller i dag: versionen från 1 januari 2026');
  });

  it('shows every row of every version from its rule file: reason code and legal reference of each', async () => {
    const html = (await get('/sa-fattas-besluten/sfi')).body;
    for (const version of ['2025-01-01', '2026-01-01', '2026-12-07']) {
      const own = section(html, version);
      for (const rule of await tableRows(version, 'ratt-till-sfi')) {
        const row = own.slice(own.indexOf(`<code dir="ltr">${rule._id}</code>`));
        const end = row.indexOf('</tr>');
        expect(row.slice(0, end), `${version} ${rule._id}`).toContain(
          `<code dir="ltr">${unquote(rule['u-skalkod']!)}</code>`,
        );
        expect(row.slice(0, end), `${version} ${rule._id}`).toContain(
          escapeHtml(legalReferenceText(unquote(rule['u-lagrum']!))),
        );
      }
    }
    // The three-year right exists only from 2026.
    expect(section(html, '2026-01-01')).toContain('RIGHT_EXPIRED');
    expect(section(html, '2025-01-01')).not.toContain('RIGHT_EXPIRED');
  });

  it('renders a row as "if … then": its conditions in words and its outcome, code and legal reference', async () => {
    const own = section((await get('/sa-fattas-besluten/sfi')).body, '2026-01-01');
    const row = own.slice(own.indexOf('<code dir="ltr">rad-02</code>'), own.indexOf('<code dir="ltr">rad-03</code>'));
    expect(row).toContain(
      'Grund för att bo i Sverige: <code dir="ltr">asylum-seeker</code> eller <code dir="ltr">no-permit</code>',
    );
    expect(row).toContain('<strong class="govuk-tag govuk-tag--red">Avslag</strong>');
    expect(row).toContain('<code dir="ltr">NOT_ENTITLED_RESIDENCE</code>');
    // The legal reference as its Swedish citation, linked to the act in Regeringskansliet's database.
    expect(row).toContain(
      '<a class="govuk-link" href="https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P3" rel="external noreferrer">skollagen (2010:800) 29 kap. 3 §</a>',
    );
    const studyPath = own.slice(own.indexOf('studievag-2-skolgang'));
    expect(studyPath).toContain('Antal år i skola: från 7 till och med 11');
  });

  it('uses accessible table markup: a caption, column headers from the rule file, row headers', async () => {
    const own = section((await get('/sa-fattas-besluten/sfi')).body, '2026-01-01');
    expect(own).toContain(
      '<caption class="govuk-table__caption govuk-visually-hidden">Rätt till sfi: varje rad som stämmer ger ett skäl</caption>',
    );
    for (const name of [
      'Rad',
      'Om',
      'Utfall (admit = antas, refuse = avslag, manual = handläggare prövar)',
      'Skälkod',
      'Lagrum',
      'Studieväg',
      'Startkurs',
    ]) {
      expect(own).toContain(
        `<th scope="col" class="govuk-table__header${name === 'Om' ? ' govuk-!-width-one-third' : ''}">${name}</th>`,
      );
    }
    expect(own).toContain('<th scope="row" class="govuk-table__header"><code dir="ltr">rad-01</code></th>');
  });

  it('explains the combination of rows and the derived dates from the rule file', async () => {
    const html = (await get('/sa-fattas-besluten/sfi')).body;
    expect(html).toContain('Om någon rad ger avslag blir beslutet avslag');
    const own = section(html, '2026-01-01');
    expect(own).toContain(
      'Samlat beslut: avslag om någon rad ger avslag, annars handläggare om någon rad kräver det, annars antagning',
    );
    expect(own).toContain('<code dir="ltr">derived.rightExpires</code>');
    expect(own).toContain('Rätten till sfi börjar 1 juli det år sökanden fyller 16 (SkolL 20 kap. 31 §).');
  });

  it("shows the version history: dates, which version is in force today, and each file's content hash", async () => {
    const html = (await get('/sa-fattas-besluten/sfi')).body;
    const history = html.slice(
      html.indexOf('Alla versioner, den nyaste först'),
      html.indexOf('</table>', html.indexOf('Alla versioner, den nyaste först')),
    );
    for (const version of ['2025-01-01', '2026-01-01', '2026-12-07']) {
      const hash = createHash('sha256')
        .update(await readFile(path.join(defaultRulesDir, 'sfi', `${version}.json`)))
        .digest('hex');
      expect(history).toContain(hash);
    }
    // The test clock says 2026-11-28: the 2026-12-07 version is announced, not yet in force.
    expect(history).toMatch(
      /7 december 2026<\/a><\/th><td class="govuk-table__cell">Tills vidare<\/td><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--[a-z]+">Börjar gälla senare/,
    );
    expect(history).toMatch(
      /1 januari 2026<\/a><\/th><td class="govuk-table__cell">6 december 2026<\/td><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--green">Gäller i dag/,
    );
    expect(history).toMatch(
      /1 januari 2025<\/a><\/th><td class="govuk-table__cell">31 december 2025<\/td><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--grey">Gäller inte längre/,
    );
  });

  it("serves each version's rule file byte for byte, with its content hash", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/sa-fattas-besluten/sfi/2026-01-01.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const bytes = await readFile(path.join(defaultRulesDir, 'sfi', '2026-01-01.json'));
    expect(response.rawPayload.equals(bytes)).toBe(true);
    expect(response.headers['x-content-sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('is in Arabic right to left, the rule file’s texts translated and its legal references marked lang="sv" left to right', async () => {
    const response = await get('/sa-fattas-besluten/sfi?lang=ar');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    const own = section(html, '2026-01-01');
    expect(own).toContain(
      '<caption class="govuk-table__caption govuk-visually-hidden">الحق في SFI: كل صف ينطبق يعطي سببًا</caption>',
    );
    expect(own).toContain('<th scope="col" class="govuk-table__header">المرجع القانوني</th>');
    // Too wide for a phone, the table scrolls in its own region, named by the table's (translated) name.
    expect(own).toContain(
      '<div class="smb-table-scroll" role="region" tabindex="0" aria-label="الحق في SFI: كل صف ينطبق يعطي سببًا"><table class="govuk-table">',
    );
    expect(own).toContain('2. طالبو اللجوء والأشخاص المقيمون هنا بدون تصريح يُعدّون مقيمين، لكن ليس لهم حق في SFI.');
    expect(own).toContain('أساس الإقامة في السويد: <code dir="ltr">asylum-seeker</code>');
    // Legal references stay Swedish, inside a translation too.
    expect(own).toContain(
      '<span lang="sv" dir="ltr"><a class="govuk-link" href="https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P3" rel="external noreferrer">skollagen (2010:800) 29 kap. 3 §</a></span>',
    );
    expect(own).toContain('(<span lang="sv" dir="ltr">SkolL 20 kap. 31 §</span>)');
    expect(own).toContain('<code dir="ltr">NOT_ENTITLED_RESIDENCE</code>');
    expect(own).not.toContain('Rätt till sfi: varje rad som stämmer ger ett skäl');
    expect(own).not.toContain('Grund för att bo i Sverige');
    // The law the index cites is named in Swedish.
    expect((await get('/sa-fattas-besluten?lang=ar')).body).toContain(
      '(<span lang="sv" dir="ltr">kommunallagen 6 kap. 37 §</span>، <span lang="sv" dir="ltr">förvaltningslagen 28 §</span>)',
    );
  });

  it('is in Somali and Ukrainian too, left to right: legal references marked lang="sv" only', async () => {
    const somali = section((await get('/sa-fattas-besluten/sfi?lang=so')).body, '2026-01-01');
    expect(somali).toContain('Xaqa SFI: saf kasta oo run ah wuxuu bixiyaa sabab');
    expect(somali).toContain(
      '<span lang="sv"><a class="govuk-link" href="https://rkrattsbaser.gov.se/sfst?bet=2010%3A800#K29P3" rel="external noreferrer">skollagen (2010:800) 29 kap. 3 §</a></span>',
    );
    const ukrainian = section((await get('/sa-fattas-besluten/sfi?lang=uk')).body, '2025-01-01');
    expect(ukrainian).toContain('Попередній навчальний шлях (остаточне розподілення після оцінювання)');
    expect(ukrainian).toContain('<span lang="sv">skollagen (2010:800) 20 kap. 31–33 §§ och 29 kap. 2–3 §§</span>');
  });

  it('answers 404 for an unknown rule set or version', async () => {
    expect((await get('/sa-fattas-besluten/parkering')).statusCode).toBe(404);
    expect((await get('/sa-fattas-besluten/NOT%20A%20ID')).statusCode).toBe(404);
    expect((await get('/sa-fattas-besluten/sfi/2024-01-01.json')).statusCode).toBe(404);
    expect((await get('/sa-fattas-besluten/parkering/2026-01-01.json')).statusCode).toBe(404);
  });

  it('is linked from the start page', async () => {
    const home = await get('/');
    expect(home.body).toContain(
      '<a class="govuk-link" href="/sa-fattas-besluten">Så fattas besluten – reglerna för automatiska beslut</a>',
    );
  });
});
