import { describe, expect, it } from 'vitest';
import { explainReason, MY_PAGES_KEYS, myPagesTranslator } from './my-pages.i18n.ts';

/**
 * My pages are resident-facing: every language has its own texts (not English standing in), and
 * in the right-to-left languages the Latin parts with digits (case numbers, file names, sizes,
 * codes, links) sit in a left-to-right isolate so the bidi algorithm cannot reorder them.
 */
const RESIDENT = ['ar', 'fa', 'so', 'ti', 'uk'] as const;
const ISOLATED = ['caseNumber', 'filename', 'max', 'code', 'url', 'type', 'size'];

function raw(locale: Parameters<typeof myPagesTranslator>[0]) {
  const t = myPagesTranslator(locale);
  // Without params the placeholders stay as written, so the text is the catalog's own.
  return new Map(MY_PAGES_KEYS.map((key) => [key, t.t(key)]));
}

describe('My pages translations', () => {
  const en = raw('en');
  const sv = raw('sv');

  it.each(RESIDENT)('%s has its own text for (nearly) every key, neither English nor Swedish', (locale) => {
    const texts = raw(locale);
    // Texts that are only placeholders and punctuation ("({type}, {size})") may equal English.
    const copied = MY_PAGES_KEYS.filter(
      (key) =>
        /\p{L}/u.test(en.get(key)!.replace(/\{\w+\}/g, '')) &&
        (texts.get(key) === en.get(key) || texts.get(key) === sv.get(key)),
    );
    expect(copied).toEqual([]);
  });

  it.each(['ar', 'fa'] as const)(
    '%s isolates case numbers, file names, sizes, codes and links left to right',
    (locale) => {
      const problems: string[] = [];
      for (const [key, text] of raw(locale)) {
        for (const name of ISOLATED) {
          const at = text.indexOf(`{${name}}`);
          if (at < 0) continue;
          const open = text.lastIndexOf('\u2066', at);
          const close = text.indexOf('\u2069', at);
          const closedBefore = text.lastIndexOf('\u2069', at);
          if (open < 0 || close < 0 || closedBefore > open) problems.push(`${key}: {${name}}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('Persian uses the glossary terms and keeps the case number whole', () => {
    const fa = myPagesTranslator('fa');
    // The Swedish name is a left-to-right fragment: pages mark it, plain text isolates it.
    expect(fa.t('nav.myPages')).toBe('«صفحات من» (\u2066Mina sidor\u2069)');
    expect(fa.parts('list.title')).toEqual(['«صفحات من» (', { lang: 'sv', text: 'Mina sidor' }, ')']);
    expect(fa.t('case.title', { caseNumber: 'SFI-2026-000123' })).toBe('پرونده \u2066SFI-2026-000123\u2069');
    expect(fa.t('messages.fromCaseworker')).toBe('کارشناس پرونده');
  });

  it.each(['sv', 'ar'] as const)(
    '%s: IDENTITY_UNVERIFIED says "without e-ID" only to whom applied without it',
    (locale) => {
      const m = myPagesTranslator(locale);
      const withoutEId = explainReason(m, 'IDENTITY_UNVERIFIED', { identityVerified: false });
      const withEId = explainReason(m, 'IDENTITY_UNVERIFIED', { identityVerified: true });
      expect(withoutEId).toBe(m.t('reason.IDENTITY_UNVERIFIED'));
      expect(withEId).toBe(m.t('reason.IDENTITY_UNVERIFIED.eId'));
      const without = { sv: 'utan e-legitimation', ar: 'بدون هوية إلكترونية' }[locale];
      expect(withoutEId).toContain(without);
      expect(withEId).not.toContain(without);
      // Other reasons read the same on both paths.
      expect(explainReason(m, 'ELIGIBLE', { identityVerified: true })).toBe(m.t('reason.ELIGIBLE'));
    },
  );
});
