/**
 * Next.js drops the `Content-Length` of every route's `Response` (its send-response.js), so each
 * answer goes out chunked. A file download needs its length: the browser shows the size and the
 * progress, and a client can tell a cut-off download from a whole one. Such a route names the
 * length in this header instead, and the server edge turns it back into `Content-Length` just
 * before the headers go out.
 */
import http from 'node:http';

export const DECLARED_LENGTH_HEADER = 'x-review-inbox-content-length';

/**
 * Wraps `writeHead` of every response of this process, once: Node.js calls it however the headers
 * are sent (an explicit flush, the first write, a bare end), and a response that declared nothing
 * pays one header lookup. Next.js's compression wraps a response's `writeHead` later, so it runs
 * first: once it has chosen to compress, the length declared is no longer the length sent, and
 * the answer stays chunked.
 */
export function installDeclaredLength(): void {
  const writeHead = http.ServerResponse.prototype.writeHead;
  if ((writeHead as { declaredLength?: true }).declaredLength) return;
  const sendingDeclaredLength = function (this: http.ServerResponse, ...args: unknown[]) {
    const declared = this.getHeader(DECLARED_LENGTH_HEADER);
    if (declared !== undefined) {
      this.removeHeader(DECLARED_LENGTH_HEADER);
      if (!this.hasHeader('content-encoding')) this.setHeader('content-length', declared);
    }
    return Reflect.apply(writeHead, this, args) as http.ServerResponse;
  };
  http.ServerResponse.prototype.writeHead = Object.assign(sendingDeclaredLength, {
    declaredLength: true as const,
  }) as typeof writeHead;
}
