/**
 * @module What the SP's pages and cookies give away (docs/attacks.md APP-04..06), judged on top of the
 * session verdict by the reply checks (`replyCheck`, runner/engine/reply-checks.ts): markup the IdP side
 * controls is never written into a page unescaped, a refusal page does not echo signature internals, and
 * the cookies held before sign-in never carry the session after it.
 */
import { CLAIM } from '../../mock-idp/internal.js';
import { tamperText } from '../mutations/signature.js';
import { defineScenarios } from '../define.js';
import type { SpecRef } from '../types.js';
import { cwe } from './common.js';

const XSS = cwe(79, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')");
const OWASP_XSS = {
  url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
  title: 'OWASP Cross Site Scripting Prevention Cheat Sheet',
} as const satisfies SpecRef;

export default defineScenarios('attacks/app', [
  {
    slug: 'relay-state-not-reflected-unescaped',
    title:
      'Delivers a valid response whose RelayState carries a unique marker that breaks out of an HTML attribute and opens an <svg onload> element (APP-04)',
    requirement:
      'The SP MUST NOT write RelayState into any page unescaped (the ACS reply, its redirects and the pages they lead to).',
    fix: 'Treat RelayState as untrusted text: HTML-escape it wherever you show it (attribute and text context), or better, use it only as a validated same-origin redirect target and never echo it.',
    refs: [XSS, OWASP_XSS, { doc: 'saml-bindings', section: '3.5.3' }],
    level: 'must',
    expect: 'no-victim-session',
    control: [{ sp: 'naive-reflect-relay-state' }],
    replyCheck: 'relay-state-reflection',
    tags: ['app', 'relay-state', 'reply-check'],
    note: 'Judged over every page of the flow: a pass needs at least one SP page seen; the marker found only escaped, percent-encoded, in JSON or in a Location header is recorded, not a finding.',
  },
  {
    slug: 'display-name-not-reflected-unescaped',
    title:
      'Signs the baseline user in with a displayname claim that carries a unique marker breaking out of an HTML attribute (APP-04)',
    requirement:
      'The SP MUST NOT write the user’s name or other claim values into a page unescaped: the IdP (or a user who edits their own directory profile) controls them.',
    fix: 'HTML-escape every claim value you show (display name, NameID, email), in attribute and text context alike; use your template engine’s auto-escaping rather than string concatenation.',
    refs: [XSS, OWASP_XSS, { doc: 'saml-core', section: '2.7.3.1' }],
    level: 'must',
    expect: 'no-victim-session',
    control: [{ sp: 'naive-reflect-display-name' }],
    replyCheck: 'display-name-reflection',
    tags: ['app', 'reply-check'],
    note: 'Applies where the SP shows the user: when no page seen shows the display name (raw or escaped), the result is skipped, not passed.',
  },
  {
    slug: 'error-page-no-signature-details',
    title:
      'Delivers a response whose signed content was changed after signing, and reads the refusal page for signature values and stack traces (APP-06)',
    requirement:
      'The SP SHOULD answer a refused response with a generic error page that does not echo the SignatureValue or DigestValue it received or computed, nor an exception’s stack trace.',
    fix: 'Log the reason server-side and show a generic "sign-in failed" page; never render exception messages, stack traces or XML Signature values to the browser.',
    refs: [
      cwe(209, 'Generation of Error Message Containing Sensitive Information'),
      {
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
        title: 'OWASP Error Handling Cheat Sheet',
      },
    ],
    level: 'should',
    expect: 'no-victim-session',
    control: [{ sp: 'naive-verbose-errors' }],
    response: { attributes: { [CLAIM.role]: ['user'] } },
    mutations: [tamperText('user', 'admin')],
    replyCheck: 'error-detail-leak',
    tags: ['app', 'reply-check'],
    note: 'Judges only the refusal page: an SP that accepts the tampered response fails the signature scenarios (SIG-06) and is skipped here.',
  },
  {
    slug: 'session-fixation',
    title:
      'Signs the baseline user in from a browser that already holds the SP’s pre-login cookies and a planted session cookie, then probes with only those cookies (APP-05)',
    requirement:
      'The SP SHOULD issue a new session identifier at sign-in, so that no cookie the browser held before sign-in carries the authenticated session.',
    fix: 'Regenerate the session at sign-in (a new random id, the old one invalidated; express-session: req.session.regenerate()), and never adopt a session id the browser presents before it has signed in.',
    refs: [
      cwe(384, 'Session Fixation'),
      {
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#renew-the-session-id-after-any-privilege-level-change',
        title: 'OWASP Session Management Cheat Sheet: renew the session ID after any privilege level change',
      },
    ],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'naive-keeps-pre-login-session' }],
    replyCheck: 'session-fixation',
    tags: ['app', 'reply-check', 'session'],
    note: 'Needs HTTP mode and a session probe; an SP whose browser holds no cookie before sign-in has nothing to fixate (skipped).',
  },
]);
