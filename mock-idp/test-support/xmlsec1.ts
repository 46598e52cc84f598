/**
 * @module Independent signature check with xmlsec1 (libxmlsec1, the C implementation Shibboleth and
 * mod_auth_mellon use), so our signatures are not only judged by xml-crypto, the library that made them.
 * A missing xmlsec1 throws instead of skipping: a silently skipped check would look like a pass.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An element whose `ID` attribute xmlsec1 should treat as an XML ID (it reads no schema). */
export interface IdAttribute {
  ns: string;
  localName: string;
}

export interface Xmlsec1Result {
  ok: boolean;
  /** stdout and stderr together: on failure this says why (digest mismatch, bad signature, ...). */
  output: string;
}

export const XMLSEC1 = process.env.XMLSEC1 ?? 'xmlsec1';

/**
 * Runs `xmlsec1 --verify` with the public key of `certPem` as the only key. xmlsec1 also tries the
 * certificate in KeyInfo, but self-signed certificates fail its chain check, so a document signed by any
 * other key fails; the result is therefore "signed by certPem's key", not "signed by whoever it says".
 * Remote and file references are disabled: only same-document references are resolved.
 */
export function verifyWithXmlsec1(
  xml: string,
  certPem: string,
  idAttr: readonly IdAttribute[],
): Xmlsec1Result {
  const dir = mkdtempSync(join(tmpdir(), 'samlspec-xmlsec1-'));
  try {
    const xmlFile = join(dir, 'signed.xml');
    const certFile = join(dir, 'cert.pem');
    writeFileSync(xmlFile, xml, 'utf8');
    writeFileSync(certFile, certPem, 'utf8');
    const args = [
      '--verify',
      '--pubkey-cert-pem',
      certFile,
      '--enabled-reference-uris',
      'empty,same-doc',
      ...idAttr.flatMap((a) => ['--id-attr:ID', `${a.ns}:${a.localName}`]),
      xmlFile,
    ];
    const run = spawnSync(XMLSEC1, args, { encoding: 'utf8', timeout: 30_000 });
    if (run.error) {
      const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing
          ? `xmlsec1 is not installed (looked for "${XMLSEC1}"); install it (Debian/Ubuntu: apt-get install xmlsec1) or set XMLSEC1`
          : `could not run xmlsec1: ${run.error.message}`,
        { cause: run.error },
      );
    }
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
