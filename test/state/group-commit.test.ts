// The write-ahead stage commits once per event-loop turn for every answer that waits on a write
// (group commit), and never lets an answer out before the write it may show: these drive the
// stage with stand-in responses, so what is held and when is exact (no server, no timing).
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { commitBeforeResponse } from '../../src/mock/state/persist/commit-stage.js';
import type { Persistence } from '../../src/mock/state/persist/persistence.js';

function fakePersistence(fail?: Error) {
  const events: string[] = [];
  let pending = false;
  const persistence = {
    file: 'test.db',
    mustCommit: () => pending,
    flush: () => {
      events.push('flush');
      if (fail) throw fail;
      pending = false;
    },
  } as unknown as Persistence;
  return { persistence, events, change: () => (pending = true) };
}

function fakeResponse(name: string, events: string[]) {
  const headers: Record<string, unknown> = {};
  const res = {
    headersSent: false,
    statusCode: 201,
    locals: { nx: { requestId: `req_${name}` } },
    body: undefined as unknown,
    setHeader: (key: string, value: unknown) => void (headers[key.toLowerCase()] = value),
    headers,
    end(...args: unknown[]) {
      res.headersSent = true;
      res.body = args[0];
      events.push(`end ${name}`);
      return res;
    },
  };
  return res;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

function through(stage: ReturnType<typeof commitBeforeResponse>, res: ReturnType<typeof fakeResponse>): void {
  stage({} as Request, res as unknown as Response, () => undefined);
}

describe('commitBeforeResponse (group commit)', () => {
  it('holds every answer of a turn while a change waits, commits once, then sends them in order', async () => {
    const { persistence, events, change } = fakePersistence();
    const stage = commitBeforeResponse(persistence, () => undefined);
    const answers = ['a', 'b', 'c'].map((name) => fakeResponse(name, events));
    for (const res of answers) {
      through(stage, res);
      change();
      res.end('{}');
    }
    expect(events).toEqual([]);
    await turn();
    expect(events).toEqual(['flush', 'end a', 'end b', 'end c']);
  });

  it('sends at once when nothing waits to be written, and holds a read behind a waiting change', async () => {
    const { persistence, events, change } = fakePersistence();
    const stage = commitBeforeResponse(persistence, () => undefined);
    const [read, order, laterRead] = ['read', 'order', 'later'].map((name) => fakeResponse(name, events)) as [ReturnType<typeof fakeResponse>, ReturnType<typeof fakeResponse>, ReturnType<typeof fakeResponse>];
    for (const res of [read, order, laterRead]) through(stage, res);
    read.end('{}');
    expect(events).toEqual(['end read']);
    change();
    order.end('{}');
    laterRead.end('{}'); // it may show the order: it waits for the same commit
    expect(events).toEqual(['end read']);
    await turn();
    expect(events).toEqual(['end read', 'flush', 'end order', 'end later']);
  });

  it('turns every held answer into a 503 problem when the commit fails', async () => {
    const { persistence, events, change } = fakePersistence(new Error('disk full (test)'));
    const logged: string[] = [];
    const stage = commitBeforeResponse(persistence, (line) => logged.push(line));
    const answers = ['a', 'b'].map((name) => fakeResponse(name, events));
    for (const res of answers) {
      through(stage, res);
      change();
      res.end('{"orderId":"ord_1"}');
    }
    await turn();
    expect(events).toEqual(['flush', 'end a', 'end b']);
    for (const res of answers) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(String(res.body))).toMatchObject({ code: 'service_unavailable', status: 503 });
    }
    expect(JSON.parse(String(answers[1]?.body)).requestId).toBe('req_b');
    expect(logged.join('\n')).toMatch(/2 answer\(s\) turned into 503: disk full \(test\)/);
  });
});
