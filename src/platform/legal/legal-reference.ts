/**
 * Legal references as data. Rule files, reason codes and e-service definitions cite the law as
 * short strings ("SkolL 20 kap. 31 §", "förordning (2011:1108) om vuxenutbildning",
 * "prop. 2025/26:10", "(process rule: …)"); the strings stay as they are (a rule file's bytes are
 * hashed into every decision), and this module reads them into a typed reference that every view
 * renders the same way: as Swedish text, and as a link to the published text of the act.
 */

/** The acts this platform cites, with their SFS numbers (Svensk författningssamling). */
export const acts = {
  skollagen: { sfs: '2010:800', name: 'skollagen', abbreviations: ['SkolL'] },
  förvaltningslagen: { sfs: '2017:900', name: 'förvaltningslagen', abbreviations: ['FL'] },
  kommunallagen: { sfs: '2017:725', name: 'kommunallagen', abbreviations: ['KL'] },
  'förordningen om vuxenutbildning': {
    sfs: '2011:1108',
    // The SFS number sits inside the name: "förordningen (2011:1108) om vuxenutbildning".
    name: 'förordningen om vuxenutbildning',
    abbreviations: [],
  },
} as const satisfies Record<string, { sfs: string; name: string; abbreviations: readonly string[] }>;

export type ActId = keyof typeof acts;

export type LegalReference =
  /** A provision of an act; without a section it cites the act as a whole. */
  | { kind: 'provision'; act: ActId; sfs: string; chapter?: number; section?: string }
  /** How the municipality works, not law ("(process rule: handled by authorised staff)"). */
  | { kind: 'process-rule'; note: string | null }
  /** A government bill (proposition), e.g. the preparatory work of a law not yet in force. */
  | { kind: 'bill'; id: string; page?: number };

const ACT_IDS = Object.keys(acts) as ActId[];

function actBySfs(sfs: string): ActId | undefined {
  return ACT_IDS.find((id) => acts[id].sfs === sfs);
}

function actByAbbreviation(abbreviation: string): ActId | undefined {
  return ACT_IDS.find((id) => (acts[id].abbreviations as readonly string[]).includes(abbreviation));
}

// "20 kap. 31 §", "31 §", "3 a §", "" (the whole act).
const LOCATION = /^(?:(\d+) kap\.\s*)?(?:(\d+(?: ?[a-z])?) §)?$/;
const PROCESS_RULE = /^\(process rule(?::\s*(.+))?\)$/;
const BILL = /^prop\. (\d{4}\/\d{2}:\d+)(?:,? s\. (\d+))?$/;
const ABBREVIATED = /^([A-ZÅÄÖ][A-Za-zÅÄÖåäö]*) (.+)$/;
// "skollagen (2010:800) 20 kap. 31 §", "förordning (2011:1108) om vuxenutbildning 2 §".
const WITH_SFS = /^([a-zåäö]+) \((\d{4}:\d+)\)((?: [a-zåäö]+)*?)(?: (\d.*))?$/;

/** Reads a legal reference string; null when it is not one this platform knows how to read. */
export function parseLegalReference(source: string): LegalReference | null {
  const text = source.trim().replace(/\s+/g, ' ');
  const processRule = PROCESS_RULE.exec(text);
  if (processRule) return { kind: 'process-rule', note: processRule[1]?.trim() || null };
  const bill = BILL.exec(text);
  if (bill)
    return bill[2]
      ? { kind: 'bill', id: `prop. ${bill[1]}`, page: Number(bill[2]) }
      : { kind: 'bill', id: `prop. ${bill[1]}` };
  const withSfs = WITH_SFS.exec(text);
  if (withSfs) {
    const act = actBySfs(withSfs[2]!);
    if (!act) return null;
    // The words around the number must be the act's name ("förordning … om vuxenutbildning" too).
    const words = `${withSfs[1]}${withSfs[3] ?? ''}`.replace(/^förordning\b/, 'förordningen');
    if (words !== acts[act].name) return null;
    return provision(act, withSfs[4] ?? '');
  }
  const abbreviated = ABBREVIATED.exec(text);
  if (abbreviated) {
    const act = actByAbbreviation(abbreviated[1]!);
    if (!act) return null;
    const result = provision(act, abbreviated[2]!);
    // An abbreviation alone is no citation: it needs at least a section.
    return result?.kind === 'provision' && result.section ? result : null;
  }
  return null;
}

function provision(act: ActId, location: string): LegalReference | null {
  const match = LOCATION.exec(location.trim());
  if (!match) return null;
  const [, chapter, section] = match;
  if (chapter && !section) return null;
  return {
    kind: 'provision',
    act,
    sfs: acts[act].sfs,
    ...(chapter ? { chapter: Number(chapter) } : {}),
    ...(section ? { section: section.replace(' ', '') } : {}),
  };
}

