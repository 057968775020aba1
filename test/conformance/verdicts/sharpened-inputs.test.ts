// Request-judging rules sharpened to kill surviving mutants (docs/mutation-report.md): large-body
// signature diagnosis, empty required bodies. Each proxy decides from the request alone, so each
// failure's curl reproduction meets the same wrong answer.
import { describe, it } from 'vitest';
import { gridRefused } from '../../../src/conformance/checks/orders/grid-refused.js';
import { strictBodies } from '../../../src/conformance/checks/schema/strict-bodies.js';
import { diagnosed } from '../../../src/conformance/checks/signatures/diagnosed.js';
import type { Breakage } from '../checks-auth/support.js';
import { expectCaught, ok, path, rewrite } from './breakage.js';

const sized = (bytes: number, edit: (b: Record<string, unknown>) => void): Breakage => ({
  response: (res, req) => (req.body.length === bytes && res.status === 401 ? rewrite(res, edit) : undefined),
});

describe('the sharpened request checks fail a server that breaks the rule', () => {
  it('signature.diagnosed: a 64 KiB body left undiagnosed, its signed string not clipped, a larger body diagnosed', async () => {
    await expectCaught(diagnosed, sized(64 * 1024, (b) => void (b.mistake = { code: 'not_diagnosed', message: 'too large' })), /exactly 65536 bytes \(64 KiB\) .* was not diagnosed/);
    await expectCaught(diagnosed, sized(64 * 1024, (b) => void ((b.mistake as { signedString: string }).signedString = 'x'.repeat(65_000))), /mistake.signedString of a 64 KiB request is not clipped/);
    await expectCaught(diagnosed, sized(64 * 1024 + 1, (b) => void (b.mistake = { code: 'unrecognised', message: 'no idea' })), /65537 bytes \(over 64 KiB\) got mistake "unrecognised"/);
  }, 60_000);

  it('schema.strict-bodies: an empty body on POST /orders accepted as if it were an order', async () => {
    const lenient: Breakage = { response: (res, req) => (req.method === 'POST' && path(req).endsWith('/orders') && req.body.length === 0 ? ok(res, { order: {} }, 201) : undefined) };
    await expectCaught(strictBodies, lenient, /POST \/orders with an empty body/);
    const crashes: Breakage = { response: (res, req) => (req.method === 'POST' && path(req).endsWith('/webhooks') && req.body.length === 0 ? ok(res, { type: 'about:blank', title: 'Internal error', status: 500, code: 'internal_error', detail: 'crash', requestId: 'req_1' }, 500) : undefined) };
    await expectCaught(strictBodies, crashes, /POST \/webhooks with an empty body/);
  }, 30_000);

  it('orders.grid-refused: a server that rounds quantities and prices to its grid instead of refusing them', async () => {
    // The answer the proxy gives an off-grid request: accepted, as a rounding server would.
    const rounds = (code: string, method: string): Breakage => ({
      response: (res, req) => (req.method === method && res.status === 400 && res.body.includes(`"${code}"`) ? ok(res, { order: {} }, method === 'POST' ? 201 : 200) : undefined),
    });
    await expectCaught(gridRefused, rounds('invalid_quantity', 'POST'), /a limit buy with a quantity of 1.5 lots/);
    await expectCaught(gridRefused, rounds('invalid_price', 'POST'), /a limit buy with a price half a tick off the grid/);
    await expectCaught(gridRefused, rounds('invalid_price', 'PATCH'), /PATCH \/orders\/\{orderId\} to a price half a tick off the grid/);
    // Tiny values that a server snapping before it checks would turn into zero.
    const snaps: Breakage = { response: (res, req) => (res.status === 400 && /"quantity":[\d.]+e-/.test(req.body.toString()) ? ok(res, { order: {} }, 201) : undefined) };
    await expectCaught(gridRefused, snaps, /a quantity of a millionth of a lot/);
  }, 90_000);
});
