// A minimal Server-Sent Events reader for tests: collects events from a fetch() stream and waits
// for one that matches, with the test's own time-out as the only bound.
export interface SseEvent {
  type: string;
  data: unknown;
}

export interface SseConnection {
  status: number;
  headers: Headers;
  events: SseEvent[];
  /** Resolves with the first event (already received or still to come) that matches. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event payloads are JSON the test inspects freely
  next(type: string, match?: (data: any) => boolean): Promise<any>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string): Promise<SseConnection> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  const events: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  let done = false;
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data !== undefined) events.push({ type, data: JSON.parse(data) });
          for (const wake of waiters.splice(0)) wake();
        }
      }
    } catch {
      // aborted by close()
    }
    done = true;
    for (const wake of waiters.splice(0)) wake();
  })();
  return {
    status: res.status,
    headers: res.headers,
    events,
    async next(type, match = () => true) {
      for (;;) {
        const found = events.find((e) => e.type === type && match(e.data));
        if (found) return found.data;
        if (done) throw new Error(`stream ended without a '${type}' event; got ${events.map((e) => e.type).join(', ')}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    ended,
    close: () => abort.abort(),
  };
}
