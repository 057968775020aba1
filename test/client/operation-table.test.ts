// The typed client is checked against the generated operation table: one method per operation,
// method and path from the table, answers typed by the operation's success schemas. The expected
// type errors below are verified by `npm run typecheck` (tsc fails if they stop erroring).
import { describe, expect, it } from 'vitest';
import { createAgentClient, METHOD_OF_OPERATION, type OperationMethods } from '../../src/client/agent-client.js';
import { operationList } from '../../src/generated/operations.js';

describe('the typed client and the operation table', () => {
  it('has a method for every operation of the spec, and nothing else besides send', () => {
    const client = createAgentClient({ baseUrl: 'http://127.0.0.1:1/v1/agent' });
    expect(Object.keys(METHOD_OF_OPERATION).sort()).toEqual(operationList.map((op) => op.operationId).sort());
    expect(Object.keys(client).sort()).toEqual(['send', ...Object.values(METHOD_OF_OPERATION)].sort());
  });

  it('does not compile without a method for each operation, or with a method answering another type', () => {
    const answer = <T>(json: T) => Promise.resolve({ json } as never as import('../../src/client/agent-client.js').ApiResponse<T>);
    // @ts-expect-error: getMe (`me`) is missing
    const missing: Pick<OperationMethods, 'me' | 'market'> = { market: () => answer({ data: [] }) };
    // @ts-expect-error: `me` must answer the getMe body, not the market list
    const wrong: Pick<OperationMethods, 'me'> = { me: () => answer({ data: [] }) };
    expect([missing, wrong]).toHaveLength(2);
  });
});
