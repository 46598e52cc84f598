import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { afterUnreadBody, LINGER_MAX_BYTES } from './after-unread-body.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A server that refuses every request from its head (415), with or without lingering for the body. */
async function refusingServer(linger: boolean): Promise<number> {
  const refuse = (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(415, { 'content-type': 'text/plain', connection: 'close' }).end('no\n');
  };
  const server = createServer((req, res) =>
    linger ? afterUnreadBody(req, () => refuse(req, res)) : refuse(req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/**
 * The head, then (after `pauseMs`, not reading meanwhile, as a busy client would) a body of `size`
 * bytes; the status line read back, or the socket error.
 */
function post(port: number, size: number, pauseMs = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      resolve(text.split('\r\n')[0] || (error.code ?? 'error')),
    );
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
    const head = `POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${size}\r\n\r\n`;
    const body = Buffer.alloc(size, 0x78);
    if (pauseMs === 0) return void socket.write(Buffer.concat([Buffer.from(head), body]));
    socket.pause();
    socket.write(head);
    setTimeout(() => socket.write(body, () => setTimeout(() => socket.resume(), pauseMs)), pauseMs);
  });
}

describe('afterUnreadBody', () => {
  it('answers a request refused from its head after its body, so the client reads the answer', async () => {
    const port = await refusingServer(true);
    for (let i = 0; i < 5; i++)
      expect(await post(port, 2 * 1024 * 1024)).toBe('HTTP/1.1 415 Unsupported Media Type');
  });

  it('answers a slow client that sends the body after a pause (no reset wiping out the answer)', async () => {
    const port = await refusingServer(true);
    expect(await post(port, 64 * 1024, 50)).toBe('HTTP/1.1 415 Unsupported Media Type');
  });

  it('answers at once when the declared body is beyond the bound (no unbounded read)', async () => {
    const port = await refusingServer(true);
    const socket = connect({ host: '127.0.0.1', port });
    const status = await new Promise<string>((resolve) => {
      socket.on('data', (chunk: Buffer) => resolve(chunk.toString('latin1').split('\r\n')[0]!));
      socket.write(
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${LINGER_MAX_BYTES + 1}\r\n\r\n`,
      );
    });
    socket.destroy();
    expect(status).toBe('HTTP/1.1 415 Unsupported Media Type');
  });

  it('answers at once a request without a body', async () => {
    const port = await refusingServer(true);
    expect(await post(port, 0)).toBe('HTTP/1.1 415 Unsupported Media Type');
  });
});
