/** @module SAML Core §3.2.2.2 — StatusCode: a response that is not Success grants nothing, whatever it carries. */
import { defineScenarios } from '../define.js';
import { removeElement } from '../mutations/basic.js';
import { setStatus } from '../mutations/protocol.js';
import type { SpecRef } from '../types.js';

const STATUS = 'urn:oasis:names:tc:SAML:2.0:status:';
const noAssertionsOnError = {
  doc: 'saml-profiles',
  section: '4.1.4.2',
  quote:
    'If the identity provider wishes to return an error, it MUST NOT include any assertions in the <Response> message.',
} as const satisfies SpecRef;
const AADSTS =
  'AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted access. Trace ID: 4f0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d Timestamp: 2025-01-01 00:00:00Z';

export default defineScenarios('core/3.2.2.2', [
  {
    slug: 'responder-error-with-assertion',
    title: 'Sends StatusCode Responder with an AADSTS50105 StatusMessage, plus a valid signed assertion',
    requirement:
      'A Response whose top-level StatusCode is not Success MUST NOT establish a session, even if it carries a valid assertion.',
    fix: 'Check the top-level StatusCode before reading any assertion: sign in only on urn:oasis:names:tc:SAML:2.0:status:Success, and show the StatusMessage (the AADSTS code) otherwise.',
    refs: [{ doc: 'saml-core', section: '3.2.2.2' }, noAssertionsOnError],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-accept-any-status' }],
    mutations: [setStatus(`${STATUS}Responder`, { message: AADSTS })],
    tags: ['status'],
  },
  {
    slug: 'requester-authn-failed-with-assertion',
    title: 'Sends StatusCode Requester / AuthnFailed plus a valid signed assertion',
    requirement:
      'A Response whose top-level StatusCode is not Success MUST NOT establish a session, even if it carries a valid assertion.',
    fix: 'Check the top-level StatusCode first and refuse any Response that is not Success, whatever assertions it carries.',
    refs: [{ doc: 'saml-core', section: '3.2.2.2' }, noAssertionsOnError],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-accept-any-status' }],
    mutations: [setStatus(`${STATUS}Requester`, { subCode: `${STATUS}AuthnFailed` })],
    tags: ['status'],
  },
  {
    slug: 'aadsts-error-response',
    title:
      "Sends Entra's documented error Response (Requester / RequestUnsupported, AADSTS75006) with no assertion",
    requirement: 'The SP MUST NOT establish a session from an error Response.',
    fix: 'Treat a non-Success Response as a failed sign-in: create no session, and show the StatusMessage (the AADSTS code) so the admin can fix the Entra app.',
    refs: [
      { doc: 'saml-core', section: '3.2.2.2' },
      {
        url: 'https://learn.microsoft.com/en-us/entra/identity-platform/single-sign-on-saml-protocol',
        title: 'Microsoft Entra single sign-on SAML protocol',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: {
      none: 'An error Response carries no assertion: no configuration has anyone to sign in. The error-with-assertion cases (`responder-error-with-assertion`, `requester-authn-failed-with-assertion`) have controls.',
      wouldNeed: 'Nothing short of an SP that invents a user.',
    },
    mutations: [
      setStatus(`${STATUS}Requester`, {
        subCode: `${STATUS}RequestUnsupported`,
        message: 'AADSTS75006: An error occurred while processing a SAML2 Authentication request.',
      }),
      removeElement('Assertion', 'after-sign'),
    ],
    tags: ['status'],
  },
]);
