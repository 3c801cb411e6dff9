import { legalReferenceText, parseLegalReference } from '../../../platform/legal/legal-reference.ts';
import type { DecisionLetter } from './decision-letter.schema.ts';
import { letterText as l, type DecisionLetterTextKey } from './decision-letter.i18n.ts';

/**
 * What the letter says, as structured text: the decision, its reasons in plain Swedish from the
 * reason codes and the facts, the decisive facts with their sources, the provisions applied,
 * who decided, how to appeal (refusals) and whom to contact. Pure; the PDF renderer lays it out.
 * förvaltningslagen 32 § (reasons: provisions and decisive facts) and 33 § (how to appeal a
 * decision that goes against the applicant).
 */

export interface LetterSection {
  heading: string;
  paragraphs: string[];
  /** Rendered as a list after the paragraphs. */
  items?: string[];
}

export interface LetterContent {
  /** Document title (PDF metadata). */
  documentTitle: string;
  documentSubject: string;
  /** The municipality, the responsible board and the unit. */
  sender: { name: string; board: string; department: string };
  /** Label/value pairs at the top right. */
  meta: Array<{ label: string; value: string }>;
  /** The address field: the name, then the address lines unless the identity is protected. */
  recipient: string[];
  title: string;
  sections: LetterSection[];
  /** Footer text per page, with {page} and {pages} to fill in. */
  footer: (page: number, pages: number) => string;
}

const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-07-01" → "1 juli 2026" (the calendar date as written; no time zone shifts). */
export function swedishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return dateFormat.format(new Date(Date.UTC(year, month - 1, day)));
}

