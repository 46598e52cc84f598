/**
 * @module The target hook that tells the SP to re-read the IdP metadata (`--refresh-idp-metadata`,
 * `sp.refreshIdpMetadata`): after the mock rolls the app's signing certificate over, the SP must pick up
 * the new one as it would from Entra's App Federation Metadata Url. Three forms: an http(s) URL the
 * harness POSTs to, `wait:SECONDS` for an SP that polls the metadata URL on its own, or a shell command.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError } from '../errors.js';
import { exchange } from '../http/node-exchange.js';
import { UserAgentError } from '../http/user-agent-error.js';

export type RefreshHook =
  { kind: 'url'; url: string } | { kind: 'wait'; seconds: number } | { kind: 'command'; command: string };

/** An SP that polls its metadata URL is given at most an hour; longer is a typo, not a polling interval. */
export const MAX_WAIT_SECONDS = 3600;
/** A refresh endpoint answers within this; an SP that takes longer is treated as not refreshed. */
export const URL_TIMEOUT_MS = 30_000;
/** A refresh command (restart a container, call an admin CLI) gets this long. */
export const COMMAND_TIMEOUT_MS = 120_000;

/** Parses the flag or config value; the error says which forms are valid. */
export function parseRefreshHook(value: string): RefreshHook {
  const text = value.trim();
  if (text === '') throw new Error('must be a URL, a command or wait:SECONDS');
  const wait = /^wait:(.*)$/i.exec(text);
  if (wait) {
    const seconds = /^\d+$/.test(wait[1] ?? '') ? Number(wait[1]) : NaN;
    if (!(seconds <= MAX_WAIT_SECONDS))
      throw new Error(`wait:SECONDS takes a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}`);
    return { kind: 'wait', seconds };
  }
  if (/^https?:\/\//i.test(text)) {
    try {
      return { kind: 'url', url: new URL(text).toString() };
    } catch {
      throw new Error(`${text} is not a valid URL`);
    }
  }
  const command = text.replace(/^cmd:/i, '').trim();
  if (command === '') throw new Error('cmd: needs a command');
  return { kind: 'command', command };
}

/** Zod-friendly check: the message of parseRefreshHook's error, or undefined when valid. */
export function refreshHookProblem(value: string): string | undefined {
  try {
    parseRefreshHook(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function describeRefreshHook(hook: RefreshHook): string {
  if (hook.kind === 'url') return `POST ${hook.url}`;
  if (hook.kind === 'wait')
    return `wait ${hook.seconds} s for the SP to poll the App Federation Metadata Url`;
  return `run \`${hook.command}\``;
}

export interface RefreshLimits {
  urlTimeoutMs?: number;
  commandTimeoutMs?: number;
  signal?: AbortSignal | undefined;
}

/**
 * Tells the SP to re-read the IdP metadata. A hook that fails (non-2xx, unreachable, command exit code
 * not 0, timeout) is a configuration problem of the run: a HarnessError (BAD_CONFIG, exit 2), never a
 * finding — the SP was not told, so nothing about its rollover handling is known.
 */
export async function refreshIdpMetadata(hook: RefreshHook, limits: RefreshLimits = {}): Promise<void> {
  if (hook.kind === 'wait') {
    await sleep(hook.seconds * 1000, undefined, limits.signal ? { signal: limits.signal } : {}).catch(
      () => undefined,
    );
    return;
  }
  if (hook.kind === 'url') return postRefresh(hook.url, limits.urlTimeoutMs ?? URL_TIMEOUT_MS);
  return runCommand(hook.command, limits.commandTimeoutMs ?? COMMAND_TIMEOUT_MS);
}

/** A refresh endpoint's answer body is read (so the connection can be reused) up to this, then ignored. */
const MAX_REFRESH_BODY_BYTES = 64 * 1024;

async function postRefresh(url: string, timeoutMs: number): Promise<void> {
  let status: number;
  try {
    // node:http, as every other request of the run: a first fetch() would load undici (~13 MB) for one POST.
    const res = await exchange({
      url: new URL(url),
      method: 'POST',
      headers: {},
      body: '',
      timeoutMs,
      maxBodyBytes: MAX_REFRESH_BODY_BYTES,
      what: `POST ${url}`,
      hops: [],
    });
    status = res.status;
    await res.body().catch(() => undefined);
  } catch (error) {
    throw new HarnessError(
      'BAD_CONFIG',
      `--refresh-idp-metadata: POST ${url} failed (${causeOf(error)}): the SP could not be told to re-read the IdP metadata`,
    );
  }
  if (status < 200 || status > 299)
    throw new HarnessError(
      'BAD_CONFIG',
      `--refresh-idp-metadata: POST ${url} answered HTTP ${status} (expected 2xx): the SP could not be told to re-read the IdP metadata`,
    );
}

function runCommand(command: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a time-out stops what the shell started too (a `sleep` holding the pipe).
    const child = spawn(command, { shell: true, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    const fail = (why: string): void =>
      reject(
        new HarnessError(
          'BAD_CONFIG',
          `--refresh-idp-metadata: \`${command}\` ${why}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`,
        ),
      );
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(`could not run (${error.message})`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && !timedOut) return resolve();
      fail(timedOut ? `did not finish within ${timeoutMs} ms` : `exited with code ${code}`);
    });
  });
}

function causeOf(error: unknown): string {
  if (error instanceof UserAgentError && error.code === 'TIMEOUT') return 'no answer in time';
  const err = error as Error & { cause?: { code?: string } };
  return err.cause?.code ?? err.message;
}
