import { describe, expect, it } from 'vitest';
import { OriginPolicy } from '../http/origin-policy.js';
import { classifyHop, type HopRules } from './classify-hop.js';

const IDP = 'https://login.example.test';
const SP = 'https://sp.example.test';
const policy = new OriginPolicy([`${IDP}/tenant/saml2`, `${SP}/acs`, 'https://other-sp.example.test/']);
const rules: HopRules = { idpOrigin: IDP, spOrigin: SP, allows: (url) => policy.allows(url) };

describe('classifyHop', () => {
  it.each([
    ['the Login URL', `${IDP}/tenant/saml2?SAMLRequest=x`],
    ['another path of the IdP (another tenant, a logout page)', `${IDP}/common/oauth2/logout`],
    ['the IdP spelled with an upper-case host', 'https://LOGIN.example.test/tenant/saml2'],
    ['the IdP with its default port written out', 'https://login.example.test:443/tenant/saml2'],
  ])('reads %s as the IdP: by origin, not by URL prefix', (_name, url) => {
    expect(classifyHop(url, rules)).toBe('idp');
  });

  it('reads the IdP as the IdP even where the run names no origins', () => {
    expect(classifyHop(`${IDP}/x`, { idpOrigin: IDP })).toBe('idp');
  });

  it("reads the followed SP origin as the SP's", () => {
    expect(classifyHop(`${SP}/home`, rules)).toBe('sp');
  });

  it('reads another origin the run may contact as other, and any origin as other without a policy', () => {
    expect(classifyHop('https://other-sp.example.test/x', rules)).toBe('other');
    expect(classifyHop('https://evil.example/', { idpOrigin: IDP })).toBe('other');
    expect(classifyHop(`${SP}/home`, { idpOrigin: IDP })).toBe('other');
  });

  it.each([
    ['an origin the run may not contact', 'https://evil.example/'],
    ['a look-alike of the IdP host', 'https://login.example.test.evil.example/tenant/saml2'],
    ['the IdP host on another port', 'https://login.example.test:8443/tenant/saml2'],
    ['the IdP host over http', 'http://login.example.test/tenant/saml2'],
  ])('reads %s as forbidden', (_name, url) => {
    expect(classifyHop(url, rules)).toBe('forbidden');
  });

  it.each([
    ['no URL (a Location that does not resolve)', undefined],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,x'],
    ['not a URL', 'not a url'],
  ])('reads %s as forbidden, with or without a policy', (_name, url) => {
    expect(classifyHop(url, rules)).toBe('forbidden');
    expect(classifyHop(url, { idpOrigin: IDP })).toBe('forbidden');
  });

  it('checks the policy before the SP origin: an SP origin the run may not contact is not followed', () => {
    expect(classifyHop(`${SP}/home`, { idpOrigin: IDP, spOrigin: SP, allows: () => false })).toBe(
      'forbidden',
    );
  });
});
