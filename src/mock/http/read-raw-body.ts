// Reads the body as raw bytes (capped at the body limit). The HMAC is computed over exactly these
// bytes, so nothing may parse or re-encode them before authentication.
//
// A body over the cap is refused at once, with `Connection: close`: when Content-Length already
// says so, before a byte of it is read; otherwise as soon as the cap is crossed. (express.raw
// answered only after reading, and discarding, the whole body, so a client that announced 50 MiB
// and sent a little of it, or an endless chunked body, never got its 413.)
import type { Request, Response } from 'express';
import { payloadTooLarge } from '../../rules/stages/body-size.js';
import { HttpProblem } from '../../rules/problems.js';

const EMPTY = Buffer.alloc(0);

function incomplete(): HttpProblem {
  return new HttpProblem('validation_failed', 'The body ended before its Content-Length; send the whole body.', {
    extras: { errors: [{ location: 'body', pointer: '', message: 'Incomplete body', code: 'incomplete' }] },
  });
}

export function readRawBody(req: Request, res: Response, limit: number, done: (error: HttpProblem | null, body: Buffer) => void): void {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return done(null, EMPTY);
  const refuse = (error: HttpProblem): void => {
    res.setHeader('Connection', 'close');
    done(error, EMPTY);
  };
  const length = declared === undefined ? null : Number(declared);
  if (length !== null && length > limit) return refuse(HttpProblem.from(payloadTooLarge(limit)));
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (error?: HttpProblem): void => {
    if (finished) return;
    finished = true;
    req.off('data', onData).off('end', onEnd).off('error', onAborted).off('close', onClose);
    if (error) return refuse(error);
    done(null, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > limit) finish(HttpProblem.from(payloadTooLarge(limit)));
    else chunks.push(chunk);
  };
  const onEnd = (): void => finish(length !== null && received !== length ? incomplete() : undefined);
  const onAborted = (): void => finish(incomplete());
  const onClose = (): void => {
    if (!req.complete) onAborted();
  };
  req.on('data', onData).on('end', onEnd).on('error', onAborted).on('close', onClose);
}
