/**
 * @module The SP `samlspec demo` runs against: the product's fixture SP (fixtures/sps/profile-sps; the
 * generic one is the strict reference SP with an account layer), given the mock IdP's settings the way the product
 * takes them (metadata file, metadata URL, or Login URL + Entra Identifier + Certificate (Base64) typed
 * by hand), with the run settings that go with it.
 */
import { appMetadataFor, certificateBase64, tenantUrls } from '../../mock-idp/internal.js';
import type { EnterpriseApp, MockIdpState } from '../../mock-idp/internal.js';
import type { ProfileSpOptions } from '../../fixtures/sps/profile-sps/index.js';
import type { SpThreadLauncher } from '../../fixtures/sps/profile-sps/sp-thread.js';
import { SP_PROFILES, type SpProfileName } from '../../scenarios/sp-profiles/index.js';
import type { RunConfigInput } from '../run/run-config.js';

/** The demo SPs' e-mail domain: the mock directory's own. */
export const DEMO_DOMAIN = 'contoso.com';
/** The fixture SPs' probe is JSON with the account id in `account`. */
export const FIXTURE_ACCOUNT_PATTERN = '"account":"([^"]+)"';

export interface DemoSp {
  description: string;
  /** The run's `sp` section. */
  sp: RunConfigInput['sp'];
  /** The SP metadata as the SP serves it (none when the product is configured by hand). */
  metadataXml: string | undefined;
  close(): Promise<void>;
}

export interface DemoIdp {
  state: MockIdpState;
  app: EnterpriseApp;
  /** Where the mock IdP will listen (it starts with the run). */
  baseUrl: string;
}

export async function startDemoSp(
  profile: SpProfileName,
  idp: DemoIdp,
  options: {
    host: string;
    broken?: readonly string[];
    /**
     * Start the SP in this thread launched beforehand (the CLI: the SP's checks and the harness's signing
     * overlap on two cores; fixtures/sps/profile-sps/sp-thread.ts). Default: in the caller's thread.
     */
    thread?: SpThreadLauncher;
  } = { host: '127.0.0.1' },
): Promise<DemoSp> {
  const tenant = idp.state.defaultTenant;
  const metadataXml = appMetadataFor(tenant, idp.app, idp.baseUrl, idp.state.ids).toString('utf8');
  const urls = tenantUrls(idp.baseUrl, tenant.tenant.tenantId);
  // The mock starts with the run, after the SP: a metadata URL is handed over as a data: URL of the same bytes.
  const idpSource: Pick<ProfileSpOptions, 'idpMetadataXml' | 'idpMetadataUrl' | 'manual'> = {
    'metadata-file': { idpMetadataXml: metadataXml },
    'metadata-url': {
      idpMetadataUrl: `data:application/samlmetadata+xml;base64,${Buffer.from(metadataXml).toString('base64')}`,
    },
    manual: {
      manual: {
        idpEntityId: urls.issuer,
        loginUrl: urls.loginUrl,
        certificateBase64: certificateBase64(tenant.signingMaterial(idp.app).certificatePem),
      },
    },
  }[SP_PROFILES[profile].idpSetup];
  // Only products that restrict sign-in to the connection's domain get one (Hanko; the generic strict SP).
  const domain = SP_PROFILES[profile].needsSpDomain || profile === 'generic' ? DEMO_DOMAIN : undefined;
  // The strict reference SP re-reads the mock's live App Federation Metadata Url when the run's
  // --refresh-idp-metadata hook POSTs to it (the certificate rollover phase).
  const rollover = profile === 'generic';
  const spOptions = {
    ...idpSource,
    ...(rollover ? { idpMetadataRefreshUrl: urls.appMetadataUrl(idp.app.appId) } : {}),
    host: options.host,
    ...(domain ? { domain } : {}),
    ...(options.broken ? { broken: options.broken } : {}),
    // A product without just-in-time accounts has its test user provisioned beforehand (invited, SCIM),
    // as a vendor would; otherwise calibration sees nobody signed in and nothing can be judged.
    ...(options.broken?.includes('no-jit')
      ? { accounts: [{ key: `B.Simon@${DEMO_DOMAIN}`, email: `B.Simon@${DEMO_DOMAIN}` }] }
      : {}),
  } satisfies ProfileSpOptions;
  const sp = options.thread
    ? await options.thread.start(profile, spOptions)
    : // In this thread only when no SP thread was launched: loaded here, so other commands never evaluate it.
      await (await import('../../fixtures/sps/profile-sps/index.js')).startProfileSp(profile, spOptions);
  return {
    description: `built-in ${profile === 'generic' ? 'strict reference' : `${SP_PROFILES[profile].product}-like`} fixture SP at ${sp.baseUrl}${
      sp.broken.length > 0 ? ` (broken: ${sp.broken.join(', ')})` : ''
    }`,
    sp: {
      profile,
      ...(sp.metadataUrl ? { metadata: sp.metadataUrl } : { entityId: sp.entityId, acsUrl: sp.acsUrl }),
      loginUrl: sp.loginUrl,
      probe: sp.probeUrl,
      ...(domain ? { domain } : {}),
      accountPattern: FIXTURE_ACCOUNT_PATTERN,
      ...(rollover ? { refreshIdpMetadata: sp.refreshUrl, logoutUrl: sp.logoutUrl } : {}),
      ...(SP_PROFILES[profile].app.relayState === 'instance-url' ? { instanceUrl: sp.instanceUrl } : {}),
    },
    metadataXml: sp.metadataXml,
    close: () => sp.close(),
  };
}
