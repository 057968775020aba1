// GET /__nx/events: hands the response to the mock's event hub as a Server-Sent Events stream.
import type { Response } from 'express';
import type { MockContext } from '../mock-context.js';
import { HttpProblem } from '../../../rules/problems.js';
import { clockState } from './control-handlers.js';

export function openEventStream(ctx: MockContext, res: Response): void {
  // Asked before the headers go out, so a refusal is still a proper problem response.
  if (!ctx.events.accepting) {
    throw new HttpProblem('service_unavailable', `No more event streams: ${ctx.events.streams} are open (or the mock is stopping). Close a dashboard tab and retry.`, {
      headers: { 'Retry-After': '5' },
    });
  }
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no'); // proxies such as nginx would otherwise hold events back
  res.flushHeaders();
  const last = ctx.journal.list({ limit: 1 })[0];
  ctx.events.open(res, { clock: clockState(ctx), journalSeq: last?.seq ?? 0 });
}
