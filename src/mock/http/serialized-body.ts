// A body serialised once and answered many times (GET /market's snapshots) carries its JSON text,
// so respond() sends that text instead of stringifying the object again. The text is keyed by the
// body object itself: a handler wrapper that builds a new body (a seeded defect) has it
// stringified afresh, and kept bodies are frozen, so none can change under its text.
const texts = new WeakMap<object, string>();

/** Registers `text` as the exact JSON.stringify(body) of a frozen body; returns the body. */
export function withJsonText<T extends object>(body: T, text: string): T {
  texts.set(body, text);
  return body;
}

/** JSON.stringify(body), from the registered text when there is one. */
export function jsonText(body: unknown): string {
  const kept = typeof body === 'object' && body !== null ? texts.get(body) : undefined;
  return kept ?? JSON.stringify(body);
}
