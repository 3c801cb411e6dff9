import type { CaseLabels, KeyLabel } from '../e-services/index.ts';
import type { ProvenanceSource } from './facts/gather-facts.service.ts';
import { studyForms, studyPaces } from './sfi-application.schema.ts';
import { residenceBases, swedishLevels, type SfiReasonCode } from './sfi-facts.schema.ts';

/**
 * How a caseworker reads an SFI case: the Swedish labels of its answers, facts, rule results,
 * fact sources and reason codes (the caseworker screen of the e-service machinery shows them).
 * Written for staff, in the third person; the resident's form has its own wording.
 * `sfi-case-labels.test.ts` fails when a key of the answers or the facts has no label here.
 */

const RESIDENCE: Record<(typeof residenceBases)[number], string> = {
  folkbokford: 'Folkbokförd i Sverige',
  'eu-free-movement': 'EU/EES- eller schweizisk medborgare med uppehållsrätt',
  'finnish-border-commuter': 'Bor i Finland nära gränsen och arbetar här',
  'temporary-protection': 'Tillfälligt skydd',
  'asylum-seeker': 'Asylsökande',
  'no-permit': 'Vistas här utan tillstånd',
  other: 'Annat, eller vet inte',
};

const SWEDISH: Record<(typeof swedishLevels)[number], string> = {
  none: 'Ingen svenska',
  basic: 'Lite (förstår enkla ord och meningar)',
  good: 'Bra (kan prata och skriva om vardagliga saker)',
};

const STUDY_FORM: Record<(typeof studyForms)[number], string> = {
  daytime: 'Dagtid',
  evening: 'Kvällstid',
  distance: 'Distans',
};

const PACE: Record<(typeof studyPaces)[number], string> = { 'full-time': 'Heltid', 'part-time': 'Deltid' };

const IDENTITY_KIND = {
  personnummer: 'Personnummer',
  samordningsnummer: 'Samordningsnummer',
  none: 'Saknas eller inte styrkt',
};

const OUTCOME = { admit: 'Antagning', refuse: 'Avslag', manual: 'Handläggare prövar' };

export const SFI_REASON_LABELS: Record<SfiReasonCode, string> = {
  ELIGIBLE: 'Har rätt till sfi',
  AGE_BELOW_THRESHOLD: 'Har inte nått åldern för sfi',
  NOT_ENTITLED_RESIDENCE: 'Asylsökande eller utan tillstånd: ingen rätt till sfi',
  NOT_ENTITLED_TEMPORARY_PROTECTION: 'Tillfälligt skydd: kommunen erbjuder inte sfi',
  OFFER_TEMPORARY_PROTECTION: 'Tillfälligt skydd: kommunen kan erbjuda sfi',
  REGISTERED_IN_OTHER_MUNICIPALITY: 'Folkbokförd i en annan kommun',
  STUDY_IN_OTHER_MUNICIPALITY: 'Folkbokförd i en annan kommun, vill läsa här av särskilda skäl',
  EVIDENCE_OF_RESIDENCE_REQUIRED: 'Uppehållsrätt och bosättning behöver styrkas',
  EVIDENCE_OF_BORDER_COMMUTING_REQUIRED: 'Arbete i kommunen (gränspendlare) behöver styrkas',
  RESIDENCE_UNCLEAR: 'Oklart om sökanden är bosatt här',
  NORDIC_LANGUAGE: 'Kan danska eller norska',
  SWEDISH_LEVEL_UNCLEAR: 'Kan redan svenska eller har klarat kurs D',
  RIGHT_EXPIRED: 'Treårsrätten har upphört',
  EXTENSION_REQUESTED: 'Treårsrätten har upphört, förlängning begärs',
  PROTECTED_IDENTITY: 'Skyddade personuppgifter',
  ALREADY_ADMITTED: 'Redan antagen, treårsrätten löper',
  EARLIER_APPLICATION_OPEN: 'En tidigare ansökan är inte avgjord',
  IDENTITY_UNVERIFIED: 'Identiteten är inte styrkt',
};

