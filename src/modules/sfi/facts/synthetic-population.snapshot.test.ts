import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFakeRegisters } from './fake-registers.ts';
import { gatherFacts } from './gather-facts.service.ts';
import { createSyntheticPopulation, type SyntheticPopulationOptions } from './synthetic-population.ts';

/**
 * The generated population is part of the project's data: demo scripts, load tests and recorded
 * decisions name its people by personal number. These hashes were taken before the scenario
 * builders became a table (and must survive any other refactoring): the same people with the
 * same personal numbers, register and student records, answers and names, and the same facts
 * gathered from them. A change that is meant to alter the population updates them knowingly.
 */
const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('synthetic population snapshot', () => {
  it.each<[SyntheticPopulationOptions, number, string, string]>([
    [
      {},
      1215,
      '57cbb122bd273a72bb7a9d8ceffad464d429964654aeaf4ad88e34468e528f36',
      '0f80a0af9b1a8e88e799771e922ff4b85e7cf6cb9e1d8690a4fd2e152cca037c',
    ],
    [
      { seed: 7 },
      1215,
      '3b77a606a02296ca5cf73afb3ad7b7b7419b8f526b8323ea2d63e69e0c944b7a',
      '84261f65adbe63a818e62f2059dce7889712bd898e1f8d370290e2088a5c8335',
    ],
    [
      { seed: 1, size: 100, homeMunicipality: '1281' },
      115,
      'e0f4858348a4993f4a14a54a4b1cf4c93945a31fc8498ab83b2ba612c5dc22b1',
      'c4765ad5e954570d980ed7491629c1ad09fafe8ca4db5a56649913f4e8f26881',
    ],
    [
      { seed: 99, size: 3000, homeMunicipality: '0180' },
      3015,
      '1ce85de5dde224685e1e419894acf86641359f87452f8b33572683dcfb0f4642',
      '3f9d5529161dd1e4754263b5db29abbbf28e32ec7965c57cb8cbba015b5e2df5',
    ],
  ])('%j: %i people, the same people and personal numbers as before', (options, count, people, numbers) => {
    const population = createSyntheticPopulation(options);
    expect(population.people.length).toBe(count);
    expect(sha256(population.people.map((person) => person.personalNumber))).toBe(numbers);
    expect(sha256({ people: population.people, personas: population.personas })).toBe(people);
  });

  it('gathers the same facts from every person of the default population as before', async () => {
    const population = createSyntheticPopulation();
    const registers = createFakeRegisters(population);
    const clock = () => new Date('2026-09-01T10:00:00Z');
    const municipality = { code: population.homeMunicipality, offersSfiToTemporaryProtection: false };
    const gathered = await Promise.all(
      population.people.map((person) => gatherFacts({ ...registers, clock, municipality }, person.application)),
    );
    expect(sha256(gathered)).toBe('66fd5ae70e559995880b086a9944469f4c31ed34661626771e400094b154eb74');
  }, 30_000);
});
