/**
 * @module What the browser did with the SP's cookies, from Chromium's own account (DevTools
 * `Network.requestWillBeSentExtraInfo.associatedCookies` and `responseReceivedExtraInfo.blockedCookies`):
 * cookies it kept but did not send with the IdP's cross-site POST to the ACS, and cookies it refused to
 * store. Turned into sentences that name the cookie, the rule and the fix, for the scenario's result.
 */

/** A cookie Chromium did not send with a request (SameSite, Secure, ...) or did not store. */
export interface CookieTrouble {
  name: string;
  /** Chromium's reasons, e.g. SchemefulSameSiteLax, SameSiteNoneInsecure. */
  reasons: string[];
  /** 'withheld': in the jar, not sent with the ACS request; 'refused': the SP set it, the browser dropped it. */
  kind: 'withheld' | 'refused';
}

/** The parts of Chromium's cookie reports read here (structurally the DevTools protocol types). */
export interface AssociatedCookieReport {
  cookie: { name: string };
  blockedReasons: readonly string[];
}
export interface BlockedSetCookieReport {
  cookie?: { name: string } | undefined;
  cookieLine: string;
  blockedReasons: readonly string[];
}

export function withheldCookies(reports: readonly AssociatedCookieReport[]): CookieTrouble[] {
  return reports
    .filter((r) => r.blockedReasons.length > 0)
    .map((r) => ({ name: r.cookie.name, reasons: [...r.blockedReasons], kind: 'withheld' }));
}

export function refusedCookies(reports: readonly BlockedSetCookieReport[]): CookieTrouble[] {
  return reports
    .filter((r) => r.blockedReasons.length > 0)
    .map((r) => ({
      name: r.cookie?.name ?? (r.cookieLine.split('=')[0] ?? r.cookieLine).trim(),
      reasons: [...r.blockedReasons],
      kind: 'refused',
    }));
}

const SECURE_NOTE = 'Secure needs https, or http on localhost or 127.0.0.1';

/** One sentence per cookie: what the browser did, why, and what the SP should set instead. */
export function describeCookieTrouble(trouble: CookieTrouble): string {
  const rule = trouble.reasons.map(describeReason).join(', ');
  if (trouble.kind === 'refused') {
    const fix = trouble.reasons.some((r) => r === 'SameSiteNoneInsecure' || r === 'SecureOnly')
      ? `; set it SameSite=None; Secure (${SECURE_NOTE})`
      : '';
    return `the browser refused to store cookie ${trouble.name} that the SP set (${rule})${fix}`;
  }
  const sameSite = trouble.reasons.some((r) => /SameSite/.test(r));
  const fix = sameSite
    ? `; the SP must set cookie ${trouble.name} with SameSite=None; Secure (${SECURE_NOTE}) so that it comes back on the IdP's cross-site POST to the ACS, or keep that state elsewhere`
    : '';
  return `the browser did not send cookie ${trouble.name} with the IdP's cross-site POST to the ACS (${rule})${fix}`;
}

function describeReason(reason: string): string {
  switch (reason) {
    case 'SameSiteLax':
    case 'SchemefulSameSiteLax':
      return 'SameSite=Lax: not sent on a cross-site POST';
    case 'SameSiteStrict':
    case 'SchemefulSameSiteStrict':
      return 'SameSite=Strict: not sent on any cross-site request';
    case 'SameSiteUnspecifiedTreatedAsLax':
    case 'SchemefulSameSiteUnspecifiedTreatedAsLax':
      return 'no SameSite attribute, which browsers treat as Lax: not sent on a cross-site POST';
    case 'SameSiteNoneInsecure':
      return 'SameSite=None without Secure, which browsers reject';
    case 'SecureOnly':
      return 'Secure cookie over an insecure connection';
    default:
      return reason;
  }
}
