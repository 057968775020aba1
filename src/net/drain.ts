// Draining a server's keep-alive connections without resetting the clients on them. Closing an
// idle keep-alive connection races with the client reusing it: a request already on the wire
// meets a reset (ECONNRESET). So once draining starts every answer says `Connection: close` (the
// client then opens no further request on that connection, and Node closes it after the answer),
// and an idle connection is closed only once it has been idle for clearly longer than its client
// has ever paused between two requests on it (so a client in a loop is not cut mid-send, while
// a pooled connection nobody will use again closes within a few dozen ms).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface Connection {
  /** Requests received on it whose answers have not finished. */
  busy: number;
  /** When its last answer finished (or it connected). */
  idleSince: number;
  /** The longest its client has paused between an answer and its next request. */
  longestPause: number;
}

/** How long past its longest pause an idle connection is kept while draining, and the bounds. */
const PAUSE_FACTOR = 4;
const MIN_QUIET_MS = 50;
const MAX_QUIET_MS = 1_000;

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
  const unanswered = new Set<ServerResponse>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { busy: 0, idleSince: performance.now(), longestPause: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  // Before the application's listener, so the header is in place whatever it answers, however soon.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    if (connection) {
      if (connection.busy === 0) connection.longestPause = Math.max(connection.longestPause, performance.now() - connection.idleSince);
      connection.busy += 1;
    }
    if (draining) res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => {
      unanswered.delete(res);
      if (connection) {
        connection.busy -= 1;
        connection.idleSince = performance.now();
      }
    });
  });
  const drain: Drain = {
    start() {
      draining = true;
      for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
    closeQuiet() {
      const now = performance.now();
      for (const [socket, c] of connections) {
        const quietMs = Math.min(MAX_QUIET_MS, Math.max(MIN_QUIET_MS, PAUSE_FACTOR * c.longestPause));
        if (c.busy === 0 && now - c.idleSince >= quietMs) socket.destroy();
      }
      return connections.size;
    },
  };
  drains.set(server, drain);
  return drain;
}
