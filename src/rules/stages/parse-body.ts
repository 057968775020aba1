// Stage 6: the body as JSON. Only operations with a request body take one; it must be uncompressed
// UTF-8 application/json (415 otherwise), decoded strictly (invalid UTF-8 is an error, not a silent
// U+FFFD) and parsed once. The raw bytes stay untouched for the signature, checked before this.
import type { Stage } from '../judging.js';
import { problem } from '../problems.js';
import { headerOf } from '../raw-request.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** 'application/json' and its parameters, lower-cased; null without a Content-Type. */
function mediaType(value: string | undefined): { type: string; charset: string | undefined } | null {
  if (value === undefined) return null;
  const [type = '', ...params] = value.split(';');
  const charset = params
    .map((p) => p.trim().split('='))
    .find(([name]) => name?.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  return { type: type.trim().toLowerCase(), charset };
}

const noBody = (detail: string) =>
  problem('validation_failed', detail, { extras: { errors: [{ location: 'body', pointer: '', message: detail, code: 'unexpected_body' }] } });

export const parseBodyStage: Stage = {
  name: 'parse-body',
  needsBody: true,
  run(j) {
    const spec = j.op?.requestBody;
    const body = j.raw.body;
    if (!spec) {
      // A body the operation ignores is a client bug that would otherwise pass silently.
      return body.length > 0 ? noBody(`${j.op?.operationId ?? 'This operation'} takes no body, but ${body.length} bytes were sent; send none.`) : undefined;
    }
    if (body.length === 0) {
      if (!spec.required) return undefined;
      return problem('validation_failed', 'This operation needs a JSON body.', {
        extras: { errors: [{ location: 'body', pointer: '', message: 'A JSON body is required', code: 'required' }] },
      });
    }
    const encoding = headerOf(j.raw, 'content-encoding')?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
      return problem('unsupported_media_type', `Send the body uncompressed (no Content-Encoding); got Content-Encoding: ${encoding}.`);
    }
    const contentType = headerOf(j.raw, 'content-type');
    const media = mediaType(contentType);
    if (media?.type !== 'application/json') {
      return problem('unsupported_media_type', `Send the body as application/json; got ${contentType ?? 'no Content-Type'}.`);
    }
    if (media.charset !== undefined && media.charset !== 'utf-8' && media.charset !== 'utf8') {
      return problem('unsupported_media_type', `Send the body as UTF-8 JSON (charset=utf-8 or no charset); got charset=${media.charset}.`);
    }
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return problem('malformed_json', 'The body is not valid UTF-8. Encode the JSON text as UTF-8.');
    }
    try {
      j.json = JSON.parse(text) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return problem('malformed_json', `The body is not valid JSON (${reason}).`);
    }
    return undefined;
  },
};