/** Like parseLegalReference, but a string it cannot read is an error (a typo in a rule file or a definition). */
export function parseLegalReferenceStrict(source: string): LegalReference {
  const parsed = parseLegalReference(source);
  if (!parsed) throw new Error(`not a legal reference this platform can read: ${JSON.stringify(source)}`);
  return parsed;
}

/** Section with its mark: "31 §", "3 a §". */
function sectionText(section: string): string {
  return `${section.replace(/^(\d+)([a-z])$/, '$1 $2')} §`;
}

/**
 * The canonical citation, which parses back to the same reference: "skollagen (2010:800) 20 kap.
 * 31 §", "förordningen (2011:1108) om vuxenutbildning", "prop. 2025/26:10", "(process rule: …)".
 */
export function formatLegalReference(reference: LegalReference): string {
  switch (reference.kind) {
    case 'provision': {
      const [first, ...rest] = acts[reference.act].name.split(' ');
      const name = [`${first} (${reference.sfs})`, ...rest].join(' ');
      const location = [
        reference.chapter !== undefined ? `${reference.chapter} kap.` : null,
        reference.section !== undefined ? sectionText(reference.section) : null,
      ].filter((part) => part !== null);
      return [name, ...location].join(' ');
    }
    case 'bill':
      return reference.page !== undefined ? `${reference.id} s. ${reference.page}` : reference.id;
    case 'process-rule':
      return reference.note ? `(process rule: ${reference.note})` : '(process rule)';
  }
}

// The rule sets' process-rule notes are written in English inside the rule files; their Swedish.
const PROCESS_RULE_NOTES: Record<string, string> = {
  'handled by authorised staff': 'handläggs av särskilt behörig personal',
  'one application is handled at a time': 'en ansökan i taget handläggs',
};

/**
 * The reference as Swedish text for a reader (letters, pages): a provision or bill as its
 * citation, a process rule as "Handläggningsrutin (ingen lagregel)" with its note in Swedish.
 * A string that cannot be read is shown as it is.
 */
export function legalReferenceText(reference: LegalReference | string): string {
  const parsed = typeof reference === 'string' ? parseLegalReference(reference) : reference;
  if (!parsed) return (reference as string).trim();
  if (parsed.kind !== 'process-rule') return formatLegalReference(parsed);
  if (!parsed.note) return 'Handläggningsrutin (ingen lagregel)';
  return `Handläggningsrutin (ingen lagregel): ${PROCESS_RULE_NOTES[parsed.note] ?? parsed.note}`;
}

/**
 * Where the reference's published text is. A provision: the act in Regeringskansliet's legal
 * database (rkrattsbaser.gov.se, by SFS number), at the section's anchor as the database names
 * its sections (K<chapter>P<section>, or P<section> in an act without chapters; a fragment the
 * page lacks still opens the act). A bill: its document in Riksdagen's open data (by dok_id:
 * the session's code, 03 for a proposition, and the number). A process rule has no link.
 */
export function legalReferenceUrl(reference: LegalReference | string): string | null {
  const parsed = typeof reference === 'string' ? parseLegalReference(reference) : reference;
  if (parsed?.kind === 'bill') return billUrl(parsed.id);
  if (parsed?.kind !== 'provision') return null;
  const section = parsed.section?.replace(/[a-z]$/, (letter) => letter.toUpperCase());
  const anchor = section ? `#${parsed.chapter !== undefined ? `K${parsed.chapter}` : ''}P${section}` : '';
  return `https://rkrattsbaser.gov.se/sfst?bet=${encodeURIComponent(parsed.sfs)}${anchor}`;
}

/**
 * A bill's dok_id in Riksdagen's open data: the session (riksmöte) as H plus one character
 * counted from 2012/13 (H0 … H9, HA = 2022/23, HD = 2025/26), 03 for a proposition, then its
 * number: prop. 2025/26:10 is HD0310. Sessions before 2012/13 have other codes: no link.
 */
function billUrl(id: string): string | null {
  const match = /^prop\. (\d{4})\/\d{2}:(\d+)$/.exec(id);
  if (!match) return null;
  const sinceCode = Number(match[1]) - 2012;
  if (sinceCode < 0 || sinceCode > 35) return null;
  return `https://data.riksdagen.se/dokument/H${sinceCode.toString(36).toUpperCase()}03${match[2]}.html`;
}

/** A reference as the views and the simulation API show it: the data, its Swedish text and its link. */
export interface PresentedLegalReference {
  source: string;
  reference: LegalReference | null;
  text: string;
  url: string | null;
}

export function presentLegalReference(source: string): PresentedLegalReference {
  const reference = parseLegalReference(source);
  return {
    source,
    reference,
    text: reference ? legalReferenceText(reference) : source.trim(),
    url: reference ? legalReferenceUrl(reference) : null,
  };
}
