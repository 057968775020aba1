// The mock runs an API request in one Express layer and tells API paths apart itself
// (isApiPath). It must route exactly as the app.use('/v1/agent', …) it replaced: Express is asked.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { isApiPath } from '../../src/mock/http/api-path.js';
import { createTestMock } from '../helpers/test-mock.js';

const PATHS = ['/v1/agent', '/v1/agent/', '/v1/agent/market', '/V1/Agent/market', '/v1/AGENT', '/v1/agentx', '/v1/agent.json', '/v1/agen', '/v1', '/', '/v1/agent//market', '/x/v1/agent', '/v1/agent%2Fmarket', '/v1%2Fagent/market', '/__nx/clock'];

describe('isApiPath', () => {
  it("agrees with Express's mount matching on every path", async () => {
    const app = express();
    app.use('/v1/agent', (_req, res) => void res.send('api'));
    app.use((_req, res) => void res.send('other'));
    for (const path of PATHS) {
      const express = (await request(app).get(path)).text === 'api';
      expect(isApiPath(path), path).toBe(express);
    }
  });

  it('sends API paths through the rules and the rest to the control API or a not_found', async () => {
    const { app } = createTestMock();
    const api = await request(app).get('/v1/agent/market');
    expect(api.status).toBe(401); // the rules' authentication stage answered
    const other = await request(app).get('/v1/agentx');
    expect(other.body).toMatchObject({ code: 'not_found', detail: expect.stringContaining('the API lives under /v1/agent') });
    expect((await request(app).get('/__nx/clock')).status).toBe(200);
  });
});
