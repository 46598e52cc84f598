/**
 * @module The scenario catalog's types: each scenario states how it differs from the mock IdP's one
 * valid baseline response (overrides, DOM mutations at a stage, delivery changes), which requirement it
 * checks, where that requirement is written, and what the SP must do.
 */
import type { Document } from '@xmldom/xmldom';
import type { KeyObject } from 'node:crypto';
import type { Expectation, Flow, Level } from './verdict-terms.js';

export type SpecDoc =
  'saml-core' | 'saml-bindings' | 'saml-profiles' | 'saml-sec' | 'xmldsig' | 'xml' | 'entra-docs';
export type SpecRef =
  { doc: SpecDoc; section: string; quote?: string } | { cve: string } | { url: string; title: string };

// Declared once for the catalog and the reports (verdict-terms.ts).
export type { Expectation, Flow, Level };

/** A relative time like `-10m`, `+30s`, `+2h`. */
export type RelativeTime = `${'+' | '-'}${number}${'s' | 'm' | 'h'}`;

/** Data changes to the baseline response, applied before it is built. */
export interface ResponseOverrides {
  /** Sign in as this directory user (UPN) instead of the baseline user. */
  user?: string;
  issuer?: string;
  /** Audience; `null` removes the AudienceRestriction. */
  audience?: string | null;
  /** Response Destination and SubjectConfirmationData Recipient (default: the ACS URL). */
  destination?: string | null;
  recipient?: string | null;
  /** `null` removes InResponseTo (unsolicited), a string replaces it. */
  inResponseTo?: string | null;
  nameId?: string;
  nameIdFormat?: string;
  /** Time shift of the whole assertion's clock (IssueInstant, NotBefore, NotOnOrAfter). */
  issuedAt?: RelativeTime;
  notBefore?: RelativeTime | null;
  notOnOrAfter?: RelativeTime;
  subjectNotOnOrAfter?: RelativeTime;
  /** Replace or add claims (URI → values); an empty array removes the claim. */
  attributes?: Record<string, readonly string[]>;
  sign?: 'assertion' | 'response' | 'both' | 'none';
  signatureAlgorithm?: 'sha256' | 'sha1';
  /** Sign with the attacker's key (K') instead of the IdP's (K). */
  signingKey?: 'idp' | 'attacker';
  /**
   * Certificate rollover phase only: sign with the app's certificate that was active before the
   * rollover and has since been removed (`retired`), or with an Entra-style certificate that was never
   * in the app's federation metadata (`never-published`), instead of the active one.
   */
  signingCertificate?: 'retired' | 'never-published';
  /** Encrypt the assertion for the SP (needs the SP's encryption certificate). */
  encrypt?: 'aes256-cbc' | 'aes256-gcm';
  /** Use another tenant of the same mock (different issuer and keys). */
  tenant?: 'other';
}

/** How the response reaches the SP, when not the usual single POST to the ACS. */
export interface DeliveryChanges {
  /** POST the same response twice; the verdict is on the second delivery. */
  replay?: boolean;
  /** RelayState to send with the response (default: what the SP sent, or none for IdP-initiated). */
  relayState?: string;
  /** Send by GET with SAMLResponse in the query string instead of POST. */
  method?: 'POST' | 'GET';
  /** Deliver a response that answers an AuthnRequest of another (earlier) browser session. */
  foreignSession?: boolean;
}

export interface KeyPair {
  privateKey: KeyObject;
  certificatePem: string;
}

/** What a mutation can see besides the document. */
export interface MutationContext {
  readonly keys: { idp: KeyPair; attacker: KeyPair };
  /** The baseline user's identity and the victim's, for SWAP-style attacks. */
  readonly identities: { baseline: string; victim: string };
  readonly acsUrl: string;
  readonly audience: string;
  readonly issuer: string;
  readonly now: Date;
  /** The SP's email domain (--sp-domain), when given. */
  readonly spDomain?: string | undefined;
  /**
   * Unique per built response. Forged elements carry it in their IDs, so an SP's replay cache never
   * refuses one forgery because another scenario's forgery used the same ID before it.
   */
  readonly nonce: string;
}

