/**
 * @module Trust anchor (docs/attacks.md §A, SIG-07..11): the victim's response signed with the attacker's
 * key K', with KeyInfo carrying K''s certificate, a look-alike of K's, both certificates, a raw key,
 * K's certificate, or nothing. Only the pinned IdP key may verify. KeyInfo is outside SignedInfo, so
 * every variant is still a valid K' signature (sign=A, so no outer signature covers the KeyInfo edit).
 */
import { defineScenarios } from '../define.js';
import type { NegativeControl, ScenarioInput } from '../types.js';
import { swapIdentity } from '../mutations/basic.js';
import { replaceKeyInfo, type KeyMaterial } from '../mutations/signature.js';
import { DSIG_BEST_PRACTICES, core, cve, dsig, ghsa } from './common.js';
import { KEY_NOT_PINNED, SIGNATURE_UNCHECKED } from '../control-groups.js';

const PINNED =
  'The SP MUST verify signatures only with the IdP key from its configuration, never with key material the message carries.';

function attackerSigned(
  slug: string,
  title: string,
  keyInfo: readonly KeyMaterial[] | 'none',
  refs: ScenarioInput['refs'],
  control: NegativeControl,
): ScenarioInput {
  return {
    slug,
    title,
    requirement: PINNED,
    fix: "Verify only with the IdP certificate pinned from Entra's metadata (xml-crypto: 6.0.0 or later with publicCert set, CVE-2024-32962); ignore KeyInfo, or at most match it against the pinned certificate.",
    refs,
    level: 'must',
    expect: 'no-victim-session',
    control,
    response: { sign: 'assertion', signingKey: 'attacker' },
    mutations: [swapIdentity('before-sign'), replaceKeyInfo('assertion', keyInfo)],
    tags: ['signature', 'key-trust'],
  };
}

export default defineScenarios('attacks/signature', [
  {
    slug: 'attacker-key-certificate-in-keyinfo',
    title:
      "Signs the victim's Response and Assertion with K' and embeds K''s certificate in KeyInfo (SIG-07)",
    requirement: PINNED,
    fix: "Upgrade xml-crypto to 6.0.0 or later (CVE-2024-32962) and verify only with the IdP certificate you configured from Entra's metadata; never with a certificate from KeyInfo.",
    refs: [
      cve('CVE-2024-32962'),
      ghsa('GHSA-2xp3-57p7-qf4v', 'xml-crypto trusts the KeyInfo certificate by default'),
      core('5.4.5'),
    ],
    level: 'must',
    expect: 'no-victim-session',
    control: KEY_NOT_PINNED,
    response: { sign: 'both', signingKey: 'attacker' },
    mutations: [swapIdentity('before-sign')],
    tags: ['signature', 'key-trust'],
  },
  attackerSigned(
    'attacker-key-lookalike-certificate',
    "Signs with K' and embeds a clone of K's certificate (same subject, issuer, serial, validity) holding K''s key (SIG-07b)",
    ['idp-lookalike-certificate'],
    [cve('CVE-2024-32962'), DSIG_BEST_PRACTICES],
    KEY_NOT_PINNED,
  ),
  attackerSigned(
    'attacker-key-no-keyinfo',
    "Signs with K' and sends no KeyInfo at all (SIG-08)",
    'none',
    [dsig('3.2.2'), DSIG_BEST_PRACTICES],
    SIGNATURE_UNCHECKED,
  ),
  attackerSigned(
    'two-certificates-idp-first',
    "Signs with K'; X509Data holds K's certificate first, then K''s (SIG-09)",
    ['idp-certificate', 'attacker-certificate'],
    [DSIG_BEST_PRACTICES, cve('CVE-2024-32962')],
    SIGNATURE_UNCHECKED,
  ),
  attackerSigned(
    'two-certificates-attacker-first',
    "Signs with K'; X509Data holds K''s certificate first, then K's (SIG-09)",
    ['attacker-certificate', 'idp-certificate'],
    [DSIG_BEST_PRACTICES, cve('CVE-2024-32962')],
    KEY_NOT_PINNED,
  ),
  attackerSigned(
    'attacker-raw-key-value',
    "Signs with K'; KeyInfo carries K''s RSAKeyValue (modulus, exponent) and no certificate (SIG-10)",
    ['attacker-key-value'],
    [DSIG_BEST_PRACTICES, dsig('4.5.2')],
    SIGNATURE_UNCHECKED,
  ),
  attackerSigned(
    'idp-certificate-attacker-signature',
    "Signs with K' but embeds exactly K's trusted certificate in KeyInfo (SIG-11)",
    ['idp-certificate'],
    [DSIG_BEST_PRACTICES, dsig('3.2.2')],
    SIGNATURE_UNCHECKED,
  ),
]);
