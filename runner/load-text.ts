/**
 * @module Reads a document given as a file path or an http(s) URL, bounded in size and time: bytes are
 * counted while they stream (a file as `/dev/zero`, an endless HTTP body) and the time limit covers the
 * whole body, not just the headers. A URL's redirects are followed only within the origins the run may
 * contact (by default the URL's own); one elsewhere stops the load and is named in the error.
 */
import { FileTooLargeError, readBoundedFile } from '../mock-idp/internal.js';
import { HarnessError } from './errors.js';
import { OriginPolicy } from './http/origin-policy.js';
import { exchange, type ExchangeResponse } from './http/node-exchange.js';
import { UserAgentError } from './http/user-agent-error.js';

export const MAX_DOCUMENT_BYTES = 2_000_000;
export const DEFAULT_LOAD_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;

export interface LoadTextOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Origins a redirect may lead to, besides the URL's own. */
  allowedOrigins?: OriginPolicy;
}

export async function loadTextFromFileOrUrl(
  source: string,
  what: string,
  options: LoadTextOptions = {},
): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  if (/^https?:\/\//i.test(source)) return loadUrl(source, what, maxBytes, timeoutMs, options.allowedOrigins);
  try {
    const body = await withTimeout(readBoundedFile(source, maxBytes), timeoutMs);
    return body.toString('utf8');
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `cannot read ${what} ${source}: ${describe(error)}`, {
      cause: error,
    });
  }
}

async function loadUrl(
  source: string,
  what: string,
  maxBytes: number,
  timeoutMs: number,
  allowed: OriginPolicy | undefined,
): Promise<string> {
  const policy = new OriginPolicy([source, ...(allowed?.origins ?? [])]);
  // One deadline for every hop and every body byte.
  const deadline = Date.now() + timeoutMs;
  const fail = (detail: string, cause?: unknown): HarnessError =>
    new HarnessError('BAD_CONFIG', `cannot fetch ${what} from ${source}: ${detail}`, { cause });
  const timedOut = (error: unknown): boolean => error instanceof UserAgentError && error.code === 'TIMEOUT';
  let url = source;
  for (let hop = 0; ; hop++) {
    // node:http, as every request of a run: a first fetch() would load undici and its WebAssembly
    // parser (~13 MB, ~40 ms of CPU) for this one document.
    let response: ExchangeResponse;
    try {
      response = await exchange({
        url: new URL(url),
        method: 'GET',
        headers: {},
        timeoutMs: Math.max(1, deadline - Date.now()),
        maxBodyBytes: maxBytes,
        what: `GET ${url}`,
        hops: [],
      });
    } catch (error) {
      if (error instanceof UserAgentError && error.code === 'BODY_TOO_LARGE')
        throw fail(`larger than ${maxBytes} bytes`, error);
      throw fail(timedOut(error) ? `no answer within ${timeoutMs} ms` : describe(error), error);
    }
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && location !== undefined) {
      void response.body().catch(() => undefined);
      const next = URL.canParse(location, url) ? new URL(location, url).href : undefined;
      if (next === undefined || !policy.allows(next))
        throw fail(
          `it redirected to ${location.slice(0, 300)}, which is not one of the origins this run may contact (${policy.describe()}); samlspec does not follow it`,
        );
      if (hop >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`);
      url = next;
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      void response.body().catch(() => undefined);
      throw fail(`HTTP ${response.status}`);
    }
    try {
      return await response.body();
    } catch (error) {
      if (error instanceof UserAgentError && error.code === 'BODY_TOO_LARGE')
        throw fail(`larger than ${maxBytes} bytes`, error);
      throw fail(timedOut(error) ? `the body did not arrive within ${timeoutMs} ms` : describe(error), error);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not read within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof FileTooLargeError) return error.message;
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}
