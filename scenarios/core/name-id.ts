/** @module SAML Core §2.2.3 — NameID values the SP must not turn into an account by accident. */
import { defineScenarios } from '../define.js';
import { setAttr, setElementText } from '../mutations/basic.js';
import type { SpecRef } from '../types.js';

const core = { doc: 'saml-core', section: '2.2.3' } as const satisfies SpecRef;

export default defineScenarios('core/2.2.3', [
  {
    slug: 'name-id-empty',
    title: 'Sends an emailAddress-format NameID whose value is empty',
    requirement:
      'An emailAddress NameID must hold an email address; the SP SHOULD reject an assertion whose NameID is empty instead of signing in an empty or default identity.',
    fix: 'Refuse an assertion whose NameID is empty or blank (for the emailAddress format, anything but an address); never fall back to a default or empty account.',
    refs: [core, { doc: 'saml-core', section: '8.3.2' }],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-lenient-name-id' }],
    response: { nameId: '' },
    tags: ['name-id'],
  },
  {
    slug: 'name-id-whitespace-padded',
    title: 'Sends a NameID whose value is the baseline UPN padded with spaces',
    requirement:
      'Observation only: whether the SP trims NameID values; trimming must never map to another account than the exact value names.',
    fix: 'Key accounts on the exact NameID value; if you normalise it (trim, case-fold), do so explicitly and identically at every sign-in, so two different IdP values never reach one account.',
    refs: [core],
    level: 'info',
    expect: 'accept',
    mutations: [setElementText('NameID', (ctx) => `  ${ctx.identities.baseline} `)],
    tags: ['name-id'],
    note: 'Accepted and shown as B.Simon means the SP trims; rejected means it compares exactly.',
  },
  {
    slug: 'name-id-foreign-qualifiers',
    title: 'Sends a NameID with NameQualifier and SPNameQualifier naming another IdP and another SP',
    requirement:
      'Observation only: qualifiers scope a NameID; an SP that keys accounts on the value alone ignores them.',
    fix: 'Key accounts on the issuer plus the NameID, not the value alone; when NameQualifier or SPNameQualifier are present, they must name this IdP and this SP.',
    refs: [{ doc: 'saml-core', section: '2.2.2' }],
    level: 'info',
    expect: 'accept',
    mutations: [
      setAttr('NameID', 'NameQualifier', 'https://sts.windows.net/5e1d7a3c-0b9f-4c2e-8a6d-9f3b2c1e0d47/'),
      setAttr('NameID', 'SPNameQualifier', 'https://other-sp.example.net/saml/metadata'),
    ],
    tags: ['name-id'],
  },
]);
