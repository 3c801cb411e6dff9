// The SFI module's public surface. For now the rule-evaluation contract (facts and decision
// schemas); the e-service (form, facts gathering, letters) adds its exports here.
export {
  identityKinds,
  residenceBases,
  sfiDecisionSchema,
  sfiFactsSchema,
  sfiReasonCodes,
  swedishLevels,
  type SfiDecision,
  type SfiFacts,
  type SfiReasonCode,
} from './sfi-facts.schema.ts';
