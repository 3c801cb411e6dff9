/** Roles a user can hold. Residents sign in with e-ID; the rest are staff. */
export const ROLES = ['resident', 'employee', 'caseworker', 'civic-lab', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles staff can get from their IdP (app roles, or groups through OIDC_GROUP_ROLES). `resident` never comes from the staff IdP. */
export const STAFF_ROLES = ROLES.filter((r): r is Exclude<Role, 'resident'> => r !== 'resident');
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a signed-in person is, as every route and service sees it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'resident';
  roles: Role[];
  email: string | null;
  personalNumber: string | null;
}

/**
 * Who may call a route: `public`, any signed-in user, or holders of one of the roles.
 * Every route declares one (a test fails otherwise); the platform enforces it before the handler.
 */
export type Access = 'public' | 'authenticated' | { roles: readonly Role[] };

/** Default deny: true only when the declaration lets this user in. */
export function isAllowed(access: Access, user: User | null): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  if (access === 'authenticated') return true;
  return access.roles.some((role) => user.roles.includes(role));
}

export function hasRole(user: User | null, ...roles: Role[]): boolean {
  return !!user && roles.some((r) => user.roles.includes(r));
}

export const STAFF: Access = { roles: ['employee', 'caseworker', 'civic-lab', 'admin'] };
export const ADMIN: Access = { roles: ['admin'] };
export const RESIDENT: Access = { roles: ['resident'] };
