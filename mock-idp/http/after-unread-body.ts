/**
 * @module Lingering close for early refusals. A request refused from its head (415, 413, 401, ...) may
 * still be sending its body; answering and closing at once leaves those bytes unread, and the kernel
 * then resets the connection, which can wipe out the answer before the client reads it (a client sees
 * "connection reset" instead of the 4xx). So the answer waits until the body has arrived and been
 * discarded, within a size and time bound: beyond either, it is sent at once, as before.
 */
import type { IncomingMessage } from 'node:http';

/** Bodies up to this size are read and discarded before an early answer. */
export const LINGER_MAX_BYTES = 8 * 1024 * 1024;
/** Never wait longer than this for the rest of a body. */
export const LINGER_MAX_MS = 2000;

export function afterUnreadBody(req: IncomingMessage, send: () => void): void {
  if (req.complete || req.readableEnded || !expectsBody(req)) return send();
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > LINGER_MAX_BYTES) return send();
  let received = 0;
  let sent = false;
  const finish = (): void => {
    if (sent) return;
    sent = true;
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', finish);
    req.off('error', finish);
    req.off('close', finish);
    send();
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > LINGER_MAX_BYTES) finish();
  };
  const timer = setTimeout(finish, LINGER_MAX_MS);
  timer.unref();
  req.on('data', onData);
  req.on('end', finish);
  req.on('error', finish);
  req.on('close', finish);
  req.resume();
}

function expectsBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}
