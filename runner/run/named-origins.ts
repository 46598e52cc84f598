/**
 * @module The origins a run may contact, from what the user named: the SP's metadata, login, ACS,
 * probe and instance URLs, the Reply URLs registered for the app (read from that metadata, or typed as
 * --acs-url) and the mock IdP. Nothing else is ever requested, in either mode or any phase.
 */
import { OriginPolicy } from '../http/origin-policy.js';
import type { RunConfig } from './run-config.js';

export function namedOrigins(
  config: RunConfig,
  more: { idpBaseUrl?: string | undefined; replyUrls?: readonly string[] } = {},
): OriginPolicy {
  const sp = config.sp;
  const absoluteProbe = sp.probe !== undefined && /^https?:\/\//i.test(sp.probe) ? sp.probe : undefined;
  return new OriginPolicy([
    sp.metadata,
    sp.loginUrl,
    sp.logoutUrl,
    sp.acsUrl,
    sp.instanceUrl,
    absoluteProbe,
    ...(more.replyUrls ?? []),
    config.idp.baseUrl,
    more.idpBaseUrl,
  ]);
}
