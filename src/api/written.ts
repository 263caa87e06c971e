// When a request leaves: its bytes written to the socket, handed to the operating system.
import http from 'node:http';
import https from 'node:https';

/**
 * An axios `transport` (used by its Node adapter in place of `http`/`https` for one request) making the
 * request as axios would, and calling `onWritten` on the request's 'finish': its last byte was written
 * to the socket, the connection (and a TLS handshake) made; `reusedConnection` when an earlier request
 * opened that connection (keep-alive). A request that fails before that never calls it.
 */
export function transportTelling(onWritten: (reusedConnection: boolean) => void) {
  return {
    request(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
      return tellWritten((options.protocol === 'https:' ? https : http).request(options, callback), onWritten);
    },
  };
}

/** Calls `onWritten` on the request's 'finish' (see transportTelling); the request, for chaining. */
export function tellWritten(request: http.ClientRequest, onWritten: (reusedConnection: boolean) => void): http.ClientRequest {
  request.once('finish', () => onWritten(request.reusedSocket));
  return request;
}