export type DomMutation = {
  readonly name: string;
  readonly stage: 'before-sign' | 'after-sign';
  apply(doc: Document, ctx: MutationContext): void;
};
export type TextMutation = {
  readonly name: string;
  readonly stage: 'serialized';
  apply(xml: string, ctx: MutationContext): string;
};
export type Mutation = DomMutation | TextMutation;

/**
 * The run phase a scenario belongs to, after the main catalog (runner/run/rollover-phase.ts):
 * `new-certificate-listed`: an admin added a new (inactive) certificate and the metadata lists both it and
 * the active one (Entra-shaped: BOM, WS-Fed RoleDescriptors, two KeyDescriptors), the SP told to re-read it;
 * `after-rollover`: the app's signing certificate was rolled over as an Entra admin does it (new
 * certificate, made active, the old one removed) and the SP told to re-read the metadata;
 * `expired-certificate`: then the only certificate left is an expired one, which Entra keeps signing with;
 * `logout`: single logout, after everything else (runner/run/logout-phase.ts).
 */
export type ScenarioPhase = 'new-certificate-listed' | 'after-rollover' | 'expired-certificate' | 'logout';

/**
 * What a single logout scenario does (phase `logout`, runner/run/logout-phase.ts), after the baseline user
 * signed in: `sp-initiated` opens the SP's logout URL, checks the LogoutRequest it sends and lets the mock
 * answer as Entra does; `logout-response` answers that request with a LogoutResponse changed one way;
 * `idp-logout-request` sends the SP a LogoutRequest naming the session, signed by the IdP, unsigned or
 * signed with a key the SP never had, from another browser or from the signed-in user's own (logout CSRF).
 */
export type LogoutStimulus =
  | { kind: 'sp-initiated' }
  | { kind: 'logout-response'; change: 'unsigned' | 'other-request' | 'other-issuer' | 'not-success' }
  | {
      kind: 'idp-logout-request';
      signing: 'idp' | 'none' | 'unknown-key';
      from: 'other-browser' | 'own-browser';
    };

/** What the target SP must support for a scenario to apply; otherwise it is `skipped`. */
export type Capability = 'idp-initiated' | 'encryption' | 'sp-domain' | 'account-id' | 'logout';

/**
 * One sign-in of an account-lifecycle scenario. Its users are directory users the run creates for the
 * scenario (never the baseline user), so scenarios running at the same time never share an account.
 */
export interface LifecycleStep {
  /** Which of the scenario's own users signs in. */
  user: 'first' | 'second';
  /**
   * Before this sign-in, in the mock directory: `change-email` gives the user a new mail address (the
   * emailaddress claim follows; the UPN stays); `unassign` removes the user from the app while
   * assignment is required (Entra then refuses with AADSTS50105).
   */
  before?: 'change-email' | 'unassign';
  /**
   * The NameID: `persistent` is the user's pairwise id in persistent format (stable whatever the
   * mail); `shared-transient` is one transient value used for every step of the scenario run, as an IdP
   * may reuse a transient value once its first use is over. Default: the app's configured NameID.
   */
  nameId?: 'persistent' | 'shared-transient';
  /** `accept`: the SP signs this user in. `refused-by-idp`: Entra refuses; the SP must have no session. */
  expect: 'accept' | 'refused-by-idp';
}

/** Several sign-ins in separate browser sessions, and what must hold across them. */
export interface Lifecycle {
  steps: readonly [LifecycleStep, ...LifecycleStep[]];
  /** The account ids the SP shows for the accepted steps: all the same, or all different. */
  accounts?: 'same' | 'different';
}

/**
 * One layout of a forgery whose success depends on a detail (fresh or copied IDs, which element is
 * signed, where the payload is parked). The scenario passes only if every variant that applies to the
 * SP is refused; the report names the variant that got through.
 */
export interface AttackVariant {
  /** Short, shown in reports: "fresh IDs", "on a response-signed baseline". */
  name: string;
  /** Merged over the scenario's own `response`. */
  response?: ResponseOverrides;
  /** Replaces the scenario's own `mutations` when given. */
  mutations?: readonly Mutation[];
}

