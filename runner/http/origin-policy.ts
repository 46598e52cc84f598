/**
 * @module The origins a run may contact: the ones the user named (SP metadata, login, ACS, probe and
 * instance URLs) and the mock IdP's. samlspec points hostile SAML at other people's servers and follows
 * the SP's redirects; a redirect anywhere else is recorded and never followed, so a target cannot steer
 * the runner into a third party or the CI machine's network.
 */

export class OriginPolicy {
  readonly #origins = new Set<string>();

  constructor(urls: Iterable<string | undefined> = []) {
    for (const url of urls) this.add(url);
  }

  /** Adds the origin of an http(s) URL; anything else (a file path, undefined) is ignored. */
  add(url: string | undefined): this {
    const origin = httpOrigin(url);
    if (origin) this.#origins.add(origin);
    return this;
  }

  allows(url: string | URL): boolean {
    const origin = httpOrigin(typeof url === 'string' ? url : url.href);
    return origin !== undefined && this.#origins.has(origin);
  }

  get origins(): readonly string[] {
    return [...this.#origins];
  }

  /** For messages: "http://127.0.0.1:3000, http://127.0.0.1:7080". */
  describe(): string {
    return this.origins.join(', ') || '(none)';
  }
}

/** scheme://host:port of an http(s) URL, normalized as browsers do (lower-case host, default port dropped). */
export function httpOrigin(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
}
