import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Bodies larger than a route accepts, answered so the client reads its 413.
 *
 * Fastify refuses a body over the route's limit from its Content-Length before reading it, and
 * closes the connection. A client still sending (a 2 MB upload) then gets EPIPE or a reset and
 * never sees the error. Here:
 * - Up to DISCARD_CAP bytes (declared by Content-Length), the connection stays open: Node reads
 *   and throws away the rest of the body after the response (its own discard of an unread
 *   request), so the 413 and its error document arrive and the connection can be reused.
 * - A request with `Expect: 100-continue` gets no 100 when its declared body is over the cap:
 *   the final 413 comes instead, and the client never sends the body (RFC 9110 10.1.1). Under the
 *   cap it gets its 100 (the route decides on its own limit when it reads) and is then treated as
 *   above.
 * - Beyond the cap, or with no Content-Length (chunked), the connection closes after the 413, as
 *   Fastify does: reading an unbounded body to be polite would be a free amplifier.
 * Written here because no maintained Fastify plugin handles Expect or discards oversized bodies.
 */
export const DISCARD_CAP = 16 * 1024 * 1024;

/** Requests whose client was told to go ahead (100 Continue), so is sending its body. */
const continued = new WeakSet<IncomingMessage>();

export function answerOversizedBodies(app: FastifyInstance): void {
  // With this listener Node no longer answers 100 Continue itself, nor emits 'request': we do.
  app.server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    const declared = Number(request.headers['content-length']);
    if (!(declared > DISCARD_CAP)) {
      response.writeContinue();
      continued.add(request);
    }
    app.server.emit('request', request, response);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 413 || reply.getHeader('connection') !== 'close') return payload;
    const raw = request.raw;
    const declared = Number(raw.headers['content-length']);
    const expectsContinue = /100-continue/i.test(String(raw.headers.expect ?? ''));
    // Waiting for 100 that never came: it sends nothing, so closing after the answer is clean.
    if (expectsContinue && !continued.has(raw)) return payload;
    if (Number.isFinite(declared) && declared <= DISCARD_CAP) reply.removeHeader('connection');
    return payload;
  });
}
