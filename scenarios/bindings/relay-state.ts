/** @module SAML Bindings §3.5.3 — RelayState round trips: the SP's own value, deep links, odd characters, the 80-byte limit. */
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';

const relayState = {
  doc: 'saml-bindings',
  section: '3.5.3',
  quote:
    'it MUST place the exact RelayState data it received with the request into the corresponding RelayState parameter in the response',
} as const satisfies SpecRef;
const unsolicited = {
  doc: 'saml-profiles',
  section: '4.1.5',
  quote: 'This MAY be the URL of a resource at the service provider.',
} as const satisfies SpecRef;

/** Exactly 80 bytes: the longest RelayState a conforming IdP may send. */
export const RELAY_STATE_80_BYTES = '/reports/quarterly?period=2025-Q1&view=summary&ref='.padEnd(80, 'x');
export const RELAY_STATE_SPECIAL = '/search?q=R&D +50% "Zoë"&sort=<date>#top';
export const RELAY_STATE_DEEP_LINK = '/settings/profile?tab=security';

export default defineScenarios('bindings/3.5.3', [
  {
    slug: 'relay-state-echoed',
    title: 'Answers an SP-initiated login with the exact RelayState the SP sent',
    requirement: 'The SP MUST accept the response carrying back its own RelayState and sign the user in.',
    fix: 'Accept the response that carries back your own RelayState, and validate it (an opaque key to server-side state, or a same-origin path) rather than trusting it.',
    refs: [relayState],
    level: 'must',
    expect: 'accept',
    control: {
      none: "The SP-initiated calibration baseline carries back the SP's own RelayState too, so the two deliveries are the same: an SP that refuses it fails calibration of that flow instead.",
      wouldNeed: "None by design: refusing it is calibration's finding.",
    },
    flows: ['sp-initiated'],
    tags: ['relay-state'],
  },
  {
    slug: 'relay-state-from-app-config',
    title: "Sends an unsolicited response with the app's configured Relay State (Basic SAML Configuration)",
    requirement:
      'The SP SHOULD accept an unsolicited response carrying the Relay State its Entra app was configured with.',
    fix: 'Accept the Relay State configured on the Entra app for IdP-initiated sign-in, and use it only as a same-origin path to land on.',
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
      none: 'With no Relay State configured on the app (every control run) it is the IdP-initiated baseline; with one, the baseline carries the same Relay State.',
      wouldNeed: "None by design: refusing it is calibration's finding.",
    },
    flows: ['idp-initiated'],
    tags: ['relay-state'],
    note: 'No Relay State configured on the app means none is sent.',
  },
  {
    slug: 'relay-state-deep-link',
    title: 'Sends an unsolicited response with RelayState /settings/profile?tab=security',
    requirement: 'The SP SHOULD sign the user in and MAY send them to the deep link the RelayState names.',
    fix: 'After IdP-initiated sign-in, send the user to a RelayState that is a relative path on your own origin, or to your home page; never fail the sign-in over it.',
    refs: [unsolicited, { doc: 'saml-bindings', section: '3.5.3' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-unsolicited-relay-state-refused' }],
    flows: ['idp-initiated'],
    delivery: { relayState: RELAY_STATE_DEEP_LINK },
    tags: ['relay-state', 'landing-check'],
  },
  {
    slug: 'relay-state-special-characters',
    title:
      'Sends an unsolicited response whose RelayState holds spaces, &, %, quotes, angle brackets, # and non-ASCII',
    requirement: 'The SP SHOULD accept a RelayState with any characters and still sign the user in.',
    fix: 'Treat RelayState as opaque text: decode it once, escape it wherever you output it, and never fail the sign-in over unusual characters.',
    refs: [{ doc: 'saml-bindings', section: '3.5.3' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-unsolicited-relay-state-refused' }],
    flows: ['idp-initiated'],
    delivery: { relayState: RELAY_STATE_SPECIAL },
    tags: ['relay-state'],
  },
  {
    slug: 'relay-state-80-bytes',
    title: 'Sends an unsolicited response whose RelayState is exactly 80 bytes',
    requirement: 'RelayState MUST NOT exceed 80 bytes; the SP SHOULD accept one of exactly 80 bytes.',
    fix: 'Accept RelayState values of up to 80 bytes; keep longer state server-side behind a short opaque key.',
    refs: [{ doc: 'saml-bindings', section: '3.5.3', quote: 'The value MUST NOT exceed 80 bytes in length' }],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-unsolicited-relay-state-refused' }],
    flows: ['idp-initiated'],
    delivery: { relayState: RELAY_STATE_80_BYTES },
    tags: ['relay-state'],
  },
]);
