import { describe, expect, it } from 'vitest';
import { formatValue, humaniseKey, labelValues, type ValueWords } from './case-labels.ts';

const words: ValueWords = {
  yes: 'Ja',
  no: 'Nej',
  absent: 'Inte angivet',
  formatDate: (date) => `D${date.toISOString().slice(0, 10)}`,
  formatMonth: (date) => `M${date.toISOString().slice(0, 7)}`,
  formatNumber: (value) => `N${value}`,
  languageName: (code) => ({ ar: 'arabiska' })[code],
};

describe('case data in words', () => {
  it('humanises a key without a label, so no raw key reaches the page', () => {
    expect(humaniseKey('applicant.birthDate')).toBe('Applicant – birth date');
    expect(humaniseKey('finnish-border-commuter')).toBe('Finnish border commuter');
    expect(humaniseKey('AGE_BELOW_THRESHOLD')).toBe('Age below threshold');
  });

  it('writes booleans as Ja/Nej, absence in words (or the key’s own words), dates and months as dates', () => {
    expect(formatValue(true, undefined, words)).toBe('Ja');
    expect(formatValue(false, undefined, words)).toBe('Nej');
    expect(formatValue(null, undefined, words)).toBe('Inte angivet');
    expect(formatValue('', undefined, words)).toBe('Inte angivet');
    expect(formatValue([], undefined, words)).toBe('Inte angivet');
    expect(formatValue(null, { label: 'Tidigare sfi', absent: 'Nej' }, words)).toBe('Nej');
    expect(formatValue('1988-03-05', undefined, words)).toBe('D1988-03-05');
    expect(formatValue('2024-09-01', { label: 'Började', format: 'month' }, words)).toBe('M2024-09');
    expect(formatValue(9, undefined, words)).toBe('N9');
  });

  it('names enumerated values by their labels and ISO language codes by their names; other text stays as written', () => {
    const residence = { label: 'Grund', values: { folkbokford: 'Folkbokförd i Sverige' } };
    expect(formatValue('folkbokford', residence, words)).toBe('Folkbokförd i Sverige');
    expect(formatValue(['ar', 'engelska', 'xx'], { label: 'Språk', format: 'languages' }, words)).toBe(
      'arabiska, engelska, xx',
    );
    expect(formatValue('Jag hör dåligt.\nFram.', undefined, words)).toBe('Jag hör dåligt.\nFram.');
  });

  it('writes objects as label: value pairs and lists of objects one a line, never as JSON', () => {
    const catalogue = { code: { label: 'Skäl', values: { X: 'Ett skäl' } }, legalRef: { label: 'Lagrum' } };
    expect(
      formatValue(
        [
          { legalRef: 'SkolL 1 §', code: 'X' },
          { code: 'Y', legalRef: 'SkolL 2 §' },
        ],
        undefined,
        words,
        catalogue,
      ),
    ).toBe('Skäl: Ett skäl; Lagrum: SkolL 1 §\nSkäl: Y; Lagrum: SkolL 2 §');
    expect(formatValue({ a: { b: 1 } }, undefined, words)).toBe('A – b: N1');
  });

  it('lists an object’s values in the catalogue’s order with nested keys dotted, unknown keys last', () => {
    const catalogue = { b: { label: 'Bee' }, 'c.d': { label: 'Dee' }, e: { label: 'Ee' } };
    expect(labelValues({ z: 1, e: null, c: { d: 2 }, b: 3 }, catalogue).map((v) => [v.label, v.labelled])).toEqual([
      ['Bee', true],
      ['Dee', true],
      ['Ee', true],
      ['Z', false],
    ]);
  });
});
