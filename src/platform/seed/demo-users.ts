import type { Role } from '../auth/roles.ts';

/**
 * The test users of the demo municipality. Personal identity numbers are synthetic: made up
 * here with a valid check digit, belonging to nobody we know of; real numbers never go in code.
 */
export interface DemoUser {
  username: string;
  displayName: string;
  kind: 'staff' | 'resident';
  roles: Role[];
  email: string;
  personalNumber: string | null;
  /** What the user is for, shown on the dev sign-in page (Swedish / English). */
  description: { sv: string; en: string };
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'amina',
    displayName: 'Amina Yusuf',
    kind: 'resident',
    roles: ['resident'],
    email: 'amina@example.test',
    // The synthetic register's persona `admitted-automatically` (sfi/facts/synthetic-population.ts):
    // folkbokförd here, so her SFI application with e-ID is admitted automatically.
    personalNumber: '199104121018',
    description: {
      sv: 'Invånare, folkbokförd i Malmö (sfi: antas automatiskt)',
      en: 'Resident, registered in Malmö (SFI: admitted automatically)',
    },
  },
  {
    username: 'oleksandr',
    displayName: 'Oleksandr Kovalenko',
    kind: 'resident',
    roles: ['resident'],
    email: 'oleksandr@example.test',
    personalNumber: '199107142391',
    // Not in the synthetic register: his SFI application goes to a caseworker.
    description: {
      sv: 'Invånare, andra testpersonen (sfi: handläggare prövar)',
      en: 'Resident, the second test person (SFI: a caseworker decides)',
    },
  },
  {
    username: 'erik',
    displayName: 'Erik Lind',
    kind: 'staff',
    roles: ['employee'],
    email: 'erik.lind@malmo.example',
    personalNumber: null,
    description: { sv: 'Medarbetare (socialsekreterare)', en: 'Employee (social worker)' },
  },
  {
    username: 'sara',
    displayName: 'Sara Nilsson',
    kind: 'staff',
    roles: ['employee', 'caseworker'],
    email: 'sara.nilsson@malmo.example',
    personalNumber: null,
    description: { sv: 'Handläggare för vuxenutbildning', en: 'Caseworker, adult education' },
  },
  {
    username: 'johan',
    displayName: 'Johan Berg',
    kind: 'staff',
    roles: ['employee', 'civic-lab'],
    email: 'johan.berg@malmo.example',
    personalNumber: null,
    description: { sv: 'Innovationslabbet (Civic Lab)', en: 'Innovation lab (Civic Lab)' },
  },
  {
    username: 'admin',
    displayName: 'Maria Andersson',
    kind: 'staff',
    roles: ['employee', 'admin'],
    email: 'maria.andersson@malmo.example',
    personalNumber: null,
    description: { sv: 'Administratör', en: 'Administrator' },
  },
];
