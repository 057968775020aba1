// The event hub behind /__nx/events, with fake responses and fake timers: batching, the idle
// fast path, overflow, slow clients, the stats heartbeat and shutdown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import { createEventHub } from '../../src/mock/ui/event-hub.js';
import type { JournalEntry } from '../../src/mock/http/journal.js';

class FakeResponse extends EventEmitter {
  chunks: string[] = [];
  writableLength = 0;
  writableEnded = false;
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.writableEnded = true;
    this.emit('close');
  }
  get text(): string {
    return this.chunks.join('');
  }
  events(type: string): unknown[] {
    const out: unknown[] = [];
    for (const block of this.text.split('\n\n')) {
      const m = /^event: (\S+)\ndata: (.*)$/s.exec(block);
      if (m && m[1] === type) out.push(JSON.parse(m[2] as string));
    }
    return out;
  }
}

const res = () => new FakeResponse() as FakeResponse & ServerResponse;

const entry = (seq: number, status = 200): JournalEntry => ({
  seq,
  at: '2026-01-05T12:00:00.000Z',
  requestId: `req_${seq}`,
  method: 'GET',
  path: '/v1/agent/me',
  query: '',
  operationId: 'getMe',
  agentId: 'agent_1',
  status,
  code: null,
  durationMs: 1,
  requestHeaders: { 'x-nx-key': 'nx_test_abcd…' },
  requestBody: '',
  responseBody: '{"agent":{}}',
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createEventHub', () => {
  it('greets a new client, then sends events in one batched write per flush', () => {
    const hub = createEventHub({ flushEveryMs: 100 });
    const client = res();
    expect(hub.open(client, { hello: 1 })).toBe(true);
    expect(client.events('hello')).toEqual([{ hello: 1 }]);
    const writes = client.chunks.length;
    hub.requestDone(entry(1));
    hub.publish('control', { operationId: 'moveClock' });
    expect(client.chunks.length).toBe(writes);
    vi.advanceTimersByTime(100);
    expect(client.chunks.length).toBe(writes + 1);
    // A summary only: headers and bodies stay in the journal.
    expect(client.events('request')).toEqual([
      { seq: 1, at: '2026-01-05T12:00:00.000Z', method: 'GET', path: '/v1/agent/me', operationId: 'getMe', agentId: 'agent_1', status: 200, code: null, durationMs: 1 },
    ]);
    expect(client.events('control')).toEqual([{ operationId: 'moveClock' }]);
  });

  it('does no work for a request while nobody listens beyond counting its status', () => {
    const hub = createEventHub();
    const read = new Set<string>();
    const spy = new Proxy(entry(1, 503), {
      get(target, key) {
        read.add(String(key));
        return target[key as keyof JournalEntry];
      },
    });
    hub.requestDone(spy);
    hub.publish('control', { get boom(): never { throw new Error('serialised with nobody listening'); } });
    expect([...read]).toEqual(['status']);
    expect(vi.getTimerCount()).toBe(0);
    expect(hub.stats()).toMatchObject({ requests: 1, errors: 1, streams: 0 });
  });

  it('replaces an overflowing batch by one lagged event counting everything dropped', () => {
    const hub = createEventHub({ maxQueued: 2 });
    const client = res();
    hub.open(client, {});
    for (let i = 1; i <= 5; i++) hub.requestDone(entry(i));
    vi.advanceTimersByTime(100);
    expect(client.events('request')).toEqual([]);
    expect(client.events('lagged')).toEqual([{ dropped: 5 }]);
    hub.requestDone(entry(6));
    vi.advanceTimersByTime(100);
    expect(client.events('request')).toHaveLength(1);
  });

  it('cuts off a client that leaves too much unread, and keeps serving the others', () => {
    const hub = createEventHub({ maxBufferedBytes: 10 });
    const slow = res();
    const fast = res();
    hub.open(slow, {});
    hub.open(fast, {});
    slow.writableLength = 11;
    hub.publish('control', { operationId: 'resetState' });
    vi.advanceTimersByTime(100);
    expect(slow.writableEnded).toBe(true);
    expect(fast.events('control')).toHaveLength(1);
    expect(hub.streams).toBe(1);
  });

  it('sends stats as a heartbeat while somebody listens, and stops when the last one leaves', () => {
    const hub = createEventHub({ statsEveryMs: 2_000 });
    const client = res();
    hub.open(client, {});
    vi.advanceTimersByTime(2_000 + 100);
    expect(client.events('stats')).toEqual([expect.objectContaining({ windowSeconds: 60, streams: 1 })]);
    client.end();
    expect(hub.streams).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses clients beyond maxClients, and all of them once closed', () => {
    const hub = createEventHub({ maxClients: 1 });
    const first = res();
    expect(hub.open(first, {})).toBe(true);
    expect(hub.accepting).toBe(false);
    expect(hub.open(res(), {})).toBe(false);
    hub.close();
    expect(first.writableEnded).toBe(true);
    expect(hub.open(res(), {})).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
