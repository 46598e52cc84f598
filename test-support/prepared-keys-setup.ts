/**
 * @module vitest globalSetup of both projects: generates a batch of RSA-2048 keys once per `vitest run`,
 * in parallel on libuv's thread pool, and provides it to every test file, whose setup file
 * (use-prepared-keys.ts) hands the keys to mock-idp/keys/prepared-keys.ts. Each test file (its own module
 * graph) then takes the keys it needs from the batch instead of generating them one by one on its
 * thread: RSA key generation was about a quarter of the unit tests' CPU time. A file that needs more
 * than the batch generates the rest as before; child processes (the CLI, SPs) always generate theirs.
 */
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { PREPARED_KEY_BITS } from '../mock-idp/keys/prepared-keys.js';

/**
 * Enough for every unit test file and most e2e files (catalog-controls alone makes ~180). About 3 s of
 * one core's time at the start of a run; SAMLSPEC_PREPARED_KEYS=0 skips it (a quick run of one file).
 */
export const BATCH_SIZE = Number(process.env.SAMLSPEC_PREPARED_KEYS ?? 64);

declare module 'vitest' {
  export interface ProvidedContext {
    preparedRsaKeys: string[];
  }
}

const generate = promisify(generateKeyPair);

/** One batch per vitest process, shared by both projects' setups (each loads this module afresh). */
const BATCH = Symbol.for('samlspec.preparedRsaKeys');
type WithBatch = typeof globalThis & { [BATCH]?: Promise<string[]> };

export function generateBatch(size: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: size }, async () => {
      const { privateKey } = await generate('rsa', {
        modulusLength: PREPARED_KEY_BITS,
        publicExponent: 65537,
      });
      return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    }),
  );
}

export default async function setup(project: TestProject): Promise<void> {
  const global = globalThis as WithBatch;
  global[BATCH] ??= generateBatch(BATCH_SIZE);
  project.provide('preparedRsaKeys', await global[BATCH]);
}
