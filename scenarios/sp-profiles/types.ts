/**
 * @module An SP profile: how the Entra tutorial for one product configures the enterprise app, and
 * what follows for the tests — which flows the product supports, how it keys and creates accounts,
 * which scenarios become musts for it and which do not apply. Data only; the runner applies it
 * (runner/run/apply-profile.ts).
 */
import type { Expectation, Level } from '../types.js';

export type SpProfileName = 'generic' | 'heroku' | 'sentry' | 'atlassian' | 'hanko';

/** How the product takes Entra's IdP settings (the tutorial's step "Configure <product> SSO"). */
export type IdpSetup = 'metadata-file' | 'metadata-url' | 'manual';

/** A URL the tutorial prescribes: the product's real form, and the path shape the runner checks. */
export interface UrlPattern {
  /** As the tutorial writes it, e.g. `https://sso.heroku.com/saml/<company>`. */
  example: string;
  /** Regex the URL's path must match; a mismatch is reported as a note (the SP may differ in paths). */
  path?: string;
  /**
   * Regex the URL must match, or Entra refuses the SP (the run stops with a configuration error), with
   * what Entra answers and why.
   */
  required?: { pattern: string; because: string };
}

/** A profile's statement on single logout, with where it was learned. */
export interface SingleLogoutStatement {
  uses: boolean;
  because: string;
  /** The public page that says so (the product's docs or Entra tutorial). */
  source?: { url: string; title: string };
}

export interface SpProfile {
  name: SpProfileName;
  /** The product, e.g. "Heroku". */
  product: string;
  /** The Entra tutorial and the product's own documentation. */
  docs: ReadonlyArray<{ url: string; title: string }>;
  idpSetup: IdpSetup;
  /** Section 1 of the portal's SAML blade, as the tutorial fills it. */
  app: {
    identifier: UrlPattern;
    replyUrl: UrlPattern;
    signOnUrl?: UrlPattern;
    /** IdP-initiated RelayState: the SP's instance URL (Atlassian's older tutorial). */
    relayState?: 'instance-url';
    /** Unique User Identifier (NameID) source and format. */
    nameId: {
      source: 'user.userprincipalname' | 'user.mail';
      format: 'default' | 'emailAddress' | 'persistent' | 'unspecified';
      /** For tenants whose users have no mail (unlicensed): the tutorial's fallback source. */
      sourceWhenNoMail?: 'user.userprincipalname';
    };
  };
  flows: { spInitiated: boolean; idpInitiated: boolean };
  /** What identifies an account, and how accounts come to be. */
  accounts: {
    key: 'name-id' | 'email-claim' | 'name-claim';
    /** Just-in-time: the first sign-in creates the account. */
    jit: boolean;
    /** An existing account with the same e-mail address is reused. */
    linkByEmail: boolean;
  };
  /** The product's session length. */
  sessionHours: number;
  /** The product needs the connection's email domain (--sp-domain). */
  needsSpDomain: boolean;
  /**
   * Scenarios (by id prefix or tag) whose level — and, where the product is stricter than SAML, whose
   * expectation — is different for this product, and why.
   */
  levels?: ReadonlyArray<{
    match: { prefix?: string; tag?: string };
    level: Level;
    expect?: Expectation;
    because: string;
  }>;
  /** Scenarios (by id prefix) that do not apply to this product, and why (they are skipped). */
  notApplicable?: ReadonlyArray<{ prefix: string; because: string }>;
  /**
   * Whether the product uses Entra's Logout URL (single logout). `uses: false` skips the single logout
   * scenarios (phase `logout`) with `because`; unset: not stated, the scenarios run when --logout-url is given.
   */
  singleLogout?: SingleLogoutStatement;
  /** One line each, shown with the setup in the report and the README. */
  notes: readonly string[];
}
