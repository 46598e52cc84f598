/**
 * @module The baseline SAML Response, byte-faithful to Entra (docs/entra.md §2.1): one line, no XML
 * declaration, `samlp:` prefix on protocol elements, unprefixed assertion elements, `_`+GUID ids,
 * millisecond UTC instants, NotBefore −5 min / NotOnOrAfter +60 min, SessionIndex = Assertion ID.
 *
 * The result is a DOM draft: callers (the IdP's own endpoints, and the scenario engine) may change it
 * before signing, then sign, change it again, and serialize — see finish-response.ts.
 */
import type { Document, Element } from '@xmldom/xmldom';
import {
  ATTRNAME_FORMAT,
  AUTHN_CONTEXT_PASSWORD,
  CONFIRMATION_BEARER,
  NS,
  STATUS,
} from '../constants/namespaces.js';
import { addMs, MINUTE, samlInstant } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';
import { element, newDocument } from '../util/dom-builder.js';
import type { Claim } from './claims.js';
import type { NameId } from './name-id.js';

export interface AssertionContent {
  issuer: string;
  /** Destination of the Response and Recipient of the bearer confirmation: the ACS URL. */
  acsUrl: string;
  audience: string;
  /** AuthnRequest ID; absent for IdP-initiated (unsolicited) responses. */
  inResponseTo?: string | undefined;
  nameId: NameId;
  claims: readonly Claim[];
  /** When the user actually authenticated (may be long before `now` within an SSO session). */
  authnInstant: Date;
  authnContextClassRef?: string;
  /** Adds NameFormat to every Attribute ("Include attribute name format"). */
  attributeNameFormat?: keyof typeof ATTRNAME_FORMAT | undefined;
}

export interface ResponseDraft {
  readonly document: Document;
  readonly responseId: string;
  readonly assertionId: string;
  readonly issuedAt: Date;
}

export const NOT_BEFORE_SKEW_MS = -5 * MINUTE;
export const LIFETIME_MS = 60 * MINUTE;

export function buildResponseDraft(
  content: AssertionContent,
  deps: { ids: IdGenerator; now: Date },
): ResponseDraft {
  const doc = newDocument();
  const responseId = deps.ids.samlId();
  const assertionId = deps.ids.samlId();
  const now = deps.now;
  const response = element(doc, NS.samlp, 'samlp:Response', [
    ['ID', responseId],
    ['Version', '2.0'],
    ['IssueInstant', samlInstant(now)],
    ['Destination', content.acsUrl],
    ['InResponseTo', content.inResponseTo],
    ['xmlns:samlp', NS.samlp],
  ]);
  response.appendChild(element(doc, NS.saml, 'Issuer', [['xmlns', NS.saml]], [content.issuer]));
  response.appendChild(statusElement(doc, STATUS.success));
  response.appendChild(buildAssertion(doc, content, assertionId, now));
  doc.appendChild(response);
  return { document: doc, responseId, assertionId, issuedAt: now };
}

function buildAssertion(doc: Document, content: AssertionContent, assertionId: string, now: Date): Element {
  const notBefore = samlInstant(addMs(now, NOT_BEFORE_SKEW_MS));
  const notOnOrAfter = samlInstant(addMs(now, LIFETIME_MS));
  const a = (
    name: string,
    attrs: Parameters<typeof element>[3] = [],
    children: Parameters<typeof element>[4] = [],
  ): Element => element(doc, NS.saml, name, attrs, children);
  const nameFormat = content.attributeNameFormat ? ATTRNAME_FORMAT[content.attributeNameFormat] : undefined;
  return a(
    'Assertion',
    [
      ['ID', assertionId],
      ['IssueInstant', samlInstant(now)],
      ['Version', '2.0'],
      ['xmlns', NS.saml],
    ],
    [
      a('Issuer', [], [content.issuer]),
      a(
        'Subject',
        [],
        [
          a('NameID', [['Format', content.nameId.format]], [content.nameId.value]),
          a(
            'SubjectConfirmation',
            [['Method', CONFIRMATION_BEARER]],
            [
              a('SubjectConfirmationData', [
                ['InResponseTo', content.inResponseTo],
                ['NotOnOrAfter', notOnOrAfter],
                ['Recipient', content.acsUrl],
              ]),
            ],
          ),
        ],
      ),
      a(
        'Conditions',
        [
          ['NotBefore', notBefore],
          ['NotOnOrAfter', notOnOrAfter],
        ],
        [a('AudienceRestriction', [], [a('Audience', [], [content.audience])])],
      ),
      content.claims.length > 0 &&
        a(
          'AttributeStatement',
          [],
          content.claims.map((claim) =>
            a(
              'Attribute',
              [
                ['Name', claim.name],
                ['NameFormat', nameFormat],
              ],
              claim.values.map((v) => a('AttributeValue', [], [v])),
            ),
          ),
        ),
      a(
        'AuthnStatement',
        [
          ['AuthnInstant', samlInstant(content.authnInstant)],
          ['SessionIndex', assertionId],
        ],
        [
          a(
            'AuthnContext',
            [],
            [a('AuthnContextClassRef', [], [content.authnContextClassRef ?? AUTHN_CONTEXT_PASSWORD])],
          ),
        ],
      ),
    ],
  );
}

function statusElement(doc: Document, code: string, subCode?: string, message?: string): Element {
  return element(
    doc,
    NS.samlp,
    'samlp:Status',
    [],
    [
      element(
        doc,
        NS.samlp,
        'samlp:StatusCode',
        [['Value', code]],
        [subCode !== undefined && element(doc, NS.samlp, 'samlp:StatusCode', [['Value', subCode]])],
      ),
      message !== undefined && element(doc, NS.samlp, 'samlp:StatusMessage', [], [message]),
    ],
  );
}

export interface ErrorResponseContent {
  issuer: string;
  acsUrl?: string | undefined;
  inResponseTo?: string | undefined;
  statusCode: string;
  subStatusCode?: string;
  message: string;
}

/** An error Response (docs/entra.md §2.10): Status only, no Assertion, no Destination in Entra's sample. */
export function buildErrorResponseDraft(
  content: ErrorResponseContent,
  deps: { ids: IdGenerator; now: Date },
): ResponseDraft {
  const doc = newDocument();
  const responseId = deps.ids.samlId();
  const response = element(doc, NS.samlp, 'samlp:Response', [
    ['ID', responseId],
    ['Version', '2.0'],
    ['IssueInstant', samlInstant(deps.now)],
    ['InResponseTo', content.inResponseTo],
    ['xmlns:samlp', NS.samlp],
  ]);
  response.appendChild(element(doc, NS.saml, 'Issuer', [['xmlns', NS.saml]], [content.issuer]));
  response.appendChild(statusElement(doc, content.statusCode, content.subStatusCode, content.message));
  doc.appendChild(response);
  return { document: doc, responseId, assertionId: '', issuedAt: deps.now };
}
