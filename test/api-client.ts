/**
 * Calls the real route handlers in-process, as Next.js would, so that API tests exercise the
 * wrapper, parsing, service and database exactly as served — without a server to start.
 */
import * as meRoute from '@/app/v1/auth/me/route';
import * as signInRoute from '@/app/v1/auth/sign-in/route';
import * as signOutRoute from '@/app/v1/auth/sign-out/route';
import * as eventsRoute from '@/app/v1/events/route';
import * as decisionRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/decision/route';
import * as claimRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/claim/route';
import * as releaseRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/release/route';
import * as reopenRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/reopen/route';
import * as revertRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/revert/route';
import * as overlayRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/route';
import * as countsRoute from '@/app/v1/workflows/reviews/counts/route';
import * as versionsRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/versions/route';
import * as queueRoute from '@/app/v1/workflows/reviews/route';
import * as runRoute from '@/app/v1/workflows/runs/[runId]/route';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST', Handler>>;
interface Target {
  module: RouteModule;
  params: Record<string, string>;
}

/** The server's own origin: what a browser on our pages sends as `Origin`. */
export const ORIGIN = 'http://localhost:3000';

const ACTIONS: Record<string, RouteModule> = {
  versions: versionsRoute,
  decision: decisionRoute,
  claim: claimRoute,
  release: releaseRoute,
  revert: revertRoute,
  reopen: reopenRoute,
};

/** Routes without path parameters, by their exact path. */
const STATIC_ROUTES: Record<string, RouteModule> = {
  'v1/auth/sign-in': signInRoute,
  'v1/auth/sign-out': signOutRoute,
  'v1/auth/me': meRoute,
  'v1/events': eventsRoute,
  'v1/workflows/reviews': queueRoute,
  'v1/workflows/reviews/counts': countsRoute,
};

function resolveWorkflows(parts: string[]): Target | null {
  const [kind, first, second, action, ...rest] = parts;
  if (rest.length > 0 || !first) return null;
  if (kind === 'runs' && !second) return { module: runRoute, params: { runId: first } };
  if (kind !== 'reviews' || !second) return null;
  const params = { runId: first, blockId: second };
  if (!action) return { module: overlayRoute, params };
  const module = ACTIONS[action];
  return module ? { module, params } : null;
}

function resolve(pathname: string): Target | null {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const fixed = STATIC_ROUTES[parts.join('/')];
  if (fixed) return { module: fixed, params: {} };
  const [v1, workflows, ...rest] = parts;
  return v1 === 'v1' && workflows === 'workflows' ? resolveWorkflows(rest) : null;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  rawBody?: string;
  /** Sent as is; `host` defaults to the server's own, as it does behind Next.js. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the route and hands back its Response unread: for streams, whose body never ends on its own. */
export async function callRoute(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<Response> {
  const url = new URL(path, ORIGIN);
  const target = resolve(url.pathname);
  const handler = target?.module[method];
  if (!target || !handler) throw new Error(`no route for ${method} ${url.pathname}`);
  const headers = new Headers(options.headers);
  if (!headers.has('host')) headers.set('host', url.host);
  if (options.key) headers.set('api-key', options.key);
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const request = new Request(url, { method, headers, body, signal: options.signal });
  return handler(request, { params: Promise.resolve(target.params) });
}

export async function api<T = any>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const response = await callRoute(method, path, options);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
