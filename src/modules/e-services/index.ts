// The e-service machinery's public surface: catalogue and policy, submission and drafts, the
// pipeline's verbs (facts, decisions, letters, notifications), caseworker and applicant
// services, statistics. Other modules import from here only.
export type { EServicesTables } from './e-services.table.ts';
export {
  applicantContactSchema,
  autoFinalOutcomes,
  caseEventTypes,
  DEFAULT_POLICY,
  MANUAL_DECISION,
  type ApplicantContact,
  type CaseActor,
  type CaseDetail,
  type CaseDocumentInfo,
  type CaseEvent,
  type CaseEventType,
  type CaseFact,
  type CaseMessage,
  type CaseStatus,
  type CaseSummary,
  type DecisionOutcome,
  type DecisionReason,
  type DecisionRecord,
  type EService,
  type EServiceEntry,
  type EServicePolicy,
  type Page,
  type ServiceDefinition,
} from './e-services.schema.ts';
export { CASE_STATUSES, canTransition } from './case-lifecycle.ts';
export type { PostalAddress } from './e-services.table.ts';
export type { LetterAddress } from './delivery/delivery.service.ts';
export { formatValue, humaniseKey, swedishValueWords, type CaseLabels, type KeyLabel } from './case-labels.ts';
export { ensureEService, getEService, isFinalUnderPolicy, listEServices, setPolicy } from './e-service.service.ts';
export {
  attachLetter,
  attachLetters,
  closeCase,
  discardDraft,
  getAutomatedDecision,
  getAutomatedDecisions,
  getCaseForProcessing,
  getCasesForProcessing,
  getCasesOfSameApplicants,
  getDocumentContent,
  getDraft,
  getSubmissionReceipt,
  listDecisions,
  listLetterNames,
  newDraftToken,
  notifyDecision,
  postSystemMessage,
  postSystemMessages,
  recordCaseEvent,
  recordCaseEvents,
  recordDecision,
  recordDecisions,
  recordFacts,
  recordFactsOfCases,
  saveDraft,
  setProtectedIdentity,
  createCaseSubmissions,
  type CaseSubmissions,
  type Draft,
  type DraftOwnerInput,
  type FactInput,
  type RecordDecisionInput,
  type RecordDecisionResult,
  type RecordedDecision,
  type SubmitCaseInput,
  type SubmitCaseResult,
} from './case.service.ts';
export { notifyApplicantOfDecision, notifyApplicantsOfDecisions, type NotifyDeps } from './case-notifications.ts';
export {
  CASEWORKER_ROLES,
  decideManually,
  exportQueueCsv,
  getCaseDocumentForCaseworker,
  getCaseForCaseworker,
  getQueueOptions,
  listQueue,
  reassign,
  sendCaseworkerMessage,
  type CaseworkerCase,
  type CaseworkerDeps,
  type DecideManuallyInput,
  type QueueQuery,
} from './caseworker.service.ts';
export type { QueueRow, SameApplicantCase } from './case.repository.ts';
export {
  appeal,
  DEFAULT_UPLOAD_MAX_BYTES,
  getMyCase,
  getMyDocument,
  listMyCases,
  listMyDrafts,
  markMessagesRead,
  sendMessage,
  uploadEvidence,
  type MyCase,
  type MyCaseSummary,
  type MyDraft,
} from './applicant.service.ts';
export { getStatistics, type Statistics, type WeekFigures } from './statistics.service.ts';
export { appealLastDay, isAppealLate, stockholmDate } from './calendar.ts';
export { draftRetentionText, explainReason, myPagesTranslator, reasonMessage } from './my-pages.i18n.ts';
export { eServicesRoutes, type EServicesRoutesOptions } from './e-services.routes.ts';
export { eServicesNav } from './e-services.nav.ts';
export {
  ensureSettings,
  getSettingsInForce,
  listSettingsHistory,
  requireSettingsInForce,
  saveSettingsFromForm,
  settingsTopic,
} from './settings/municipal-settings.service.ts';
export {
  formFieldsOf,
  municipalSettingsSchema,
  swedishPostalCodeSchema,
  type MunicipalSettings,
  type MunicipalSettingsInput,
  type MunicipalSettingsVersion,
  type SettingsParameter,
} from './settings/municipal-settings.schema.ts';
export { ANONYMOUS_DRAFT_DAYS, deleteAbandonedDrafts, eServicesJobs } from './draft-retention.job.ts';
export {
  eServicesModule,
  type EServicePlugin,
  type EServicePluginParts,
  type EServicesRuntime,
} from './e-services.module.ts';
