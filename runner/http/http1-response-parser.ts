/**
 * @module An HTTP/1.1 response parser (RFC 9112) for the harness's plain-HTTP client (http1-client.ts):
 * fed the bytes of one connection as they arrive, it reports the response head, the body's bytes
 * (chunked transfer coding removed) and the response's end, and whether the connection may carry
 * another request. Interim 1xx responses are skipped, as a browser skips them.
 *
 * Everything it is given is untrusted: the head has a size limit (node's own 16 KiB), chunk-size lines
 * and trailers are bounded, and anything that is not a well-formed response (a bad status line or
 * field, conflicting Content-Length values, a bad chunk size, bytes after the response) is an
 * Http1ProtocolError, never a guess. The body's size limit is the caller's (it counts what it is given).
 */

/** What node:http allows by default (--max-http-header-size), so a response it took is taken here too. */
export const MAX_HEAD_BYTES = 16 * 1024;
const MAX_CHUNK_LINE_BYTES = 4096;

export class Http1ProtocolError extends Error {
  constructor(
    readonly code: 'HEADERS_TOO_LARGE' | 'INVALID_RESPONSE' | 'TRUNCATED',
    message: string,
  ) {
    super(message);
    this.name = 'Http1ProtocolError';
  }
}

export interface ResponseHead {
  status: number;
  /** Field names as sent and values without surrounding whitespace, in order: name, value, name, value... */
  rawHeaders: string[];
  /** The connection can carry another request once this response's body has ended. */
  keepAlive: boolean;
  /** The server's Keep-Alive timeout hint in seconds, when it gave one. */
  keepAliveSeconds?: number | undefined;
}

export interface ParserEvents {
  head(head: ResponseHead): void;
  data(chunk: Buffer): void;
  end(): void;
}

type BodyState =
  | { kind: 'length'; remaining: number }
  | { kind: 'close' }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-crlf' }
  | { kind: 'trailers' };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: [^\r\n]*)?$/;
const HEX = /^[0-9A-Fa-f]{1,12}$/;
const EMPTY = Buffer.alloc(0);

export class Http1ResponseParser {
  /** Bytes not consumed yet: a head, chunk-size line or trailer still arriving. */
  private pending: Buffer = EMPTY;
  private body: BodyState | undefined;
  private done = false;

  constructor(
    /** HEAD's response has no body whatever its fields say. */
    private readonly method: string,
    private readonly events: ParserEvents,
  ) {}

  /** The response has ended (its end event was given). */
  get complete(): boolean {
    return this.done;
  }

  /** Whether any byte of a response has arrived. */
  get started(): boolean {
    return this.body !== undefined || this.pending.length > 0 || this.done;
  }

  /** Takes the next bytes of the connection. Throws Http1ProtocolError. */
  push(chunk: Buffer): void {
    if (this.done) {
      if (chunk.length > 0)
        throw new Http1ProtocolError('INVALID_RESPONSE', 'data after the end of the response');
      return;
    }
    let input = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    while (input.length > 0 && !this.done) input = this.step(input);
    if (this.done && input.length > 0)
      throw new Http1ProtocolError('INVALID_RESPONSE', 'data after the end of the response');
  }

  /** The connection ended (the server closed it). Throws Http1ProtocolError when that cut the response short. */
  finish(): void {
    if (this.done) return;
    if (this.body?.kind === 'close') {
      this.done = true;
      this.events.end();
      return;
    }
    throw new Http1ProtocolError('TRUNCATED', 'the connection closed before the response ended');
  }