/**
 * A control SP that fails a scenario (docs/contributing.md §3 "Tests"), named by a string id: the catalog
 * stays data and never imports fixtures/. `sp`: a control of the reference SP by its name
 * (fixtures/sps/reference-sp/*-controls.ts); that control's `mustFail` is derived from these entries, in
 * the flows the control runs the scenario in, or only in `flows` when given. `recorded`: a recorded
 * finding of a real implementation that is not derived from the catalog, because it is a property of that
 * SP (`node-saml`, `samlify`, `mod_auth_mellon`, `known-vulnerable`, or a product-profile SP's broken
 * variant `<profile> --broken <flags>`); fixtures/recorded-findings.ts names them, and its list must hold
 * the scenario.
 */
export type ControlRef = SpControlRef | { readonly recorded: string };
export type SpControlRef = { readonly sp: string; readonly flows?: readonly Flow[] };

/**
 * What fails a non-info scenario, so that its pass means something: every control that does (a control
 * of the reference SP fails exactly the scenarios that name it), or, when no configuration can, why not
 * and what would give it one (rendered in scenarios/CATALOG.md, "Scenarios without a negative control").
 */
export type NegativeControl =
  readonly [ControlRef, ...ControlRef[]] | { readonly none: string; readonly wouldNeed: string };

export interface ScenarioInput {
  slug: string;
  /** The stimulus, present tense: "Sends a Response whose Assertion expired 10 minutes ago". */
  title: string;
  /** The normative sentence: "The SP MUST reject …". */
  requirement: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  level: Level;
  expect: Expectation;
  /** Default: both flows. */
  flows?: readonly Flow[];
  response?: ResponseOverrides;
  mutations?: readonly Mutation[];
  delivery?: DeliveryChanges;
  requires?: readonly Capability[];
  /**
   * Where the browser must end up after the delivery, besides the session verdict: `same-origin`: no
   * redirect may leave the ACS's origin (open redirect, CWE-601); `{ path }`: the final path and query
   * (relative to the ACS origin) must be exactly this (deep links kept).
   */
  landing?: 'same-origin' | { path: string };
  /** An account-lifecycle scenario: several sign-ins instead of one response (runner/engine/run-lifecycle.ts). */
  lifecycle?: Lifecycle;
  tags?: readonly string[];
  /** For info scenarios: what the observation means. */
  note?: string;
  /**
   * The remediation, one or two sentences: what the SP must do, and for a CVE the fixed version
   * ("Upgrade xml-crypto to 6.0.1 or later; ..."). Shown with every finding. Required, so a new
   * scenario cannot ship without telling the SP how to pass it.
   */
  fix: string;
  /** Known layouts of this forgery; see AttackVariant. Only for reject and no-victim-session scenarios. */
  variants?: readonly [AttackVariant, ...AttackVariant[]];
  /** Runs after the main catalog, in this phase (certificate rollover); default: the main catalog. */
  phase?: ScenarioPhase;
  /** Single logout scenarios only (phase `logout`): what the run does. */
  logout?: LogoutStimulus;
  /** A check of the SP's pages and cookies on top of the session verdict; see ReplyCheck. */
  replyCheck?: ReplyCheck;
  /**
   * Its negative control: required for `must` and `should` scenarios, absent for `info` ones (never
   * judged, so nothing can fail them); see NegativeControl. Checked by
   * fixtures/sps/reference-sp/controls.test.ts.
   */
  control?: NegativeControl;
}

/**
 * Checks over what the SP answered rather than whom it signed in (docs/attacks.md APP-04..06), judged in
 * runner/engine/reply-checks.ts. `relay-state-reflection` and `display-name-reflection`: the runner puts a
 * unique HTML marker into the RelayState or the display-name claim, and no page of the flow may carry it
 * unescaped. `error-detail-leak`: the refusal page must not echo the response's SignatureValue or
 * DigestValue, nor a stack trace. `session-fixation`: cookies the browser held before sign-in (the SP's
 * own, and planted ones named like the SP's session cookie) must not carry the signed-in session.
 */
export type ReplyCheck =
  'relay-state-reflection' | 'display-name-reflection' | 'error-detail-leak' | 'session-fixation';

export interface Scenario extends Omit<ScenarioInput, 'slug'> {
  /** `${prefix}/${slug}`, e.g. `profiles/4.1.4.3/recipient-mismatch`. */
  readonly id: string;
  readonly flows: readonly Flow[];
}
