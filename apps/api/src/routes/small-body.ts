import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { envelope, sendError } from '../errors.ts';

/**
 * Route options for a route whose body is a few hundred bytes (sign-in, a password change): a declared
 * length over 4 KB is refused at once (413, before a byte of it is read), and a body still not received
 * 5 seconds after the request began is cut (408, connection closed). Without them a sign-in declaring
 * 100 KB and sending a byte every 5 s was held open for over 100 s: a few hundred such connections hold
 * the server's sockets for nothing.
 */
export const SMALL_BODY_LIMIT = 4 * 1024;
export const SMALL_BODY_DEADLINE_MS = 5000;

const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();

function startDeadline(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const timer = setTimeout(() => {
    if (reply.sent) return;
    reply.header('connection', 'close');
    void sendError(
      reply,
      408,
      envelope(
        'body_timeout',
        `The request body did not arrive within ${SMALL_BODY_DEADLINE_MS / 1000} seconds (it is a few hundred bytes); send it again.`,
      ),
    );
    // Stop reading what is left of it: the body parser ends with the stream, and the socket closes.
    request.raw.destroy();
  }, SMALL_BODY_DEADLINE_MS);
  timer.unref();
  timers.set(request, timer);
  done();
}

function endDeadline(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  clearTimeout(timers.get(request));
  done();
}

export const SMALL_BODY = {
  bodyLimit: SMALL_BODY_LIMIT,
  onRequest: startDeadline,
  preValidation: endDeadline,
  onResponse: endDeadline,
} as const;
