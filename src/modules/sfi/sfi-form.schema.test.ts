import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import { exampleApplication, parseSfiApplication, postalCodeOf } from './sfi-application.schema.ts';
import { addressPage, toApplication, type SfiDraftAnswers } from './sfi-form.schema.ts';
import { SPECIAL_REASON_LABELS_SV } from './sfi-form.i18n.ts';

const issuesOf = (values: Record<string, string>) => {
  const parsed = addressPage.safeParse(values);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};
const address = { careOf: '', street: 'Storgatan 12 B', postalCode: '211 45', city: 'Malmö' };

describe('postal address (the decision goes by post without e-ID)', () => {
  it('takes a Swedish postal code with or without the space, and keeps it as "NNN NN"', () => {
    expect(postalCodeOf('211 45')).toBe('211 45');
    expect(postalCodeOf(' 21145 ')).toBe('211 45');
    expect(postalCodeOf('98499')).toBe('984 99');
  });

  it('takes the postal code typed with Arabic-Indic or Persian digits', () => {
    expect(postalCodeOf('٢١١٤٥')).toBe('211 45');
    expect(postalCodeOf('۲۱۱ ۴۵')).toBe('211 45');
  });

  it('refuses what is not a Swedish postal code: four or six digits, a leading 0, letters, two spaces', () => {
    for (const typed of ['2114', '211456', '012 34', '21A 45', '211  45', 'SE-211 45', '', '21-145'])
      expect(postalCodeOf(typed), typed).toBeNull();
  });

  it('requires street, postal code and city; c/o is optional', () => {
    expect(issuesOf({ ...address })).toEqual([]);
    expect(issuesOf({ street: 'Storgatan 1', postalCode: '21145', city: 'Malmö' })).toEqual([]);
    expect(issuesOf({ careOf: '', street: ' ', postalCode: '', city: '' })).toEqual([
      'street:required',
      'postalCode:required',
      'city:required',
    ]);
    expect(issuesOf({ ...address, postalCode: '1234' })).toEqual(['postalCode:invalid']);
  });

  it('refuses control characters in every line and overlong lines', () => {
    for (const field of ['careOf', 'street', 'city'])
      expect(issuesOf({ ...address, [field]: 'Stor\u0000gatan' }), field).toEqual([`${field}:controlCharacters`]);
    expect(issuesOf({ ...address, street: 'x'.repeat(101) })[0]).toMatch(/^street:/);
    expect(issuesOf({ ...address, postalCode: '2'.repeat(21) })).toEqual(['postalCode:invalid']);
  });

  it('the application carries the address without e-ID (c/o empty → null), not with e-ID', () => {
    const answers: SfiDraftAnswers = {
      contact: { email: 'exempel@example.test', phone: '' },
      address: { careOf: 'Exempel Värdsson', street: 'Storgatan 12 B', postalCode: '21145', city: 'Malmö' },
    };
    expect(toApplication(answers, false, SPECIAL_REASON_LABELS_SV).contact.address).toEqual({
      careOf: 'Exempel Värdsson',
      street: 'Storgatan 12 B',
      postalCode: '211 45',
      city: 'Malmö',
    });
    expect(
      toApplication({ ...answers, address: { ...address } }, false, SPECIAL_REASON_LABELS_SV).contact.address?.careOf,
    ).toBeNull();
    expect(toApplication(answers, true, SPECIAL_REASON_LABELS_SV).contact.address).toBeNull();
  });

  it('the JSON API body normalises the postal code and names the field of a bad one', () => {
    const parsed = parseSfiApplication(
      exampleApplication({ contact: { email: 'a@example.test', address: { ...address, postalCode: '21145' } } }),
    );
    expect(parsed.contact.address).toMatchObject({ street: 'Storgatan 12 B', postalCode: '211 45', city: 'Malmö' });
    let error: unknown;
    try {
      parseSfiApplication(
        exampleApplication({
          contact: { email: 'a@example.test', address: { street: 'S\u0007', postalCode: 'x', city: 'Malmö' } },
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details.fields).toEqual([
      { field: 'contact.address.street', code: 'controlCharacters' },
      { field: 'contact.address.postalCode', code: 'invalid' },
    ]);
  });
});
