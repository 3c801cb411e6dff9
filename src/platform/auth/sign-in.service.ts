import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { SignInError, type SignInIdentity } from './oidc.ts';
import type { User } from './roles.ts';
import { findUserByPersonalNumber, findUserBySubject, findUserLinkByUsername, upsertUser } from './user.repository.ts';

/** Subjects written by an OIDC sign-in carry the audience as prefix (see identityFromClaims). */
function isLinkedToIdentityProvider(subject: string | null): boolean {
  return !!subject && (subject.startsWith('staff:') || subject.startsWith('resident:'));
}

/**
 * Finds or creates the user behind a verified identity and refreshes their name, roles and
 * e-mail from the IdP (roles are the IdP's to give and take at every sign-in).
 *
 * Matching, in order: the IdP subject; for residents the personal identity number (the person
 * is the same whichever e-ID they used); for staff the username — but only for an account not
 * yet linked to an IdP subject (created by the seed or an administrator). An account already
 * linked to another subject is never taken over by username: a reused work-account name (UPN)
 * must not inherit a former colleague's account.
 */
export async function signInFromIdentity(db: Db, identity: SignInIdentity): Promise<User> {
  return db.transaction().execute(async (trx) => {
    let existing = await findUserBySubject(trx, identity.subject);
    if (!existing && identity.personalNumber) existing = await findUserByPersonalNumber(trx, identity.personalNumber);
    if (!existing && identity.usernameHint) {
      const link = await findUserLinkByUsername(trx, identity.usernameHint);
      if (link && isLinkedToIdentityProvider(link.subject)) {
        throw new SignInError('account', 'the username belongs to an account linked to another identity');
      }
      existing = link?.user;
    }
    if (existing && existing.kind !== identity.kind) {
      throw new SignInError('account', `a ${identity.kind} identity matched a ${existing.kind} account`);
    }
    // Residents have no username at their e-ID broker; a random one keeps personal data out of it.
    const username = existing?.username ?? identity.usernameHint ?? `resident-${randomBytes(6).toString('hex')}`;
    return upsertUser(trx, {
      username,
      subject: identity.subject,
      displayName: identity.displayName ?? existing?.displayName ?? username,
      kind: identity.kind,
      roles: identity.roles,
      email: identity.email,
      personalNumber: identity.personalNumber,
    });
  });
}
