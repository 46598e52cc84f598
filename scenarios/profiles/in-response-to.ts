/**
 * @module SAML Profiles §4.1.4.3 — InResponseTo must name the AuthnRequest this browser session sent,
 * in the Response and in the bearer confirmation alike. SP-initiated flow only.
 */
import { defineScenarios } from '../define.js';
import { removeAttr, setAttr } from '../mutations/basic.js';
import type { SpecRef } from '../types.js';

const inResponseTo = {
  doc: 'saml-profiles',
  section: '4.1.4.3',
  quote:
    'Verify that the InResponseTo attribute in the bearer <SubjectConfirmationData> equals the ID of its original <AuthnRequest> message, unless the response is unsolicited (see Section 4.1.5 ), in which case the attribute MUST NOT be present',
} as const satisfies SpecRef;
const match = {
  doc: 'saml-profiles',
  section: '4.1.4.2',
  quote:
    "If the containing message is in response to an <AuthnRequest>, then the InResponseTo attribute MUST match the request's ID.",
} as const satisfies SpecRef;
const spOnly = ['sp-initiated'] as const;

export default defineScenarios('profiles/4.1.4.3', [
  {
    slug: 'in-response-to-unknown',
    title: 'Sends a Response and bearer confirmation whose InResponseTo is an ID the SP never issued',
    requirement: 'The SP MUST reject a response whose InResponseTo does not match a request it sent.',
    fix: 'Store the ID of each AuthnRequest you send (server-side, per browser session) and refuse a response whose InResponseTo is not one of them.',
    refs: [inResponseTo, match],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-in-response-to-check' }, { sp: 'naive-replay-across-sessions' }],
    flows: spOnly,
    response: { inResponseTo: '_not_a_request_we_sent' },
    tags: ['in-response-to'],
  },
  {
    slug: 'in-response-to-missing',
    title: 'Answers an SP-initiated login with a Response that has no InResponseTo anywhere',
    requirement:
      'An SP that accepts only SP-initiated sign-in MUST reject a response that does not answer its request.',
    fix: 'If you support only SP-initiated sign-in, refuse a Response without InResponseTo; accept unsolicited responses only where IdP-initiated sign-in is deliberately enabled.',
    refs: [inResponseTo, { doc: 'saml-profiles', section: '4.1.5' }],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-replay-across-sessions' }, { sp: 'naive-unsolicited-to-sp-initiated-only' }],
    flows: spOnly,
    response: { inResponseTo: null },
    tags: ['in-response-to', 'unsolicited-to-sp-initiated-only'],
    note: 'Applies only to SPs that refuse unsolicited responses; an SP that accepts IdP-initiated sign-in may accept this (Profiles §4.1.5).',
  },
  {
    slug: 'subject-in-response-to-differs',
    title: "Sends the request's ID on the Response but another ID on the bearer SubjectConfirmationData",
    requirement: 'The SP MUST reject an assertion whose bearer InResponseTo does not equal its request ID.',
    fix: 'Compare the bearer SubjectConfirmationData InResponseTo exactly with the ID of the AuthnRequest this session sent, and refuse the assertion otherwise.',
    refs: [inResponseTo, match],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-in-response-to-check' }, { sp: 'naive-replay-across-sessions' }],
    flows: spOnly,
    mutations: [setAttr('SubjectConfirmationData', 'InResponseTo', '_a_different_request')],
    tags: ['in-response-to'],
  },
  {
    slug: 'response-in-response-to-differs',
    title: "Sends the request's ID on the bearer SubjectConfirmationData but another ID on the Response",
    requirement: 'The SP MUST reject a Response whose InResponseTo does not equal its request ID.',
    fix: "Compare the Response's own InResponseTo with the ID of the request this session sent, not only the assertion's, and refuse a mismatch.",
    refs: [match, { doc: 'saml-core', section: '3.2.2' }],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-in-response-to-check' }, { sp: 'naive-replay-across-sessions' }],
    flows: spOnly,
    mutations: [setAttr('Response', 'InResponseTo', '_a_different_request')],
    tags: ['in-response-to'],
  },
  {
    slug: 'subject-in-response-to-missing',
    title: "Sends the request's ID on the Response but no InResponseTo on the bearer SubjectConfirmationData",
    requirement:
      'A solicited response MUST carry the request ID in the bearer confirmation; the SP MUST reject one that does not.',
    fix: 'For a solicited Response, require InResponseTo on the bearer SubjectConfirmationData too, equal to your request ID.',
    refs: [inResponseTo, match],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-in-response-to-check' }, { sp: 'naive-replay-across-sessions' }],
    flows: spOnly,
    mutations: [removeAttr('SubjectConfirmationData', 'InResponseTo')],
    tags: ['in-response-to'],
  },
  {
    slug: 'in-response-to-other-session',
    title: 'Delivers a response to a request that a different browser session started',
    requirement:
      'The SP SHOULD bind each AuthnRequest ID to the session that sent it and reject a response delivered in another session.',
    fix: "Keep the pending AuthnRequest ID in the user's own session (server-side, or a SameSite=None; Secure cookie) and accept the response only in the session that sent the request.",
    refs: [
      inResponseTo,
      {
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html',
        title: 'OWASP SAML Security Cheat Sheet',
      },
    ],
    level: 'should',
    expect: 'reject',
    control: [{ sp: 'naive-no-in-response-to-check' }, { sp: 'naive-replay-across-sessions' }],
    flows: spOnly,
    delivery: { foreignSession: true },
    tags: ['in-response-to', 'session'],
    note: 'Login CSRF: a response obtained in one browser must not complete a login in another.',
  },
]);
