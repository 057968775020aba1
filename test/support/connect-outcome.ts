// What a plain TCP connect to a URL's host and port gets: 'connected', or the error's code
// (ECONNREFUSED when nothing listens). No HTTP is spoken; the socket is closed at once.
import { connect } from 'node:net';

export function connectOutcome(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}
