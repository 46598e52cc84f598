/** @module Directory users and groups, as the mock tenant's directory holds them. */
import * as z from 'zod';

export const groupSchema = z.strictObject({
  objectId: z.uuid(),
  displayName: z.string().min(1),
  securityEnabled: z.boolean().default(true),
});
export type DirectoryGroup = z.infer<typeof groupSchema>;

export const userSchema = z.strictObject({
  objectId: z.uuid(),
  userPrincipalName: z.string().min(3).includes('@'),
  /** Absent for users without an Exchange mailbox (unlicensed tenants): the `emailaddress` claim is then omitted. */
  mail: z.string().includes('@').optional(),
  givenName: z.string().optional(),
  surname: z.string().optional(),
  displayName: z.string().min(1),
  userType: z.enum(['Member', 'Guest']).default('Member'),
  /** For guests: the home identity provider, emitted as the identityprovider claim. */
  identityProvider: z.string().optional(),
  /** Password for the interactive sign-in page. Test data, never a real secret. */
  password: z.string().default('Passw0rd!'),
  employeeId: z.string().optional(),
  onPremisesSamAccountName: z.string().optional(),
  accountEnabled: z.boolean().default(true),
  /** Group object ids (direct memberships). */
  groups: z.array(z.string()).default([]),
  /** Authentication methods recorded for sign-in, as authnmethodsreferences values. */
  authMethods: z.array(z.string()).optional(),
  /** Extension attributes: user.extensionattribute1..15 and any other `user.<name>` source. */
  extensionAttributes: z.record(z.string(), z.string()).default({}),
});
export type DirectoryUser = z.infer<typeof userSchema>;
export type DirectoryUserInput = z.input<typeof userSchema>;