  /** Consumes what it can of `input`; returns the rest (kept in `pending` when more bytes are needed). */
  private step(input: Buffer): Buffer {
    const state = this.body;
    if (state === undefined) return this.readHead(input);
    switch (state.kind) {
      case 'close':
        this.events.data(input);
        return EMPTY;
      case 'length':
      case 'chunk-data': {
        const take = Math.min(state.remaining, input.length);
        if (take > 0) this.events.data(input.subarray(0, take));
        state.remaining -= take;
        if (state.remaining === 0) {
          if (state.kind === 'length') this.end();
          else this.body = { kind: 'chunk-crlf' };
        }
        return input.subarray(take);
      }
      case 'chunk-crlf':
        return this.readLine(input, MAX_CHUNK_LINE_BYTES, (line, rest) => {
          if (line !== '') throw new Http1ProtocolError('INVALID_RESPONSE', 'no line break after a chunk');
          this.body = { kind: 'chunk-size' };
          return rest;
        });
      case 'chunk-size':
        return this.readLine(input, MAX_CHUNK_LINE_BYTES, (line, rest) => {
          // chunk-size [ chunk-ext ]: the extensions mean nothing to this client.
          const size = line.split(';', 1)[0]!.trim();
          if (!HEX.test(size)) throw new Http1ProtocolError('INVALID_RESPONSE', 'invalid chunk size');
          const remaining = Number.parseInt(size, 16);
          this.body = remaining === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', remaining };
          return rest;
        });
      case 'trailers':
        return this.readLine(input, MAX_HEAD_BYTES, (line, rest) => {
          // Trailer fields are read past (nothing here uses them); the empty line ends the message.
          if (line === '') this.end();
          return rest;
        });
    }
  }

  /** One line (CRLF, or a bare LF as node's parser also takes); waits in `pending` for the rest of it. */
  private readLine(input: Buffer, limit: number, then: (line: string, rest: Buffer) => Buffer): Buffer {
    const lf = input.indexOf(10);
    if (lf < 0) {
      if (input.length > limit) throw new Http1ProtocolError('INVALID_RESPONSE', 'line too long');
      this.pending = input;
      return EMPTY;
    }
    const end = lf > 0 && input[lf - 1] === 13 ? lf - 1 : lf;
    return then(input.toString('latin1', 0, end), input.subarray(lf + 1));
  }

  private readHead(input: Buffer): Buffer {
    const end = headEnd(input);
    if (end === undefined) {
      if (input.length > MAX_HEAD_BYTES)
        throw new Http1ProtocolError('HEADERS_TOO_LARGE', `response head over ${MAX_HEAD_BYTES} bytes`);
      this.pending = input;
      return EMPTY;
    }
    if (end.headLength > MAX_HEAD_BYTES)
      throw new Http1ProtocolError('HEADERS_TOO_LARGE', `response head over ${MAX_HEAD_BYTES} bytes`);
    const text = input.toString('latin1', 0, end.headLength);
    const rest = input.subarray(end.bodyStart);
    const firstBreak = text.indexOf('\n');
    const status = STATUS_LINE.exec(withoutCr(firstBreak < 0 ? text : text.slice(0, firstBreak)));
    if (!status) throw new Http1ProtocolError('INVALID_RESPONSE', 'invalid status line');
    const code = Number(status[2]);
    const minor = Number(status[1]);
    const fields = parseFields(text, firstBreak);
    // Interim responses (100 Continue, 103 Early Hints) precede the real one; 101 would switch protocols.
    if (code < 200) {
      if (code === 101) throw new Http1ProtocolError('INVALID_RESPONSE', 'unexpected protocol switch');
      return rest;
    }
    const tokens = fields.connection
      .toLowerCase()
      .split(',')
      .map((t) => t.trim());
    let keepAlive = minor === 1 ? !tokens.includes('close') : tokens.includes('keep-alive');
    const hint = fields.keepAlive ? /(?:^|[\s,])timeout=(\d+)/i.exec(fields.keepAlive) : null;
    const keepAliveSeconds = hint ? Number(hint[1]) : undefined;
    const framing = this.framing(code, fields);
    if (framing.kind === 'close') keepAlive = false;
    this.events.head({ status: code, rawHeaders: fields.raw, keepAlive, keepAliveSeconds });
    if (framing.kind === 'none' || (framing.kind === 'length' && framing.remaining === 0)) {
      this.end();
      return rest;
    }
    this.body = framing.kind === 'chunked' ? { kind: 'chunk-size' } : framing;
    return rest;
  }

