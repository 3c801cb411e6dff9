import type { Config } from '../../../platform/config/config.ts';
import type { Jobs } from '../../../platform/jobs/jobs.service.ts';
import type { Notifier } from '../../../platform/mail/notifier.service.ts';
import { createFakeRegisters } from '../facts/fake-registers.ts';
import { HttpPopulationRegister, HttpStudentRecords } from '../facts/http-registers.ts';
import type { PopulationRegister, StudentRecords } from '../facts/registers.ts';
import { createLetterThreads } from '../letters/letter-threads.ts';
import { createSfiPipeline, type SfiPipeline } from './sfi-pipeline.ts';

export { createSfiPipeline, type SfiPipeline, type SfiPipelineDeps, type SfiStep } from './sfi-pipeline.ts';

type RegisterConfig = Pick<Config, 'POPULATION_REGISTER_URL' | 'STUDENT_RECORDS_URL' | 'REGISTERS_TOKEN'>;

/**
 * The registers this installation reads: the HTTP integrations when both URLs are configured
 * (production refuses to start without them), else the synthetic demo register.
 */
export function registersFromConfig(config: RegisterConfig): {
  register: PopulationRegister;
  records: StudentRecords;
  kind: 'http' | 'synthetic';
} {
  if (config.POPULATION_REGISTER_URL && config.STUDENT_RECORDS_URL) {
    const common = config.REGISTERS_TOKEN ? { bearerToken: config.REGISTERS_TOKEN } : {};
    return {
      register: new HttpPopulationRegister({ baseUrl: config.POPULATION_REGISTER_URL, ...common }),
      records: new HttpStudentRecords({ baseUrl: config.STUDENT_RECORDS_URL, ...common }),
      kind: 'http',
    };
  }
  return { ...createFakeRegisters(), kind: 'synthetic' };
}

/**
 * The SFI pipeline for this installation (register its `definitions` with the job system, as the
 * module's parts do). Registers: `options.registers`, else those the configuration names
 * (registersFromConfig).
 */
export function createSfiAutomation(options: {
  config: Pick<Config, 'BASE_URL' | 'MUNICIPALITY_NAME' | 'MUNICIPALITY_CODE'> & Partial<RegisterConfig>;
  jobs: Jobs;
  notifier: Notifier;
  clock: () => Date;
  registers?: { register: PopulationRegister; records: StudentRecords };
}): SfiPipeline {
  const { config } = options;
  const registers =
    options.registers ??
    registersFromConfig({
      POPULATION_REGISTER_URL: config.POPULATION_REGISTER_URL,
      STUDENT_RECORDS_URL: config.STUDENT_RECORDS_URL,
      REGISTERS_TOKEN: config.REGISTERS_TOKEN,
    });
  const letters = createLetterThreads({ threads: 1 });
  const pipeline = createSfiPipeline({
    jobs: options.jobs,
    notifier: options.notifier,
    clock: options.clock,
    register: registers.register,
    records: registers.records,
    municipalityCode: config.MUNICIPALITY_CODE,
    baseUrl: config.BASE_URL,
    municipalityName: config.MUNICIPALITY_NAME,
    // Off the event loop: a letter is ~8 ms of CPU. One thread: the machine's other core is the
    // database's. Threads start with the first letter and do not keep the process alive.
    renderLetter: (input) => letters.render(input),
  });
  return pipeline;
}
