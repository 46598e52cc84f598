/**
 * @module How the mock matches a name someone typed or sent (a login hint, an auto-sign-in user, the
 * sign-in form's user name) to a directory user: model rules, kept apart from the HTTP flow that uses them.
 */
import type { DirectoryUser } from './user.js';

/** "B.Simon" alone finds B.Simon@<tenant domain>, so automation need not know the domain. */
export function findByAlias(users: readonly DirectoryUser[], alias: string): DirectoryUser | undefined {
  if (alias.includes('@')) return undefined;
  return users.find((u) => u.userPrincipalName.toLowerCase().startsWith(`${alias.toLowerCase()}@`));
}

/** A login hint names the user by UPN or object id, in any case. */
export function sameUser(user: DirectoryUser, hint: string): boolean {
  return user.userPrincipalName.toLowerCase() === hint.toLowerCase() || user.objectId === hint.toLowerCase();
}