/** Legal references that are not law: the rule set's own process rules. */
const answers: Record<string, KeyLabel> = {
  birthDate: { label: 'Födelsedatum', absent: 'Inte angivet (framgår av personnumret)' },
  residenceBasis: { label: 'Grund för att bo i Sverige', values: RESIDENCE },
  languages: { label: 'Språk (modersmål först)', format: 'languages' },
  nordicLanguageSufficient: { label: 'Kan danska eller norska så bra att sfi är onödigt' },
  yearsOfSchooling: { label: 'Antal år i skola' },
  literateInOwnLanguage: { label: 'Kan läsa och skriva på sitt modersmål' },
  knowsLatinAlphabet: { label: 'Kan läsa och skriva med det latinska alfabetet' },
  swedishLevel: { label: 'Kunskaper i svenska (egen uppgift)', values: SWEDISH },
  earlierSfi: { label: 'Har läst sfi tidigare', absent: 'Nej' },
  'earlierSfi.firstAdmissionDate': { label: 'Började sfi första gången', format: 'month' },
  'earlierSfi.completedCourseD': { label: 'Har klarat kurs D' },
  specialReasons: { label: 'Särskilda skäl (sökandens egna ord)', absent: 'Inga', format: 'text' },
  'preferences.studyForm': { label: 'Vill studera', values: STUDY_FORM },
  'preferences.pace': { label: 'Studietakt', values: PACE },
  'preferences.preferredSchool': { label: 'Önskad skola', absent: 'Ingen särskild' },
  adaptationNeeds: { label: 'Behov av anpassning', absent: 'Inga', format: 'text' },
};

const facts: Record<string, KeyLabel> = {
  decisionDate: { label: 'Beslutsdatum' },
  'applicant.birthDate': { label: 'Födelsedatum' },
  'applicant.identityKind': { label: 'Identitetsbeteckning', values: IDENTITY_KIND },
  'applicant.protectedIdentity': { label: 'Skyddade personuppgifter' },
  'applicant.residenceBasis': { label: 'Grund för att bo i Sverige', values: RESIDENCE },
  'applicant.registeredMunicipality': { label: 'Folkbokförd i kommun (kommunkod)', absent: 'Inte folkbokförd' },
  'applicant.swedishLevel': { label: 'Kunskaper i svenska', values: SWEDISH },
  'applicant.nordicLanguageSufficient': { label: 'Kan danska eller norska så bra att sfi är onödigt' },
  'applicant.yearsOfSchooling': { label: 'Antal år i skola' },
  'applicant.literateInOwnLanguage': { label: 'Kan läsa och skriva på sitt modersmål' },
  'applicant.knowsLatinAlphabet': { label: 'Kan det latinska alfabetet' },
  'history.firstAdmissionDate': { label: 'Första antagningen till sfi', absent: 'Ingen tidigare antagning' },
  'history.completedCourseD': { label: 'Har klarat kurs D' },
  'history.extensionGrantedUntil': { label: 'Beviljad förlängning till', absent: 'Ingen förlängning' },
  'history.specialReasonsStated': { label: 'Har angett särskilda skäl' },
  'history.platformAdmissionDate': {
    label: 'Antagen till sfi här tidigare (egna ärenden)',
    absent: 'Ingen antagning här',
  },
  'history.openApplication': { label: 'Har en annan ansökan som inte är avgjord' },
  'municipality.code': { label: 'Kommunens kommunkod' },
  'municipality.offersSfiToTemporaryProtection': { label: 'Kommunen erbjuder sfi till personer med tillfälligt skydd' },
};

const results: Record<string, KeyLabel> = {
  outcome: { label: 'Utfall', values: OUTCOME },
  reasons: { label: 'Skäl och lagrum' },
  code: { label: 'Skäl', values: SFI_REASON_LABELS },
  legalRef: { label: 'Lagrum', format: 'legalRef' },
  studyPath: { label: 'Preliminär studieväg', absent: 'Ingen (avslag)' },
  startCourse: { label: 'Startkurs', absent: 'Ingen (avslag)' },
  'placement.studyPath': { label: 'Preliminär studieväg' },
  'placement.startCourse': { label: 'Startkurs' },
  eligibleFrom: { label: 'Rätt till sfi från' },
  rightExpires: { label: 'Treårsrätten upphör', absent: 'Gäller inte (avslag)' },
  'derived.eligibleFrom': { label: 'Rätt till sfi från' },
  'derived.rightStart': { label: 'Treårsrätten räknas från' },
  'derived.threeYearsAfterStart': { label: 'Tre år efter start' },
  'derived.rightExpires': { label: 'Treårsrätten upphör' },
  // The trace names the facts a rule row checked by their paths.
  ...facts,
};

const sources: Record<ProvenanceSource | 'pipeline' | 'e-service' | 'application', string> = {
  'population-register': 'Folkbokföringen (Skatteverket)',
  'student-records': 'Kommunens elevregister',
  'self-declared': 'Sökandens egen uppgift',
  'municipality-config': 'Kommunens inställningar',
  platform: 'Plattformen (egna ärenden och dagens datum)',
  unknown: 'Okänt: varken sökanden eller något register har uppgett det',
  pipeline: 'E-tjänsten (dagens datum)',
  application: 'Ansökan',
  'e-service': 'E-tjänsten (ansökt utan e-legitimation)',
};

/** The SFI e-service's labels for the caseworker screen. */
export const sfiCaseLabels: CaseLabels = {
  answers,
  facts,
  results,
  sources,
  reasons: SFI_REASON_LABELS,
};
