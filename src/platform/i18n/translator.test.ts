import { describe, expect, it } from 'vitest';
import { createTranslator } from './translator.ts';

const sv = { title: 'Mina sidor', back: 'Tillbaka till {place}', plain: 'Hej {name}' } as const;
const catalogs = {
  sv,
  ar: { title: '«صفحاتي» (<sv>Mina sidor</sv>)', back: 'العودة إلى <sv>{place}</sv>.', plain: 'مرحبًا {name}' },
  en: { title: 'My pages (<sv>Mina sidor</sv>)', back: 'Back to {place}', plain: 'Hello {name}' },
};

describe('messages with fragments in another language', () => {
  it('gives a page the Swedish fragment apart, with its language', () => {
    expect(createTranslator(catalogs, 'ar').parts('title')).toEqual([
      '«صفحاتي» (',
      { lang: 'sv', text: 'Mina sidor' },
      ')',
    ]);
  });

  it('fills placeholders inside and outside fragments', () => {
    expect(createTranslator(catalogs, 'ar').parts('back', { place: 'Mina sidor' })).toEqual([
      'العودة إلى ',
      { lang: 'sv', text: 'Mina sidor' },
      '.',
    ]);
  });

  it('never lets a filled-in value make a fragment', () => {
    expect(createTranslator(catalogs, 'en').parts('plain', { name: '<sv>x</sv>' })).toEqual(['Hello <sv>x</sv>']);
    expect(createTranslator(catalogs, 'en').t('plain', { name: '<sv>x</sv>' })).toBe('Hello <sv>x</sv>');
  });

  it('as plain text keeps the fragment’s words, isolated left-to-right in a right-to-left message', () => {
    expect(createTranslator(catalogs, 'ar').t('title')).toBe('«صفحاتي» (\u2066Mina sidor\u2069)');
    expect(createTranslator(catalogs, 'en').t('title')).toBe('My pages (Mina sidor)');
  });

  it('gives a message without fragments as one piece', () => {
    expect(createTranslator(catalogs, 'sv').parts('back', { place: 'start' })).toEqual(['Tillbaka till start']);
  });
});
