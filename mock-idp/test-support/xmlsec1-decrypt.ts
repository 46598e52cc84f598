/**
 * @module xmlsec1 operations the shared runner (xmlsec1.ts) does not offer: decrypting an
 * EncryptedAssertion with the SP's private key, and verifying one chosen Signature of a document that
 * holds several (xmlsec1 otherwise checks only the first one it finds). A missing xmlsec1 throws.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLSEC1, type IdAttribute, type Xmlsec1Result } from './xmlsec1.js';

export interface Xmlsec1Decrypted extends Xmlsec1Result {
  /** The document with EncryptedData replaced by its plaintext (re-serialized by libxml2). */
  xml: string;
}

/** `xmlsec1 --decrypt --privkey-pem key`: the first EncryptedData in the document is decrypted. */
export function decryptWithXmlsec1(xml: string, privateKeyPem: string): Xmlsec1Decrypted {
  return withFiles({ 'encrypted.xml': xml, 'sp.key': privateKeyPem }, (file) => {
    const run = runXmlsec1(['--decrypt', '--privkey-pem', file('sp.key'), file('encrypted.xml')]);
    return { ok: run.status === 0, output: run.stderr, xml: run.stdout };
  });
}

/** `xmlsec1 --verify --node-xpath`: checks exactly the Signature element `signatureXpath` selects. */
export function verifyNodeWithXmlsec1(
  xml: string,
  certPem: string,
  idAttr: readonly IdAttribute[],
  signatureXpath: string,
): Xmlsec1Result {
  return withFiles({ 'signed.xml': xml, 'cert.pem': certPem }, (file) => {
    const run = runXmlsec1([
      '--verify',
      '--pubkey-cert-pem',
      file('cert.pem'),
      '--enabled-reference-uris',
      'empty,same-doc',
      ...idAttr.flatMap((a) => ['--id-attr:ID', `${a.ns}:${a.localName}`]),
      '--node-xpath',
      signatureXpath,
      file('signed.xml'),
    ]);
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  });
}

/** True when this xmlsec1 build knows the transform (`xmlsec1 --list-transforms` name, e.g. "rsa-oaep"). */
export function xmlsec1HasTransform(name: string): boolean {
  const run = runXmlsec1(['--list-transforms']);
  return `${run.stdout}${run.stderr}`.split(/[",\s]+/).includes(name);
}

function runXmlsec1(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(XMLSEC1, args, { encoding: 'utf8', timeout: 30_000 });
  if (run.error) throw new Error(`could not run ${XMLSEC1}: ${run.error.message}`, { cause: run.error });
  return run;
}

function withFiles<T>(files: Record<string, string>, use: (file: (name: string) => string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'samlspec-xmlsec1-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, 'utf8');
    return use((name) => join(dir, name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
