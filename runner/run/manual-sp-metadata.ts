/**
 * @module "Basic SAML Configuration" typed by hand (no SP metadata, as the Atlassian tutorial does it):
 * the Identifier and Reply URL written as the minimal SP metadata Entra would have imported, so the run
 * configures the app through the same import as with a metadata file.
 */
export function manualSpMetadata(entityId: string, acsUrl: string): string {
  return (
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ' +
    `entityID="${escapeAttribute(entityId)}">` +
    '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
    '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" ' +
    `Location="${escapeAttribute(acsUrl)}" index="0" isDefault="true"/>` +
    '</md:SPSSODescriptor></md:EntityDescriptor>'
  );
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
