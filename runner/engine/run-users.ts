/**
 * @module Directory users a run makes for itself (lifecycle steps, each logout run's own sign-in): in the
 * SP's domain, named with a prefix so that a later run removes the leftovers of one that was interrupted
 * before it could clean up (runner/run/prepare-idp.ts).
 */
import type { DirectoryUser, DirectoryUserInput } from '../../mock-idp/internal.js';
import type { RunEnvironment } from './run-environment.js';

/** Directory users made by runs are named so; a run removes leftovers of interrupted runs. */
export const LIFECYCLE_USER_PREFIX = 'samlspec-lifecycle-';

/** What the made user is besides its name: its id, UPN and (if `withMail`) mail come from `local`. */
export type RunUserProfile = Omit<DirectoryUserInput, 'objectId' | 'userPrincipalName' | 'mail'> & {
  withMail: boolean;
};

/** Adds `<prefix><local>@<SP's domain>` (UPN, and mail if asked) to the mock directory. */
export function addRunUser(env: RunEnvironment, local: string, profile: RunUserProfile): DirectoryUser {
  const tenant = env.idp.tenant;
  const domain = env.idp.spDomain ?? tenant.tenant.primaryDomain;
  const address = `${LIFECYCLE_USER_PREFIX}${local}@${domain}`;
  const { withMail, ...rest } = profile;
  return tenant.addUser({
    ...rest,
    objectId: env.idp.ids.guid(),
    userPrincipalName: address,
    ...(withMail ? { mail: address } : {}),
  });
}

/** Removes a user `addRunUser` made; one already gone is fine. */
export function removeRunUser(env: RunEnvironment, user: DirectoryUser): void {
  try {
    env.idp.tenant.removeUser(user.objectId);
  } catch {
    // Already gone: nothing to clean.
  }
}
