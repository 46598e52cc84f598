/**
 * @module SAML Bindings §3.5.3 and CWE-601 — a RelayState pointing off-site must not become a redirect.
 * Judged by the landing check (`landing: 'same-origin'`): the session itself is legitimate.
 */
import { defineScenarios } from '../define.js';
import type { NegativeControl, ScenarioInput, SpecRef } from '../types.js';

const refs = [
  {
    doc: 'saml-bindings',
    section: '3.5.3',
    quote: 'SHOULD be integrity protected by the entity creating the message',
  },
  {
    url: 'https://cwe.mitre.org/data/definitions/601.html',
    title: 'CWE-601: URL Redirection to Untrusted Site (Open Redirect)',
  },
] as const satisfies readonly [SpecRef, ...SpecRef[]];

function offSite(slug: string, relayState: string, form: string, control: NegativeControl): ScenarioInput {
  return {
    slug,
    title: `Sends a valid unsolicited response with RelayState ${relayState} (${form})`,
    requirement:
      'After sign-in the SP SHOULD redirect only to its own origin (or an allowlist) and SHOULD NOT send the browser to a RelayState URL on another site.',
    fix: 'Redirect after sign-in only to a relative path on your own origin (refuse //, backslashes and absolute URLs) or to an allowlist; otherwise land on your home page.',
    refs,
    level: 'should',
    expect: 'accept',
    control,
    flows: ['idp-initiated'],
    delivery: { relayState },
    landing: 'same-origin',
    tags: ['relay-state', 'open-redirect', 'landing-same-origin'],
    note: "An attacker posts their own valid response with this RelayState from the victim's browser; the sign-in is legitimate, the redirect is the finding.",
  };
}

export default defineScenarios('bindings/3.5.3', [
  offSite('relay-state-absolute-off-site', 'https://evil.example/', 'an absolute URL', [
    { sp: 'naive-open-redirect' },
    { sp: 'overstrict-unsolicited-relay-state-refused' },
  ]),
  offSite('relay-state-protocol-relative', '//evil.example/', 'a scheme-relative URL', [
    { sp: 'naive-open-redirect' },
    { sp: 'overstrict-unsolicited-relay-state-refused' },
  ]),
  offSite('relay-state-backslash', '/\\evil.example/', 'a backslash that browsers read as //', [
    { sp: 'naive-open-redirect' },
    { sp: 'overstrict-unsolicited-relay-state-refused' },
  ]),
]);
