/**
 * A bare HTTP/1.1 client over a TCP socket: the request line, headers and body go out byte for
 * byte as given, so a test can send what node:http, fetch and undici refuse or normalise (raw
 * non-ASCII and invalid UTF-8 in the path, odd methods, a Content-Length that lies).
 */
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target, sent as is (already percent-encoded, or deliberately not). */
  target: Buffer | string;
  headers: [string, string][];
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  /** Lower-cased names; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function encodeRequest({ method, target, headers, body }: RawRequest, host: string): Buffer {
  const head = [`${method} `, target, ' HTTP/1.1\r\n', `host: ${host}\r\nconnection: close\r\n`];
  for (const [name, value] of headers) head.push(`${name}: ${value}\r\n`);
  if (body) head.push(`content-length: ${body.length}\r\n`);
  head.push('\r\n');
  return Buffer.concat([
    ...head.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part)),
    body ?? Buffer.alloc(0),
  ]);
}

function parseHead(head: string): Pick<RawResponse, 'status' | 'headers'> {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
  if (!Number.isInteger(status)) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * Sends one request on a fresh connection and reads the answer to its end. A server-sent event
 * stream never ends, so its answer is cut off once its headers are in.
 */
export function sendRaw(base: URL, request: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: base.hostname, port: Number(base.port) });
    const chunks: Buffer[] = [];
    let head: Pick<RawResponse, 'status' | 'headers'> | null = null;
    let headLength = 0;
    const finish = () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      try {
        head ??= parseHead(all.toString('latin1'));
        headLength ||= all.indexOf(HEADER_END) + HEADER_END.length;
        const rest = all.subarray(headLength);
        resolve({ ...head, body: head.headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest });
      } catch (error) {
        reject(error);
      }
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (head) return;
      const all = Buffer.concat(chunks);
      const end = all.indexOf(HEADER_END);
      if (end < 0) return;
      head = parseHead(all.subarray(0, end).toString('latin1'));
      headLength = end + HEADER_END.length;
      if (head.headers['content-type']?.startsWith('text/event-stream')) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', (error) => {
      clearTimeout(timer);
      // The server may close before it has read a body it refuses (413): the answer still counts.
      if (chunks.length > 0) finish();
      else reject(error);
    });
    socket.write(encodeRequest(request, base.host));
  });
}
