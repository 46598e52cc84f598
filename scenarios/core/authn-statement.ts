/** @module SAML Core §2.7.2 — AuthnStatement: SessionNotOnOrAfter and AuthnInstant. */
import { defineScenarios } from '../define.js';
import { setAttr } from '../mutations/basic.js';
import { instantAt } from '../mutations/protocol.js';
import type { SpecRef } from '../types.js';

const core = { doc: 'saml-core', section: '2.7.2' } as const satisfies SpecRef;

export default defineScenarios('core/2.7.2', [
  {
    slug: 'session-not-on-or-after-past',
    title: 'Sends an AuthnStatement whose SessionNotOnOrAfter passed 1 minute ago',
    requirement:
      'A security context based on an AuthnStatement SHOULD be discarded once SessionNotOnOrAfter is reached, so the SP SHOULD NOT leave a session.',
    fix: 'When an AuthnStatement carries SessionNotOnOrAfter, end the session at that instant; if it has already passed, do not create one.',
    refs: [
      core,
      {
        doc: 'saml-profiles',
        section: '4.1.4.3',
        quote:
          'If an <AuthnStatement> used to establish a security context for the principal contains a SessionNotOnOrAfter attribute, the security context SHOULD be discarded once this time is reached',
      },
    ],
    level: 'should',
    expect: 'reject',
    control: [{ recorded: 'node-saml' }],
    mutations: [setAttr('AuthnStatement', 'SessionNotOnOrAfter', instantAt('-1m'))],
    tags: ['time', 'session'],
  },
  {
    slug: 'session-not-on-or-after-future',
    title: 'Sends an AuthnStatement with SessionNotOnOrAfter 8 hours ahead (Entra sends none)',
    requirement:
      'SessionNotOnOrAfter is optional; the SP SHOULD accept an assertion that carries a future one.',
    fix: "Accept a future SessionNotOnOrAfter and cap your session's lifetime at it; it is optional, and Entra sends none.",
    refs: [core],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-entra-attributes-only' }],
    mutations: [setAttr('AuthnStatement', 'SessionNotOnOrAfter', instantAt('+8h'))],
    tags: ['time', 'session'],
  },
  {
    slug: 'authn-instant-hours-ago',
    title: 'Sends an AuthnStatement whose AuthnInstant is 20 hours old (an Entra SSO session)',
    requirement:
      'AuthnInstant is when the user authenticated, which under SSO may be hours earlier; the SP SHOULD accept it unless it asked for fresh authentication.',
    fix: 'Do not refuse an old AuthnInstant by default (SSO sessions last hours); check its age only when you asked for ForceAuthn or enforce a maximum authentication age.',
    refs: [
      core,
      {
        url: 'https://learn.microsoft.com/en-us/entra/identity-platform/reference-saml-tokens',
        title: 'SAML token claims reference (Microsoft Entra)',
      },
    ],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-max-authn-age-2h' }],
    mutations: [setAttr('AuthnStatement', 'AuthnInstant', instantAt('-20h'))],
    tags: ['time', 'session'],
  },
]);
