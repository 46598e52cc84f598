/**
 * @module Entra's user assignment rule for an enterprise app ("Assignment required?"): a model rule, so
 * the sign-in flow (AADSTS50105) and the harness's account-lifecycle checks apply the same one.
 */
import type { EnterpriseApp } from './app.js';
import type { DirectoryUser } from './user.js';

/** Assignment required: the user must be assigned directly or through a group they are a direct member of. */
export function isAssigned(app: EnterpriseApp, user: DirectoryUser): boolean {
  if (!app.assignmentRequired) return true;
  const direct = app.assignedUsers.some(
    (u) => u.toLowerCase() === user.objectId || u.toLowerCase() === user.userPrincipalName.toLowerCase(),
  );
  return direct || user.groups.some((g) => app.assignedGroups.includes(g));
}
