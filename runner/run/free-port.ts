/**
 * @module A free loopback port for an IdP whose URL must be known before it listens (the SP is configured
 * with its metadata first). The port is free when picked but can be taken before the IdP binds it, so
 * callers that can start over do so when that happens.
 */
import { createServer } from 'node:net';
import { HarnessError } from '../errors.js';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The mock IdP could not bind its port (someone took it after freePort() picked it). */
export function isPortClash(error: unknown): boolean {
  return (
    error instanceof HarnessError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE'
  );
}

/** Runs `attempt` with a fresh free port, again (up to `tries` times) when the port was taken meanwhile. */
export async function withFreePort<T>(
  attempt: (port: number) => Promise<T>,
  options: { host?: string; tries?: number } = {},
): Promise<T> {
  const tries = options.tries ?? 3;
  for (let i = 1; ; i++) {
    try {
      return await attempt(await freePort(options.host));
    } catch (error) {
      if (i >= tries || !isPortClash(error)) throw error;
    }
  }
}
