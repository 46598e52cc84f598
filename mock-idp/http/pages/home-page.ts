/** @module The mock's front page: its tenants and apps, with links to each app's SAML set-up page. */
import type { MockIdpState } from '../../state/mock-idp-state.js';
import { tenantUrls } from '../../model/tenant.js';
import { html, page } from './html.js';

export function homePage(state: MockIdpState, baseUrl: string): string {
  const tenants = state.listTenants().map((t) => {
    const urls = tenantUrls(baseUrl, t.tenant.tenantId);
    const apps = t
      .listApps()
      .map(
        (a) =>
          html`<li>
            <a href="${urls.portalUrl(a.appId)}">${a.displayName}</a> <span class="muted">(${a.name})</span>
          </li>`,
      );
    return html`<h2>${t.tenant.displayName} <span class="muted">${t.tenant.tenantId}</span></h2>
      <p>
        Login URL <code>${urls.loginUrl}</code><br />Microsoft Entra Identifier <code>${urls.issuer}</code>
      </p>
      <ul>
        ${apps}
      </ul>`;
  });
  return page(
    'samlspec mock Microsoft Entra ID',
    html`<h1>samlspec mock Microsoft Entra ID</h1>
      ${tenants}`,
  );
}
