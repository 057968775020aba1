// GET /__nx/ui: the built bundle with a CSP that allows nothing but this server, a problem that
// says how to build it when it is missing, and nothing at all without the control API.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';
import { serveUi } from '../../src/mock/ui/serve-ui.js';
import { expectProblem } from '../mock/support.js';

function appFor(dir: string) {
  const app = express();
  app.use('/__nx/ui', ...serveUi(dir));
  // The mock's own error handler renders HttpProblems; here a minimal stand-in shows status and detail.
  app.use((error: { status?: number; message: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(error.status ?? 500).json({ detail: error.message });
  });
  return app;
}

describe('serveUi', () => {
  it('serves index.html with a self-only Content-Security-Policy, and the assets next to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nx-ui-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/__nx/ui/app.js"></script>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    const app = appFor(dir);
    for (const path of ['/__nx/ui', '/__nx/ui/']) {
      const page = await request(app).get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(page.headers['content-security-policy']).toMatch(/connect-src 'self'/);
    }
    const js = await request(app).get('/__nx/ui/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 503 saying how to build the dashboard when the bundle is missing', async () => {
    const res = await request(appFor(join(tmpdir(), 'nx-ui-missing-dir'))).get('/__nx/ui');
    expect(res.status).toBe(503);
    expect(res.body.detail).toMatch(/npm run build/);
  });
});

describe('/__nx/ui on the mock', () => {
  it('is not there without the control API', async () => {
    const { app } = createTestMock({ control: false });
    expectProblem(await request(app).get('/__nx/ui'), 404, 'not_found');
  });
});
