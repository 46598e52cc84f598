/** @module Entra claims — what the directory puts in the token: the default set, users without mail, groups and their overage. */
import { defineScenarios } from '../define.js';
import { addGroupsOverageLink } from '../mutations/protocol.js';
import { CLAIM, DIRECTORY, ENTRA_DOCS } from './entra-refs.js';

const GROUPS = [
  '8f2a1c7e-5b1d-4c39-9f0a-2d7e6b3a9c01',
  '3c9e7b52-0a6f-4d1e-8b2c-5f4a1e9d7c02',
  'a41f0c9d-2b7e-4e18-9c3a-6d5b8e7f0a03',
];
/** Exactly Entra's SAML limit: one more and the groups claim becomes groups.link. */
export const GROUPS_150 = Array.from(
  { length: 150 },
  (_, i) => `0f0e0d0c-0b0a-4908-8706-${i.toString(16).padStart(12, '0')}`,
);
const MFA = [
  'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password',
  'http://schemas.microsoft.com/claims/multipleauthn',
];

export default defineScenarios('entra/claims', [
  {
    slug: 'default-claims',
    title:
      "Sends Entra's default claim set: tenantid, objectidentifier, displayname, identityprovider, authnmethodsreferences, givenname, surname, emailaddress, name",
    requirement: "The SP MUST sign the user in from Entra's default claims, in Entra's order.",
    fix: 'Read the claims you need by their full URI (e.g. http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress), ignore the others, and never depend on claim order.',
    refs: [ENTRA_DOCS.samlTokens, { doc: 'saml-core', section: '2.7.3' }],
    level: 'must',
    expect: 'accept',
    control: {
      none: "Entra's default claim set is what the baseline carries, so it is the calibration baseline of each flow: an SP that refuses it fails calibration instead.",
      wouldNeed: "None by design: refusing it is calibration's finding.",
    },
    tags: ['claims', 'baseline'],
  },
  {
    slug: 'user-without-mail',
    title: 'Signs in nomail.user, who has no mailbox: no emailaddress claim, NameID and name are the UPN',
    requirement:
      'Observation only: Entra omits empty claims; SPs that require emailaddress fail for unlicensed users.',
    fix: 'Do not require the emailaddress claim: Entra omits it for users without a mailbox; fall back to the name claim or NameID (the UPN), or have the admin map user.userprincipalname.',
    refs: [ENTRA_DOCS.samlTokens, ENTRA_DOCS.claims],
    level: 'info',
    expect: 'accept',
    response: { user: DIRECTORY.noMail },
    tags: ['claims'],
    note: 'Rejected means the SP needs the emailaddress claim: map NameID or name to the email instead.',
  },
  {
    slug: 'groups-multi-valued',
    title: 'Sends a groups claim with three group object IDs as three AttributeValues',
    requirement: 'The SP SHOULD accept a multi-valued attribute and treat every AttributeValue as a value.',
    fix: 'Read every AttributeValue of a multi-valued attribute (groups, roles) as a separate value; do not keep only the first or the last.',
    refs: [ENTRA_DOCS.groupClaims, { doc: 'saml-core', section: '2.7.3.1' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-single-valued-claims' }, { sp: 'overstrict-known-claims-only' }],
    response: { attributes: { [CLAIM.groups]: GROUPS } },
    tags: ['claims', 'groups'],
  },
  {
    slug: 'groups-150',
    title: 'Sends a groups claim with 150 group object IDs, the most Entra puts in a SAML token',
    requirement: 'The SP SHOULD accept a token carrying 150 groups.',
    fix: 'Allow SAMLResponse posts of at least 100 KB at the ACS (body, form-field and proxy limits), so a token with 150 group IDs gets through.',
    refs: [ENTRA_DOCS.groupClaims],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-single-valued-claims' }, { sp: 'overstrict-known-claims-only' }],
    response: { attributes: { [CLAIM.groups]: GROUPS_150 } },
    tags: ['claims', 'groups', 'size'],
  },
  {
    slug: 'groups-overage-link',
    title: 'Sends groups.link (the overage claim for more than 150 groups) instead of a groups claim',
    requirement:
      'The SP SHOULD still sign the user in when Entra sends the groups overage claim instead of groups.',
    fix: 'Sign the user in when groups.link replaces the groups claim (over 150 groups), then read membership from Microsoft Graph or use app roles instead.',
    refs: [ENTRA_DOCS.groupClaims, ENTRA_DOCS.samlTokens],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-known-claims-only' }],
    response: { attributes: { [CLAIM.groups]: [] } },
    mutations: [addGroupsOverageLink()],
    tags: ['claims', 'groups'],
  },
  {
    slug: 'mfa-authn-methods',
    title:
      'Sends authnmethodsreferences with password and multipleauthn (MFA done; AuthnContextClassRef stays Password)',
    requirement: 'The SP SHOULD accept a multi-valued authnmethodsreferences claim.',
    fix: 'Read authnmethodsreferences as a multi-valued claim; if you require MFA, look for the multipleauthn value among its values.',
    refs: [ENTRA_DOCS.samlTokens],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-single-valued-claims' }],
    response: { attributes: { [CLAIM.authnMethods]: MFA } },
    tags: ['claims'],
  },
]);
