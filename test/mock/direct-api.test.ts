// API requests skip Express's router (src/mock/http/direct-api.ts, issue 16): they must still be
// set up as the API path needs, the error handler must get Express's methods, and every way a handler can fail must still reach the error
// handler; everything else keeps going through Express.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/mock/http/create-mock-app.js';
import { routeApiDirectly } from '../../src/mock/http/direct-api.js';
import { createTestMock } from '../helpers/test-mock.js';

/** Counts the requests that reach the app's Express router. */
function countRouterCalls(app: express.Express): () => number {
  const router = (app as unknown as { router: { handle: (...args: unknown[]) => unknown } }).router;
  const original = router.handle.bind(router);
  let calls = 0;
  router.handle = (...args: unknown[]) => {
    calls += 1;
    return original(...args);
  };
  return () => calls;
}

function appWith(api: RequestHandler, onError: ErrorRequestHandler = (error, _req, res, _next) => void res.status(599).send(`handled: ${String((error as Error).message)}`)) {
  const app = express();
  routeApiDirectly(app, api, onError);
  app.use((_req, res) => void res.status(404).send('via express'));
  return app;
}

describe('API requests straight to the mock', () => {
  it("never enter Express's router; the control API and unknown paths still do", async () => {
    const { app } = createMockApp();
    const routerCalls = countRouterCalls(app);
    expect((await request(app).get('/v1/agent/market')).status).toBe(401);
    // The prefix in another letter case is the API too (as app.use matched it); its route stage refuses it.
    expect((await request(app).get('/V1/Agent/market?coins=BTC')).body.code).toBe('not_found');
    expect(routerCalls()).toBe(0);
    expect((await request(app).get('/__nx/clock')).status).toBe(200);
    expect((await request(app).get('/nowhere')).status).toBe(404);
    expect(routerCalls()).toBe(2);
  });

  it("are set up as the API path needs (res.locals, originalUrl), with Express's methods only for a conditional GET", async () => {
    const seen: Array<{ send: string; locals: unknown; originalUrl: string }> = [];
    const app = appWith((req, res) => {
      seen.push({ send: typeof (res as { send?: unknown }).send, locals: res.locals, originalUrl: req.originalUrl });
      res.statusCode = 200;
      res.end('{}');
    });
    expect((await request(app).get('/v1/agent/me?x=1')).status).toBe(200);
    expect((await request(app).get('/v1/agent/me').set('if-none-match', '*')).status).toBe(200);
    expect(seen).toEqual([
      { send: 'undefined', locals: expect.any(Object), originalUrl: '/v1/agent/me?x=1' },
      { send: 'function', locals: expect.any(Object), originalUrl: '/v1/agent/me' },
    ]);
    const { call, register } = createTestMock();
    const agent = await register({ mode: 'live' });
    expect((await call('POST', '/orders', { as: agent, body: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null } })).status).toBe(201);
  });

  it('send a thrown error, an error passed to next and a rejected promise to the error handler', async () => {
    const thrown = appWith(() => {
      throw new Error('thrown');
    });
    const passed = appWith((_req, _res, next) => next(new Error('passed')));
    const rejected = appWith(async () => {
      await Promise.resolve();
      throw new Error('rejected');
    });
    for (const [app, message] of [[thrown, 'thrown'], [passed, 'passed'], [rejected, 'rejected']] as const) {
      const res = await request(app).get('/v1/agent/market');
      expect({ status: res.status, text: res.text }).toEqual({ status: 599, text: `handled: ${message}` });
    }
  });

  it('end with a 500 when the error handler itself throws, instead of hanging', async () => {
    const app = appWith(
      () => {
        throw new Error('first');
      },
      () => {
        throw new Error('the error handler broke');
      },
    );
    expect((await request(app).get('/v1/agent/market')).status).toBe(500);
  });

  it('still work with the mock mounted in a parent app at the root; under a prefix it is not the API', async () => {
    const { app } = createMockApp();
    const parent = express();
    parent.use(app);
    expect((await request(parent).get('/v1/agent/market')).status).toBe(401);
    const prefixed = express();
    prefixed.use('/mock', createMockApp().app);
    expect((await request(prefixed).get('/mock/v1/agent/market')).status).toBe(404);
  });
});
