/**
 * @module The SP LogoutRequest check: built by the reference SP's real code and signed over the query as it
 * sends it, then checked as Entra reads it plus what SAML asks (NameID, SessionIndex, Destination, signature).
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigningCertificate } from '../../mock-idp/keys/signing-certificate.js';
import { redirectQuery } from '../../fixtures/sps/reference-sp/redirect-binding.js';
import { buildLogoutRequest } from '../../fixtures/sps/reference-sp/slo.js';
import type { LoginStart } from '../targets/types.js';
import { checkSpLogoutRequest, type LogoutSetup, type SessionFacts } from './logout-steps.js';
import { sessionFacts } from './logout-sign-in.js';
import { scenarioIdp, SP_ENTITY_ID } from './test-support/scenario-harness.js';

const SLO = 'https://login.example/tid/saml2';
const spKeys = createSigningCertificate({ commonName: 'logout-steps test SP' });
const facts: SessionFacts = {
  nameId: 'B.Simon@contoso.com',
  nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  sessionIndex: '_session-1',
};

function setup(authnRequestsSigned = false): LogoutSetup {
  return {
    env: { idp: scenarioIdp() } as LogoutSetup['env'],
    flow: 'sp-initiated',
    logoutUrl: 'https://sp.example.com/logout',
    idpBaseUrl: 'https://login.example',
    idpSloUrl: SLO,
    sp: { signingCertificates: [spKeys.certificatePem], authnRequestsSigned },
    algorithm: 'sha256',
  };
}

function login(
  options: { issuer?: string; nameId?: string; sessionIndex?: boolean; key?: string | undefined } = {},
): LoginStart {
  const xml = buildLogoutRequest({
    id: '_logout-1',
    spEntityId: options.issuer ?? SP_ENTITY_ID,
    destination: SLO,
    user: {
      nameId: options.nameId ?? facts.nameId,
      nameIdFormat: facts.nameIdFormat,
      sessionIndex: facts.sessionIndex,
      email: undefined,
      upn: undefined,
      attributes: {},
      issuer: 'https://sts.windows.net/tid/',
    },
    now: new Date(),
    withSessionIndex: options.sessionIndex ?? true,
  });
  const rawQuery = redirectQuery(
    'SAMLRequest',
    xml,
    undefined,
    'key' in options ? options.key : spKeys.privateKeyPem,
  );
  return { binding: 'redirect', rawQuery, samlRequest: '', hops: [] };
}

describe('checkSpLogoutRequest', () => {
  it('finds nothing wrong with a signed request naming the session', () => {
    const checked = checkSpLogoutRequest(login(), setup(true), facts);
    expect([checked.request?.id, checked.problems]).toEqual(['_logout-1', []]);
  });

  it.each([
    ['another NameID', { nameId: 'admin@contoso.com' }],
    ['no SessionIndex', { sessionIndex: false }],
    [
      'a signature by another key',
      {
        key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
          type: 'pkcs8',
          format: 'pem',
        }) as string,
      },
    ],
  ])('reports %s, and only that', (_name, options) => {
    expect(checkSpLogoutRequest(login(options), setup(), facts).problems).toHaveLength(1);
  });

  it('requires a signature only when the metadata says the SP signs', () => {
    expect(checkSpLogoutRequest(login({ key: undefined }), setup(false), facts).problems).toEqual([]);
    expect(checkSpLogoutRequest(login({ key: undefined }), setup(true), facts).problems).toHaveLength(1);
  });

  it('cannot answer a request whose Issuer is no Identifier of the app (Entra refuses it)', () => {
    const checked = checkSpLogoutRequest(login({ issuer: 'https://other-sp.example/' }), setup(), facts);
    expect(checked.request).toBeUndefined();
    expect(checked.problems).toHaveLength(1);
  });
});

describe('sessionFacts', () => {
  it('reads NameID, its Format and the SessionIndex of the response', () => {
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion"><Subject><NameID Format="${facts.nameIdFormat}">${facts.nameId}</NameID></Subject><AuthnStatement SessionIndex="_session-1"/></Assertion></samlp:Response>`;
    expect(sessionFacts(xml)).toEqual(facts);
  });
});
