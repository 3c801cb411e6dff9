// The SFI module's public surface: the rule-evaluation contract (facts and decision schemas),
// facts gathering (registers, adapters, synthetic population), decision letters, the e-service's
// form and its automation pipeline.
export {
  identityKinds,
  residenceBases,
  sfiDecisionSchema,
  sfiFactsSchema,
  sfiReasonCodes,
  sfiRuleSet,
  swedishLevels,
  type SfiDecision,
  type SfiFacts,
  type SfiReasonCode,
} from './sfi-facts.schema.ts';

// Facts: registers behind interfaces, their fakes and HTTP adapters, and gathering with provenance.
export {
  gatherFacts,
  stockholmDateOf,
  type FactProvenance,
  type GatheredFacts,
  type GatherFactsDeps,
  type MunicipalitySettings,
  type ProvenanceNote,
  type ProvenanceSource,
} from './facts/gather-facts.service.ts';
export {
  FactsSourceError,
  isRetryableFactsError,
  protectionMarkings,
  type FactsSource,
  type PersonName,
  type PopulationRecord,
  type PopulationRegister,
  type PostalAddress,
  type ProtectionMarking,
  type StudentRecord,
  type StudentRecords,
} from './facts/registers.ts';
export {
  sfiApplicationInputSchema,
  type ResidenceBasis,
  type SfiApplicationInput,
  type SwedishLevel,
} from './facts/sfi-application.schema.ts';
export { createFakeRegisters, FakePopulationRegister, FakeStudentRecords } from './facts/fake-registers.ts';
export { HttpPopulationRegister, HttpStudentRecords, type HttpRegisterOptions } from './facts/http-registers.ts';
export {
  createSyntheticPopulation,
  DEMO_PERSONAS_VALID,
  defaultSyntheticPopulation,
  demoPersonaKeys,
  syntheticScenarios,
  type DemoPersona,
  type DemoPersonaKey,
  type SyntheticPerson,
  type SyntheticPopulation,
  type SyntheticPopulationOptions,
  type SyntheticScenario,
} from './facts/synthetic-population.ts';

// Decision letters: PDF/A-2b in Swedish from a plain view model.
export { renderDecisionLetter, type RenderLetterOptions } from './letters/decision-letter.ts';
export { createLetterThreads, type LetterRenderer } from './letters/letter-threads.ts';
export {
  decisionLetterInputSchema,
  type DecisionLetter,
  type DecisionLetterInput,
} from './letters/decision-letter.schema.ts';
export { buildLetterContent, type LetterContent, type LetterSection } from './letters/decision-letter.content.ts';
export { defaultLetterFontPaths, letterFonts, type LetterFontPaths } from './letters/letter-fonts.ts';
export { sfiFormRoutes, type SfiFormRoutesOptions } from './sfi-form.routes.tsx';
export { sfiFormNav } from './sfi-form.nav.ts';
export { sfiFormTranslator } from './sfi-form.i18n.ts';
export { SFI_FORM_PATH } from './sfi-form.views.tsx';
export { SFI_SERVICE } from './sfi-e-service.ts';

// The automation pipeline: facts → rules → decision → enrolment → letter, as jobs.
export {
  createSfiAutomation,
  createSfiPipeline,
  registersFromConfig,
  type SfiPipeline,
  type SfiPipelineDeps,
  type SfiStep,
} from './pipeline/sfi-automation.ts';
export { exampleApplication, type SfiApplicationBody } from './sfi-application.schema.ts';
export { sfiEService } from './sfi.module.ts';
