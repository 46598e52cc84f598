/**
 * @module An app's SAML signing certificates, as the portal's SAML Signing Certificate blade manages them:
 * new, make active, delete an inactive one, and the harness's restore after its rollover phase; plus which
 * certificate and key a response is signed with (docs/entra.md §5).
 */
import type { CertificateRecord, EnterpriseApp } from '../model/app.js';
import type { CertificateOptions } from '../keys/signing-certificate.js';
import { selectSigningCertificate, type KeyStore, type SigningMaterial } from './key-store.js';
import type { TenantApps } from './tenant-apps.js';
import type { Atomically } from './atomically.js';
import type { IdGenerator } from '../util/ids.js';
import type { Clock } from '../util/clock.js';
import { MockIdpError } from '../errors.js';

export class AppCertificates {
  constructor(
    private readonly apps: TenantApps,
    private readonly keys: KeyStore,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly atomically: Atomically,
  ) {}

  /** "New Certificate": inactive unless activate is set (or it is the app's first). */
  newCertificate(
    appRef: string,
    options: CertificateOptions & { activate?: boolean } = {},
  ): CertificateRecord {
    return this.atomically(() => {
      const app = this.apps.requireStoredApp(appRef);
      const record = this.keys.createCertificate(this.ids.guid(), options);
      const activate = options.activate ?? app.certificates.length === 0;
      const certificates = [
        ...app.certificates.map((c) => ({ ...c, active: activate ? false : c.active })),
        { ...record, active: activate },
      ];
      this.apps.store({ ...app, certificates });
      return { ...record, active: activate };
    });
  }

  /** "Make certificate active": the previous active certificate becomes inactive. */
  activateCertificate(appRef: string, certificateId: string): EnterpriseApp {
    return this.atomically(() => {
      const app = this.apps.requireStoredApp(appRef);
      if (!app.certificates.some((c) => c.id === certificateId)) {
        throw new MockIdpError('NOT_FOUND', `app ${app.name} has no certificate ${certificateId}`);
      }
      return this.apps.store({
        ...app,
        certificates: app.certificates.map((c) => ({ ...c, active: c.id === certificateId })),
      });
    });
  }

  /**
   * Deletes an inactive certificate, as the portal's delete action on the SAML Signing Certificate blade
   * does after a rollover. The active one cannot be removed: an app always keeps a signing certificate.
   */
  removeCertificate(appRef: string, certificateId: string): EnterpriseApp {
    return this.atomically(() => {
      const app = this.apps.requireStoredApp(appRef);
      const record = app.certificates.find((c) => c.id === certificateId);
      if (!record) throw new MockIdpError('NOT_FOUND', `app ${app.name} has no certificate ${certificateId}`);
      if (record.active)
        throw new MockIdpError(
          'CONFLICT',
          `certificate ${certificateId} is active: make another one active first`,
        );
      return this.apps.store({
        ...app,
        certificates: app.certificates.filter((c) => c.id !== certificateId),
      });
    });
  }

  /**
   * Puts back a certificate list saved earlier (the harness undoes its rollover phase, so the next run
   * finds the certificate the SP was configured with). Removal keeps key files, so every saved record's
   * key is still in the state directory.
   */
  restoreCertificates(appRef: string, certificates: readonly CertificateRecord[]): EnterpriseApp {
    return this.atomically(() => {
      const app = this.apps.requireStoredApp(appRef);
      for (const record of certificates) this.keys.certificatePem(record.id);
      return this.apps.store({ ...app, certificates: certificates.map((c) => ({ ...c })) });
    });
  }

  /** The certificate and key a response for this app is signed with (docs/entra.md §5 rollover rules). */
  signingMaterial(app: EnterpriseApp): SigningMaterial {
    const record = selectSigningCertificate(app.certificates, this.clock.now());
    if (!record)
      throw new MockIdpError('NO_SIGNING_KEY', `app ${app.name} has no signing certificate (AADSTS50003)`);
    return this.keys.material(record);
  }
}
