/**
 * @module "Basic SAML Configuration" typed by hand (no SP metadata, as the Atlassian tutorial does it):
 * the Identifier and Reply URL written as the minimal SP metadata Entra would have imported, so the run
 * configures the app through the same import as with a metadata file.
 */
import { escapeXmlAttr } from '../../mock-idp/internal.js';

export function manualSpMetadata(entityId: string, acsUrl: string): string {
  return (
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ' +
    `entityID="${escapeXmlAttr(entityId)}">` +
    '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
    '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" ' +
    `Location="${escapeXmlAttr(acsUrl)}" index="0" isDefault="true"/>` +
    '</md:SPSSODescriptor></md:EntityDescriptor>'
  );
}
