/**
 * @module A network guard for tests: while installed, every TCP/TLS connection attempt and every DNS
 * lookup this process makes is checked, and any to a non-loopback host is recorded and refused before a
 * packet leaves (the socket fails with ECONNREFUSED, the lookup with ENOTFOUND). Tests of the runner
 * against hostile SPs install it and fail on any attempt: samlspec must never be steered off loopback.
 *
 * It patches `net.Socket.prototype.connect` (which `net.connect`, `tls.connect`, `http.request` and
 * undici's `fetch` all end in) and `dns.lookup`. It sees this process only: a browser or child process
 * is checked with a trap server instead (test-support/fault-sp.ts).
 */
import dns from 'node:dns';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export interface BlockedAttempt {
  kind: 'connect' | 'lookup';
  host: string;
  port?: number | undefined;
}

export interface NetworkGuard {
  /** Every non-loopback attempt since install (or the last `take()`), in order. */
  readonly attempts: readonly BlockedAttempt[];
  /** Returns the attempts so far and forgets them. */
  take(): BlockedAttempt[];
  uninstall(): void;
}

/**
 * 127.0.0.0/8, ::1 (also IPv4-mapped), localhost: the only hosts tests may talk to. Not `*.localhost`:
 * looking such a name up may still ask the DNS server.
 */
export function isLoopback(host: string | undefined): boolean {
  const h = (host ?? 'localhost').toLowerCase().replace(/^\[|\]$/g, '');
  if (h === '' || h === 'localhost') return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127(?:\.\d{1,3}){3}$/.test(v4);
}

let active: { attempts: BlockedAttempt[] } | undefined;
const originalConnect = net.Socket.prototype.connect;
const originalLookup = dns.lookup;
const originalPromisesLookup = dns.promises.lookup;

type ConnectOptions = { host?: string | undefined; port?: number | string; path?: string | null };

/** The options of any of `socket.connect`'s call shapes, including net's pre-normalized array. */
function connectTarget(args: unknown[]): ConnectOptions {
  const first = args[0];
  if (Array.isArray(first)) return connectTarget(first);
  if (typeof first === 'object' && first !== null) return first as ConnectOptions;
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { port: first as number, host: typeof args[1] === 'string' ? args[1] : undefined };
}

export interface NetworkGuardOptions {
  /** Which hosts may be reached; default loopback only. Tests of the guard itself refuse a loopback host. */
  allow?: (host: string | undefined) => boolean;
}

export function installNetworkGuard(options: NetworkGuardOptions = {}): NetworkGuard {
  if (active) throw new Error('the network guard is already installed');
  const isAllowed = options.allow ?? isLoopback;
  const state = { attempts: [] as BlockedAttempt[] };
  active = state;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    // A Unix socket path is local; http passes `path: null` for TCP.
    const unixSocket = typeof target.path === 'string' && target.path !== '';
    if (!unixSocket && !isAllowed(target.host)) {
      state.attempts.push({ kind: 'connect', host: target.host ?? '', port: Number(target.port) });
      const error = Object.assign(
        new Error(`network guard: connection to ${target.host}:${target.port} refused (not loopback)`),
        { code: 'ECONNREFUSED' },
      );
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  const refusedLookup = (host: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`network guard: DNS lookup of ${host} refused (not loopback)`), {
      code: 'ENOTFOUND',
    });
  dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isAllowed(hostname)) {
      state.attempts.push({ kind: 'lookup', host: hostname });
      const callback = rest.at(-1);
      if (typeof callback === 'function') process.nextTick(() => callback(refusedLookup(hostname)));
      return;
    }
    return (originalLookup as (...a: unknown[]) => void).call(dns, hostname, ...rest);
  } as typeof dns.lookup;
  dns.promises.lookup = (async (hostname: string, ...rest: unknown[]) => {
    if (!isAllowed(hostname)) {
      state.attempts.push({ kind: 'lookup', host: hostname });
      throw refusedLookup(hostname);
    }
    return (originalPromisesLookup as (...a: unknown[]) => Promise<unknown>).call(
      dns.promises,
      hostname,
      ...rest,
    );
  }) as typeof dns.promises.lookup;
  return {
    get attempts() {
      return state.attempts;
    },
    take: () => state.attempts.splice(0),
    uninstall: () => {
      if (active !== state) return;
      net.Socket.prototype.connect = originalConnect;
      dns.lookup = originalLookup;
      dns.promises.lookup = originalPromisesLookup;
      active = undefined;
    },
  };
}

/**
 * For a test file: installs the guard for the whole file and fails every test during which the process
 * tried to reach a non-loopback host.
 */
export function useNetworkGuard(): { readonly guard: NetworkGuard } {
  const holder = {} as { guard: NetworkGuard };
  beforeAll(() => {
    holder.guard = installNetworkGuard();
  });
  afterEach(() => {
    const attempts = holder.guard.take();
    expect(attempts, 'connection attempts off loopback').toEqual([]);
  });
  afterAll(() => holder.guard.uninstall());
  return holder;
}
