import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ProvenanceSource } from './facts/gather-facts.service.ts';
import { storedSfiAnswersSchema, studyForms, studyPaces } from './sfi-application.schema.ts';
import { formatValue, swedishValueWords } from '../e-services/index.ts';
import { sfiCaseLabels } from './sfi-case-labels.ts';
import { identityKinds, residenceBases, sfiFactsSchema, sfiReasonCodes, swedishLevels } from './sfi-facts.schema.ts';

/** Every key a schema's objects have, as dotted paths: the object keys themselves and their leaves. */
function pathsOf(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } })
    .def;
  if (def.innerType) return pathsOf(def.innerType, prefix); // nullable, optional, default
  if (def.type !== 'object' || !def.shape) return prefix ? [prefix] : [];
  return Object.entries(def.shape).flatMap(([key, child]) => {
    return pathsOf(child, prefix ? `${prefix}.${key}` : key);
  });
}

/** Nullable groups of answers (earlierSfi): a null one is shown under the group's own label. */
function nullableObjectsOf(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } })
    .def;
  if (def.type !== 'object' || !def.shape) return [];
  return Object.entries(def.shape).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const childDef = (child as unknown as { def: { type: string; innerType?: { def: { type: string } } } }).def;
    return childDef.type === 'nullable' && childDef.innerType?.def.type === 'object'
      ? [path]
      : nullableObjectsOf(child, path);
  });
}

describe('SFI labels for the caseworker screen', () => {
  it('labels every key of the stored answers, and a null group (no earlier SFI) too', () => {
    const keys = [...pathsOf(storedSfiAnswersSchema), ...nullableObjectsOf(storedSfiAnswersSchema)];
    expect(keys).toContain('preferences.studyForm');
    expect(keys).toContain('earlierSfi.firstAdmissionDate');
    expect(keys.filter((key) => !sfiCaseLabels.answers[key])).toEqual([]);
  });

  it('labels every fact of the rule contract', () => {
    const keys = pathsOf(sfiFactsSchema);
    expect(keys).toContain('applicant.birthDate');
    expect(keys.filter((key) => !sfiCaseLabels.facts[key])).toEqual([]);
  });

  it('labels every value of the enumerated answers and facts, every reason code and every fact source', () => {
    const values = (catalogue: 'answers' | 'facts', key: string) => sfiCaseLabels[catalogue][key]?.values ?? {};
    expect(residenceBases.filter((v) => !values('answers', 'residenceBasis')[v])).toEqual([]);
    expect(residenceBases.filter((v) => !values('facts', 'applicant.residenceBasis')[v])).toEqual([]);
    expect(swedishLevels.filter((v) => !values('answers', 'swedishLevel')[v])).toEqual([]);
    expect(swedishLevels.filter((v) => !values('facts', 'applicant.swedishLevel')[v])).toEqual([]);
    expect(identityKinds.filter((v) => !values('facts', 'applicant.identityKind')[v])).toEqual([]);
    expect(studyForms.filter((v) => !values('answers', 'preferences.studyForm')[v])).toEqual([]);
    expect(studyPaces.filter((v) => !values('answers', 'preferences.pace')[v])).toEqual([]);
    expect(sfiReasonCodes.filter((code) => !sfiCaseLabels.reasons[code])).toEqual([]);
    const sources: Record<ProvenanceSource, true> = {
      'population-register': true,
      'student-records': true,
      'self-declared': true,
      'municipality-config': true,
      platform: true,
      unknown: true,
    };
    expect([...Object.keys(sources), 'pipeline', 'e-service'].filter((s) => !sfiCaseLabels.sources[s])).toEqual([]);
  });

  it('writes every legal reference as its full citation, a process rule as one, which is not law', () => {
    const legalRef = sfiCaseLabels.results.legalRef;
    expect(legalRef?.format).toBe('legalRef');
    expect(formatValue('(process rule)', legalRef, swedishValueWords())).toBe('Handläggningsrutin (ingen lagregel)');
    expect(formatValue('SkolL 29 kap. 3 §', legalRef, swedishValueWords())).toBe('skollagen (2010:800) 29 kap. 3 §');
  });
});
