/**
 * @module How a spec reference reads and where it links. Only http(s) URLs ever become links, so a
 * `javascript:` URL in a scenario's refs cannot turn into a clickable script in any report.
 */
import type { ReportRef } from './types.js';

const DOCS: Record<string, { title: string; url: string }> = {
  'saml-core': {
    title: 'SAML Core',
    url: 'https://docs.oasis-open.org/security/saml/v2.0/saml-core-2.0-os.pdf',
  },
  'saml-bindings': {
    title: 'SAML Bindings',
    url: 'https://docs.oasis-open.org/security/saml/v2.0/saml-bindings-2.0-os.pdf',
  },
  'saml-profiles': {
    title: 'SAML Profiles',
    url: 'https://docs.oasis-open.org/security/saml/v2.0/saml-profiles-2.0-os.pdf',
  },
  'saml-sec': {
    title: 'SAML Security',
    url: 'https://docs.oasis-open.org/security/saml/v2.0/saml-sec-consider-2.0-os.pdf',
  },
  xmldsig: { title: 'XML Signature', url: 'https://www.w3.org/TR/xmldsig-core1/' },
  xml: { title: 'XML 1.0', url: 'https://www.w3.org/TR/xml/' },
  'entra-docs': {
    title: 'Entra SAML',
    url: 'https://learn.microsoft.com/en-us/entra/identity-platform/single-sign-on-saml-protocol',
  },
};

export interface RefView {
  label: string;
  /** Absent when there is nothing safe to link to. */
  href?: string;
  quote?: string;
}

export function safeHttpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function refView(ref: ReportRef): RefView {
  if ('cve' in ref) {
    const href = /^CVE-\d{4}-\d+$/i.test(ref.cve)
      ? `https://www.cve.org/CVERecord?id=${ref.cve.toUpperCase()}`
      : undefined;
    return href ? { label: ref.cve, href } : { label: ref.cve };
  }
  if ('url' in ref) {
    const href = safeHttpUrl(ref.url);
    return href ? { label: ref.title, href } : { label: `${ref.title} (${ref.url})` };
  }
  const doc = DOCS[ref.doc];
  const label = `${doc?.title ?? ref.doc} §${ref.section}`;
  const view: RefView = doc ? { label, href: doc.url } : { label };
  return ref.quote === undefined ? view : { ...view, quote: ref.quote };
}

export function refLabel(ref: ReportRef): string {
  return refView(ref).label;
}
