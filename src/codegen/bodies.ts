// Request bodies and responses of an operation (or webhook) -> code for their OperationDef parts.
import { block, list, propKey, str } from './code.js';
import type { EmitContext } from './context.js';
import { CodegenError } from './errors.js';
import { isAnnotation } from './keywords.js';
import { child, deref, isRecord } from './pointer.js';
import { schemaToZod } from './schema-to-zod.js';

function checkKeys(obj: Record<string, unknown>, allowed: string[], what: string, pointer: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key) && !isAnnotation(key)) {
      throw new CodegenError(`unsupported ${what} keyword "${key}"`, pointer);
    }
  }
}

/**
 * The single media type of a `content` map, or null without content. Several media types
 * would need content negotiation the OperationDef shape cannot describe, so they fail loudly.
 */
export function singleContent(
  content: unknown,
  pointer: string,
): { contentType: string; media: Record<string, unknown>; pointer: string } | null {
  if (content === undefined) return null;
  if (!isRecord(content)) throw new CodegenError('"content" must be an object', pointer);
  const entries = Object.entries(content);
  if (entries.length === 0) return null;
  if (entries.length > 1) {
    throw new CodegenError(`several media types (${Object.keys(content).join(', ')}) are not supported`, pointer);
  }
  const [contentType, media] = entries[0] as [string, unknown];
  const at = child(pointer, contentType);
  if (!isRecord(media)) throw new CodegenError('a media type must be an object', at);
  checkKeys(media, ['schema', 'example', 'examples'], 'media type', at);
  return { contentType, media, pointer: at };
}

function mediaSchema(media: { media: Record<string, unknown>; pointer: string }, ctx: EmitContext): string | null {
  if (media.media.schema === undefined) return null;
  return schemaToZod(media.media.schema, child(media.pointer, 'schema'), ctx);
}

export function requestBodyCode(raw: unknown, pointer: string, ctx: EmitContext): string {
  if (raw === undefined) return 'null';
  const { value: body, pointer: at } = deref(ctx.doc, raw, pointer);
  checkKeys(body, ['content', 'required', 'description'], 'requestBody', at);
  const media = singleContent(body.content, child(at, 'content'));
  if (!media) throw new CodegenError('a request body needs a media type', at);
  const schema = mediaSchema(media, ctx);
  // An absent schema means "anything", which would be a silent z.any(): make it explicit.
  if (schema === null) throw new CodegenError('a request body media type needs a schema', media.pointer);
  return block(
    '{',
    [`contentType: ${str(media.contentType)}`, `required: ${body.required === true}`, `schema: ${schema}`],
    '}',
  );
}

function headerNames(headers: unknown, pointer: string, doc: unknown): { all: string[]; required: string[] } {
  const all: string[] = [];
  const required: string[] = [];
  if (headers === undefined) return { all, required };
  if (!isRecord(headers)) throw new CodegenError('"headers" must be an object', pointer);
  for (const [name, raw] of Object.entries(headers)) {
    const { value: header } = deref(doc, raw, child(pointer, name));
    const lower = name.toLowerCase();
    all.push(lower);
    if (header.required === true) required.push(lower);
  }
  return { all, required };
}

/** `ctx` is a response-mode context shared by all responses of the operation. */
export function responsesCode(responses: unknown, pointer: string, ctx: EmitContext): string {
  const doc = ctx.doc;
  if (!isRecord(responses) || Object.keys(responses).length === 0) {
    throw new CodegenError('an operation needs at least one response', pointer);
  }
  const entries = Object.entries(responses).map(([status, raw]) => {
    if (!/^([1-5]([0-9]{2}|XX)|default)$/.test(status)) {
      throw new CodegenError(`invalid response key "${status}"`, child(pointer, status));
    }
    const { value: res, pointer: at } = deref(doc, raw, child(pointer, status));
    checkKeys(res, ['description', 'headers', 'content', 'links'], 'response', at);
    if (typeof res.description !== 'string') throw new CodegenError('a response needs a description', at);
    const media = singleContent(res.content, child(at, 'content'));
    const schema = media ? mediaSchema(media, ctx) : null;
    const headers = headerNames(res.headers, child(at, 'headers'), doc);
    const fields = [
      `description: ${str(res.description)}`,
      `contentType: ${media ? str(media.contentType) : 'null'}`,
      `schema: ${schema ?? 'null'}`,
      `headers: ${list('[', headers.all.map(str), ']')}`,
      `requiredHeaders: ${list('[', headers.required.map(str), ']')}`,
    ];
    return `${propKey(status)}: ${block('{', fields, '}')}`;
  });
  return block('{', entries, '}');
}