  /** How the body is delimited (RFC 9112 §6.3). */
  private framing(
    code: number,
    fields: HeadFields,
  ): { kind: 'none' } | { kind: 'chunked' } | { kind: 'length'; remaining: number } | { kind: 'close' } {
    if (this.method === 'HEAD' || code === 204 || code === 304) return { kind: 'none' };
    const { transferEncoding, contentLength } = fields;
    if (transferEncoding !== undefined) {
      const codings = transferEncoding.split(',').map((c) => c.trim().toLowerCase());
      // Chunked last: that framing; any other coding last: the body runs to the connection's end.
      return codings[codings.length - 1] === 'chunked' ? { kind: 'chunked' } : { kind: 'close' };
    }
    if (contentLength !== undefined) {
      const values = new Set(contentLength.split(',').map((v) => v.trim()));
      const [value] = values;
      if (values.size !== 1 || !/^\d{1,15}$/.test(value!))
        throw new Http1ProtocolError('INVALID_RESPONSE', 'invalid Content-Length');
      return { kind: 'length', remaining: Number(value) };
    }
    return { kind: 'close' };
  }

  private end(): void {
    this.body = undefined;
    this.done = true;
    this.events.end();
  }
}

/** Where the head ends (its last line break excluded) and the body starts; undefined while it is incomplete. */
function headEnd(input: Buffer): { headLength: number; bodyStart: number } | undefined {
  let from = 0;
  for (;;) {
    const lf = input.indexOf(10, from);
    if (lf < 0) return undefined;
    // An empty line: LF (CR) LF right after the previous line's LF.
    const next = input[lf + 1] === 13 ? lf + 2 : lf + 1;
    if (next >= input.length) return undefined;
    if (input[next] === 10) {
      const headLength = lf > 0 && input[lf - 1] === 13 ? lf - 1 : lf;
      return { headLength, bodyStart: next + 1 };
    }
    from = lf + 1;
  }
}

/** The head's fields: all of them as received, and the ones that frame the body and the connection, joined. */
interface HeadFields {
  raw: string[];
  connection: string;
  keepAlive: string;
  transferEncoding: string | undefined;
  contentLength: string | undefined;
}

/** The fields that frame the body and the connection, by lowercase name: a map, so no other name can match. */
const FRAMING_FIELDS = new Map<string, 'connection' | 'keepAlive' | 'transferEncoding' | 'contentLength'>([
  ['connection', 'connection'],
  ['keep-alive', 'keepAlive'],
  ['transfer-encoding', 'transferEncoding'],
  ['content-length', 'contentLength'],
]);

/**
 * The field lines after `from` (the status line's line break) as name, value pairs, values without the
 * spaces and tabs around them. Folded lines (obs-fold) and names that are not tokens are refused.
 */
function parseFields(text: string, from: number): HeadFields {
  const fields: HeadFields = {
    raw: [],
    connection: '',
    keepAlive: '',
    transferEncoding: undefined,
    contentLength: undefined,
  };
  const join = (joined: string | undefined, value: string): string =>
    joined === undefined || joined === '' ? value : `${joined},${value}`;
  let at = from;
  while (at >= 0 && at < text.length) {
    const next = text.indexOf('\n', at + 1);
    const line = withoutCr(text.slice(at + 1, next < 0 ? text.length : next));
    at = next;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) throw new Http1ProtocolError('INVALID_RESPONSE', 'invalid header field');
    const value = trimOws(line, colon + 1);
    fields.raw.push(name, value);
    const framing = FRAMING_FIELDS.get(name.toLowerCase());
    if (framing) fields[framing] = join(fields[framing], value);
  }
  return fields;
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** line.slice(from) without the spaces and tabs (only those: RFC 9110's OWS) at either end. */
function trimOws(line: string, from: number): string {
  let start = from;
  let end = line.length;
  while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  while (end > start && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return line.slice(start, end);
}
