/**
 * @module Reading a fetch Response without trusting it: the body up to a byte limit (by
 * Content-Length and by bytes actually read), decoded by its charset; headers as a plain record;
 * and network failures turned into UserAgentError codes.
 */
import type { Hop } from './types.js';
import { UserAgentError } from './user-agent-error.js';

export async function readBounded(
  res: Response,
  maxBytes: number,
  what: string,
  hops: Hop[],
): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new UserAgentError(
      'BODY_TOO_LARGE',
      `${what}: Content-Length ${declared} exceeds ${maxBytes} bytes`,
      hops,
    );
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new UserAgentError('BODY_TOO_LARGE', `${what}: body exceeds ${maxBytes} bytes`, hops);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof UserAgentError) throw error;
    throw networkError(error, what, hops);
  }
  return new TextDecoder(charsetOf(res.headers.get('content-type'))).decode(Buffer.concat(chunks));
}

/** The decoder label of a Content-Type's charset; UTF-8 when absent or unknown. */
export function charsetOf(contentType: string | null): string {
  const label = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

export function networkError(error: unknown, what: string, hops: readonly Hop[]): UserAgentError {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (
    e?.name === 'TimeoutError' ||
    e?.cause?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    e?.cause?.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new UserAgentError('TIMEOUT', `${what}: timed out`, hops, { cause: error });
  }
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return new UserAgentError('TARGET_UNREACHABLE', `${what}: ${detail}`, hops, { cause: error });
}

export function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const setCookies = headers.getSetCookie();
  if (setCookies.length > 0) out['set-cookie'] = setCookies.join('\n');
  return out;
}
