/**
 * Next.js drops the `Content-Length` of every route's `Response` (its send-response.js), so each
 * answer goes out chunked. A file download needs its length: the browser shows the size and the
 * progress, and a client can tell a cut-off download from a whole one. Such a route names the
 * length in this header instead, and the server edge turns it back into `Content-Length` just
 * before the headers go out.
 */
import type http from 'node:http';

export const DECLARED_LENGTH_HEADER = 'x-review-inbox-content-length';

/**
 * Wraps `writeHead` of one response, which Node.js calls however the headers are sent (an
 * explicit flush, the first write, a bare end). Next.js's compression installs its own wrapper
 * later, so it runs first: once it has chosen to compress, the length declared is no longer the
 * length sent, and the answer stays chunked.
 */
export function sendDeclaredLength(response: http.ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const declared = this.getHeader(DECLARED_LENGTH_HEADER);
    if (declared !== undefined) {
      this.removeHeader(DECLARED_LENGTH_HEADER);
      if (!this.hasHeader('content-encoding')) this.setHeader('content-length', declared);
    }
    return Reflect.apply(writeHead, this, args) as http.ServerResponse;
  } as typeof writeHead;
}
