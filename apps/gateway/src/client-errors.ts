import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { InvalidRequestError } from '@unicart/core';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { ErrorResponse } from './errors';

/** What Node's HTTP parser refused, in the contract's terms (`code` as the parser names it). */
function describeClientError(code: string | undefined): { status: number; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        message:
          'The request line and headers are over the 16 KB limit: send fewer or shorter query parameters',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request was not received completely in time' };
    default:
      return { status: 400, message: `Malformed HTTP request (${code ?? 'unknown parser error'})` };
  }
}

/** Writes a complete `invalid_request` answer on a bare socket and closes it. */
function answerOnSocket(socket: Duplex, status: number, message: string): void {
  if (socket.writable) {
    const body = JSON.stringify({ error: { code: 'invalid_request', message } } satisfies ErrorResponse);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}

/**
 * Fastify's `clientErrorHandler`: answers a request that Node's HTTP parser refused before any route
 * saw it (a malformed request line, headers over 16 KB, a request too slow to arrive) with a 4xx in
 * the contract's error shape, then closes the connection, whose remaining bytes cannot be trusted.
 * Nothing of the request is logged: its raw bytes may hold credentials.
 */
export function createClientErrorHandler(logger: FastifyBaseLogger) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, message } = describeClientError(error.code);
    logger.info({ status, parserCode: error.code }, 'malformed request refused');
    answerOnSocket(socket, status, message);
  };
}

/**
 * Answers in the contract's shape what Node itself would otherwise answer bare or drop: an
 * `Expect` other than `100-continue` (Node's empty 417) and `CONNECT` (Node closes the connection).
 */
export function answerServerLevelRefusals(server: Server): void {
  server.on('checkExpectation', (_request, response) => {
    const body = JSON.stringify({
      error: {
        code: 'invalid_request',
        message: 'Unsupported Expect header: only 100-continue is understood',
      },
    } satisfies ErrorResponse);
    response.writeHead(417, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    });
    response.end(body);
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) =>
    answerOnSocket(socket, 400, 'The CONNECT method is not supported'),
  );
}

/**
 * An `onRequest` hook for what Node checks only when `requireHostHeader` is on (answering a bare
 * 400): an HTTP/1.1 request must name its `Host`.
 */
export async function refuseMissingHost(request: FastifyRequest): Promise<void> {
  if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
    throw new InvalidRequestError('The Host header is missing: HTTP/1.1 requires it');
  }
}
