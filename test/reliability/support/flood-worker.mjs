// Runs in a worker thread: `clients` loops sending POST /orders with a 1 MiB body and a bad
// signature on one sandbox key, as fast as each answer comes back, until told to stop. Posts
// { budgetMet: true } once every client has been refused with a 429 (from then on the server
// refuses each attempt before reading its body), and at the end how many answers it got, by
// status. Plain JS so the worker needs no TypeScript loader.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

// `timestamp`: the mock's clock, so each request is checked up to the HMAC (the costly part).
const { url, apiKey, clients, timestamp } = workerData;
const body = Buffer.alloc(1024 * 1024 - 1, 0x61);
const statuses = {};
let stopping = false;
let refusedClients = 0;

function once() {
  return new Promise((resolve) => {
    const req = http.request(`${url}/v1/agent/orders`, {
      method: 'POST',
      agent: false,
      headers: {
        'x-nx-key': apiKey,
        'x-nx-timestamp': String(timestamp),
        'x-nx-signature': 'f'.repeat(64),
        'content-type': 'application/json',
        'content-length': String(body.length),
      },
    }, (res) => {
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(res.statusCode));
    });
    // An early 429 closes the connection while the body is still going out: that is expected.
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

async function loop() {
  let refused = false;
  while (!stopping) {
    const status = await once();
    if (status === 429 && !refused) {
      refused = true;
      if (++refusedClients === clients) parentPort.postMessage({ budgetMet: true });
    }
  }
}

parentPort.on('message', (message) => {
  if (message === 'stop') stopping = true;
});
const loops = Array.from({ length: clients }, loop);
parentPort.postMessage({ started: true });
await Promise.all(loops);
parentPort.postMessage({ statuses });
