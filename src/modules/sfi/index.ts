// The SFI module's public surface: SFI as a plug-in of the e-service machinery, its rule set's
// contract (facts and decision schemas), and the form the portal links to. Benchmarks and tests
// outside src/ import its other files by path.
export { sfiEService } from './sfi.module.ts';
export {
  identityKinds,
  residenceBases,
  sfiDecisionSchema,
  sfiFactsSchema,
  sfiReasonCodes,
  sfiRuleSet,
  swedishLevels,
  type ResidenceBasis,
  type SfiDecision,
  type SfiFacts,
  type SfiReasonCode,
  type SwedishLevel,
} from './sfi-facts.schema.ts';
export { SFI_FORM_PATH } from './sfi-form.views.tsx';
export { sfiFormTranslator } from './sfi-form.i18n.ts';
