import {
  FactsSourceError,
  type FactsSource,
  type PopulationRecord,
  type PopulationRegister,
  type StudentRecord,
  type StudentRecords,
} from './registers.ts';
import { defaultSyntheticPopulation, type SyntheticPopulation } from './synthetic-population.ts';

/**
 * In-memory registers over a synthetic population, for dev, demos, tests and benchmarks. Lookups
 * are Map reads (O(1)). Answers are copies, so a caller cannot change the population. A test can
 * make the next lookups fail, as a register that is down would (`failNext`).
 */

class FaultInjection {
  private failures: Array<{ retryable: boolean }> = [];

  constructor(private readonly source: FactsSource) {}

  /** The next `count` lookups throw a FactsSourceError (retryable unless said otherwise). */
  failNext(count = 1, options: { retryable?: boolean } = {}): void {
    for (let i = 0; i < count; i++) this.failures.push({ retryable: options.retryable ?? true });
  }

  throwIfFailing(): void {
    const failure = this.failures.shift();
    if (failure)
      throw new FactsSourceError(this.source, 'simulated failure (fake register)', {
        retryable: failure.retryable,
        status: failure.retryable ? 503 : 403,
      });
  }
}

export class FakePopulationRegister implements PopulationRegister {
  private readonly byNumber: ReadonlyMap<string, PopulationRecord>;
  private readonly faults = new FaultInjection('population-register');
  /** Lookups answered (found or not), for tests that check a lookup did or did not happen. */
  lookups = 0;

  constructor(records: Iterable<PopulationRecord>) {
    this.byNumber = new Map(Array.from(records, (record) => [record.personalNumber, record]));
  }

  static fromPopulation(population: SyntheticPopulation = defaultSyntheticPopulation()): FakePopulationRegister {
    return new FakePopulationRegister(
      population.people.flatMap((person) => (person.register ? [person.register] : [])),
    );
  }

  failNext(count?: number, options?: { retryable?: boolean }): void {
    this.faults.failNext(count, options);
  }

  async lookup(personalNumber: string): Promise<PopulationRecord | null> {
    this.faults.throwIfFailing();
    this.lookups++;
    const found = this.byNumber.get(personalNumber);
    if (!found) return null;
    return {
      ...found,
      name: found.name ? { ...found.name } : null,
      // The same guarantee as the HTTP adapter: a protected identity never carries an address.
      postalAddress: found.protectedIdentity || !found.postalAddress ? null : { ...found.postalAddress },
    };
  }
}

export class FakeStudentRecords implements StudentRecords {
  private readonly byNumber: ReadonlyMap<string, StudentRecord>;
  private readonly faults = new FaultInjection('student-records');
  lookups = 0;

  constructor(records: Iterable<[personalNumber: string, record: StudentRecord]>) {
    this.byNumber = new Map(records);
  }

  static fromPopulation(population: SyntheticPopulation = defaultSyntheticPopulation()): FakeStudentRecords {
    return new FakeStudentRecords(
      population.people.flatMap((person) =>
        person.personalNumber && person.studentRecord
          ? [[person.personalNumber, person.studentRecord] as [string, StudentRecord]]
          : [],
      ),
    );
  }

  failNext(count?: number, options?: { retryable?: boolean }): void {
    this.faults.failNext(count, options);
  }

  async lookup(personalNumber: string): Promise<StudentRecord | null> {
    this.faults.throwIfFailing();
    this.lookups++;
    const found = this.byNumber.get(personalNumber);
    return found ? { ...found } : null;
  }
}

/** Both fake registers over the same population (the default one unless given). */
export function createFakeRegisters(population: SyntheticPopulation = defaultSyntheticPopulation()): {
  register: FakePopulationRegister;
  records: FakeStudentRecords;
} {
  return {
    register: FakePopulationRegister.fromPopulation(population),
    records: FakeStudentRecords.fromPopulation(population),
  };
}