function dayBefore(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

const COURSES: Record<1 | 2 | 3, string> = { 1: 'A–D', 2: 'B–D', 3: 'C–D' };

type FactKey =
  | 'birthDate'
  | 'identityKind'
  | 'residenceBasis'
  | 'registeredMunicipality'
  | 'protectedIdentity'
  | 'swedishLevel'
  | 'nordicLanguageSufficient'
  | 'yearsOfSchooling'
  | 'literateInOwnLanguage'
  | 'knowsLatinAlphabet'
  | 'firstAdmissionDate'
  | 'completedCourseD'
  | 'extensionGrantedUntil'
  | 'specialReasonsStated'
  | 'offersSfiToTemporaryProtection';

const FACT_PATH: Record<FactKey, string> = {
  birthDate: 'applicant.birthDate',
  identityKind: 'applicant.identityKind',
  residenceBasis: 'applicant.residenceBasis',
  registeredMunicipality: 'applicant.registeredMunicipality',
  protectedIdentity: 'applicant.protectedIdentity',
  swedishLevel: 'applicant.swedishLevel',
  nordicLanguageSufficient: 'applicant.nordicLanguageSufficient',
  yearsOfSchooling: 'applicant.yearsOfSchooling',
  literateInOwnLanguage: 'applicant.literateInOwnLanguage',
  knowsLatinAlphabet: 'applicant.knowsLatinAlphabet',
  firstAdmissionDate: 'history.firstAdmissionDate',
  completedCourseD: 'history.completedCourseD',
  extensionGrantedUntil: 'history.extensionGrantedUntil',
  specialReasonsStated: 'history.specialReasonsStated',
  offersSfiToTemporaryProtection: 'municipality.offersSfiToTemporaryProtection',
};

/** Which facts decided each reason (the conditions of its rule row). */
const DECISIVE_FACTS: Record<string, FactKey[]> = {
  ELIGIBLE: ['birthDate', 'residenceBasis', 'registeredMunicipality', 'swedishLevel', 'firstAdmissionDate'],
  AGE_BELOW_THRESHOLD: ['birthDate'],
  NOT_ENTITLED_RESIDENCE: ['residenceBasis'],
  NOT_ENTITLED_TEMPORARY_PROTECTION: ['residenceBasis', 'registeredMunicipality', 'offersSfiToTemporaryProtection'],
  OFFER_TEMPORARY_PROTECTION: ['residenceBasis', 'registeredMunicipality', 'offersSfiToTemporaryProtection'],
  REGISTERED_IN_OTHER_MUNICIPALITY: ['registeredMunicipality', 'specialReasonsStated'],
  STUDY_IN_OTHER_MUNICIPALITY: ['registeredMunicipality', 'specialReasonsStated'],
  EVIDENCE_OF_RESIDENCE_REQUIRED: ['residenceBasis', 'registeredMunicipality'],
  EVIDENCE_OF_BORDER_COMMUTING_REQUIRED: ['residenceBasis'],
  RESIDENCE_UNCLEAR: ['residenceBasis', 'registeredMunicipality'],
  NORDIC_LANGUAGE: ['nordicLanguageSufficient'],
  SWEDISH_LEVEL_UNCLEAR: ['swedishLevel', 'completedCourseD'],
  RIGHT_EXPIRED: ['firstAdmissionDate', 'extensionGrantedUntil', 'specialReasonsStated'],
  EXTENSION_REQUESTED: ['firstAdmissionDate', 'extensionGrantedUntil', 'specialReasonsStated'],
  PROTECTED_IDENTITY: ['protectedIdentity'],
  IDENTITY_UNVERIFIED: ['identityKind'],
  ALREADY_ADMITTED: ['firstAdmissionDate'],
  EARLIER_APPLICATION_OPEN: [],
};
/** The preliminary study path rests on these. */
const STUDY_PATH_FACTS: FactKey[] = ['yearsOfSchooling', 'literateInOwnLanguage', 'knowsLatinAlphabet'];

export function buildLetterContent(letter: DecisionLetter): LetterContent {
  const { municipality, decision, facts } = letter;
  // Either flag hides the address: the view model's and the facts'.
  const hidden = letter.protectedIdentity || facts.applicant.protectedIdentity === true;
  const admitted = decision.outcome === 'admit';
  const place = municipality.name;

  const recipient = [letter.applicant.name];
  const address = letter.applicant.postalAddress;
  if (!hidden && address) {
    if (address.careOf) recipient.push(`c/o ${address.careOf}`);
    recipient.push(address.street, `${address.postalCode} ${address.city}`);
  }

  const sections: LetterSection[] = [];

  // The decision.
  const decisionParagraphs = [l.t(admitted ? 'decision.admit' : 'decision.refuse')];
  if (admitted && decision.studyPath && decision.startCourse) {
    decisionParagraphs.push(
      `${l.t('decision.studyPath', { path: decision.studyPath, courses: COURSES[decision.studyPath], course: decision.startCourse })} ${l.t('decision.studyPath.final')}`,
      letter.school ? l.t('decision.school', { school: letter.school }) : l.t('decision.school.unknown'),
      decision.rightExpires
        ? `${l.t('decision.rightUntil', { lastDay: swedishDate(dayBefore(decision.rightExpires)) })} ${l.t('decision.rightUntil.rule')}`
        : l.t('decision.rightUnlimited'),
      l.t('decision.next'),
    );
  }
  sections.push({ heading: l.t('decision.heading'), paragraphs: decisionParagraphs });

  // Reasons in plain Swedish.
  const reasons = decision.reasons.map((reason) => explainReason(reason.code, letter, hidden));
  sections.push({ heading: l.t('reasons.heading'), paragraphs: [...new Set(reasons)] });
  if (letter.motivation && letter.motivation.trim().length > 0) {
    sections.push({ heading: l.t('motivation.heading'), paragraphs: letter.motivation.trim().split(/\n\s*\n/) });
  }

  // The decisive facts, with their sources.
  const keys = new Set<FactKey>();
  for (const reason of decision.reasons) for (const key of DECISIVE_FACTS[reason.code] ?? []) keys.add(key);
  if (admitted) for (const key of STUDY_PATH_FACTS) keys.add(key);
  const factLines = [...keys].flatMap((key) => factLine(key, letter, hidden));
  if (factLines.length > 0) sections.push({ heading: l.t('facts.heading'), paragraphs: [], items: factLines });

  // The provisions applied: the legal references of the reasons, written out.
  const provisions = [...new Set(decision.reasons.map((reason) => reason.legalRef.trim()))]
    // Process rules ("(process rule: …)") are how the municipality works, not provisions of law.
    .filter((ref) => parseLegalReference(ref)?.kind !== 'process-rule' && !ref.startsWith('('))
    .map(writeOutProvision);
  if (provisions.length > 0) sections.push({ heading: l.t('provisions.heading'), paragraphs: [], items: provisions });

  // Who decided.
  const decidedBy = letter.decidedBy;
  sections.push({
    heading: l.t('decidedBy.heading'),
    paragraphs: [
      decidedBy.kind === 'automated'
        ? l.t('decidedBy.automated', {
            board: municipality.board,
            municipality: place,
            delegation: municipality.delegation.automated,
            ruleSet: decision.ruleSet?.id ?? 'sfi',
            version: decision.ruleSet?.version ?? letter.facts.decisionDate,
          })
        : decidedBy.title
          ? l.t('decidedBy.caseworkerWithTitle', {
              name: decidedBy.name,
              title: decidedBy.title,
              municipality: place,
              board: municipality.board,
              delegation: municipality.delegation.caseworker,
            })
          : l.t('decidedBy.caseworker', {
              name: decidedBy.name,
              municipality: place,
              board: municipality.board,
              delegation: municipality.delegation.caseworker,
            }),
    ],
  });

  // How to appeal: only a decision against the applicant can be appealed (förvaltningslagen 33 §).
  if (!admitted) {
    const appeal = [
      l.t('appeal.who'),
      l.t('appeal.where', { municipality: place }),
      l.t('appeal.when'),
      l.t('appeal.how', { caseNumber: letter.caseNumber }),
    ];
    if (hidden) appeal.push(l.t('appeal.how.protected'));
    appeal.push(
      l.t('appeal.send', { email: municipality.email, address: [place, ...municipality.postalAddress].join(', ') }),
    );
    sections.push({ heading: l.t('appeal.heading'), paragraphs: appeal });
  }

  const contact = [
    l.t('contact.body', {
      department: municipality.department,
      phone: municipality.phone,
      email: municipality.email,
      caseNumber: letter.caseNumber,
    }),
  ];
  contact.push([place, ...municipality.postalAddress].join(', '));
  if (municipality.web) contact.push(l.t('contact.web', { web: municipality.web }));
  sections.push({ heading: l.t('contact.heading'), paragraphs: contact });

  return {
    documentTitle: l.t('document.title', { caseNumber: letter.caseNumber }),
    documentSubject: l.t('document.subject'),
    sender: { name: place, board: municipality.board, department: municipality.department },
    meta: [
      { label: l.t('header.date'), value: swedishDate(letter.decisionDate) },
      { label: l.t('header.caseNumber'), value: letter.caseNumber },
    ],
    recipient,
    title: l.t('title'),
    sections,
    footer: (page, pages) =>
      `${place} · ${l.t('header.caseNumber')} ${letter.caseNumber} · ${l.t('header.page', { page, pages })}`,
  };
}

function explainReason(code: string, letter: DecisionLetter, hidden: boolean): string {
  const { applicant, history } = letter.facts;
  const place = letter.municipality.name;
  switch (code) {
    case 'ELIGIBLE':
    case 'NOT_ENTITLED_TEMPORARY_PROTECTION':
    case 'OFFER_TEMPORARY_PROTECTION':
    case 'STUDY_IN_OTHER_MUNICIPALITY':
      return l.t(`reason.${code}`, { municipality: place });
    case 'AGE_BELOW_THRESHOLD': {
      const eligibleFrom = letter.decision.eligibleFrom ?? `${Number(applicant.birthDate.slice(0, 4)) + 16}-07-01`;
      return l.t('reason.AGE_BELOW_THRESHOLD', {
        birthDate: swedishDate(applicant.birthDate),
        eligibleFrom: swedishDate(eligibleFrom),
      });
    }
    case 'NOT_ENTITLED_RESIDENCE':
      return applicant.residenceBasis === 'asylum-seeker' || applicant.residenceBasis === 'no-permit'
        ? l.t(`reason.NOT_ENTITLED_RESIDENCE.${applicant.residenceBasis}`)
        : l.t('reason.NOT_ENTITLED_RESIDENCE');
    case 'REGISTERED_IN_OTHER_MUNICIPALITY':
      // The municipality of registration is address data: never printed for a protected identity.
      return hidden || !applicant.registeredMunicipality
        ? l.t('reason.REGISTERED_IN_OTHER_MUNICIPALITY.protected', { municipality: place })
        : l.t('reason.REGISTERED_IN_OTHER_MUNICIPALITY', {
            municipality: place,
            registeredMunicipality: applicant.registeredMunicipality,
          });
    case 'SWEDISH_LEVEL_UNCLEAR': {
      const parts: string[] = [];
      if (applicant.swedishLevel === 'good') parts.push(l.t('reason.SWEDISH_LEVEL_UNCLEAR.level'));
      if (history.completedCourseD) {
        const fromRecords = letter.factSources?.['history.completedCourseD'] === 'student-records';
        parts.push(
          l.t(
            fromRecords ? 'reason.SWEDISH_LEVEL_UNCLEAR.courseD' : 'reason.SWEDISH_LEVEL_UNCLEAR.courseD.selfDeclared',
          ),
        );
      }
      return parts.length > 0 ? parts.join(' ') : l.t('reason.SWEDISH_LEVEL_UNCLEAR.level');
    }
    case 'RIGHT_EXPIRED':
    case 'EXTENSION_REQUESTED': {
      const first = history.firstAdmissionDate ? swedishDate(history.firstAdmissionDate) : '–';
      let text = l.t(`reason.${code}`, { firstAdmissionDate: first });
      if (code === 'RIGHT_EXPIRED' && history.extensionGrantedUntil) {
        text += ` ${l.t('reason.RIGHT_EXPIRED.extension', { extensionGrantedUntil: swedishDate(history.extensionGrantedUntil) })}`;
      }
      return text;
    }
    case 'EVIDENCE_OF_RESIDENCE_REQUIRED':
    case 'EVIDENCE_OF_BORDER_COMMUTING_REQUIRED':
    case 'RESIDENCE_UNCLEAR':
    case 'NORDIC_LANGUAGE':
    case 'PROTECTED_IDENTITY':
    case 'IDENTITY_UNVERIFIED':
    case 'ALREADY_ADMITTED':
    case 'EARLIER_APPLICATION_OPEN':
    case 'MANUAL_DECISION':
      return l.t(`reason.${code}`);
    default:
      return l.t('reason.unknown', { code });
  }
}

function factLine(key: FactKey, letter: DecisionLetter, hidden: boolean): string[] {
  const { applicant, history, municipality } = letter.facts;
  const label = l.t(`fact.${key}` as DecisionLetterTextKey);
  // Nothing was said and nothing could be looked up: the letter says so, and attributes it to nobody.
  if (key === 'registeredMunicipality' && hidden) return [];
  if (letter.factSources?.[FACT_PATH[key]] === 'unknown') return [l.t('facts.line.unknown', { label })];
  let value: string;
  switch (key) {
    case 'birthDate':
      value = swedishDate(applicant.birthDate);
      break;
    case 'identityKind':
      value = l.t(`identityKind.${applicant.identityKind}`);
      break;
    case 'residenceBasis':
      value = l.t(`residenceBasis.${applicant.residenceBasis}`);
      break;
    case 'registeredMunicipality':
      // Address data: never for a protected identity.
      if (applicant.registeredMunicipality === undefined) return [l.t('facts.line.unknown', { label })];
      value =
        applicant.registeredMunicipality === null
          ? l.t('value.no')
          : l.t('value.municipalityCode', { code: applicant.registeredMunicipality });
      break;
    case 'protectedIdentity':
      if (applicant.protectedIdentity === undefined) return [l.t('facts.line.unknown', { label })];
      value = yesNo(applicant.protectedIdentity);
      break;
    case 'swedishLevel':
      value = l.t(`swedishLevel.${applicant.swedishLevel}`);
      break;
    case 'yearsOfSchooling':
      value = l.t('value.years', { count: applicant.yearsOfSchooling });
      break;
    case 'nordicLanguageSufficient':
    case 'literateInOwnLanguage':
    case 'knowsLatinAlphabet':
      value = yesNo(applicant[key]);
      break;
    case 'firstAdmissionDate':
      if (history.firstAdmissionDate === null) return [];
      value = swedishDate(history.firstAdmissionDate);
      break;
    case 'extensionGrantedUntil':
      if (history.extensionGrantedUntil == null) return [];
      value = swedishDate(history.extensionGrantedUntil);
      break;
    case 'completedCourseD':
    case 'specialReasonsStated':
      value = yesNo(history[key]);
      break;
    case 'offersSfiToTemporaryProtection':
      value = yesNo(municipality.offersSfiToTemporaryProtection);
      break;
  }
  const source = letter.factSources?.[FACT_PATH[key]];
  return [
    source
      ? l.t('facts.line.source', { label, value, source: l.t(`source.${source}`) })
      : l.t('facts.line', { label, value }),
  ];
}

function yesNo(value: boolean): string {
  return l.t(value ? 'value.yes' : 'value.no');
}

/** "SkolL 20 kap. 31 §" → "skollagen (2010:800) 20 kap. 31 §", as every view writes a reference; unreadable ones as written. */
export function writeOutProvision(ref: string): string {
  return legalReferenceText(ref);
}
