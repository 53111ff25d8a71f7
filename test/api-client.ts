/**
 * Calls the real route handlers in-process, as Next.js would, so that API tests exercise the
 * wrapper, parsing, service and database exactly as served — without a server to start.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { API_ROUTES } from '@/lib/api/registry';
import { type AnyRouteSpec, type HttpMethod, routeFolder } from '@/lib/http/define-route';
import { matchPath, routesServing } from '@/lib/http/route-paths';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Target {
  route: AnyRouteSpec;
  handler: Handler;
  params: Record<string, string>;
}

/** The server's own origin: what a browser on our pages sends as `Origin`. */
export const ORIGIN = 'http://localhost:3000';

const APP_DIR = path.resolve(import.meta.dirname, '../app');

/** Every route file the registry names, loaded up front as Next.js loads them before serving. */
const ROUTE_MODULES = new Map(
  await Promise.all(
    API_ROUTES.map(async (route) => {
      const file = path.join(APP_DIR, routeFolder(route.path), 'route.ts');
      return [route, (await import(file)) as Record<string, Handler | undefined>] as const;
    }),
  ),
);

/** The registry's route for this method and path, and the handler its route file exports. */
function resolve(method: HttpMethod, pathname: string): Target | null {
  const route = routesServing(API_ROUTES, pathname).find((candidate) => candidate.method === method);
  const handler = route && ROUTE_MODULES.get(route)?.[method];
  if (!route || !handler) return null;
  const raw = matchPath(route.path, pathname) ?? {};
  const params = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, decodeURIComponent(value)]));
  return { route, handler, params };
}

/** A 2xx JSON body must be exactly what the route's response schema describes: no field more or less. */
function checkResponseBody(route: AnyRouteSpec, status: number, body: unknown): void {
  if (status < 200 || status >= 300 || !route.response) return;
  const parsed = route.response.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `${route.method} ${route.path} answered a body its response schema refuses: ${parsed.error.message}`,
    );
  }
  if (!isDeepStrictEqual(parsed.data, body)) {
    throw new Error(`${route.method} ${route.path} answered fields its response schema does not declare`);
  }
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body); bytes for file uploads. */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  /** Sent as is; `host` defaults to the server's own, as it does behind Next.js. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(
  method: HttpMethod,
  requestPath: string,
  options: CallOptions,
): Promise<{ route: AnyRouteSpec; response: Response }> {
  const url = new URL(requestPath, ORIGIN);
  const target = resolve(method, url.pathname);
  if (!target) throw new Error(`no route for ${method} ${url.pathname}`);
  const headers = new Headers(options.headers);
  if (!headers.has('host')) headers.set('host', url.host);
  if (options.key) headers.set('api-key', options.key);
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const request = new Request(url, { method, headers, body, signal: options.signal });
  return { route: target.route, response: await target.handler(request, { params: Promise.resolve(target.params) }) };
}

/** Calls the route and hands back its Response unread: for streams, whose body never ends on its own. */
export async function callRoute(method: HttpMethod, requestPath: string, options: CallOptions = {}): Promise<Response> {
  return (await send(method, requestPath, options)).response;
}

export async function api<T = any>(
  method: HttpMethod,
  requestPath: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const { route, response } = await send(method, requestPath, options);
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  const body = text && json ? JSON.parse(text) : text || null;
  checkResponseBody(route, response.status, body);
  return { status: response.status, body, headers: response.headers };
}
