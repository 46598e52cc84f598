/**
 * @module Entra signing-certificate rollover, as an admin does it on the SAML Signing Certificate blade:
 * New Certificate, Make certificate active, delete the old one (docs/entra.md §5). These scenarios run in
 * the rollover phase after the main catalog (runner/run/rollover-phase.ts) and need the run's
 * --refresh-idp-metadata hook, which tells the SP to re-read the App Federation Metadata Url.
 */
import { defineScenarios } from '../define.js';
import { ENTRA_DOCS } from './entra-refs.js';
import { KEY_NOT_PINNED } from '../control-groups.js';

/** The observation that tells "follows a rollover" from "will break at rollover" (worded by the phase). */
export const NOT_REFRESHED_TAG = 'rollover-not-refreshed';

const METADATA_REF = { doc: 'saml-core', section: '4.1.1' } as const;
const FOLLOW_ROLLOVER =
  "Read Entra's App Federation Metadata Url again when told to (or on a schedule) and trust exactly the signing certificates it lists now.";

/** The "metadata import" advisory: what an SP that cannot read Entra's metadata as-is must change. */
export const METADATA_IMPORT_FIX =
  "Import Entra's metadata as-is: skip a leading UTF-8 BOM, do not reject the WS-Federation RoleDescriptors (fed: namespace) in schema validation, read the IDPSSODescriptor, and trust every signing certificate it lists (two during a rollover).";

export default defineScenarios('entra/certificates', [
  {
    slug: 'metadata-lists-two-certificates',
    title:
      'Adds a new inactive certificate listed in the metadata beside the active one, refreshes the SP, and sends the baseline',
    requirement:
      'The SP SHOULD keep signing the user in after re-reading Entra-shaped metadata (UTF-8 BOM, WS-Federation RoleDescriptors, two signing certificates during a rollover).',
    fix: METADATA_IMPORT_FIX,
    note: 'Judged only when the SP also takes the new certificate at the rollover: otherwise the refresh may not re-read the metadata at all.',
    refs: [
      ENTRA_DOCS.manageCertificates,
      {
        url: 'https://learn.microsoft.com/en-us/entra/identity-platform/federation-metadata',
        title: 'Federation metadata (Microsoft identity platform)',
      },
    ],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'naive-one-idp-signing-certificate' }],
    phase: 'new-certificate-listed',
    tags: ['certificate-rollover', 'metadata-import'],
  },
  {
    slug: 'rollover-new-active',
    title:
      'Rolls the app signing certificate over (new certificate made active, the old one deleted), refreshes the SP, and sends the baseline signed with the new certificate',
    requirement:
      'After a certificate rollover and a metadata refresh, the SP MUST sign the user in with a response signed by the new active certificate.',
    fix: FOLLOW_ROLLOVER,
    refs: [ENTRA_DOCS.manageCertificates, { doc: 'saml-core', section: '5.4' }],
    level: 'must',
    expect: 'accept',
    control: [{ sp: 'naive-no-idp-metadata-refresh' }],
    phase: 'after-rollover',
    tags: ['signature', 'certificate-rollover'],
  },
  {
    slug: 'rollover-retired',
    title: 'After the rollover and refresh, sends the baseline signed with the retired (deleted) certificate',
    requirement:
      'After a metadata refresh, the SP MUST refuse a response signed with a certificate the IdP metadata no longer lists (SIG-15).',
    fix: 'On every metadata refresh, replace the trusted IdP certificates with those the metadata lists now; never keep a certificate Entra removed.',
    refs: [ENTRA_DOCS.manageCertificates, METADATA_REF],
    level: 'must',
    expect: 'reject',
    // Besides the rollover controls, every SP that verifies nothing or trusts KeyInfo: the retired
    // certificate arrives in KeyInfo.
    control: [
      { sp: 'naive-no-signature-check' },
      { sp: 'naive-trust-keyinfo-cert' },
      { sp: 'naive-no-idp-metadata-refresh' },
      { sp: 'naive-keep-retired-idp-certificates' },
      { sp: 'naive-pinned-idp-metadata-signer' },
      { sp: 'naive-xml-unverified' },
      { sp: 'naive-unverified-multiple-assertions' },
      { sp: 'naive-foreign-tenant' },
    ],
    phase: 'after-rollover',
    response: { signingCertificate: 'retired' },
    tags: ['signature', 'certificate-rollover'],
  },
  {
    slug: 'never-published-certificate',
    title:
      'After the rollover and refresh, sends the baseline signed with an Entra-style certificate the SP was never given',
    requirement:
      'The SP MUST refuse a response signed with a certificate that was never in the IdP metadata, also after a refresh (SIG-15).',
    fix: "Verify only with the certificates of the IdP metadata (or the IdP settings): never with the message's KeyInfo, and never with a certificate only because it looks like Entra's.",
    refs: [ENTRA_DOCS.manageCertificates, { doc: 'saml-core', section: '5.4' }],
    level: 'must',
    expect: 'reject',
    // Every SP that verifies nothing or trusts KeyInfo, where the never-published certificate arrives.
    control: KEY_NOT_PINNED,
    phase: 'after-rollover',
    response: { signingCertificate: 'never-published' },
    tags: ['signature', 'certificate-rollover'],
  },
  {
    slug: 'not-refreshed',
    title:
      'Observes whether the SP follows a rollover: the baseline signed with the new certificate after the refresh',
    requirement:
      "Observation only: an SP that does not take the new certificate from the refreshed metadata will break at rollover, when Entra's current certificate expires.",
    fix: FOLLOW_ROLLOVER,
    note: 'Reported with the date the certificate the SP trusts expires: by then the admin must roll it over, and the SP must follow.',
    refs: [ENTRA_DOCS.manageCertificates],
    level: 'info',
    expect: 'accept',
    phase: 'after-rollover',
    tags: ['certificate-rollover', NOT_REFRESHED_TAG],
  },
  {
    slug: 'expired-certificate-still-signing',
    title:
      "Lets the app's only certificate expire (Entra keeps signing with it), refreshes the SP, and sends the baseline",
    requirement:
      'Observation only: whether the SP refuses a response signed with an expired IdP certificate, which Entra keeps sending if the admin does nothing (SIG-12).',
    fix: 'Decide deliberately: refusing expired IdP certificates stops sign-in when the admin misses the rollover; accepting them keeps it working. Either way, alert before the expiry date.',
    note: "Entra signs with an expired active certificate when no valid one is left; an SP that checks the certificate's validity then refuses every sign-in.",
    refs: [ENTRA_DOCS.manageCertificates],
    level: 'info',
    expect: 'accept',
    phase: 'expired-certificate',
    tags: ['certificate-rollover'],
  },
]);
