import { AppError } from '../http/errors.ts';
import type { Role, User } from './roles.ts';

/**
 * Object policies: who may do what to one resource. Routes check the route-level `access`
 * declaration; services check these, because only they hold the resource (whose case, whose
 * booking). A policy is a table of one-line rules; an action without a rule, or no user, is denied.
 *
 * ```ts
 * export const casePolicy = definePolicy<Case>('case', {
 *   read: anyOf(owns((c) => c.applicantId), withRole('caseworker')),
 *   decide: withRole('caseworker'),
 * });
 * casePolicy.assert(user, 'decide', someCase, log); // throws FORBIDDEN, logs access.denied
 * ```
 */
export type Rule<R> = (user: User, resource: R) => boolean;

/** Where denials go. Today the request logger; the audit service records them later. */
export interface DenialLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface Policy<R, A extends string> {
  readonly name: string;
  /** Default deny: true only when a rule for this action lets this user act on this resource. */
  can(user: User | null, action: A, resource: R): boolean;
  /** Throws `FORBIDDEN` (and logs `access.denied`) unless `can` says yes. */
  assert(user: User | null, action: A, resource: R, log?: DenialLog): void;
}

export function definePolicy<R, A extends string>(name: string, rules: Readonly<Record<A, Rule<R>>>): Policy<R, A> {
  const can = (user: User | null, action: A, resource: R): boolean => {
    if (!user) return false;
    // Own properties only, so an action named like an Object.prototype member is never "allowed".
    const rule = Object.hasOwn(rules, action) ? rules[action] : undefined;
    return typeof rule === 'function' && rule(user, resource) === true;
  };
  return {
    name,
    can,
    assert(user, action, resource, log) {
      if (can(user, action, resource)) return;
      // Ids and names of rules only: never the resource itself, which may hold personal data.
      log?.warn({ event: 'access.denied', policy: name, action, userId: user?.id ?? null }, 'access denied');
      throw new AppError(user ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    },
  };
}

/** The user holds at least one of the roles. */
export function withRole<R = unknown>(...roles: Role[]): Rule<R> {
  return (user) => roles.some((role) => user.roles.includes(role));
}

/** The resource belongs to the user: `ownerOf` picks the owning user id out of it. */
export function owns<R>(ownerOf: (resource: R) => string | null | undefined): Rule<R> {
  return (user, resource) => {
    const owner = ownerOf(resource);
    return typeof owner === 'string' && owner === user.id;
  };
}

export function anyOf<R>(...rules: Rule<R>[]): Rule<R> {
  return (user, resource) => rules.some((rule) => rule(user, resource));
}

/** Every rule must hold; `allOf()` with no rules denies rather than allows. */
export function allOf<R>(...rules: Rule<R>[]): Rule<R> {
  return (user, resource) => rules.length > 0 && rules.every((rule) => rule(user, resource));
}

export const nobody: Rule<unknown> = () => false;
