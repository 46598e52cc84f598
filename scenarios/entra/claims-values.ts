/** @module Entra claims — unusual but valid values: Unicode, long values, NameFormat, duplicates, case. */
import { defineScenarios } from '../define.js';
import { setAttr } from '../mutations/basic.js';
import { addAttribute, rewriteIdentity } from '../mutations/protocol.js';
import { CLAIM, ENTRA_DOCS } from './entra-refs.js';

/** Entra's displayName limit is 256 characters. */
export const LONG_DISPLAY_NAME = 'Bartholomew Simon-'.padEnd(256, 'x');
export const LONG_EXTENSION_VALUE = 'v'.repeat(1024);
export const UNICODE_DISPLAY_NAME = 'Zoë Łukasiewicz-Ørsted 山田太郎 🚀';

export default defineScenarios('entra/claims', [
  {
    slug: 'unicode-values',
    title: 'Sends displayname, givenname and surname with accents, CJK characters and an emoji',
    requirement: 'The SP SHOULD accept Unicode claim values and sign the user in.',
    fix: 'Decode the response as UTF-8 and store claim values as full Unicode (e.g. utf8mb4 in MySQL); never refuse non-ASCII names or emoji.',
    refs: [ENTRA_DOCS.samlTokens, { doc: 'xml', section: '2.2' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-ascii-claims' }],
    response: {
      attributes: {
        [CLAIM.displayName]: [UNICODE_DISPLAY_NAME],
        [CLAIM.givenName]: ['Zoë'],
        [CLAIM.surname]: ['Łukasiewicz-山田'],
      },
    },
    tags: ['claims', 'unicode'],
  },
  {
    slug: 'long-values',
    title: 'Sends a 256-character displayname and a 1024-character custom claim',
    requirement: 'The SP SHOULD accept long claim values and sign the user in.',
    fix: 'Accept claim values of at least 256 characters (1024 for custom claims), truncating for display if you must rather than failing the sign-in.',
    refs: [ENTRA_DOCS.claims],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-known-claims-only' }, { sp: 'overstrict-claims-255-characters' }],
    response: {
      attributes: {
        [CLAIM.displayName]: [LONG_DISPLAY_NAME],
        'http://schemas.contoso.com/claims/description': [LONG_EXTENSION_VALUE],
      },
    },
    tags: ['claims', 'size'],
  },
  {
    slug: 'attribute-name-format',
    title: 'Sends every Attribute with NameFormat uri ("Include attribute name format")',
    requirement: 'The SP SHOULD accept attributes that carry a NameFormat.',
    fix: "Match attributes by Name and accept any NameFormat; Entra adds the uri format when the admin ticks 'Include attribute name format'.",
    refs: [ENTRA_DOCS.claims, { doc: 'saml-core', section: '2.7.3.1' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-entra-attributes-only' }],
    mutations: [
      setAttr(
        { element: 'Attribute', index: 'all' },
        'NameFormat',
        'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
      ),
    ],
    tags: ['claims'],
  },
  {
    slug: 'duplicate-role-attribute',
    title: 'Sends two Attribute elements with the same role Name: User, then Admin',
    requirement:
      'Observation only: the SP should treat duplicates as one multi-valued attribute or reject; element order must not decide privileges.',
    fix: 'Merge Attribute elements that share a Name into one multi-valued attribute (or refuse the response); never let the first or last element alone decide a role.',
    refs: [{ doc: 'saml-core', section: '2.7.3.1' }],
    level: 'info',
    expect: 'accept',
    response: { attributes: { [CLAIM.role]: ['User'] } },
    mutations: [addAttribute(CLAIM.role, ['Admin'])],
    tags: ['claims', 'roles'],
  },
  {
    slug: 'email-upper-case',
    title: 'Sends the NameID, emailaddress and name of the baseline user in upper case',
    requirement:
      'Observation only: whether the SP maps a differently cased email to the same account (Entra UPNs are case-insensitive).',
    fix: 'Compare e-mail addresses and UPNs case-insensitively (store and look them up lower-cased), so a returning user never gets a second account.',
    refs: [ENTRA_DOCS.samlTokens],
    level: 'info',
    expect: 'accept',
    mutations: [rewriteIdentity((upn) => upn.toUpperCase())],
    tags: ['claims', 'email'],
    note: 'The oracle compares identities case-insensitively: check whether a second account was created.',
  },
]);
