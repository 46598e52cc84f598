/**
 * @module The app's "Set up single sign-on with SAML" page, mirroring Entra's five sections, so a person
 * configures an SP exactly as the vendors' tutorials describe: values to copy and download links.
 */
import { claimUri } from '../../response/claims.js';
import { defaultIdentifier, defaultReplyUrl, type EnterpriseApp } from '../../model/app.js';
import type { TenantUrls } from '../../model/tenant.js';
import { html, page, type SafeHtml } from './html.js';

export interface PortalPageInfo {
  app: EnterpriseApp;
  urls: TenantUrls;
  /** Download URL of a certificate in a format (base64 | raw | pem). */
  certificateDownloadUrl(certificateId: string, format: 'base64' | 'raw' | 'pem'): string;
  launchUrl: string;
  now: Date;
}

const row = (label: string, value: string | SafeHtml | undefined): SafeHtml =>
  html`<tr>
    <th>${label}</th>
    <td class="copy">${value ?? html`<span class="muted">Optional</span>`}</td>
  </tr>`;

export function portalPage(info: PortalPageInfo): string {
  const { app, urls } = info;
  const replyUrls = app.replyUrls.map(
    (r) =>
      html`<div>
        ${r.url}${r.index !== undefined ? html` <span class="muted">(index ${r.index})</span>` : ''}${r.url === defaultReplyUrl(app) ? html` <strong>Default</strong>` : ''}
      </div>`,
  );
  const identifiers = app.identifiers.map(
    (id) => html`<div>${id}${id === defaultIdentifier(app) ? html` <strong>Default</strong>` : ''}</div>`,
  );
  const claims = app.claims.map((c) => row(claimUri(c), c.source));
  const certificates = app.certificates.map((c) => {
    const expired = new Date(c.notAfter) <= info.now;
    return html`<tr>
      <td>${c.active ? 'Active' : 'Inactive'}${expired ? ' (expired)' : ''}</td>
      <td class="copy">${c.thumbprint}</td>
      <td>${c.notAfter}</td>
      <td>
        <a href="${info.certificateDownloadUrl(c.id, 'base64')}">Certificate (Base64)</a> &middot;
        <a href="${info.certificateDownloadUrl(c.id, 'raw')}">Certificate (Raw)</a> &middot;
        <a href="${info.certificateDownloadUrl(c.id, 'pem')}">PEM certificate</a>
      </td>
    </tr>`;
  });
  const active = app.certificates.find((c) => c.active);
  const verificationActive = app.verification.certificates.length;
  return page(
    `${app.displayName} - SAML-based Sign-on`,
    html`<h1>${app.displayName} | SAML-based Sign-on</h1>
      <p class="muted">
        Application ID <code>${app.appId}</code> &middot; Object ID <code>${app.objectId}</code> &middot;
        ${app.enabled ? 'Enabled' : 'Disabled'} for users to sign in &middot; Assignment required:
        ${app.assignmentRequired ? 'Yes' : 'No'}
      </p>
      <h2 id="basic"><span class="step">1</span>Basic SAML Configuration</h2>
      <table>
        ${row('Identifier (Entity ID)', app.identifiers.length ? html`${identifiers}` : 'Required')}
        ${row('Reply URL (Assertion Consumer Service URL)', app.replyUrls.length ? html`${replyUrls}` : 'Required')}
        ${row('Sign on URL', app.signOnUrl)}${row('Relay State', app.relayState)}${row('Logout Url', app.logoutUrl)}
      </table>
      <h2 id="claims"><span class="step">2</span>Attributes &amp; Claims</h2>
      <table>
        ${claims}${row('Unique User Identifier', `${app.nameId.source} [nameid-format: ${app.nameId.format}]`)}
        ${app.groupClaim ? row('Group claim', `${app.groupClaim.groups} (${app.groupClaim.sourceAttribute})`) : ''}
      </table>
      <h2 id="certificates"><span class="step">3</span>SAML Certificates</h2>
      <table>
        ${row('Status', active ? 'Active' : 'None')}${row('Thumbprint', active?.thumbprint)}${row('Expiration', active?.notAfter)}
        ${row('Notification Email', 'admin@contoso.com')}${row('App Federation Metadata Url', html`<a href="${urls.appMetadataUrl(app.appId)}">${urls.appMetadataUrl(app.appId)}</a>`)}
        ${row('Certificate (Base64)', active ? html`<a href="${info.certificateDownloadUrl(active.id, 'base64')}">Download</a>` : undefined)}
        ${row('Certificate (Raw)', active ? html`<a href="${info.certificateDownloadUrl(active.id, 'raw')}">Download</a>` : undefined)}
        ${row('Federation Metadata XML', html`<a href="${urls.appMetadataUrl(app.appId)}" download="${app.displayName}.xml">Download</a>`)}
        ${row('Signing Option', { assertion: 'Sign SAML assertion', response: 'Sign SAML response', both: 'Sign SAML response and assertion' }[app.signing.option])}
        ${row('Signing Algorithm', app.signing.algorithm === 'sha256' ? 'SHA-256' : 'SHA-1')}
      </table>
      <table>
        <tr>
          <th>Status</th>
          <th>Thumbprint</th>
          <th>Expiration</th>
          <th>Download</th>
        </tr>
        ${certificates}
      </table>
      <p class="muted">
        Verification certificates (optional): Required ${app.verification.required ? 'Yes' : 'No'} &middot;
        Active ${verificationActive} &middot; Expired 0
      </p>
      <h2 id="setup"><span class="step">4</span>Set up ${app.displayName}</h2>
      <table>
        ${row('Login URL', urls.loginUrl)}${row('Microsoft Entra Identifier', urls.issuer)}${row('Logout URL', urls.logoutUrl)}
      </table>
      <h2 id="test"><span class="step">5</span>Test single sign-on with ${app.displayName}</h2>
      ${
        app.verification.required
          ? html`<p class="muted">Test is disabled while verification certificates are required.</p>`
          : html`<p>
              <a href="${info.launchUrl}"><button type="button">Test</button></a>
            </p>`
      }`,
  );
}
