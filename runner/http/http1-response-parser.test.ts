import { describe, expect, it } from 'vitest';
import {
  Http1ProtocolError,
  Http1ResponseParser,
  MAX_HEAD_BYTES,
  type ResponseHead,
} from './http1-response-parser.js';

interface Parsed {
  heads: ResponseHead[];
  body: string;
  ended: boolean;
}

/** Feeds `pieces` one by one (as they might arrive on a socket); `finish` when the connection then ends. */
function parse(pieces: readonly string[], o: { method?: string; finish?: boolean } = {}): Parsed {
  const parsed: Parsed = { heads: [], body: '', ended: false };
  const parser = new Http1ResponseParser(o.method ?? 'GET', {
    head: (h) => parsed.heads.push(h),
    data: (chunk) => (parsed.body += chunk.toString('latin1')),
    end: () => (parsed.ended = true),
  });
  for (const piece of pieces) parser.push(Buffer.from(piece, 'latin1'));
  if (o.finish) parser.finish();
  return parsed;
}

/** Every way of cutting `text` in two, then one byte at a time: framing must not depend on how bytes arrive. */
function splits(text: string): string[][] {
  const cuts = [...Array(text.length + 1).keys()].map((i) => [text.slice(0, i), text.slice(i)]);
  return [...cuts, [...text]];
}

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof Http1ProtocolError ? error.code : 'other';
  }
};

describe('Http1ResponseParser', () => {
  it('reads a Content-Length body however the bytes arrive, and keeps the connection', () => {
    const text =
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nSet-Cookie: a=1\r\n\r\nhello';
    for (const pieces of splits(text)) {
      const parsed = parse(pieces);
      expect(parsed.ended).toBe(true);
      expect(parsed.body).toBe('hello');
      expect(parsed.heads).toEqual([
        {
          status: 200,
          rawHeaders: ['Content-Type', 'text/plain', 'Content-Length', '5', 'Set-Cookie', 'a=1'],
          keepAlive: true,
          keepAliveSeconds: undefined,
        },
      ]);
    }
  });

  it('removes the chunked coding, chunk extensions and trailers included', () => {
    const text =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n';
    for (const pieces of splits(text)) {
      const parsed = parse(pieces);
      expect(parsed.body).toBe('hello, world');
      expect(parsed.ended).toBe(true);
      expect(parsed.heads[0]!.keepAlive).toBe(true);
    }
  });

  it('takes bare LF line ends, as node:http does', () => {
    const parsed = parse(['HTTP/1.1 302 Found\nLocation: /next\nContent-Length: 0\n\n']);
    expect(parsed.heads[0]).toMatchObject({
      status: 302,
      rawHeaders: ['Location', '/next', 'Content-Length', '0'],
    });
    expect(parsed.ended).toBe(true);
  });

  it('reads a body without framing to the end of the connection, which is then not kept', () => {
    const parsed = parse(['HTTP/1.1 200 OK\r\n\r\nall ', 'of it'], { finish: true });
    expect(parsed.body).toBe('all of it');
    expect(parsed.ended).toBe(true);
    expect(parsed.heads[0]!.keepAlive).toBe(false);
  });

  it('has no body for HEAD, 204 and 304 whatever the fields say', () => {
    expect(parse(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n'], { method: 'HEAD' }).ended).toBe(true);
    expect(parse(['HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n']).ended).toBe(true);
    expect(parse(['HTTP/1.1 304 Not Modified\r\n\r\n']).ended).toBe(true);
  });

  it('skips interim responses', () => {
    const parsed = parse([
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    ]);
    expect(parsed.heads.map((h) => h.status)).toEqual([200]);
    expect(parsed.body).toBe('ok');
  });

  it('keeps a connection by HTTP version, Connection and the framing, and reads the Keep-Alive hint', () => {
    const head = (text: string) => parse([text]).heads[0]!;
    expect(head('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').keepAlive).toBe(false);
    expect(head('HTTP/1.1 200 OK\r\nConnection: Upgrade, Close\r\nContent-Length: 0\r\n\r\n').keepAlive).toBe(
      false,
    );
    expect(head('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').keepAlive).toBe(false);
    expect(head('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n').keepAlive).toBe(
      true,
    );
    expect(
      head('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=100\r\nContent-Length: 0\r\n\r\n').keepAliveSeconds,
    ).toBe(5);
    // Transfer-Encoding without chunked last: the body runs to the end of the connection.
    expect(head('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n').keepAlive).toBe(false);
  });

  it('lets Transfer-Encoding win over Content-Length', () => {
    const parsed = parse([
      'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
    ]);
    expect(parsed.body).toBe('ok');
    expect(parsed.ended).toBe(true);
  });

  it('accepts repeated equal Content-Length values and refuses differing or malformed ones', () => {
    expect(parse(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok']).body).toBe('ok');
    expect(codeOf(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n']))).toBe(
      'INVALID_RESPONSE',
    );
    expect(codeOf(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n']))).toBe('INVALID_RESPONSE');
    expect(codeOf(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n']))).toBe('INVALID_RESPONSE');
  });

  it('refuses what is not an HTTP/1.x response', () => {
    for (const text of [
      'HTTP/2 200 OK\r\n\r\n',
      'ICY 200 OK\r\n\r\n',
      'HTTP/1.1 20 OK\r\n\r\n',
      'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
      'HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n',
      'HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n',
      'HTTP/1.1 101 Switching Protocols\r\n\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n',
    ])
      expect(
        codeOf(() => parse([text])),
        text,
      ).toBe('INVALID_RESPONSE');
  });

  it('refuses bytes after the response (nothing else was asked for on the connection)', () => {
    expect(codeOf(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA']))).toBe(
      'INVALID_RESPONSE',
    );
    expect(codeOf(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', 'X']))).toBe(
      'INVALID_RESPONSE',
    );
  });

  it('bounds the head, chunk-size lines and trailers', () => {
    const big = `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`;
    expect(codeOf(() => parse([big]))).toBe('HEADERS_TOO_LARGE');
    expect(codeOf(() => parse([`${big}\r\n\r\n`]))).toBe('HEADERS_TOO_LARGE');
    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    expect(codeOf(() => parse([chunked, '1'.repeat(5000)]))).toBe('INVALID_RESPONSE');
    expect(codeOf(() => parse([chunked, '0\r\n', `X: ${'t'.repeat(MAX_HEAD_BYTES)}`]))).toBe(
      'INVALID_RESPONSE',
    );
  });

  it('reports a response cut short by the end of the connection', () => {
    expect(codeOf(() => parse(['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel'], { finish: true }))).toBe(
      'TRUNCATED',
    );
    expect(
      codeOf(() =>
        parse(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel'], { finish: true }),
      ),
    ).toBe('TRUNCATED');
    expect(codeOf(() => parse(['HTTP/1.1 200'], { finish: true }))).toBe('TRUNCATED');
    expect(codeOf(() => parse([], { finish: true }))).toBe('TRUNCATED');
  });

  it('knows whether any byte of a response came', () => {
    const parser = new Http1ResponseParser('GET', {
      head: () => undefined,
      data: () => undefined,
      end: () => undefined,
    });
    expect(parser.started).toBe(false);
    parser.push(Buffer.from('HTTP/1.1 2'));
    expect(parser.started).toBe(true);
    expect(parser.complete).toBe(false);
  });
});
