/** @module What the fuzzer's generators know about the IdP under test, and what they produce. */
/** What a generator needs to know about the IdP under test. */
export interface FuzzContext {
  host: string;
  tenantId: string;
  appId: string;
  appName: string;
  /** A second app the admin API fuzzing may change or delete (never the one sign-ins use). */
  scratchApp: string;
  issuer: string;
  /** The app's registered Reply URL. */
  acsUrl: string;
  certificateId: string;
  /** A loopback URL that counts every request: an external fetch by the IdP. */
  canaryUrl: string;
  /** A non-loopback URL; any attempt at it is refused and counted by the network guard. */
  outsideUrl: string;
  /** The session cookie name of the tenant. */
  sessionCookie: string;
  /** An app without auto sign-in: its requests get the sign-in page (and a sign-in context). */
  peopleIssuer: string;
  /** The last sign-in context the IdP handed out (the driver reads it from sign-in pages). */
  signInContext?: string | undefined;
}

export interface FuzzRequest {
  category: string;
  /** The request as sent, byte for byte. */
  raw: Buffer;
  /** One line for reports: method, path (cut) and what is special. */
  summary: string;
}

/** A generated request before the driver labels it: the bytes and what they are. */
export interface FuzzInput {
  raw: Buffer;
  summary: string;
}

export function input(raw: Buffer, summary: string): FuzzInput {
  return { raw, summary };
}
