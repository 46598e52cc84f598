/**
 * @module Browser-only: SP-initiated sign-in across sites, with the SP's real cookies. The IdP (Entra at
 * login.microsoftonline.com; the mock on another site than the SP) answers with an auto-submitting form
 * that POSTs the Response to the ACS — a cross-site, top-level POST, on which browsers send only
 * `SameSite=None; Secure` cookies. An SP that keeps its pending AuthnRequest (the InResponseTo it expects,
 * the deep link) behind a `SameSite=Lax` or `Strict` cookie finds no state at the ACS and refuses every
 * real sign-in — while any browserless test passes. (A cookie without SameSite still comes along within
 * Chrome's two-minute "Lax+POST" allowance, so a quick sign-in does not show it.) Judged by a person's
 * sign-in on the mock IdP's page in headless Chromium; the result names the cookie the browser withheld.
 */
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';
import { BROWSER_ONLY_TAG, INTERACTIVE_SIGN_IN_TAG } from './tags.js';

const refs = [
  { doc: 'saml-bindings', section: '3.5' },
  { doc: 'saml-profiles', section: '4.1.4.3' },
  {
    url: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#name-samesite-cookies',
    title: 'Cookies: HTTP State Management Mechanism (RFC 6265bis), SameSite cookies',
  },
  {
    url: 'https://learn.microsoft.com/en-us/entra/identity-platform/howto-handle-samesite-cookie-changes-chrome-browser',
    title: 'Handle SameSite cookie changes in Chrome (Microsoft identity platform)',
  },
] as const satisfies readonly [SpecRef, ...SpecRef[]];

export default defineScenarios('browser/samesite', [
  {
    slug: 'sp-initiated-cross-site-sign-in',
    title:
      "A person starts at the SP, signs in on the IdP's page (another site) in Chromium, and the IdP's form posts the Response cross-site to the ACS",
    requirement:
      "The SP MUST complete an SP-initiated sign-in in a real browser across sites: whatever it keeps for the pending AuthnRequest (e.g. a cookie with the request ID) MUST reach the ACS with the IdP's cross-site POST, so such cookies MUST be SameSite=None; Secure.",
    fix: "Set SameSite=None; Secure on every cookie that must reach the ACS with the IdP's cross-site POST (pending request ID, pre-login session), or keep that state server-side.",
    refs,
    level: 'must',
    expect: 'accept',
    control: {
      none: 'Browser-only: HTTP mode skips it, so the HTTP-mode controls cannot fail it.',
      wouldNeed:
        'Has one in browser mode: the reference SP with its login cookie `SameSite=Lax` (`runner/e2e/browser-mode.e2e.test.ts`).',
    },
    flows: ['sp-initiated'],
    tags: [BROWSER_ONLY_TAG, INTERACTIVE_SIGN_IN_TAG, 'samesite', 'cookies'],
    note: 'Only browser mode runs it (HTTP mode skips it: a browserless client sends every cookie). The mock IdP must be on another site than the SP, as Entra is.',
  },
]);
