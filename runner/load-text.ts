/** @module Reads a document given as a file path or an http(s) URL, bounded in size and time. */
import { readFile, stat } from 'node:fs/promises';
import { HarnessError } from './errors.js';

export const MAX_DOCUMENT_BYTES = 2_000_000;

export async function loadTextFromFileOrUrl(
  source: string,
  what: string,
  timeoutMs = 10_000,
): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    } catch (error) {
      throw new HarnessError(
        'BAD_CONFIG',
        `cannot fetch ${what} from ${source}: ${(error as Error).message}`,
      );
    }
    if (!response.ok)
      throw new HarnessError('BAD_CONFIG', `cannot fetch ${what} from ${source}: HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_DOCUMENT_BYTES)
      throw new HarnessError('BAD_CONFIG', `${what} at ${source} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    return body.toString('utf8');
  }
  try {
    const info = await stat(source);
    if (info.size > MAX_DOCUMENT_BYTES) throw new Error(`larger than ${MAX_DOCUMENT_BYTES} bytes`);
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `cannot read ${what} ${source}: ${(error as Error).message}`);
  }
}
