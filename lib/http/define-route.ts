/**
 * One spec per endpoint: everything the route wrapper, the OpenAPI document, the typed client,
 * the in-process test router and the server edge need to know about a route. Specs are data; a route
 * file binds one to the service function that answers it (`handle` in api-route.ts).
 */
import type { z } from 'zod';
import type { Action } from '../auth/authorization';
import type { ErrorCode } from '../errors';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Response headers a route documents beyond `x-request-id`, by their OpenAPI component name. */
export type HeaderName = 'ETag' | 'IdempotentReplayed' | 'RetryAfter' | 'SetCookie';

/** What a route answers, when the service result is not simply the JSON body of a 200. */
export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface SuccessSpec {
  /** `204` answers no body at all; every other success answers the route's `response`. */
  status: 200 | 201 | 202 | 204;
  description: string;
  headers?: HeaderName[];
}

export interface ServerSentEventSpec {
  /** The `event:` field. */
  name: string;
  description: string;
  /** The JSON of the `data:` field; needs `.meta({ id })`, as it is published as a component. */
  data: z.ZodType;
}

export interface RouteSpec<
  A extends Action | 'public' = Action | 'public',
  P = unknown,
  Q = unknown,
  B = unknown,
  O = unknown,
  R = unknown,
  X extends boolean = boolean,
> {
  /** The operationId, and the method name of the typed client. */
  name: string;
  method: HttpMethod;
  /** OpenAPI path, placeholders in snake_case: `{run_id}`; the route folder spells it `[runId]`. */
  path: string;
  /** What the caller does, for the role check; `public` routes need no credential at all. */
  action: A;
  tag: string;
  summary: string;
  description: string;
  params?: z.ZodType<P>;
  query?: z.ZodObject & z.ZodType<Q>;
  queryExample?: Record<string, string>;
  body?: z.ZodType<B>;
  bodyExample?: Record<string, unknown>;
  /** The body's limit in bytes, when not the default 1 MiB (a larger one is a 413 all the same). */
  maxBodyBytes?: number;
  /**
   * A body of raw bytes rather than JSON, read by the service itself (with `passRequest`): the
   * media types it takes, for the OpenAPI document.
   */
  rawBody?: { mediaTypes: readonly string[]; description: string };
  /** The JSON body of every success; needs `.meta({ id })`. Absent: a stream, or any object. */
  response?: z.ZodType<O>;
  /** A `text/event-stream` instead of JSON: the events it sends and an example of the stream. */
  events?: { list: ServerSentEventSpec[]; example: string };
  success: SuccessSpec[];
  /** Codes beyond the ones every route of its kind can give (see `errorCodesFor`). */
  errors: ErrorCode[];
  /**
   * The JSON body is also offered as CSV (`Accept: text/csv` or `?format=csv`), one table of it
   * per request (`?table=`): see csv.ts. The query schema declares `format` and `table`.
   */
  csv?: boolean;
  /** The service function is handed the request as its last argument (streams, cookies). */
  passRequest?: X;
  /** Turns the service result into the answer; by default it is the JSON body of a 200. */
  reply?: (result: R) => Reply | Response;
}

// Spelled `any` so that a spec of any input types fits where a route of any kind is expected.
export type AnyRouteSpec = RouteSpec<Action | 'public', any, any, any, any, any, boolean>;

/** Identity, but with the types of params, query, body and result inferred from the spec. */
export function defineRoute<
  A extends Action | 'public',
  P = undefined,
  Q = undefined,
  B = undefined,
  O = unknown,
  R = unknown,
  X extends boolean = false,
>(spec: RouteSpec<A, P, Q, B, O, R, X>): RouteSpec<A, P, Q, B, O, R, X> {
  return spec;
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1] as string);
}

/** `run_id` → `runId`: the key a path parameter has in the route folder and the params schema. */
export function paramKey(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The route's folder under app/: `/v1/workflows/runs/{run_id}` → `v1/workflows/runs/[runId]`. */
export function routeFolder(path: string): string {
  return path.slice(1).replace(/\{([a-z_]+)\}/g, (_, name: string) => `[${paramKey(name)}]`);
}
