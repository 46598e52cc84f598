/**
 * @module Whether two URLs are on the same site, as browsers decide for SameSite cookies: same scheme
 * and same registrable domain. Host names are compared by their last two labels (an approximation of
 * the public-suffix rule, enough to tell sp.example.com and login.microsoftonline.com apart); IP
 * addresses and single-label names (localhost) are their own site.
 */
export function siteOf(url: string): string {
  const { protocol, hostname } = new URL(url);
  const host = hostname.replace(/\.$/, '').toLowerCase();
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
  const site = isIp ? host : host.split('.').slice(-2).join('.');
  return `${protocol}//${site}`;
}

export function sameSite(a: string, b: string): boolean {
  return siteOf(a) === siteOf(b);
}
