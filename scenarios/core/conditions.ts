/** @module SAML Core §2.5.1 — the Conditions element: unknown conditions and optional parts. */
import { defineScenarios } from '../define.js';
import { insertElement, removeAttr } from '../mutations/basic.js';
import { SAML_NS } from '../mutations/dom.js';
import { addUnknownCondition } from '../mutations/protocol.js';
import type { SpecRef } from '../types.js';

const core = { doc: 'saml-core', section: '2.5.1' } as const satisfies SpecRef;

export default defineScenarios('core/2.5.1', [
  {
    slug: 'unknown-condition',
    title: 'Sends an assertion whose Conditions contain a Condition of an unknown extension type',
    requirement:
      'A condition that is not understood makes the assertion Indeterminate; the SP MUST NOT treat it as valid and MUST reject it.',
    fix: 'Treat any Condition you do not implement as Indeterminate and refuse the assertion; pass only the conditions you really enforce (AudienceRestriction, OneTimeUse, ProxyRestriction).',
    refs: [
      core,
      {
        doc: 'saml-profiles',
        section: '4.1.4.3',
        quote: 'Verify that any assertions relied upon are valid in other respects.',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-accept-unknown-conditions' }],
    mutations: [addUnknownCondition('DeviceComplianceRequired')],
    tags: ['conditions'],
  },
  {
    slug: 'conditions-without-time-bounds',
    title: 'Sends Conditions without NotBefore and NotOnOrAfter (the bearer confirmation still expires)',
    requirement:
      'The time bounds of Conditions are optional; the SP SHOULD accept the assertion, whose bearer confirmation still limits delivery.',
    fix: 'Treat NotBefore and NotOnOrAfter on Conditions as optional: check them when present, and rely on the bearer SubjectConfirmationData NotOnOrAfter otherwise.',
    refs: [core, { doc: 'saml-core', section: '2.5.1.2' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-conditions-time-bounds-required' }],
    mutations: [removeAttr('Conditions', 'NotBefore'), removeAttr('Conditions', 'NotOnOrAfter')],
    tags: ['conditions', 'time'],
  },
  {
    slug: 'one-time-use',
    title: 'Sends an assertion whose Conditions carry OneTimeUse',
    requirement:
      'Observation only: OneTimeUse asks the SP not to retain the assertion; an SP may still use it once for sign-in.',
    fix: 'Use a OneTimeUse assertion for this sign-in only: do not cache it for later re-authentication; your replay cache already refuses a second delivery.',
    refs: [{ doc: 'saml-core', section: '2.5.1.5' }],
    level: 'info',
    expect: 'accept',
    mutations: [insertElement('Conditions', (doc) => doc.createElementNS(SAML_NS, 'OneTimeUse'))],
    tags: ['conditions'],
  },
]);
