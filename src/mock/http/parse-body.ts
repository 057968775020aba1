// Stage 6: turn the raw bytes into JSON. The raw bytes were kept for the signature check; here
// they are decoded strictly (invalid UTF-8 is an error, not a silent U+FFFD) and parsed once.
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';
import { requestState } from './request-state.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const mediaType = value.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

export function parseBody(): RequestHandler {
  return (req, res, next) => {
    const state = requestState(res);
    const spec = state.op?.requestBody;
    if (!spec) return next();
    if (state.rawBody.length === 0) {
      if (spec.required) {
        throw new HttpProblem('validation_failed', 'This operation needs a JSON body.', {
          extras: { errors: [{ location: 'body', pointer: '', message: 'A JSON body is required', code: 'required' }] },
        });
      }
      return next();
    }
    if (state.contentEncoding !== undefined) {
      throw new HttpProblem('unsupported_media_type', `Send the body uncompressed (no Content-Encoding); got Content-Encoding: ${state.contentEncoding}.`);
    }
    const contentType = req.headers['content-type'];
    if (!isJsonContentType(contentType)) {
      throw new HttpProblem('unsupported_media_type', `Send the body as application/json; got ${contentType ?? 'no Content-Type'}.`);
    }
    let text: string;
    try {
      text = utf8.decode(state.rawBody);
    } catch {
      throw new HttpProblem('malformed_json', 'The body is not valid UTF-8. Encode the JSON text as UTF-8.');
    }
    try {
      state.body = JSON.parse(text) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new HttpProblem('malformed_json', `The body is not valid JSON (${reason}).`);
    }
    next();
  };
}
