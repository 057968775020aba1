// Child process: the two baselines, each answering fixed routes with the exact status and JSON body
// captured from the mock. Both read a request body before answering (as the mock must) and send
// the same Content-Type; the Express app has etag and x-powered-by off, like the mock.
//   argv[2]: JSON [{ method, path, status, body }]
// Prints `READY { express, node }` (base URLs).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface BareRoute {
  method: 'GET' | 'POST';
  path: string;
  status: number;
  body: string;
}

export interface BareServerInfo {
  express: string;
  node: string;
}

const routes = JSON.parse(process.argv[2] ?? '[]') as BareRoute[];

const app = express();
app.disable('etag');
app.disable('x-powered-by');
app.use(express.json({ type: () => true }));
for (const route of routes) {
  const handler = (_req: express.Request, res: express.Response) => {
    res.status(route.status).type('application/json').send(route.body);
  };
  if (route.method === 'GET') app.get(route.path, handler);
  else app.post(route.path, handler);
}

const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, { status: r.status, body: Buffer.from(r.body) }]));
const bare = (req: IncomingMessage, res: ServerResponse) => {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const hit = table.get(`${req.method} ${q === -1 ? url : url.slice(0, q)}`);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(hit.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': hit.body.length });
    res.end(hit.body);
  });
};

const listen = (server: ReturnType<typeof createServer>) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const expressServer = createServer(app);
const nodeServer = createServer(bare);
const info: BareServerInfo = { express: await listen(expressServer), node: await listen(nodeServer) };
process.stdout.write(`READY ${JSON.stringify(info)}\n`);
process.once('SIGTERM', () => {
  expressServer.closeAllConnections();
  nodeServer.closeAllConnections();
  expressServer.close();
  nodeServer.close(() => process.exit(0));
});
