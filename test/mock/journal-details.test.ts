// The journal redacts an entry's query, headers and bodies before it stores the entry: a secret
// never sits unredacted in the journal, not even until someone reads it (issue 16).
import { describe, expect, it, vi } from 'vitest';
import { createJournal } from '../../src/mock/http/journal.js';

const meta = { at: '2026-01-05T12:00:00.000Z', requestId: 'req_1', method: 'GET', path: '/v1/agent/market', operationId: 'getMarket', agentId: null, status: 200, code: null, durationMs: 1 };

describe('journal details', () => {
  it('are computed when the entry is added, once, and stored as plain fields', () => {
    const journal = createJournal(10);
    const details = vi.fn(() => ({ query: 'q=[redacted]', requestHeaders: { host: 'x' }, requestBody: '', responseBody: '{}' }));
    journal.add(meta, details);
    journal.add(meta, details);
    expect(details).toHaveBeenCalledTimes(2);
    const [first] = journal.list({ limit: 2 });
    expect(JSON.parse(JSON.stringify(first))).toMatchObject({ seq: 1, path: '/v1/agent/market', query: 'q=[redacted]', responseBody: '{}' });
    expect(first!.requestHeaders).toEqual({ host: 'x' });
    expect(Object.getOwnPropertyDescriptor(first, 'requestBody')?.get).toBeUndefined();
    JSON.stringify(journal.list());
    expect(details).toHaveBeenCalledTimes(2);
  });
});
