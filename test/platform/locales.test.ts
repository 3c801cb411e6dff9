import { describe, expect, it } from 'vitest';
import { ALL_LOCALES, STAFF_LOCALES, directionOf, negotiateLocale } from '../../src/platform/i18n/locales.ts';

describe('locale negotiation', () => {
  it('?lang beats the cookie, which beats Accept-Language', () => {
    expect(negotiateLocale({ query: 'ar', cookie: 'en', acceptLanguage: 'uk' })).toBe('ar');
    expect(negotiateLocale({ cookie: 'en', acceptLanguage: 'uk' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'uk' })).toBe('uk');
  });

  it('falls back to Swedish when nothing is asked for or nothing is supported', () => {
    expect(negotiateLocale({})).toBe('sv');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9,fr;q=0.8' })).toBe('sv');
  });

  it('ignores an unknown ?lang or cookie and keeps looking', () => {
    expect(negotiateLocale({ query: 'xx', cookie: 'fa', acceptLanguage: 'en' })).toBe('fa');
    expect(negotiateLocale({ query: '../../etc', cookie: 'klingon', acceptLanguage: 'en' })).toBe('en');
  });

  it('honours Accept-Language quality order and region subtags', () => {
    expect(negotiateLocale({ acceptLanguage: 'de;q=0.9, so;q=0.5, en-GB;q=0.7' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'AR-SE' })).toBe('ar');
    expect(negotiateLocale({ acceptLanguage: 'en;q=0, uk' })).toBe('uk');
  });

  it('reads Dari (prs) as Persian and does not take Norwegian or Danish for Swedish ', () => {
    expect(negotiateLocale({ acceptLanguage: 'prs-AF' })).toBe('fa');
    expect(negotiateLocale({ acceptLanguage: 'nb, en;q=0.5' })).toBe('en');
  });

  it('staff pages exist in sv and en only: other languages fall back to Swedish', () => {
    expect(negotiateLocale({ query: 'ar' }, STAFF_LOCALES)).toBe('sv');
    expect(negotiateLocale({ cookie: 'ti' }, STAFF_LOCALES)).toBe('sv');
    expect(negotiateLocale({ acceptLanguage: 'fa, so;q=0.8' }, STAFF_LOCALES)).toBe('sv');
    expect(negotiateLocale({ cookie: 'uk', acceptLanguage: 'en' }, STAFF_LOCALES)).toBe('en');
  });

  it('writes Arabic and Persian right to left, the rest left to right', () => {
    const rtl = ALL_LOCALES.filter((l) => directionOf(l) === 'rtl');
    expect(rtl).toEqual(['ar', 'fa']);
  });
});
