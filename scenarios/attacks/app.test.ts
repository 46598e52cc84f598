/** @module Tests for APP-02/04: look-alike accounts are IdP-signed and normalise to the victim only under an unsafe normalisation. */
import { describe, expect, it } from 'vitest';
import { responseFor, scenarioIdp } from '../../runner/engine/test-support/scenario-harness.js';
import { CLAIM } from '../../mock-idp/constants/namespaces.js';
import group from './app.js';
import { directSignature, one, pick, saml, verifyWith } from './test-support/verify.js';

const idp = scenarioIdp();
const CERT = idp.tenant.signingMaterial(idp.app).certificatePem;

describe('attacks/app (APP-02, APP-04)', () => {
  it.each([
    // Each address is not the victim, but a plausible "normalisation" turns it into the victim.
    ['fullwidth-a-nfkc', (a: string) => a.normalize('NFKC')],
    ['dotless-i-case-fold', (a: string) => a.toUpperCase().toLowerCase()],
    ['plus-tag', (a: string) => a.replace(/\+[^@]*@/, '@')],
  ])('APP-02 %s: IdP-signed look-alike that normalises to the victim', async (slug, normalise) => {
    const { xml, doc } = await responseFor(pick(group, slug));
    const assertion = saml(doc, 'Assertion')[0]!;
    const address = one(assertion, 'NameID').textContent!;
    expect(address).not.toBe(idp.victim);
    expect(normalise(address)).toBe(idp.victim);
    const email = saml(assertion, 'Attribute').find((a) => a.getAttribute('Name') === CLAIM.emailAddress)!;
    expect(email.textContent).toBe(address);
    expect(verifyWith(xml, directSignature(assertion), CERT)).toBe(true);
  });

  it('APP-02 cyrillic-a-homoglyph: differs from the victim even under NFKC (a confusable only)', async () => {
    const { doc } = await responseFor(pick(group, 'cyrillic-a-homoglyph'));
    const address = one(doc, 'NameID').textContent!;
    expect(address.normalize('NFKC')).not.toBe(idp.victim);
    expect(address.slice(1)).toBe(idp.victim.slice(1));
  });

  it('APP-04 sends an HTML-breaking RelayState with an unchanged, valid response', async () => {
    const scenario = pick(group, 'relay-state-reflection');
    expect(scenario.delivery?.relayState).toContain('"><script>');
    const { xml, doc } = await responseFor(scenario);
    expect(one(doc, 'NameID').textContent).toBe(idp.tenant.requireUser(idp.baselineUser).userPrincipalName);
    expect(verifyWith(xml, directSignature(saml(doc, 'Assertion')[0]!), CERT)).toBe(true);
  });
});
