// Stage 2: read the body as raw bytes (capped at 1 MiB). The HMAC is computed over exactly
// these bytes, so nothing may parse or re-encode them before authentication.
//
// A body over the cap is refused at once, with `Connection: close`: when Content-Length already
// says so, before a byte of it is read; otherwise as soon as the cap is crossed. (express.raw
// answered only after reading, and discarding, the whole body, so a client that announced 50 MiB
// and sent a little of it, or an endless chunked body, never got its 413.) The errors carry the
// body-parser `type`s the error handler maps.
import type { RequestHandler } from 'express';
import type { MockContext } from './mock-context.js';
import { requestState } from './request-state.js';

const EMPTY = Buffer.alloc(0);

function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type });
}

export function readRawBody(ctx: MockContext, limit = ctx.options.bodyLimit): RequestHandler[] {
  return [
    (req, res, next) => {
      const state = requestState(res);
      const declared = req.headers['content-length'];
      if (declared === undefined && req.headers['transfer-encoding'] === undefined) {
        state.rawBody = EMPTY;
        return next();
      }
      const refuse = (error: Error): void => {
        res.setHeader('Connection', 'close');
        next(error);
      };
      // A compressed body is read as sent (the signature covers those bytes) and refused with 415
      // by parseBody, after authentication, so the answer carries the agent's rate-limit headers.
      const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity') state.contentEncoding = encoding;
      const length = declared === undefined ? null : Number(declared);
      const tooLarge = () => bodyError(413, 'entity.too.large', 'request entity too large');
      if (length !== null && length > limit) return refuse(tooLarge());
      const chunks: Buffer[] = [];
      let received = 0;
      let done = false;
      const finish = (error?: Error): void => {
        if (done) return;
        done = true;
        req.off('data', onData).off('end', onEnd).off('error', onAborted).off('close', onClose);
        if (error) return refuse(error);
        state.rawBody = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
        next();
      };
      const onData = (chunk: Buffer): void => {
        received += chunk.length;
        if (received > limit) finish(tooLarge());
        else chunks.push(chunk);
      };
      const onEnd = (): void =>
        finish(length !== null && received !== length ? bodyError(400, 'request.size.invalid', 'request size did not match content length') : undefined);
      const onAborted = (): void => finish(bodyError(400, 'request.aborted', 'request aborted'));
      const onClose = (): void => {
        if (!req.complete) onAborted();
      };
      req.on('data', onData).on('end', onEnd).on('error', onAborted).on('close', onClose);
    },
  ];
}
