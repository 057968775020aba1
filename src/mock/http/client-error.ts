// Requests Node's HTTP parser refuses before Express sees them (headers over 16 KiB, a method
// that is not a token, a bad Content-Length, NUL in a header, the slow-loris time-outs) get the
// same problem+json as everything else, with a stable code, instead of Node's empty
// `400 Bad Request`. Written straight to the socket, which is then closed: after a parse error
// the connection cannot be trusted to frame another request.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ProblemCode } from '../../generated/schemas.js';
import type { MockContext } from './mock-context.js';
import { PROBLEM_TYPE_BASE, problemTemplates } from '../../rules/problems.js';

interface ParseError extends Error {
  code?: string;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

function classify(error: ParseError, headerLimit: number): { code: ProblemCode; detail: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'request_headers_too_large', detail: `The request line and headers are over ${headerLimit} bytes; send fewer or shorter headers.` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', detail: 'The request did not arrive in time (10 s for the headers, 30 s in all by default); send it again, faster.' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'payload_too_large', detail: 'The chunk extensions are too large; send the body without them.' };
    case 'HPE_INVALID_METHOD':
      return { code: 'malformed_request', detail: 'The request method is not a valid HTTP token; use GET, POST, PATCH or DELETE.' };
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { code: 'malformed_request', detail: 'The Content-Length header is not one non-negative number (or comes with Transfer-Encoding); send exactly one, matching the body.' };
    case 'HPE_INVALID_HEADER_TOKEN':
      return { code: 'malformed_request', detail: 'A header name or value holds a character HTTP forbids there (such as NUL or another control character); remove it.' };
    default:
      return { code: 'malformed_request', detail: `The HTTP request could not be parsed (${error.code ?? error.message}); check the request line, the headers and the body framing.` };
  }
}

/** Answers Node's parse errors on `server` as problem+json (ids and Date from the mock's own counter and clock). */
export function answerClientErrors(server: Server, ctx: MockContext, headerLimit: number): void {
  server.on('clientError', (error: ParseError, socket: Duplex) => {
    // As Node's own handler does: answer only when nothing of a response has gone out on this
    // socket yet, or the peer would read a corrupted stream.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { code, detail } = classify(error, headerLimit);
    const { status, title } = problemTemplates[code];
    const requestId = ctx.nextRequestId();
    const body = JSON.stringify({ type: PROBLEM_TYPE_BASE + code, title, status, detail, code, requestId });
    const head =
      `HTTP/1.1 ${status} ${REASONS[status] ?? title}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\nDate: ${new Date(ctx.clock.now()).toUTCString()}\r\nConnection: close\r\n\r\n`;
    // end() flushes the answer first; the socket is destroyed once it has gone out.
    socket.end(head + body, () => socket.destroy());
  });
}
