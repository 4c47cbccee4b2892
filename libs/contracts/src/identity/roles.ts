import { z } from 'zod';

export const ROLES = ['viewer', 'data-scientist', 'ml-engineer', 'approver', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * What each role grants beyond itself. An ml-engineer can do what a data scientist can; an approver
 * can read but approving does not imply building; admin holds every role.
 */
const IMPLIED_ROLES: Record<Role, readonly Role[]> = {
  viewer: [],
  'data-scientist': ['viewer'],
  'ml-engineer': ['data-scientist', 'viewer'],
  approver: ['viewer'],
  admin: ['viewer', 'data-scientist', 'ml-engineer', 'approver'],
};

/** All roles a holder of `roles` effectively has. */
export function effectiveRoles(roles: readonly Role[]): Set<Role> {
  const granted = new Set<Role>();
  for (const role of roles) {
    granted.add(role);
    for (const implied of IMPLIED_ROLES[role]) granted.add(implied);
  }
  return granted;
}

/** True when `roles` grants at least one of `required` (an empty `required` means any signed-in caller). */
export function hasAnyRole(roles: readonly Role[], required: readonly Role[]): boolean {
  if (required.length === 0) return true;
  const granted = effectiveRoles(roles);
  return required.some((role) => granted.has(role));
}
