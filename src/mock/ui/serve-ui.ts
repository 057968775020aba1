// GET /__nx/ui: the dashboard, served from the bundle `npm run build:ui` wrote to dist/ui (it ships
// in the package). Everything comes from this server: the page's Content-Security-Policy allows
// no other origin, so a dashboard that tried to reach a CDN would fail loudly in its tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import { packageRoot } from '../../package-files.js';
import { HttpProblem } from '../../rules/problems.js';

/** dist/ui of this package, from src/ (tests, tsx), dist/src/ and node_modules/ alike. */
export function defaultUiDir(): string {
  return join(packageRoot(), 'dist', 'ui');
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function serveUi(dir: string = defaultUiDir()): RequestHandler[] {
  const assets = express.static(dir, { index: false, fallthrough: true, maxAge: 0, setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff') });
  const page: RequestHandler = (req, res, next) => {
    if (req.path !== '/' && req.path !== '/index.html') return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpProblem('method_not_allowed', 'The dashboard is read with GET.', { headers: { Allow: 'GET, HEAD' } });
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      throw new HttpProblem('service_unavailable', `The dashboard is not built (no ${index}). Run \`npm run build\` (or \`npm run build:ui\`) in the nx-conformance package, then reload.`);
    }
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return [page, assets];
}
