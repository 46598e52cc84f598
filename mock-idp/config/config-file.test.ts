import { describe, expect, it } from 'vitest';
import { parseConfigText } from './config-file.js';
import { applyConfig } from './apply-config.js';
import { MockIdpState } from '../state/mock-idp-state.js';
import { MockIdpError } from '../errors.js';

function configError(text: string, name = 'config.yaml'): MockIdpError {
  try {
    parseConfigText(text, name);
  } catch (error) {
    if (error instanceof MockIdpError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('config file', () => {
  it('reads YAML and JSON with the same schema', () => {
    const yaml = parseConfigText(
      'apps:\n  - name: heroku\n    identifiers: [https://sso.heroku.com/saml/acme]\n    replyUrls:\n      - url: https://sso.heroku.com/saml/acme/finalize\n',
      'c.yaml',
    );
    const json = parseConfigText(
      JSON.stringify({
        apps: [
          {
            name: 'heroku',
            identifiers: ['https://sso.heroku.com/saml/acme'],
            replyUrls: [{ url: 'https://sso.heroku.com/saml/acme/finalize' }],
          },
        ],
      }),
      'c.json',
    );
    expect(yaml).toEqual(json);
    expect(yaml.apps[0]?.signing).toEqual({ option: 'assertion', algorithm: 'sha256' });
  });

  it('names the bad field of an http reply URL that is not loopback', () => {
    const error = configError(
      'apps:\n  - name: a\n    replyUrls:\n      - url: https://ok.example/acs\n      - url: http://sp.example/acs\n',
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.fields).toEqual(['apps[0].replyUrls[1].url']);
  });

  it('accepts http reply URLs on loopback hosts, as Entra does for localhost', () => {
    const config = parseConfigText(
      'apps:\n  - name: a\n    replyUrls: [{ url: "http://localhost:3000/acs" }, { url: "http://127.0.0.1:9/acs" }]\n',
      'c.yaml',
    );
    expect(config.apps[0]?.replyUrls).toHaveLength(2);
  });

  it('rejects unknown keys, naming them', () => {
    const error = configError('{"apps":[{"name":"a","replyUrl":"https://x"}]}', 'c.json');
    expect(error.fields).toEqual(['apps[0]']);
  });

  it('rejects a config that is not YAML', () => {
    expect(configError('apps: [unclosed').code).toBe('INVALID_CONFIG');
  });

  it('applies users and apps, updating existing ones by UPN and name', () => {
    const state = MockIdpState.open();
    const config = parseConfigText(
      [
        'users:',
        '  - userPrincipalName: jane@contoso.com',
        '    displayName: Jane',
        '    mail: jane@contoso.com',
        '  - userPrincipalName: B.Simon@contoso.com',
        '    givenName: Bea',
        'apps:',
        '  - name: sentry',
        '    identifiers: [https://sentry.io/saml/metadata/acme/]',
        '    replyUrls: [{ url: https://sentry.io/saml/acs/acme/ }]',
        '    nameId: { source: user.userprincipalname, format: unspecified }',
      ].join('\n'),
      'c.yaml',
    );
    const tenant = applyConfig(state, config);
    expect(tenant.requireUser('jane@contoso.com').displayName).toBe('Jane');
    expect(tenant.requireUser('b.simon@contoso.com').givenName).toBe('Bea');
    const app = tenant.requireApp('sentry');
    expect(app.nameId.format).toBe('unspecified');
    expect(app.certificates.filter((c) => c.active)).toHaveLength(1);
    const thumbprint = app.certificates[0]?.thumbprint;
    applyConfig(state, config);
    expect(tenant.requireApp('sentry').certificates[0]?.thumbprint).toBe(thumbprint);
  });
});
