/** @module SAML Profiles §4.1.5 — unsolicited (IdP-initiated) responses. */
import { defineScenarios } from '../define.js';
import { setAttr } from '../mutations/basic.js';
import type { SpecRef } from '../types.js';

const unsolicited = { doc: 'saml-profiles', section: '4.1.5' } as const satisfies SpecRef;
const idpOnly = ['idp-initiated'] as const;

export default defineScenarios('profiles/4.1.5', [
  {
    slug: 'unsolicited-accepted',
    title:
      "Sends Entra's IdP-initiated response (no InResponseTo) to an SP that accepts unsolicited responses",
    requirement:
      'An SP that offers IdP-initiated sign-in SHOULD be prepared to handle unsolicited responses and sign the user in.',
    fix: 'If you offer IdP-initiated sign-in (the app tile in My Apps), accept a Response without InResponseTo after all other checks, and keep refusing replayed assertion IDs.',
    refs: [
      unsolicited,
      {
        url: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-saml-single-sign-on',
        title: 'Enable SAML single sign-on for an enterprise application (Microsoft Entra)',
      },
    ],
    level: 'should',
    expect: 'accept',
    control: {
      none: 'It is the IdP-initiated calibration baseline itself: an SP that refuses it refuses every unsolicited response, which calibration reports as the flow refused (inconclusive, exit 2) or, when not declared, as SP-initiated only.',
      wouldNeed: "None by design: refusing it is calibration's finding.",
    },
    flows: idpOnly,
    tags: ['unsolicited', 'baseline'],
  },
  {
    slug: 'unsolicited-to-sp-initiated-only',
    title: 'Sends an IdP-initiated response to an SP that allows only SP-initiated sign-in',
    requirement:
      'An SP that accepts only SP-initiated sign-in MUST reject unsolicited responses (otherwise any valid response can be forced into a browser: login CSRF).',
    fix: 'If you support only SP-initiated sign-in, refuse every Response whose InResponseTo does not match a request this browser session sent.',
    refs: [
      unsolicited,
      {
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html',
        title: 'OWASP SAML Security Cheat Sheet',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-replay-across-sessions' }, { sp: 'naive-unsolicited-to-sp-initiated-only' }],
    flows: idpOnly,
    tags: ['unsolicited', 'unsolicited-to-sp-initiated-only'],
    note: 'Runs only against SPs declared not to accept IdP-initiated sign-in.',
  },
  {
    slug: 'unsolicited-with-subject-in-response-to',
    title: 'Sends an unsolicited Response whose bearer SubjectConfirmationData still carries an InResponseTo',
    requirement:
      'In an unsolicited response the bearer InResponseTo MUST NOT be present; the SP SHOULD reject one that names a request it never sent.',
    fix: 'Treat a response as unsolicited only when InResponseTo is absent everywhere; refuse one whose bearer InResponseTo names a request you never sent.',
    refs: [unsolicited, { doc: 'saml-profiles', section: '4.1.4.3' }],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-no-in-response-to-check' }],
    flows: idpOnly,
    mutations: [setAttr('SubjectConfirmationData', 'InResponseTo', '_never_sent_by_this_sp')],
    tags: ['unsolicited', 'in-response-to'],
  },
]);
