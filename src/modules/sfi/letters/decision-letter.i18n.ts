import { createTranslator } from '../../../platform/i18n/index.ts';

/**
 * The texts of the SFI decision letter. Swedish only, by design: a decision is written in
 * Swedish, the official language (språklagen 10 §; domain-sfi.md "What a decision must
 * contain"), and the applicant gets the same explanation in their own language on My pages
 * (src/modules/e-services/my-pages.i18n.ts). Plain language: short sentences, "du", no jargon
 * without an explanation.
 */
const sv = {
  'document.title': 'Beslut om sfi, ärende {caseNumber}',
  'document.subject': 'Beslut om rätt till kommunal vuxenutbildning i svenska för invandrare (sfi)',

  'header.date': 'Datum',
  'header.caseNumber': 'Ärendenummer',
  'header.page': 'Sida {page} av {pages}',

  title: 'Beslut om sfi – svenska för invandrare',

  'decision.heading': 'Beslut',
  'decision.admit': 'Du antas till sfi, kommunal vuxenutbildning i svenska för invandrare.',
  'decision.refuse': 'Din ansökan om sfi avslås. Det betyder att du inte antas till sfi.',
  'decision.studyPath': 'Preliminär studieväg: studieväg {path} (kurserna {courses}). Du börjar på kurs {course}.',
  'decision.studyPath.final': 'Den slutliga placeringen bestäms när vi har kartlagt dina kunskaper.',
  'decision.school': 'Skola: {school}.',
  'decision.school.unknown': 'Du får besked om skola och när du börjar i en separat kallelse.',
  'decision.rightUntil': 'Din rätt till sfi gäller till och med den {lastDay}.',
  'decision.rightUntil.rule':
    'Rätten till sfi gäller i tre år från den första antagningen. Kommunen kan förlänga tiden om det finns särskilda skäl, till exempel sjukdom, föräldraledighet eller arbete.',
  'decision.rightUnlimited': 'Din rätt till sfi är inte tidsbegränsad.',
  'decision.next': 'Innan du börjar kallas du till en kartläggning av dina kunskaper. Den är obligatorisk.',

  'reasons.heading': 'Skäl för beslutet',
  'reason.ELIGIBLE':
    'Du har rätt till sfi. Du bor i {municipality}, din rätt till sfi har börjat (den börjar den 1 juli det år du fyller 16 år) och du har ännu inte de grundläggande kunskaper i svenska som sfi ger.',
  'reason.AGE_BELOW_THRESHOLD':
    'Rätten till sfi börjar den 1 juli det år du fyller 16 år. Du är född den {birthDate} och har rätt till sfi från och med den {eligibleFrom}. Du är välkommen att ansöka igen då.',
  'reason.NOT_ENTITLED_RESIDENCE.asylum-seeker':
    'Du har uppgett att du söker asyl i Sverige. Den som söker asyl har inte rätt till sfi enligt skollagen.',
  'reason.NOT_ENTITLED_RESIDENCE.no-permit':
    'Du har uppgett att du bor i Sverige utan uppehållstillstånd. Den som saknar tillstånd att vistas i Sverige har inte rätt till sfi enligt skollagen.',
  'reason.NOT_ENTITLED_RESIDENCE':
    'Den som söker asyl eller vistas i Sverige utan tillstånd har inte rätt till sfi enligt skollagen.',
  'reason.NOT_ENTITLED_TEMPORARY_PROTECTION':
    'Du har uppgett att du har tillfälligt skydd, och du är inte folkbokförd. Då har du inte rätt till sfi enligt skollagen. Kommunen får erbjuda sfi till personer med tillfälligt skydd, men {municipality} gör inte det.',
  'reason.OFFER_TEMPORARY_PROTECTION':
    'Du har uppgett att du har tillfälligt skydd, och du är inte folkbokförd. {municipality} erbjuder sfi till personer med tillfälligt skydd.',
  'reason.REGISTERED_IN_OTHER_MUNICIPALITY':
    'Enligt folkbokföringen är du folkbokförd i en annan kommun (kommunkod {registeredMunicipality}). Rätten till sfi gäller i den kommun där du är folkbokförd. Ansök i den kommunen. Om du har särskilda skäl att studera i {municipality} kan du ansöka igen och berätta om skälen.',
  'reason.REGISTERED_IN_OTHER_MUNICIPALITY.protected':
    'Enligt folkbokföringen är du folkbokförd i en annan kommun. Rätten till sfi gäller i den kommun där du är folkbokförd. Ansök i den kommunen. Om du har särskilda skäl att studera i {municipality} kan du ansöka igen och berätta om skälen.',
  'reason.STUDY_IN_OTHER_MUNICIPALITY':
    'Du är folkbokförd i en annan kommun och har uppgett särskilda skäl att studera i {municipality}.',
  'reason.EVIDENCE_OF_RESIDENCE_REQUIRED':
    'Du har uppgett att du är medborgare i ett EU- eller EES-land eller i Schweiz och bor i kommunen utan att vara folkbokförd. Då krävs underlag som visar att du har uppehållsrätt och bor i kommunen.',
  'reason.EVIDENCE_OF_BORDER_COMMUTING_REQUIRED':
    'Du har uppgett att du är finsk medborgare, bor nära gränsen i Finland och arbetar stadigvarande i kommunen. Då krävs underlag som visar ditt arbete här.',
  'reason.RESIDENCE_UNCLEAR':
    'Det går inte att se av uppgifterna att du är bosatt i Sverige på ett sätt som ger rätt till sfi, till exempel genom att vara folkbokförd.',
  'reason.NORDIC_LANGUAGE':
    'Du har uppgett att du kan danska eller norska. Den som kan danska eller norska så bra att sfi inte behövs har inte rätt till sfi.',
  'reason.SWEDISH_LEVEL_UNCLEAR.level':
    'Du har uppgett att du redan kan bra svenska. Sfi är till för den som saknar grundläggande kunskaper i svenska.',
  'reason.SWEDISH_LEVEL_UNCLEAR.courseD':
    'Enligt kommunens register har du redan slutfört kurs D, den sista kursen i sfi.',
  'reason.SWEDISH_LEVEL_UNCLEAR.courseD.selfDeclared':
    'Du har uppgett att du redan har slutfört kurs D, den sista kursen i sfi.',
  'reason.RIGHT_EXPIRED':
    'Du antogs till sfi första gången den {firstAdmissionDate}. Rätten till sfi gäller i tre år från den första antagningen. För den som antogs före 2026 räknas de tre åren från den 1 januari 2026. Den tiden har gått ut, och du har inte uppgett några särskilda skäl för att få förlängd tid.',
  'reason.RIGHT_EXPIRED.extension':
    'Kommunen har tidigare förlängt din rätt till den {extensionGrantedUntil}. Även den tiden har gått ut.',
  'reason.EXTENSION_REQUESTED':
    'Du antogs till sfi första gången den {firstAdmissionDate}, och din tid med rätt till sfi har gått ut. Du har uppgett särskilda skäl för att få förlängd tid.',
  'reason.PROTECTED_IDENTITY':
    'Du har skyddade personuppgifter. Därför har särskilt behörig personal hanterat din ansökan.',
  'reason.IDENTITY_UNVERIFIED':
    'Du ansökte utan ett svenskt personnummer eller samordningsnummer som kunde kontrolleras i folkbokföringen. Din identitet behövde därför kontrolleras på annat sätt.',
  'reason.ALREADY_ADMITTED':
    'Du är redan antagen till sfi i kommunen, och din rätt till sfi gäller fortfarande. Rätten räknas från den första antagningen och börjar inte om när du ansöker igen.',
  'reason.EARLIER_APPLICATION_OPEN': 'Du har en tidigare ansökan om sfi som ännu inte är avgjord.',
  'reason.MANUAL_DECISION': 'En handläggare har prövat din ansökan. Skälen står i motiveringen nedan.',
  'reason.unknown': 'Skäl: {code}.',

  'motivation.heading': 'Motivering',

  'facts.heading': 'Uppgifter som beslutet bygger på',
  'facts.line': '{label}: {value}',
  'facts.line.source': '{label}: {value} ({source})',
  'facts.line.unknown': '{label}: okänt, uppgift saknas (varken du eller något register har uppgett det)',
  'fact.birthDate': 'Födelsedatum',
  'fact.identityKind': 'Identitet',
  'fact.residenceBasis': 'Grund för att bo i Sverige',
  'fact.registeredMunicipality': 'Folkbokförd i kommun',
  'fact.protectedIdentity': 'Skyddade personuppgifter',
  'fact.swedishLevel': 'Kunskaper i svenska',
  'fact.nordicLanguageSufficient': 'Kan danska eller norska',
  'fact.yearsOfSchooling': 'Antal år i skola',
  'fact.literateInOwnLanguage': 'Kan läsa och skriva på sitt eget språk',
  'fact.knowsLatinAlphabet': 'Kan det latinska alfabetet',
  'fact.firstAdmissionDate': 'Antogs till sfi första gången',
  'fact.completedCourseD': 'Har slutfört kurs D',
  'fact.extensionGrantedUntil': 'Förlängd rätt till',
  'fact.specialReasonsStated': 'Har uppgett särskilda skäl',
  'fact.offersSfiToTemporaryProtection': 'Kommunen erbjuder sfi vid tillfälligt skydd',
  'value.yes': 'ja',
  'value.no': 'nej',
  'value.years': '{count} år',
  'value.municipalityCode': 'kommunkod {code}',
  'identityKind.personnummer': 'personnummer',
  'identityKind.samordningsnummer': 'samordningsnummer',
  'identityKind.none': 'inget kontrollerat personnummer eller samordningsnummer',
  'residenceBasis.folkbokford': 'folkbokförd',
  'residenceBasis.eu-free-movement': 'medborgare i EU/EES-land eller Schweiz med uppehållsrätt',
  'residenceBasis.finnish-border-commuter': 'finsk medborgare som bor vid gränsen och arbetar i kommunen',
  'residenceBasis.temporary-protection': 'tillfälligt skydd',
  'residenceBasis.asylum-seeker': 'asylsökande',
  'residenceBasis.no-permit': 'utan uppehållstillstånd',
  'residenceBasis.other': 'annan eller oklar',
  'swedishLevel.none': 'inga',
  'swedishLevel.basic': 'grundläggande',
  'swedishLevel.good': 'goda',
  'source.population-register': 'folkbokföringen',
  'source.student-records': 'kommunens elevregister',
  'source.self-declared': 'dina egna uppgifter',
  'source.municipality-config': 'kommunens beslut',
  'source.platform': 'kommunens e-tjänst och dina tidigare ärenden',
  'source.unknown': 'uppgift saknas',

  'provisions.heading': 'Bestämmelser som beslutet grundar sig på',

  'decidedBy.heading': 'Så fattades beslutet',
  'decidedBy.automated':
    'Beslutet har fattats av {board}, {municipality}, genom automatiserat beslutsfattande enligt {delegation}. Det är tillåtet enligt 6 kap. 37 § kommunallagen (2017:725) och 28 § förvaltningslagen (2017:900). Reglerna som användes (regelverk {ruleSet}, version {version}) finns på kommunens webbplats under "Så fattas besluten".',
  'decidedBy.caseworker':
    'Beslutet har fattats av handläggare {name}, {municipality}, på uppdrag av {board} enligt {delegation}.',
  'decidedBy.caseworkerWithTitle':
    'Beslutet har fattats av {name}, {title}, {municipality}, på uppdrag av {board} enligt {delegation}.',

  'appeal.heading': 'Om du vill överklaga',
  'appeal.who':
    'Om du inte är nöjd med beslutet kan du överklaga det till Skolväsendets överklagandenämnd (28 kap. 12 § skollagen).',
  'appeal.where':
    'Skicka överklagandet till {municipality}, inte direkt till nämnden. Kommunen prövar först om beslutet ska ändras och skickar sedan överklagandet vidare till Skolväsendets överklagandenämnd.',
  'appeal.when':
    'Överklagandet måste ha kommit in till kommunen inom tre veckor från den dag du fick del av beslutet. Annars kan det inte prövas (44 § förvaltningslagen).',
  'appeal.how':
    'Skriv vilket beslut du överklagar (ange ärendenummer {caseNumber}), varför du tycker att beslutet är fel och hur du vill att det ska ändras. Skriv under och ange ditt namn och hur vi når dig.',
  'appeal.how.protected':
    'Du har skyddade personuppgifter: skriv inte din adress i överklagandet. Ange i stället ett telefonnummer eller en e-postadress där vi når dig.',
  'appeal.send': 'Du kan överklaga på Mina sidor, skicka e-post till {email} eller skicka ett brev till {address}.',

  'contact.heading': 'Kontakt',
  'contact.body':
    'Har du frågor om beslutet? Kontakta {department}, telefon {phone}, e-post {email}. Ange ärendenummer {caseNumber}.',
  'contact.web': 'Webbplats: {web}',
} as const;

export type DecisionLetterTextKey = keyof typeof sv;

/** The letter's translator (Swedish). */
export const letterText = createTranslator({ sv }, 'sv');
