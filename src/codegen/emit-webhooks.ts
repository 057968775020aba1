// webhooks.ts: each entry of the spec's top-level `webhooks` map with its payload schema.
import type { oas31 } from 'openapi3-ts';
import { block, str } from './code.js';
import { moduleContexts, type ComponentNames } from './context.js';
import { CodegenError } from './errors.js';
import { importLines } from './imports.js';
import { operationsOf, parameterRefs } from './operation-common.js';
import { locationShape, paramEntries } from './zod-params.js';
import { singleContent } from './bodies.js';
import { child, deref } from './pointer.js';
import { schemaToZod } from './schema-to-zod.js';

export function emitWebhooks(doc: oas31.OpenAPIObject, names: ComponentNames, runtimeImport: string): string {
  const contexts = moduleContexts(doc, names);
  const entries: string[] = [];
  for (const [event, item] of Object.entries(doc.webhooks ?? {})) {
    const pointer = child('#/webhooks', event);
    const ops = operationsOf(item, pointer, doc);
    const [at] = ops;
    if (!at || ops.length > 1) throw new CodegenError('a webhook must have exactly one operation', pointer);
    let contentType = 'null';
    let schema = 'null';
    if (at.op.requestBody !== undefined) {
      const { value: body, pointer: bodyAt } = deref(doc, at.op.requestBody, child(at.pointer, 'requestBody'));
      const media = singleContent(body.content, child(bodyAt, 'content'));
      if (media) {
        contentType = str(media.contentType);
        if (media.media.schema === undefined) throw new CodegenError('a webhook payload needs a schema', media.pointer);
        // Response form: the exchange sends this, so server-owned (readOnly) fields are present.
        schema = schemaToZod(media.media.schema, child(media.pointer, 'schema'), contexts.make('response'));
      }
    }
    const params = paramEntries(parameterRefs(at), contexts.make('request'));
    const notHeader = params.find((p) => p.location !== 'header');
    if (notHeader) throw new CodegenError('webhooks only support header parameters', notHeader.pointer);
    const id = at.op.operationId;
    const fields = [
      `event: ${str(event)}`,
      `method: ${str(at.method)}`,
      `operationId: ${typeof id === 'string' ? str(id) : 'null'}`,
      `contentType: ${contentType}`,
      `schema: ${schema}`,
      `headers: ${locationShape(params, 'header')}`,
    ];
    entries.push(`${str(event)}: ${block('{', fields, '}')}`);
  }
  const imports = importLines({
    runtimeImport,
    runtimeValues: contexts.runtime,
    runtimeTypes: ['WebhookDef'],
    schemas: contexts.usesSchemas(),
  });
  return [
    imports,
    `export const webhookEvents = ${block('{', entries, '}')} as const satisfies Record<string, WebhookDef>;`,
    'export type WebhookEvent = keyof typeof webhookEvents;',
    `/** Every webhook, in spec order. */\nexport const webhookList: readonly WebhookDef[] = Object.values(webhookEvents);`,
  ].join('\n\n');
}
