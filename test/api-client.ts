/**
 * Calls the real route handlers in-process, as Next.js would, so that API tests exercise the
 * wrapper, parsing, service and database exactly as served — without a server to start.
 */
import * as decisionRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/decision/route';
import * as claimRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/claim/route';
import * as releaseRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/release/route';
import * as reopenRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/reopen/route';
import * as revertRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/revert/route';
import * as overlayRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/route';
import * as versionsRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/versions/route';
import * as queueRoute from '@/app/v1/workflows/reviews/route';
import * as runRoute from '@/app/v1/workflows/runs/[runId]/route';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST', Handler>>;

const ACTIONS: Record<string, RouteModule> = {
  versions: versionsRoute,
  decision: decisionRoute,
  claim: claimRoute,
  release: releaseRoute,
  revert: revertRoute,
  reopen: reopenRoute,
};

function resolve(pathname: string): { module: RouteModule; params: Record<string, string> } | null {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [v1, workflows, kind, first, second, action, ...rest] = parts;
  if (v1 !== 'v1' || workflows !== 'workflows' || rest.length > 0) return null;
  if (kind === 'runs' && first && !second) return { module: runRoute, params: { runId: first } };
  if (kind !== 'reviews') return null;
  if (!first) return { module: queueRoute, params: {} };
  if (!second) return null;
  const params = { runId: first, blockId: second };
  if (!action) return { module: overlayRoute, params };
  const module = ACTIONS[action];
  return module ? { module, params } : null;
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
  headers?: Record<string, string>;
}

export async function api<T = any>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const url = new URL(path, 'http://localhost:3000');
  const target = resolve(url.pathname);
  const handler = target?.module[method];
  if (!target || !handler) throw new Error(`no route for ${method} ${url.pathname}`);
  const headers = new Headers(options.headers);
  if (options.key) headers.set('api-key', options.key);
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(target.params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
