/**
 * @module Application-level identity handling (docs/attacks.md §H, APP-02, APP-04): the IdP legitimately
 * signs an account whose address only looks like (or normalises to) the victim's, and a RelayState
 * built to be reflected into a page.
 */
import { CLAIM } from '../../mock-idp/internal.js';
import { defineScenarios } from '../define.js';
import type { NegativeControl, ScenarioInput } from '../types.js';
import { cwe } from './common.js';

const NO_MERGE =
  'The SP MUST NOT map an identity into the victim account unless it is the same identifier under an explicit, safe normalisation.';
const UTS39 = {
  url: 'https://www.unicode.org/reports/tr39/',
  title: 'Unicode TS #39: Security Mechanisms (confusables)',
};
const UAX15 = {
  url: 'https://www.unicode.org/reports/tr15/',
  title: 'Unicode UAX #15: Normalization Forms (NFKC)',
};

/** The IdP signs `address` as NameID, email and name claims (no mutation: a real account of the attacker). */
function lookalike(
  slug: string,
  address: string,
  how: string,
  refs: ScenarioInput['refs'],
  control: NegativeControl,
): ScenarioInput {
  return {
    slug,
    title: `Signs in the attacker's account ${JSON.stringify(address)} (${how}) (APP-02)`,
    requirement: NO_MERGE,
    fix: 'Key accounts on the exact identifier the IdP signed (ideally issuer plus NameID or objectidentifier); never merge accounts by NFKC, case folding, confusable skeletons or dropped +tags.',
    refs,
    level: 'must',
    expect: 'no-victim-session',
    control,
    response: {
      nameId: address,
      attributes: { [CLAIM.emailAddress]: [address], [CLAIM.name]: [address] },
    },
    tags: ['app', 'identity'],
  };
}

export default defineScenarios('attacks/app', [
  lookalike(
    'fullwidth-a-nfkc',
    '\uFF41dmin@contoso.com',
    'fullwidth "ａ", NFKC-equal to the victim',
    [UAX15, UTS39],
    {
      none: 'The reference SP keeps e-mail addresses as sent; no weakness NFKC-normalises them into account keys, and the library SPs do not either.',
      wouldNeed:
        'A weakness normalising account keys with NFKC (and the account-id oracle of APP-02 in NOT-TESTED.md).',
    },
  ),
  lookalike(
    'dotless-i-case-fold',
    'adm\u0131n@contoso.com',
    'dotless "ı", which upper-cases to "I"',
    [UTS39, UAX15],
    {
      none: 'No weakness case-folds addresses with Unicode rules, and the library SPs do not either.',
      wouldNeed: 'A weakness case-folding account keys with Unicode rules.',
    },
  ),
  lookalike('cyrillic-a-homoglyph', '\u0430dmin@contoso.com', 'Cyrillic "а" homoglyph', [UTS39], {
    none: 'No weakness maps look-alike characters (confusable skeletons) in account keys.',
    wouldNeed: 'A weakness mapping account keys to their confusable skeletons.',
  }),
  lookalike(
    'plus-tag',
    'admin+saml@contoso.com',
    'sub-address "+saml"',
    [{ url: 'https://www.rfc-editor.org/rfc/rfc5233', title: 'RFC 5233: Sieve subaddress extension (+tag)' }],
    {
      none: 'No weakness strips `+tag` sub-addresses from e-mail addresses, and the library SPs do not either.',
      wouldNeed: 'A weakness stripping +tags from account keys.',
    },
  ),
  {
    slug: 'relay-state-reflection',
    title: 'Delivers a valid response with RelayState "\\"><script>alert(document.domain)</script>" (APP-04)',
    requirement: 'The SP MUST NOT reflect RelayState into a page unescaped.',
    fix: 'Never write RelayState into a page unescaped: HTML-escape it, or better, use it only as a validated same-origin redirect target.',
    refs: [
      cwe(79, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')"),
      { doc: 'saml-bindings', section: '3.5.3' },
    ],
    level: 'info',
    expect: 'accept',
    delivery: { relayState: '"><script>alert(document.domain)</script>' },
    note: 'The session verdict is only context: inspect the recorded SP reply for the unescaped payload.',
    tags: ['app', 'relay-state'],
  },
]);
