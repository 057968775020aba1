// Draining a server's keep-alive connections without resetting the clients on them. Closing an
// idle keep-alive connection races with the client reusing it: a request already on the wire
// meets a reset (ECONNRESET). So once draining starts every answer says `Connection: close` (the
// client then opens no further request on that connection, and Node closes it after the answer),
// and an idle connection is closed only once it has been quiet for clearly longer than its client
// has ever taken between two requests on it (so a client in a loop is not cut mid-send, while a
// pooled connection nobody will use again closes within a few dozen ms).
// Per request this costs a map lookup and a clock read: it runs on every request of the mock.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface Connection {
  /** When its last request started (or it connected). */
  lastStart: number;
  /** The longest time between two request starts on it: answer time plus the client's pause. */
  longestGap: number;
}

/** How many times its longest gap an idle connection is kept while draining, and the bounds. */
const GAP_FACTOR = 4;
const MIN_QUIET_MS = 50;
const MAX_QUIET_MS = 1_000;

/** The answer Node is writing on a socket, if any (Node's own closeIdleConnections reads it too). */
const answerOn = (socket: Socket): ServerResponse | null => (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? null;

export interface Drain {
  /** From now on, every answer closes its connection. */
  start(): void;
  /** Destroys the idle connections whose clients have clearly stopped; returns how many are left. */
  closeQuiet(): number;
}

const drains = new WeakMap<Server, Drain>();

/** Starts tracking the server's connections (once; before it accepts any). */
export function trackConnections(server: Server): Drain {
  const known = drains.get(server);
  if (known) return known;
  const connections = new Map<Socket, Connection>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { lastStart: performance.now(), longestGap: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  // Before the application's listener, so the header is in place whatever it answers, however soon.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    if (connection) {
      const now = performance.now();
      connection.longestGap = Math.max(connection.longestGap, now - connection.lastStart);
      connection.lastStart = now;
    }
    if (draining) res.setHeader('Connection', 'close');
  });
  const drain: Drain = {
    start() {
      draining = true;
      for (const socket of connections.keys()) {
        const answer = answerOn(socket);
        if (answer && !answer.headersSent) answer.setHeader('Connection', 'close');
      }
    },
    closeQuiet() {
      const now = performance.now();
      for (const [socket, c] of connections) {
        const quietMs = Math.min(MAX_QUIET_MS, Math.max(MIN_QUIET_MS, GAP_FACTOR * c.longestGap));
        if (answerOn(socket) === null && now - c.lastStart >= quietMs) socket.destroy();
      }
      return connections.size;
    },
  };
  drains.set(server, drain);
  return drain;
}
