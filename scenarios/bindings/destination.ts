/** @module SAML Bindings §3.5.5.2 — a signed Response must name the ACS it was sent to in Destination. */
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';

const signedDestination = {
  doc: 'saml-bindings',
  section: '3.5.5.2',
  quote:
    'If the message is signed, the Destination XML attribute in the root SAML element of the protocol message MUST contain the URL to which the sender has instructed the user agent to deliver the message. The recipient MUST then verify that the value matches the location at which the message has been received.',
} as const satisfies SpecRef;

export default defineScenarios('bindings/3.5.5.2', [
  {
    slug: 'destination-other-signed-response',
    title: "Sends a signed Response (and signed assertion) whose Destination is another SP's ACS URL",
    requirement: 'The SP MUST reject a signed Response whose Destination is not the URL it was received at.',
    fix: 'Compare Destination on a signed Response exactly with the ACS URL it was posted to (the public URL, behind any proxy) and refuse it otherwise.',
    refs: [signedDestination],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-destination-check' }],
    response: { sign: 'both', destination: 'https://other-sp.example.net/saml/acs' },
    tags: ['destination'],
  },
  {
    slug: 'destination-missing-signed-response',
    title: 'Sends a signed Response (and signed assertion) without a Destination attribute',
    requirement: 'A signed Response MUST carry Destination; the SP MUST reject one without it.',
    fix: 'Require Destination on a signed Response, refuse one without it, and compare it exactly with your ACS URL.',
    refs: [signedDestination],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-destination-check' }],
    response: { sign: 'both', destination: null },
    tags: ['destination'],
  },
  {
    slug: 'destination-missing-unsigned-response',
    title: 'Sends an unsigned Response (assertion signed, the Entra default) without a Destination attribute',
    requirement: 'Destination is optional on an unsigned Response; the SP SHOULD accept it.',
    fix: "Treat Destination as optional on an unsigned Response (Entra's default): check it only when present.",
    refs: [signedDestination, { doc: 'saml-core', section: '3.2.2' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-want-response-signed' }, { sp: 'overstrict-destination-required' }],
    // Unsigned Response by definition: Entra's default option, whatever the run calibrated.
    response: { sign: 'assertion', destination: null },
    tags: ['destination'],
  },
]);
