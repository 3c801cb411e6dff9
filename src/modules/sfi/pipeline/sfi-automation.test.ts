import { describe, expect, it } from 'vitest';
import { HttpPopulationRegister, HttpStudentRecords } from '../facts/http-registers.ts';
import { registersFromConfig } from './sfi-automation.ts';

describe('the registers an installation reads', () => {
  it('are the HTTP integrations when both URLs are configured', () => {
    const registers = registersFromConfig({
      POPULATION_REGISTER_URL: 'https://integration.example/folkbokforing/v1',
      STUDENT_RECORDS_URL: 'https://integration.example/elevregister/v1',
      REGISTERS_TOKEN: 't'.repeat(32),
    });
    expect(registers.kind).toBe('http');
    expect(registers.register).toBeInstanceOf(HttpPopulationRegister);
    expect(registers.records).toBeInstanceOf(HttpStudentRecords);
  });

  it('are the synthetic demo register otherwise (dev, tests), also when only one URL is set', async () => {
    for (const config of [{}, { POPULATION_REGISTER_URL: 'https://integration.example/folkbokforing/v1' }]) {
      const registers = registersFromConfig(config);
      expect(registers.kind).toBe('synthetic');
      expect(registers.register).not.toBeInstanceOf(HttpPopulationRegister);
      // The demo persona of an automatic admission is in it.
      expect(await registers.register.lookup('199104121018')).toMatchObject({ personalNumber: '199104121018' });
    }
  });
});
